// The risk register: every risk — open, accepted (by whom, why, review date), reviews
// overdue, what happened. Risk as an opportunity, managed positively, on the record.
import { z } from 'zod';
import { asDecisionEvent, DECISION_STREAM_PREFIX } from '../src/domain/decisions/decision-events.js';
import { riskReviewed } from '../src/domain/decisions/decision-facts.js';
import { level, party } from '../src/domain/shared/vocabulary.js';
import type { Documents } from './documents.js';
import type { Projection } from './projection.js';
import { answered, provenanceOf, provenanceSchema } from './provenance.js';

export const registeredRiskSchema = z.object({
  decisionId: z.string(),
  decisionTitle: z.string(),
  riskId: z.string(),
  description: z.string(),
  fallsOn: z.array(party),
  likelihood: level,
  impact: level,
  status: z.enum(['open', 'accepted', 'closed']),
  identifiedAt: z.string(),
  acceptedBy: z.array(party).optional(),
  whyWorthTaking: z.string().optional(),
  mitigations: z.array(z.string()).optional(),
  acceptedAt: z.string().optional(),
  /** The acceptance's provenance: who recorded it, for whom and how, and the answers of those it concerns. */
  acceptanceProvenance: provenanceSchema.optional(),
  /** The next review due: the acceptance's review date, or the last review's next date. */
  reviewDue: z.string().optional(),
  reviews: z.array(z.object({ outcome: riskReviewed.shape.outcome, notes: z.string(), at: z.string(), eventId: z.string() })),
  /** Whether the risk happened, from the reviews. */
  happened: z.boolean(),
  eventIds: z.array(z.string()),
});
export type RegisteredRisk = z.infer<typeof registeredRiskSchema>;

/** A risk as listed: with whether its review is overdue, judged against `now`. */
export const riskRowSchema = registeredRiskSchema.extend({ overdue: z.boolean() });
export type RiskRow = z.infer<typeof riskRowSchema>;

export interface RiskRegisterState {
  risks: Documents<RegisteredRisk>;
  /** Each decision's title by decision id, for the risks identified on it. */
  titles: Documents<{ title: string }>;
}

/** The people a risk falls on, named or spoken for: the register's rows for one person. */
function peopleBearing(risk: RegisteredRisk): string[] {
  return [...new Set(risk.fallsOn.flatMap((p) => [p.personId, p.onBehalfOf].filter((id) => id !== undefined)))];
}

/** Only a risk still open or accepted with a review date can be overdue: the flagged answer looks at these alone. */
const REVIEW_PENDING = 'pending';
function reviewPending(risk: RegisteredRisk): string[] {
  return risk.status !== 'closed' && risk.reviewDue !== undefined ? [REVIEW_PENDING] : [];
}

export const riskRegister: Projection<RiskRegisterState> = {
  name: 'risk-register',
  version: 3,
  streamPrefixes: [DECISION_STREAM_PREFIX],
  collections: {
    risks: {
      indexes: {
        decision: (risk) => [risk.decisionId],
        person: peopleBearing,
        status: (risk) => [risk.status],
        reviewPending,
      },
    },
    titles: {},
  },
  evolve(state, stored) {
    const event = asDecisionEvent(stored);
    if (!event) return;
    switch (event.type) {
      case 'DecisionProposed':
        state.titles.set(event.data.decisionId, { title: event.data.title });
        break;
      case 'RiskIdentified': {
        const r = event.data;
        state.risks.set(r.riskId, {
          decisionId: r.decisionId,
          decisionTitle: state.titles.get(r.decisionId)?.title ?? '',
          riskId: r.riskId,
          description: r.description,
          fallsOn: r.fallsOn,
          likelihood: r.likelihood,
          impact: r.impact,
          status: 'open',
          identifiedAt: r.at,
          reviews: [],
          happened: false,
          eventIds: [stored.id],
        });
        break;
      }
      case 'RiskAccepted': {
        const risk = state.risks.get(event.data.riskId);
        if (!risk) break;
        state.risks.set(risk.riskId, {
          ...risk,
          status: 'accepted',
          acceptedBy: event.data.acceptedBy,
          whyWorthTaking: event.data.whyWorthTaking,
          mitigations: event.data.mitigations,
          acceptedAt: event.data.at,
          reviewDue: event.data.reviewDate,
          acceptanceProvenance: provenanceOf(stored, event),
          eventIds: [...risk.eventIds, stored.id],
        });
        break;
      }
      case 'FactConfirmed':
      case 'FactDisputed': {
        const risk = event.data.fact === 'risk-acceptance' ? state.risks.get(event.data.factId) : undefined;
        if (risk?.acceptanceProvenance) state.risks.set(risk.riskId, { ...risk, acceptanceProvenance: answered(risk.acceptanceProvenance, stored, event) });
        break;
      }
      case 'RiskReviewed': {
        const risk = state.risks.get(event.data.riskId);
        if (!risk) break;
        const { outcome, notes, at, nextReviewDate } = event.data;
        const reviewed: RegisteredRisk = {
          ...risk,
          status: outcome === 'closed' ? 'closed' : risk.status,
          reviews: [...risk.reviews, { outcome, notes, at, eventId: stored.id }],
          happened: risk.happened || outcome === 'happened',
          eventIds: [...risk.eventIds, stored.id],
        };
        // A closed risk has no review due; otherwise the review names the next one, or none.
        if (outcome !== 'closed' && nextReviewDate) reviewed.reviewDue = nextReviewDate;
        else delete reviewed.reviewDue;
        state.risks.set(risk.riskId, reviewed);
        break;
      }
      default:
        break;
    }
  },
};

export interface RiskQuery {
  decisionId?: string | undefined;
  status?: RegisteredRisk['status'] | undefined;
  person?: string | undefined;
  overdueOnly?: boolean | undefined;
}

/** Risks with an `overdue` flag computed against `now`. */
export function listRisks(state: RiskRegisterState, now: string, query: RiskQuery = {}): RiskRow[] {
  const nowMs = Date.parse(now);
  return candidatesFor(state, query)
    .map((risk) => ({ ...risk, overdue: risk.status !== 'closed' && risk.reviewDue !== undefined && Date.parse(risk.reviewDue) < nowMs }))
    .filter(
      (risk) =>
        (!query.decisionId || risk.decisionId === query.decisionId) &&
        (!query.status || risk.status === query.status) &&
        (!query.person || risk.fallsOn.some((p) => p.personId === query.person || p.onBehalfOf === query.person)) &&
        (!query.overdueOnly || risk.overdue),
    );
}

/** The risks the query could match, through its narrowest index; every risk only when it names none. */
function candidatesFor({ risks }: RiskRegisterState, query: RiskQuery): RegisteredRisk[] {
  if (query.decisionId) return risks.withIndex('decision', query.decisionId);
  if (query.person) return risks.withIndex('person', query.person);
  if (query.overdueOnly) return risks.withIndex('reviewPending', REVIEW_PENDING);
  if (query.status) return risks.withIndex('status', query.status);
  return [...risks.values()];
}
