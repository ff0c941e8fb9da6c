// A decision's state as its rules need it, folded from its events: what `decide` checks
// (status, kind, organisations, which views, risks and challenges exist) and what other
// streams' commands read of it (its contract and outcome). What readers see is folded by
// the decision-records projection (projections/decision-records.ts).
import { z } from 'zod';
import type { DecisionEvent, DecisionEventData } from './decision-events.js';
import type { DecisionKind, Outcome } from './decision-facts.js';
import type { ConfirmableFact } from '../shared/provenance.js';
import type { Party } from '../shared/vocabulary.js';
import { occurredMs } from '../shared/when-it-happened.js';

export const decisionStatus = z.enum(['proposed', 'deferred', 'decided', 'superseded', 'withdrawn']);
export type DecisionStatus = z.infer<typeof decisionStatus>;

export interface Risk {
  riskId: string;
  status: 'identified' | 'accepted' | 'closed';
  /** The people who bear it, by id. */
  fallsOn: string[];
}

/** A voice a person may confirm or dispute: the people it concerns, and who has answered it. */
export interface Voice {
  fact: ConfirmableFact;
  factId: string;
  people: string[];
  /** People who confirmed or disputed it already: once each. */
  answeredBy: string[];
}

export interface Challenge {
  challengeId: string;
  resolved: boolean;
}

export interface Decision {
  status: DecisionStatus;
  decisionId: string;
  /** When it was proposed: nothing but the information that prepared it happened before. */
  proposedAt: string;
  kind: DecisionKind;
  contractId?: string | undefined;
  /** Providers whose matters this is: the only providers that may act on it. */
  organisations: string[];
  /** The outcome now in force: as made, or as revised after a challenge. */
  outcome?: Outcome;
  /** The views recorded, which the decision's answers must name. */
  viewIds: string[];
  risks: Risk[];
  challenges: Challenge[];
  voices: Voice[];
}

export type DecisionState = { status: 'none' } | Decision;

export const initialDecisionState = (): DecisionState => ({ status: 'none' });

export function evolveDecision(state: DecisionState, event: DecisionEvent): DecisionState {
  if (event.type === 'DecisionProposed') return proposed(event.data);
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'ViewRecorded': {
      const { viewId, by, provenance } = event.data;
      const viewIds = [...state.viewIds, viewId];
      return { ...addVoice(state, 'view', viewId, [personOf(by), provenance?.recordedFor]), viewIds };
    }
    case 'RiskIdentified': {
      const fallsOn = event.data.fallsOn.map(personOf).filter((p): p is string => p !== undefined);
      return { ...state, risks: [...state.risks, { riskId: event.data.riskId, status: 'identified', fallsOn }] };
    }
    case 'RiskAccepted': {
      const { riskId, acceptedBy, provenance } = event.data;
      const risk = state.risks.find((r) => r.riskId === riskId);
      const people = [...(risk?.fallsOn ?? []), ...acceptedBy.map(personOf), provenance?.recordedFor];
      return updateRisk(addVoice(state, 'risk-acceptance', riskId, people), riskId, (r) => ({ ...r, status: 'accepted' }));
    }
    case 'ChangeForPersonRecorded':
      return addVoice(state, 'change', event.data.changeId, [event.data.personId]);
    case 'FactConfirmed':
    case 'FactDisputed': {
      const { fact, factId, personId } = event.data;
      const voices = state.voices.map((v) => (v.fact === fact && v.factId === factId ? { ...v, answeredBy: [...v.answeredBy, personId] } : v));
      return { ...state, voices };
    }
    case 'RiskReviewed': {
      const closed = event.data.outcome === 'closed';
      return updateRisk(state, event.data.riskId, (risk) => ({ ...risk, status: closed ? 'closed' : risk.status }));
    }
    case 'DecisionMade': {
      const { outcome } = event.data;
      return { ...state, outcome, status: outcome === 'deferred' ? 'deferred' : 'decided' };
    }
    case 'DecisionChallenged':
      return { ...state, challenges: [...state.challenges, { challengeId: event.data.challengeId, resolved: false }] };
    case 'ChallengeResolved': {
      const { challengeId, revision } = event.data;
      const challenges = state.challenges.map((c) => (c.challengeId === challengeId ? { ...c, resolved: true } : c));
      const outcome = revision?.outcome ?? state.outcome;
      return { ...state, challenges, ...(outcome ? { outcome } : {}) };
    }
    case 'DecisionSuperseded':
      return { ...state, status: 'superseded' };
    case 'DecisionWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'InformationShared':
    case 'ParticipantInvolved':
    case 'OptionConsidered':
    case 'SupportedDecisionRecorded':
    case 'FeedbackGiven':
    case 'CoproductionReviewed':
      return state;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

function proposed({ decisionId, kind, contractId, organisations, at, occurredAt }: DecisionEventData<'DecisionProposed'>): Decision {
  // Proposed when it happened, if that was before it was recorded: what follows may not be dated earlier.
  const proposedAt = occurredAt === undefined ? at : new Date(occurredMs(occurredAt)).toISOString();
  return { status: 'proposed', decisionId, proposedAt, kind, contractId, organisations, viewIds: [], risks: [], challenges: [], voices: [] };
}

/** The person a party is, or acts for. */
export function personOf(party: Party): string | undefined {
  return party.personId ?? party.onBehalfOf;
}

function addVoice(state: Decision, fact: Voice['fact'], factId: string, people: (string | undefined)[]): Decision {
  const concerned = [...new Set(people.filter((p): p is string => p !== undefined))];
  return { ...state, voices: [...state.voices, { fact, factId, people: concerned, answeredBy: [] }] };
}

function updateRisk(state: Decision, riskId: string, change: (risk: Risk) => Risk): Decision {
  return { ...state, risks: state.risks.map((risk) => (risk.riskId === riskId ? change(risk) : risk)) };
}
