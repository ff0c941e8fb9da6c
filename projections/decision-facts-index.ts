// The facts of each decision in the order they were recorded, each with its event id
// and log position: the evidence the co-production review and the involvement view
// point to. Several projections fold through this one module so they agree.
import { asDecisionEvent } from '../src/domain/decisions/decision-events.js';
import type { DecisionEvent } from '../src/domain/decisions/decision-events.js';
import type { StoredEvent } from '../src/store/event-store.js';

export interface Evidence {
  eventId: string;
  position: number;
  at: string;
}

export type Fact<Type extends DecisionEvent['type']> = Extract<DecisionEvent, { type: Type }>['data'] & Evidence;

export interface DecisionFacts {
  decisionId: string;
  proposed: Fact<'DecisionProposed'>;
  information: Fact<'InformationShared'>[];
  involvement: Fact<'ParticipantInvolved'>[];
  views: Fact<'ViewRecorded'>[];
  risksIdentified: Fact<'RiskIdentified'>[];
  risksAccepted: Fact<'RiskAccepted'>[];
  riskReviews: Fact<'RiskReviewed'>[];
  /** Every DecisionMade, in order (a deferral may be followed by the decision). */
  made: Fact<'DecisionMade'>[];
  feedback: Fact<'FeedbackGiven'>[];
  changes: Fact<'ChangeForPersonRecorded'>[];
  challenges: Fact<'DecisionChallenged'>[];
  resolutions: Fact<'ChallengeResolved'>[];
  coproductionReviews: Fact<'CoproductionReviewed'>[];
  closed?: Fact<'DecisionSuperseded'> | Fact<'DecisionWithdrawn'>;
}

export function newDecisionFacts(event: Fact<'DecisionProposed'>): DecisionFacts {
  return {
    decisionId: event.decisionId,
    proposed: event,
    information: [],
    involvement: [],
    views: [],
    risksIdentified: [],
    risksAccepted: [],
    riskReviews: [],
    made: [],
    feedback: [],
    changes: [],
    challenges: [],
    resolutions: [],
    coproductionReviews: [],
  };
}

/** Adds a stored decision event to the facts kept per decision (in place). */
export function addDecisionFact(decisions: Record<string, DecisionFacts>, stored: StoredEvent): void {
  const event = asDecisionEvent(stored);
  if (!event) return;
  const evidence = { eventId: stored.id, position: stored.position };
  if (event.type === 'DecisionProposed') {
    decisions[event.data.decisionId] = newDecisionFacts({ ...event.data, ...evidence });
    return;
  }
  const facts = decisions[event.data.decisionId];
  if (!facts) return;
  switch (event.type) {
    case 'InformationShared':
      facts.information.push({ ...event.data, ...evidence });
      break;
    case 'ParticipantInvolved':
      facts.involvement.push({ ...event.data, ...evidence });
      break;
    case 'ViewRecorded':
      facts.views.push({ ...event.data, ...evidence });
      break;
    case 'OptionConsidered':
    case 'SupportedDecisionRecorded':
      break;
    case 'RiskIdentified':
      facts.risksIdentified.push({ ...event.data, ...evidence });
      break;
    case 'RiskAccepted':
      facts.risksAccepted.push({ ...event.data, ...evidence });
      break;
    case 'RiskReviewed':
      facts.riskReviews.push({ ...event.data, ...evidence });
      break;
    case 'DecisionMade':
      facts.made.push({ ...event.data, ...evidence });
      break;
    case 'FeedbackGiven':
      facts.feedback.push({ ...event.data, ...evidence });
      break;
    case 'ChangeForPersonRecorded':
      facts.changes.push({ ...event.data, ...evidence });
      break;
    case 'DecisionChallenged':
      facts.challenges.push({ ...event.data, ...evidence });
      break;
    case 'ChallengeResolved':
      facts.resolutions.push({ ...event.data, ...evidence });
      break;
    case 'CoproductionReviewed':
      facts.coproductionReviews.push({ ...event.data, ...evidence });
      break;
    case 'DecisionSuperseded':
    case 'DecisionWithdrawn':
      facts.closed = { ...event.data, ...evidence };
      break;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/** The decision that is in force: the first DecisionMade that was not a deferral. */
export function finalDecision(facts: DecisionFacts): Fact<'DecisionMade'> | undefined {
  return facts.made.find((m) => m.outcome !== 'deferred');
}
