// Timeline: who did what, when. A decision's timeline holds its own events and the
// contract and register events that concern it (a disaggregation decision's contract;
// the people it affects), in log order; the whole timeline is every event once.
// Plain words only: no free text, no need code, no sealed field reaches an entry.
import type { ContractEvent } from '../src/domain/contracts/contract-events.js';
import { asContractEvent, CONTRACT_STREAM_PREFIX } from '../src/domain/contracts/contract-events.js';
import { asDecisionEvent, DECISION_STREAM_PREFIX, type DecisionEventType } from '../src/domain/decisions/decision-events.js';
import { asPersonEvent, PERSON_STREAM_PREFIX, type PersonEvent } from '../src/domain/people/person-events.js';
import type { StoredEvent } from '../src/events/event.js';
import type { Documents } from './documents.js';
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

/** One event's entry, with the decisions whose timelines hold it. */
export interface LoggedEntry {
  entry: TimelineEntry;
  decisions: string[];
}

/** A person's or a contract's events that decisions follow, and the decisions following them. */
export interface Thread {
  /** Its events that join the timelines of decisions following it (a contract's registration does not). */
  eventIds: string[];
  decisions: string[];
}

export interface TimelineState {
  /** Every event's entry once, by event id, in log order (the order each was first set); indexed by the decisions whose timelines hold it (`decision`). */
  entries: Documents<LoggedEntry>;
  /** The decisions seen on the log, by id, so a plan naming an unknown decision joins nothing. */
  decisions: Documents<{ decisionId: string }>;
  /** By person id and by contract id: what a decision proposed later takes in, and whom later events reach. */
  people: Documents<Thread>;
  contracts: Documents<Thread>;
}

const newThread = (): Thread => ({ eventIds: [], decisions: [] });

/** A new decision starts with what was already recorded about its people and (for a disaggregation) its contract, and follows them. */
function openDecision(state: TimelineState, decisionId: string, people: readonly string[], contractId: string | undefined): void {
  state.decisions.set(decisionId, { decisionId });
  const followed = [...[...new Set(people)].map((personId) => [state.people, personId] as const), ...(contractId ? [[state.contracts, contractId] as const] : [])];
  for (const [threads, key] of followed) {
    const thread = follow(threads, key, decisionId);
    for (const eventId of thread.eventIds) {
      const logged = state.entries.get(eventId);
      if (logged && !logged.decisions.includes(decisionId)) state.entries.set(eventId, { ...logged, decisions: [...logged.decisions, decisionId] });
    }
  }
}

function follow(threads: Documents<Thread>, key: string, decisionId: string): Thread {
  const thread = threads.get(key) ?? newThread();
  if (!thread.decisions.includes(decisionId)) threads.set(key, { ...thread, decisions: [...thread.decisions, decisionId] });
  return thread;
}

/** Records an event of a person or a contract and adds it to the timelines of the decisions following them. */
function addToThread(state: TimelineState, threads: Documents<Thread>, key: string, entry: TimelineEntry, joinsDecisions: boolean): void {
  if (!joinsDecisions) {
    state.entries.set(entry.eventId, { entry, decisions: [] });
    return;
  }
  const thread = threads.get(key) ?? newThread();
  threads.set(key, { ...thread, eventIds: [...thread.eventIds, entry.eventId] });
  state.entries.set(entry.eventId, { entry, decisions: [...thread.decisions] });
}

export const timeline: Projection<TimelineState> = {
  name: 'timeline',
  // 2: contract and register events joined the decisions' timelines.
  version: 2,
  streamPrefixes: [DECISION_STREAM_PREFIX, CONTRACT_STREAM_PREFIX, PERSON_STREAM_PREFIX],
  collections: {
    entries: { indexes: { decision: (logged) => logged.decisions } },
    decisions: {},
    people: {},
    contracts: {},
  },
  evolve(state, stored) {
    const entry = describeEvent(stored);
    const contract = asContractEvent(stored);
    if (contract) {
      const { contractId } = contract.data;
      if (contract.type === 'DisaggregationPlanned' && state.decisions.has(contract.data.decisionId)) follow(state.contracts, contractId, contract.data.decisionId);
      // A contract's registration is the contract's own story, not a step of a decision about it.
      addToThread(state, state.contracts, contractId, entry, contract.type !== 'ContractRegistered');
      return;
    }
    const person = asPersonEvent(stored);
    if (person) {
      addToThread(state, state.people, person.data.personId, entry, true);
      return;
    }
    if (!stored.stream.startsWith(DECISION_STREAM_PREFIX)) return;
    const decisionId = stored.stream.slice(DECISION_STREAM_PREFIX.length);
    const decision = asDecisionEvent(stored);
    if (!state.decisions.has(decisionId)) {
      if (decision?.type === 'DecisionProposed') {
        const { affects, kind, contractId } = decision.data;
        openDecision(state, decisionId, affects.people, kind === 'disaggregation' ? contractId : undefined);
      } else {
        state.decisions.set(decisionId, { decisionId });
      }
    }
    state.entries.set(stored.id, { entry, decisions: [decisionId] });
  },
};

/** One decision's timeline, or every event once in the order it was recorded. */
export function timelineQueryAnswer(state: TimelineState, decisionId: string | undefined): TimelineEntry[] {
  if (decisionId) return decisionTimeline(state, decisionId);
  return [...state.entries.values()].map((logged) => logged.entry);
}

/** A decision's timeline in log order: its own events and the contract and register events that concern it. */
export function decisionTimeline(state: TimelineState, decisionId: string): TimelineEntry[] {
  return state.entries.withIndex('decision', decisionId).map((logged) => logged.entry);
}
