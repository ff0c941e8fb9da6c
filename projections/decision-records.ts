// Every decision as recorded: each fact in the order it came, with the outcome in force.
// GET /decisions/:id, the evidence pack and the pages read a decision from here, so the
// decider's state keeps only what its rules need.
import { z } from 'zod';
import { asDecisionEvent, DECISION_STREAM_PREFIX, type DecisionEvent } from '../src/domain/decisions/decision-events.js';
import { decisionStatus } from '../src/domain/decisions/decision.js';
import * as facts from '../src/domain/decisions/decision-facts.js';
import { entityId, isoDateTime } from '../src/domain/shared/vocabulary.js';
import type { Documents } from './documents.js';
import type { Projection } from './projection.js';
import { recorded } from './recorded-shape.js';

const at = { at: isoDateTime };
const informationRecord = facts.informationShared.extend({ ...at, informationId: entityId });
const involvementRecord = facts.participantInvolved.extend({ ...at, involvementId: entityId });
const viewRecord = facts.view.extend({ ...at, viewId: entityId });
const optionRecord = facts.optionConsidered.extend({ ...at, optionId: entityId });
const riskAcceptance = facts.riskAccepted.extend({ ...at, riskId: entityId });
const riskReview = facts.riskReviewed.extend({ ...at, riskId: entityId, reviewId: entityId });
const riskRecord = facts.riskIdentified.extend({
  ...at,
  riskId: entityId,
  status: z.enum(['identified', 'accepted', 'closed']),
  acceptance: riskAcceptance.optional(),
  reviews: z.array(riskReview),
});
const challengeResolution = facts.challengeResolution.extend({ ...at, challengeId: entityId });
const challengeRecord = facts.challenge.extend({ ...at, challengeId: entityId, resolution: challengeResolution.optional() });

const decisionFields = facts.proposal.extend({
  decisionId: entityId,
  status: decisionStatus,
  proposedAt: isoDateTime,
  /** The stream's revision after its last event (the ETag of GET /decisions/:id). */
  revision: z.number().int(),
  information: z.array(informationRecord),
  involvement: z.array(involvementRecord),
  views: z.array(viewRecord),
  options: z.array(optionRecord),
  risks: z.array(riskRecord),
  supportedDecisions: z.array(facts.supportedDecision.extend(at)),
  /** The decision as made (the latest, if it was deferred first). */
  made: facts.decisionMade.extend(at).optional(),
  /** The outcome now in force: as made, or as revised after a challenge. */
  outcome: facts.outcome.optional(),
  feedback: z.array(facts.feedbackGiven.extend({ ...at, feedbackId: entityId })),
  changes: z.array(facts.changeForPerson.extend({ ...at, changeId: entityId })),
  challenges: z.array(challengeRecord),
  coproductionReviews: z.array(facts.coproductionReview.extend({ ...at, reviewId: entityId })),
  superseded: facts.supersession.extend(at).optional(),
  withdrawn: facts.withdrawal.extend(at).optional(),
  /** A person's confirmations and disputes of views, risk acceptances and changes recorded for them (absent until the first). */
  confirmations: z.array(facts.factConfirmation.extend({ ...at, confirmationId: entityId })).optional(),
  disputes: z.array(facts.factDispute.extend({ ...at, disputeId: entityId })).optional(),
});
// The request's fields without its rules: a record answers what was stored, whatever rule came later.
export const decisionRecordSchema = recorded(decisionFields);
export type DecisionRecord = z.infer<typeof decisionRecordSchema>;
type RiskRecord = z.infer<typeof riskRecord>;

export interface DecisionRecordsState {
  decisions: Documents<DecisionRecord>;
}

export const decisionRecords: Projection<DecisionRecordsState> = {
  name: 'decision-records',
  version: 1,
  streamPrefixes: [DECISION_STREAM_PREFIX],
  collections: { decisions: {} },
  evolve(state, stored) {
    const event = asDecisionEvent(stored);
    if (!event) return;
    const record = recordWith(state.decisions.get(event.data.decisionId), event);
    if (record) state.decisions.set(event.data.decisionId, { ...record, revision: stored.revision });
  },
};

export function decisionRecordOf(state: DecisionRecordsState, decisionId: string): DecisionRecord | undefined {
  return state.decisions.get(decisionId);
}

/** One decision's record with one more event (undefined until it is proposed). */
function recordWith(record: DecisionRecord | undefined, event: DecisionEvent): DecisionRecord | undefined {
  if (event.type === 'DecisionProposed') {
    const { at: proposedAt, ...proposal } = event.data;
    return {
      ...proposal,
      status: 'proposed',
      proposedAt,
      revision: 0,
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
  if (!record) return undefined;
  switch (event.type) {
    case 'InformationShared':
      return { ...record, information: [...record.information, strip(event.data)] };
    case 'ParticipantInvolved':
      return { ...record, involvement: [...record.involvement, strip(event.data)] };
    case 'ViewRecorded':
      return { ...record, views: [...record.views, strip(event.data)] };
    case 'OptionConsidered':
      return { ...record, options: [...record.options, strip(event.data)] };
    case 'RiskIdentified':
      return { ...record, risks: [...record.risks, { ...strip(event.data), status: 'identified', reviews: [] }] };
    case 'RiskAccepted': {
      const acceptance = strip(event.data);
      return updateRisk(record, acceptance.riskId, (risk) => ({ ...risk, status: 'accepted', acceptance }));
    }
    case 'RiskReviewed': {
      const review = strip(event.data);
      return updateRisk(record, review.riskId, (risk) => ({ ...risk, status: review.outcome === 'closed' ? 'closed' : risk.status, reviews: [...risk.reviews, review] }));
    }
    case 'SupportedDecisionRecorded':
      return { ...record, supportedDecisions: [...record.supportedDecisions, strip(event.data)] };
    case 'DecisionMade': {
      const made = strip(event.data);
      return { ...record, made, outcome: made.outcome, status: made.outcome === 'deferred' ? 'deferred' : 'decided' };
    }
    case 'FeedbackGiven':
      return { ...record, feedback: [...record.feedback, strip(event.data)] };
    case 'ChangeForPersonRecorded':
      return { ...record, changes: [...record.changes, strip(event.data)] };
    case 'DecisionChallenged':
      return { ...record, challenges: [...record.challenges, strip(event.data)] };
    case 'ChallengeResolved': {
      const resolution = strip(event.data);
      const challenges = record.challenges.map((c) => (c.challengeId === resolution.challengeId ? { ...c, resolution } : c));
      const outcome = resolution.revision?.outcome ?? record.outcome;
      return { ...record, challenges, ...(outcome ? { outcome } : {}) };
    }
    case 'CoproductionReviewed':
      return { ...record, coproductionReviews: [...record.coproductionReviews, strip(event.data)] };
    case 'DecisionSuperseded':
      return { ...record, status: 'superseded', superseded: strip(event.data) };
    case 'DecisionWithdrawn':
      return { ...record, status: 'withdrawn', withdrawn: strip(event.data) };
    case 'FactConfirmed':
      return { ...record, confirmations: [...(record.confirmations ?? []), strip(event.data)] };
    case 'FactDisputed':
      return { ...record, disputes: [...(record.disputes ?? []), strip(event.data)] };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/** The decision id is the record's; its facts do not repeat it. */
function strip<T extends { decisionId: string }>(data: T): Omit<T, 'decisionId'> {
  const { decisionId: _decisionId, ...rest } = data;
  return rest;
}

function updateRisk(record: DecisionRecord, riskId: string, change: (risk: RiskRecord) => RiskRecord): DecisionRecord {
  return { ...record, risks: record.risks.map((risk) => (risk.riskId === riskId ? change(risk) : risk)) };
}
