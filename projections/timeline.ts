// Timeline: who did what, when. A decision's timeline holds its own events and the
// contract and register events that concern it (a disaggregation decision's contract;
// the people it affects), in log order; the whole timeline is every event once.
// Plain words only: no free text, no need code, no sealed field reaches an entry.
import type { ContractEvent } from '../src/domain/contracts/contract-events.js';
import { asContractEvent, CONTRACT_STREAM_PREFIX } from '../src/domain/contracts/contract-events.js';
import { asDecisionEvent, DECISION_STREAM_PREFIX, type DecisionEventType } from '../src/domain/decisions/decision-events.js';
import { asPersonEvent, PERSON_STREAM_PREFIX, type PersonEvent } from '../src/domain/people/person-events.js';
import type { StoredEvent } from '../src/events/event.js';
import type { Projection } from './projection.js';

export interface TimelineEntry {
  position: number;
  eventId: string;
  at: string;
  stream: string;
  type: string;
  what: string;
  who: { name?: string | undefined; role: string; organisation?: string | undefined } | undefined;
}

/** Plain words for each decision event: no free text from the record, so a timeline never leaks a view or a name. */
const decisionSentences: Record<DecisionEventType, string> = {
  DecisionProposed: 'proposed the decision',
  InformationShared: 'shared information',
  ParticipantInvolved: 'recorded who was involved',
  ViewRecorded: 'recorded a view',
  OptionConsidered: 'recorded an option considered',
  RiskIdentified: 'identified a risk',
  RiskAccepted: 'accepted a risk',
  RiskReviewed: 'reviewed a risk',
  SupportedDecisionRecorded: 'recorded a supported decision',
  DecisionMade: 'made the decision',
  FeedbackGiven: 'gave feedback',
  ChangeForPersonRecorded: 'recorded what changed for a person',
  DecisionChallenged: 'challenged the decision',
  ChallengeResolved: 'resolved a challenge',
  CoproductionReviewed: 'reviewed co-production',
  DecisionSuperseded: 'marked the decision superseded',
  DecisionWithdrawn: 'withdrew the decision',
  FactConfirmed: 'recorded that a person confirmed what was recorded for them',
  FactDisputed: 'recorded that a person disputed what was recorded for them',
};

/** Contract events name people only by pseudonymous id, as the contracts projection does; no money, no reasons. */
function contractSentence(event: ContractEvent): string {
  switch (event.type) {
    case 'ContractRegistered':
      return 'registered the contract';
    case 'DisaggregationPlanned':
      return 'planned the disaggregation of the contract';
    case 'IndividualBudgetAllocated':
      return `allocated an individual budget for ${event.data.personId}`;
    case 'PersonMovedToNewArrangement':
      return `moved ${event.data.personId} to a new arrangement`;
    case 'AllocationEnded':
      return `ended an allocation for ${event.data.personId}`;
    case 'ContractVaried':
      return 'varied the contract';
    case 'ContractEnded':
      return 'ended the contract';
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/** Register events carry sealed personal fields and need codes: the sentence uses the pseudonymous id alone. */
function personSentence(event: PersonEvent): string {
  const { personId } = event.data;
  switch (event.type) {
    case 'PersonRegistered':
      return `registered ${personId}`;
    case 'CommunicationNeedsRecorded':
      return `recorded communication needs for ${personId}`;
    case 'SupportingProvidersChanged':
      return `changed who supports ${personId}`;
    case 'PersonalDataErased':
      return `erased the personal data of ${personId}`;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

function sentenceFor(stored: StoredEvent): string {
  const decision = asDecisionEvent(stored);
  if (decision?.type === 'DecisionMade') return `made the decision: ${decision.data.outcome}`;
  if (decision?.type === 'ViewRecorded') return `recorded a view (${decision.data.stance})`;
  if (decision) return decisionSentences[decision.type];
  const contract = asContractEvent(stored);
  if (contract) return contractSentence(contract);
  const person = asPersonEvent(stored);
  if (person) return personSentence(person);
  return stored.type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

export function describeEvent(stored: StoredEvent): TimelineEntry {
  const data = stored.data;
  const at = typeof data === 'object' && data !== null && 'at' in data && typeof data.at === 'string' ? data.at : stored.recordedAt;
  const actor = stored.metadata.actor;
  return {
    position: stored.position,
    eventId: stored.id,
    at,
    stream: stored.stream,
    type: stored.type,
    what: sentenceFor(stored),
    who: actor ? { name: actor.name, role: actor.role, organisation: actor.organisation } : undefined,
  };
}

export interface TimelineState {
  /** Each decision's timeline, in log order: its own events and the contract and register events that concern it. */
  decisions: Record<string, TimelineEntry[]>;
  /** Each contract's and each person's entries, kept so a decision proposed later still shows what came before it. */
  contracts: Record<string, TimelineEntry[]>;
  people: Record<string, TimelineEntry[]>;
  /** The decisions each contract's events concern: disaggregation decisions naming it, and the one its plan carries out. */
  decisionsByContract: Record<string, string[]>;
  decisionsByPerson: Record<string, string[]>;
}

function link(links: Record<string, string[]>, key: string, decisionId: string): void {
  const decisions = (links[key] ??= []);
  if (!decisions.includes(decisionId)) decisions.push(decisionId);
}

function appendToDecisions(state: TimelineState, decisionIds: readonly string[], entry: TimelineEntry): void {
  for (const decisionId of decisionIds) state.decisions[decisionId]?.push(entry);
}

/** A new decision starts with what was already recorded about its people and (for a disaggregation) its contract. */
function openDecision(state: TimelineState, decisionId: string, people: readonly string[], contractId: string | undefined): TimelineEntry[] {
  for (const personId of people) link(state.decisionsByPerson, personId, decisionId);
  if (contractId) link(state.decisionsByContract, contractId, decisionId);
  const earlier = [...people.flatMap((personId) => state.people[personId] ?? []), ...(contractId ? concerningDecisions(state.contracts[contractId] ?? []) : [])];
  return uniqueInLogOrder(earlier);
}

/** A contract's registration is the contract's own story, not a step of a decision about it. */
const concerningDecisions = (entries: readonly TimelineEntry[]) => entries.filter((entry) => entry.type !== 'ContractRegistered');

function uniqueInLogOrder(entries: readonly TimelineEntry[]): TimelineEntry[] {
  const byEventId = new Map(entries.map((entry) => [entry.eventId, entry]));
  return [...byEventId.values()].sort((a, b) => a.position - b.position);
}

export const timeline: Projection<TimelineState> = {
  name: 'timeline',
  // 2: contract and register events joined the decisions' timelines.
  version: 2,
  streamPrefixes: [DECISION_STREAM_PREFIX, CONTRACT_STREAM_PREFIX, PERSON_STREAM_PREFIX],
  initialState: () => ({ decisions: {}, contracts: {}, people: {}, decisionsByContract: {}, decisionsByPerson: {} }),
  evolve(state, stored) {
    const entry = describeEvent(stored);
    const contract = asContractEvent(stored);
    if (contract) {
      const { contractId } = contract.data;
      (state.contracts[contractId] ??= []).push(entry);
      if (contract.type === 'DisaggregationPlanned' && state.decisions[contract.data.decisionId]) link(state.decisionsByContract, contractId, contract.data.decisionId);
      if (contract.type !== 'ContractRegistered') appendToDecisions(state, state.decisionsByContract[contractId] ?? [], entry);
      return state;
    }
    const person = asPersonEvent(stored);
    if (person) {
      const { personId } = person.data;
      (state.people[personId] ??= []).push(entry);
      appendToDecisions(state, state.decisionsByPerson[personId] ?? [], entry);
      return state;
    }
    if (!stored.stream.startsWith(DECISION_STREAM_PREFIX)) return state;
    const decisionId = stored.stream.slice(DECISION_STREAM_PREFIX.length);
    const decision = asDecisionEvent(stored);
    if (decision?.type === 'DecisionProposed' && !state.decisions[decisionId]) {
      const { affects, kind, contractId } = decision.data;
      state.decisions[decisionId] = openDecision(state, decisionId, affects.people, kind === 'disaggregation' ? contractId : undefined);
    }
    (state.decisions[decisionId] ??= []).push(entry);
    return state;
  },
};

/** One decision's timeline, or every event once in the order it was recorded. */
export function timelineQueryAnswer(state: TimelineState, decisionId: string | undefined): TimelineEntry[] {
  if (decisionId) return state.decisions[decisionId] ?? [];
  return uniqueInLogOrder([...Object.values(state.decisions).flat(), ...Object.values(state.contracts).flat(), ...Object.values(state.people).flat()]);
}
