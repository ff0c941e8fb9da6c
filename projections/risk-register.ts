// The risk register: every risk — open, accepted (by whom, why, review date), reviews
// overdue, what happened. Risk as an opportunity, managed positively, on the record.
import { z } from 'zod';
import { asDecisionEvent, DECISION_STREAM_PREFIX } from '../src/domain/decisions/decision-events.js';
import { riskReviewed } from '../src/domain/decisions/decision-facts.js';
import { level, party } from '../src/domain/shared/vocabulary.js';
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
  risks: Record<string, RegisteredRisk>;
  titles: Record<string, string>;
  /** Risk ids per decision, so one decision's risks are found without scanning them all. */
  byDecision: Record<string, string[]>;
}

export const riskRegister: Projection<RiskRegisterState> = {
  name: 'risk-register',
  version: 3,
  streamPrefixes: [DECISION_STREAM_PREFIX],
  initialState: () => ({ risks: {}, titles: {}, byDecision: {} }),
  evolve(state, stored) {
    const event = asDecisionEvent(stored);
    if (!event) return state;
    switch (event.type) {
      case 'DecisionProposed':
        state.titles[event.data.decisionId] = event.data.title;
        break;
      case 'RiskIdentified': {
        const r = event.data;
        state.risks[r.riskId] = {
          decisionId: r.decisionId,
          decisionTitle: state.titles[r.decisionId] ?? '',
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
        };
        (state.byDecision[r.decisionId] ??= []).push(r.riskId);
        break;
      }
      case 'RiskAccepted': {
        const risk = state.risks[event.data.riskId];
        if (!risk) break;
        Object.assign(risk, {
          status: 'accepted',
          acceptedBy: event.data.acceptedBy,
          whyWorthTaking: event.data.whyWorthTaking,
          mitigations: event.data.mitigations,
          acceptedAt: event.data.at,
          reviewDue: event.data.reviewDate,
          acceptanceProvenance: provenanceOf(stored, event),
        });
        risk.eventIds.push(stored.id);
        break;
      }
      case 'FactConfirmed':
      case 'FactDisputed': {
        const risk = event.data.fact === 'risk-acceptance' ? state.risks[event.data.factId] : undefined;
        if (risk?.acceptanceProvenance) risk.acceptanceProvenance = answered(risk.acceptanceProvenance, stored, event);
        break;
      }
      case 'RiskReviewed': {
        const risk = state.risks[event.data.riskId];
        if (!risk) break;
        const { outcome, notes, at, nextReviewDate } = event.data;
        risk.reviews.push({ outcome, notes, at, eventId: stored.id });
        risk.eventIds.push(stored.id);
        if (outcome === 'happened') risk.happened = true;
        if (outcome === 'closed') {
          risk.status = 'closed';
          delete risk.reviewDue;
        } else if (nextReviewDate) risk.reviewDue = nextReviewDate;
        else delete risk.reviewDue;
        break;
      }
      default:
        break;
    }
    return state;
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
  const candidates = query.decisionId ? (state.byDecision[query.decisionId] ?? []).flatMap((id) => state.risks[id] ?? []) : Object.values(state.risks);
  return candidates
    .map((risk) => ({ ...risk, overdue: risk.status !== 'closed' && risk.reviewDue !== undefined && Date.parse(risk.reviewDue) < nowMs }))
    .filter(
      (risk) =>
        (!query.decisionId || risk.decisionId === query.decisionId) &&
        (!query.status || risk.status === query.status) &&
        (!query.person || risk.fallsOn.some((p) => p.personId === query.person || p.onBehalfOf === query.person)) &&
        (!query.overdueOnly || risk.overdue),
    );
}
