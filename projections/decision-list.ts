// Every decision in one line: what GET /decisions lists and filters (kind, status, contract).
import { z } from 'zod';
import { asDecisionEvent, DECISION_STREAM_PREFIX } from '../src/domain/decisions/decision-events.js';
import { decisionKind, outcome, type DecisionKind } from '../src/domain/decisions/decision-facts.js';
import { decisionStatus, type DecisionStatus } from '../src/domain/decisions/decision.js';
import type { Projection } from './projection.js';

export const decisionSummarySchema = z.object({
  decisionId: z.string(),
  kind: decisionKind,
  title: z.string(),
  status: decisionStatus,
  outcome: outcome.optional(),
  contractId: z.string().optional(),
  organisations: z.array(z.string()),
  people: z.array(z.string()),
  proposedAt: z.string(),
  decidedAt: z.string().optional(),
  reviewDate: z.string().optional(),
  lastChangedAt: z.string(),
  lastPosition: z.number(),
});
export type DecisionSummary = z.infer<typeof decisionSummarySchema>;

export interface DecisionListState {
  decisions: Record<string, DecisionSummary>;
}

export const decisionList: Projection<DecisionListState> = {
  name: 'decision-list',
  version: 1,
  streamPrefixes: [DECISION_STREAM_PREFIX],
  initialState: () => ({ decisions: {} }),
  evolve(state, stored) {
    const event = asDecisionEvent(stored);
    if (!event) return state;
    if (event.type === 'DecisionProposed') {
      const d = event.data;
      state.decisions[d.decisionId] = {
        decisionId: d.decisionId,
        kind: d.kind,
        title: d.title,
        status: 'proposed',
        ...(d.contractId ? { contractId: d.contractId } : {}),
        organisations: d.organisations,
        people: d.affects.people,
        proposedAt: d.at,
        lastChangedAt: d.at,
        lastPosition: stored.position,
      };
      return state;
    }
    const summary = state.decisions[event.data.decisionId];
    if (!summary) return state;
    summary.lastChangedAt = event.data.at;
    summary.lastPosition = stored.position;
    switch (event.type) {
      case 'DecisionMade':
        summary.status = event.data.outcome === 'deferred' ? 'deferred' : 'decided';
        summary.outcome = event.data.outcome;
        summary.decidedAt = event.data.at;
        summary.reviewDate = event.data.reviewDate;
        break;
      case 'ChallengeResolved':
        if (event.data.revision) summary.outcome = event.data.revision.outcome;
        break;
      case 'DecisionSuperseded':
        summary.status = 'superseded';
        break;
      case 'DecisionWithdrawn':
        summary.status = 'withdrawn';
        break;
      default:
        break;
    }
    return state;
  },
};

export interface DecisionListFilter {
  kind?: DecisionKind | undefined;
  status?: DecisionStatus | undefined;
  contractId?: string | undefined;
  organisation?: string | undefined;
  person?: string | undefined;
}

/** Newest first. */
export function listDecisions(state: DecisionListState, filter: DecisionListFilter = {}): DecisionSummary[] {
  return Object.values(state.decisions)
    .filter(
      (d) =>
        (!filter.kind || d.kind === filter.kind) &&
        (!filter.status || d.status === filter.status) &&
        (!filter.contractId || d.contractId === filter.contractId) &&
        (!filter.organisation || d.organisations.includes(filter.organisation)) &&
        (!filter.person || d.people.includes(filter.person)),
    )
    .sort((a, b) => b.lastPosition - a.lastPosition);
}

