// The facts of each decision in the order they were recorded, each with its event id
// and log position: the evidence the co-production review and the involvement view
// point to. Several projections fold through this one module so they agree.
import { asDecisionEvent } from '../src/domain/decisions/decision-events.js';
import type { DecisionEvent } from '../src/domain/decisions/decision-events.js';
import type { ConfirmableFact } from '../src/domain/shared/provenance.js';
import { occurredMs } from '../src/domain/shared/when-it-happened.js';
import type { Party } from '../src/domain/shared/vocabulary.js';
import type { StoredEvent } from '../src/events/event.js';
import type { Documents } from './documents.js';

export interface Evidence {
  eventId: string;
  position: number;
  /** When it was recorded. */
  at: string;
  /** When it happened: as sent (`occurredAt`, or an information's `sharedAt`), else when it was recorded. */
  happenedAt: string;
  /** Recorded by the person's own token (a self-advocate token names only its own person), not by someone else. */
  byThePerson: boolean;
  /** Whom someone else recorded it for, when they said so. */
  recordedFor?: string;
}

type Data<Type extends DecisionEvent['type']> = Extract<DecisionEvent, { type: Type }>['data'];

/**
 * Only the fields the checks read, with the evidence: the full text of views, reasons and
 * notes stays in the log (and in the decision's own record), not in every projection's
 * documents. Over a million events that is most of what a rebuild writes.
 */
export type Fact<Type extends DecisionEvent['type'], Field extends keyof Data<Type> = never> = Pick<Data<Type>, Field> & Evidence;

export interface DecisionFacts {
  decisionId: string;
  proposed: Fact<'DecisionProposed', 'title'>;
  /** With the people it was shared with (or with someone acting for them), by id. */
  information: (Fact<'InformationShared', 'format' | 'timing'> & { sharedWithPeople: string[] })[];
  involvement: Fact<'ParticipantInvolved', 'participant' | 'stage' | 'rung' | 'support'>[];
  views: Fact<'ViewRecorded', 'viewId' | 'by'>[];
  /** The helpers each person chose, from their supported decisions. */
  chosenHelpers: Record<string, Party[]>;
  /** Confirmations and disputes, by the fact they answer. */
  answers: { fact: ConfirmableFact; factId: string; personId: string; disputed: boolean; eventId: string }[];
  risksIdentified: (Fact<'RiskIdentified', 'riskId'> & { fallsOnPeople: string[] })[];
  risksAccepted: (Fact<'RiskAccepted', 'riskId' | 'reviewDate' | 'acceptedBy'> & { acceptedByPeople: string[] })[];
  riskReviews: Fact<'RiskReviewed', 'riskId' | 'outcome' | 'nextReviewDate'>[];
  /** Every DecisionMade, in order (a deferral may be followed by the decision); answers by view id only. */
  made: (Fact<'DecisionMade', 'outcome' | 'claimedRung' | 'reviewDate'> & { answers: { viewId: string }[] })[];
  feedback: Fact<'FeedbackGiven'>[];
  changes: Fact<'ChangeForPersonRecorded', 'changeId' | 'personId'>[];
  challenges: Fact<'DecisionChallenged', 'challengeId'>[];
  resolutions: (Fact<'ChallengeResolved', 'challengeId' | 'finding' | 'panel'> & { revised: boolean })[];
  /** Set when a later decision superseded this one (the log position). */
  supersededAt?: number;
  coproductionReviews: Fact<'CoproductionReviewed', 'by' | 'rungReached' | 'comments'>[];
  closed?: Fact<'DecisionSuperseded'> | Fact<'DecisionWithdrawn'>;
}

export function newDecisionFacts(decisionId: string, proposed: DecisionFacts['proposed']): DecisionFacts {
  return {
    decisionId,
    proposed,
    information: [],
    involvement: [],
    views: [],
    chosenHelpers: {},
    answers: [],
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

/** Adds a stored decision event to the facts kept per decision. */
export function addDecisionFact(decisions: Documents<DecisionFacts>, stored: StoredEvent): void {
  const event = asDecisionEvent(stored);
  if (!event) return;
  const evidence = evidenceOf(stored, event);
  if (event.type === 'DecisionProposed') {
    decisions.set(event.data.decisionId, newDecisionFacts(event.data.decisionId, { title: event.data.title, ...evidence }));
    return;
  }
  const facts = decisions.get(event.data.decisionId);
  if (!facts) return;
  if (withFact(facts, event, stored, evidence)) decisions.set(event.data.decisionId, facts);
}

/** Adds one event to a decision's facts in place; false when the event adds no fact. */
function withFact(facts: DecisionFacts, event: DecisionEvent, stored: StoredEvent, evidence: Evidence): boolean {
  switch (event.type) {
    case 'InformationShared': {
      const { sharedWith, format, timing } = event.data;
      facts.information.push({ sharedWithPeople: peopleAmong(sharedWith), format, timing, ...evidence });
      break;
    }
    case 'ParticipantInvolved': {
      const { participant, stage, rung, support } = event.data;
      facts.involvement.push({ participant, stage, rung, support, ...evidence });
      break;
    }
    case 'ViewRecorded':
      facts.views.push({ viewId: event.data.viewId, by: event.data.by, ...evidence });
      break;
    case 'DecisionProposed':
    case 'OptionConsidered':
      return false;
    case 'SupportedDecisionRecorded': {
      const { personId, chosenHelpers } = event.data;
      facts.chosenHelpers[personId] = [...(facts.chosenHelpers[personId] ?? []), ...chosenHelpers];
      break;
    }
    case 'RiskIdentified':
      facts.risksIdentified.push({ riskId: event.data.riskId, fallsOnPeople: peopleAmong(event.data.fallsOn), ...evidence });
      break;
    case 'RiskAccepted': {
      const { riskId, acceptedBy, reviewDate } = event.data;
      facts.risksAccepted.push({ riskId, acceptedBy, acceptedByPeople: peopleAmong(acceptedBy), reviewDate, ...evidence });
      break;
    }
    case 'RiskReviewed': {
      const { riskId, outcome, nextReviewDate } = event.data;
      facts.riskReviews.push({ riskId, outcome, ...(nextReviewDate ? { nextReviewDate } : {}), ...evidence });
      break;
    }
    case 'DecisionMade': {
      const { outcome, claimedRung, reviewDate, answers } = event.data;
      facts.made.push({ outcome, claimedRung, reviewDate, answers: answers.map((a) => ({ viewId: a.viewId })), ...evidence });
      break;
    }
    case 'FeedbackGiven':
      facts.feedback.push(evidence);
      break;
    case 'ChangeForPersonRecorded':
      facts.changes.push({ changeId: event.data.changeId, personId: event.data.personId, ...evidence });
      break;
    case 'DecisionChallenged':
      facts.challenges.push({ challengeId: event.data.challengeId, ...evidence });
      break;
    case 'ChallengeResolved': {
      const { challengeId, finding, panel, revision } = event.data;
      facts.resolutions.push({ challengeId, finding, panel, revised: revision !== undefined, ...evidence });
      break;
    }
    case 'FactConfirmed':
    case 'FactDisputed': {
      const { fact, factId, personId } = event.data;
      facts.answers.push({ fact, factId, personId, disputed: event.type === 'FactDisputed', eventId: stored.id });
      break;
    }
    case 'CoproductionReviewed': {
      const { by, rungReached, comments } = event.data;
      facts.coproductionReviews.push({ by, rungReached, comments, ...evidence });
      break;
    }
    case 'DecisionSuperseded':
      facts.closed = evidence;
      facts.supersededAt = stored.position;
      break;
    case 'DecisionWithdrawn':
      facts.closed = evidence;
      break;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
  return true;
}

/** Where an event sits in the log, when it was recorded and when it happened, and who recorded it for whom. */
export function evidenceOf(stored: StoredEvent, event: DecisionEvent): Evidence {
  const sent = event.data;
  const happenedAt = ('occurredAt' in sent ? sent.occurredAt : undefined) ?? ('sharedAt' in sent ? sent.sharedAt : undefined) ?? sent.at;
  const recordedFor = 'provenance' in sent ? sent.provenance?.recordedFor : undefined;
  return {
    eventId: stored.id,
    position: stored.position,
    at: sent.at,
    happenedAt,
    byThePerson: stored.metadata.actor?.role === 'self-advocate',
    ...(recordedFor ? { recordedFor } : {}),
  };
}

/**
 * "What had happened by" a time, as opposed to "what the record said on" it (`within` in the
 * projection runner): a decision event counts from when it happened (its `occurredAt`, or an
 * information's `sharedAt`), so a meeting recorded late is in it; every other event, from when
 * it was recorded.
 */
export function happenedBy(time: string): (stored: StoredEvent) => boolean {
  const until = Date.parse(time);
  return (stored) => {
    const event = asDecisionEvent(stored);
    const happenedAt = event ? evidenceOf(stored, event).happenedAt : stored.recordedAt;
    return occurredMs(happenedAt) <= until;
  };
}

/** The person a party is, or acts for. */
export function personOf(party: Party): string | undefined {
  return party.personId ?? party.onBehalfOf;
}

function peopleAmong(parties: readonly Party[]): string[] {
  return parties.map(personOf).filter((p): p is string => p !== undefined);
}

/** The decision that is in force: the first DecisionMade that was not a deferral. */
export function finalDecision(facts: Pick<DecisionFacts, 'made'>): DecisionFacts['made'][number] | undefined {
  return facts.made.find((m) => m.outcome !== 'deferred');
}
