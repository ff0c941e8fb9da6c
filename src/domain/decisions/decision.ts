// A decision's current state, folded from its events. It is also what
// GET /decisions/:id returns, so it keeps every fact in the order it was recorded.
import type { DecisionEvent, DecisionEventData } from './decision-events.js';
import type { Outcome } from './decision-facts.js';

type Data<T extends DecisionEvent['type']> = Omit<DecisionEventData<T>, 'decisionId'>;

export type DecisionStatus = 'proposed' | 'deferred' | 'decided' | 'superseded' | 'withdrawn';

export interface Risk extends Data<'RiskIdentified'> {
  status: 'identified' | 'accepted' | 'closed';
  acceptance?: Data<'RiskAccepted'>;
  reviews: Data<'RiskReviewed'>[];
}

export interface Challenge extends Data<'DecisionChallenged'> {
  resolution?: Data<'ChallengeResolved'>;
}

export interface Decision extends Omit<Data<'DecisionProposed'>, 'at'> {
  status: DecisionStatus;
  decisionId: string;
  proposedAt: string;
  information: Data<'InformationShared'>[];
  involvement: Data<'ParticipantInvolved'>[];
  views: Data<'ViewRecorded'>[];
  options: Data<'OptionConsidered'>[];
  risks: Risk[];
  supportedDecisions: Data<'SupportedDecisionRecorded'>[];
  /** The decision as made (the latest, if it was deferred first). */
  made?: Data<'DecisionMade'>;
  /** The outcome now in force: as made, or as revised after a challenge. */
  outcome?: Outcome;
  feedback: Data<'FeedbackGiven'>[];
  changes: Data<'ChangeForPersonRecorded'>[];
  challenges: Challenge[];
  coproductionReviews: Data<'CoproductionReviewed'>[];
  superseded?: Data<'DecisionSuperseded'>;
  withdrawn?: Data<'DecisionWithdrawn'>;
}

export type DecisionState = { status: 'none' } | Decision;

export const initialDecisionState = (): DecisionState => ({ status: 'none' });

export function evolveDecision(state: DecisionState, event: DecisionEvent): DecisionState {
  if (event.type === 'DecisionProposed') {
    const { at, ...proposal } = event.data;
    return {
      ...proposal,
      status: 'proposed',
      proposedAt: at,
      information: [],
      involvement: [],
      views: [],
      options: [],
      risks: [],
      supportedDecisions: [],
      feedback: [],
      changes: [],
      challenges: [],
      coproductionReviews: [],
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'InformationShared':
      return { ...state, information: [...state.information, strip(event.data)] };
    case 'ParticipantInvolved':
      return { ...state, involvement: [...state.involvement, strip(event.data)] };
    case 'ViewRecorded':
      return { ...state, views: [...state.views, strip(event.data)] };
    case 'OptionConsidered':
      return { ...state, options: [...state.options, strip(event.data)] };
    case 'RiskIdentified':
      return { ...state, risks: [...state.risks, { ...strip(event.data), status: 'identified', reviews: [] }] };
    case 'RiskAccepted': {
      const acceptance = strip(event.data);
      return updateRisk(state, event.data.riskId, (risk) => ({ ...risk, status: 'accepted', acceptance }));
    }
    case 'RiskReviewed': {
      const review = strip(event.data);
      return updateRisk(state, event.data.riskId, (risk) => ({
        ...risk,
        status: review.outcome === 'closed' ? 'closed' : risk.status,
        reviews: [...risk.reviews, review],
      }));
    }
    case 'SupportedDecisionRecorded':
      return { ...state, supportedDecisions: [...state.supportedDecisions, strip(event.data)] };
    case 'DecisionMade': {
      const made = strip(event.data);
      return { ...state, made, outcome: made.outcome, status: made.outcome === 'deferred' ? 'deferred' : 'decided' };
    }
    case 'FeedbackGiven':
      return { ...state, feedback: [...state.feedback, strip(event.data)] };
    case 'ChangeForPersonRecorded':
      return { ...state, changes: [...state.changes, strip(event.data)] };
    case 'DecisionChallenged':
      return { ...state, challenges: [...state.challenges, strip(event.data)] };
    case 'ChallengeResolved': {
      const resolution = strip(event.data);
      const challenges = state.challenges.map((c) => (c.challengeId === resolution.challengeId ? { ...c, resolution } : c));
      const outcome = resolution.revision?.outcome ?? state.outcome;
      return { ...state, challenges, ...(outcome ? { outcome } : {}) };
    }
    case 'CoproductionReviewed':
      return { ...state, coproductionReviews: [...state.coproductionReviews, strip(event.data)] };
    case 'DecisionSuperseded':
      return { ...state, status: 'superseded', superseded: strip(event.data) };
    case 'DecisionWithdrawn':
      return { ...state, status: 'withdrawn', withdrawn: strip(event.data) };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/** The decision id is the stream's; the state does not repeat it in every fact. */
function strip<T extends { decisionId: string }>(data: T): Omit<T, 'decisionId'> {
  const { decisionId: _decisionId, ...rest } = data;
  return rest;
}

function updateRisk(state: Decision, riskId: string, change: (risk: Risk) => Risk): Decision {
  return { ...state, risks: state.risks.map((risk) => (risk.riskId === riskId ? change(risk) : risk)) };
}
