// A decision's state as its rules need it, folded from its events: what `decide` checks
// (status, kind, organisations, which views, risks and challenges exist) and what other
// streams' commands read of it (its contract and outcome). What readers see is folded by
// the decision-records projection (projections/decision-records.ts).
import { z } from 'zod';
import type { DecisionEvent, DecisionEventData } from './decision-events.js';
import type { DecisionKind, Outcome } from './decision-facts.js';

export const decisionStatus = z.enum(['proposed', 'deferred', 'decided', 'superseded', 'withdrawn']);
export type DecisionStatus = z.infer<typeof decisionStatus>;

export interface Risk {
  riskId: string;
  status: 'identified' | 'accepted' | 'closed';
}

export interface Challenge {
  challengeId: string;
  resolved: boolean;
}

export interface Decision {
  status: DecisionStatus;
  decisionId: string;
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
}

export type DecisionState = { status: 'none' } | Decision;

export const initialDecisionState = (): DecisionState => ({ status: 'none' });

export function evolveDecision(state: DecisionState, event: DecisionEvent): DecisionState {
  if (event.type === 'DecisionProposed') return proposed(event.data);
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'ViewRecorded':
      return { ...state, viewIds: [...state.viewIds, event.data.viewId] };
    case 'RiskIdentified':
      return { ...state, risks: [...state.risks, { riskId: event.data.riskId, status: 'identified' }] };
    case 'RiskAccepted':
      return updateRisk(state, event.data.riskId, (risk) => ({ ...risk, status: 'accepted' }));
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
    case 'ChangeForPersonRecorded':
    case 'CoproductionReviewed':
      return state;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

function proposed({ decisionId, kind, contractId, organisations }: DecisionEventData<'DecisionProposed'>): Decision {
  return { status: 'proposed', decisionId, kind, contractId, organisations, viewIds: [], risks: [], challenges: [] };
}

function updateRisk(state: Decision, riskId: string, change: (risk: Risk) => Risk): Decision {
  return { ...state, risks: state.risks.map((risk) => (risk.riskId === riskId ? change(risk) : risk)) };
}
