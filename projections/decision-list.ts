// Every decision in one line: what GET /decisions lists and filters (kind, status, contract).
import { z } from 'zod';
import { asDecisionEvent, DECISION_STREAM_PREFIX } from '../src/domain/decisions/decision-events.js';
import { decisionKind, outcome, type DecisionKind } from '../src/domain/decisions/decision-facts.js';
import { decisionStatus, type DecisionStatus } from '../src/domain/decisions/decision.js';
import type { Documents } from './documents.js';
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
  decisions: Documents<DecisionSummary>;
}

export const decisionList: Projection<DecisionListState> = {
  name: 'decision-list',
  version: 1,
  streamPrefixes: [DECISION_STREAM_PREFIX],
  collections: {
    // One index per filter of GET /decisions, so a filtered list reads only the decisions it returns.
    decisions: {
      indexes: {
        kind: (d) => [d.kind],
        status: (d) => [d.status],
        contract: (d) => (d.contractId ? [d.contractId] : []),
        organisation: (d) => d.organisations,
        person: (d) => d.people,
      },
    },
  },
  evolve(state, stored) {
    const event = asDecisionEvent(stored);
    if (!event) return;
    if (event.type === 'DecisionProposed') {
      const d = event.data;
      state.decisions.set(d.decisionId, {
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
      });
      return;
    }
    const before = state.decisions.get(event.data.decisionId);
    if (!before) return;
    const summary: DecisionSummary = { ...before, lastChangedAt: event.data.at, lastPosition: stored.position };
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
    state.decisions.set(summary.decisionId, summary);
  },
};

export interface DecisionListFilter {
  kind?: DecisionKind | undefined;
  status?: DecisionStatus | undefined;
  contractId?: string | undefined;
  organisation?: string | undefined;
  person?: string | undefined;
  /** Only these decisions (those with a flag, say). */
  among?: ReadonlySet<string> | undefined;
}

/** Newest first. */
export function listDecisions(state: DecisionListState, filter: DecisionListFilter = {}): DecisionSummary[] {
  return newestFirst([...candidates(state, filter)].filter((d) => matches(d, filter)));
}

/** The decisions one person may ask about under subject access: those that list them as affected and those that name them elsewhere, newest first. */
export function decisionsAbout(state: DecisionListState, personId: string, naming: Iterable<string>): DecisionSummary[] {
  const found = new Map<string, DecisionSummary>();
  for (const d of state.decisions.withIndex('person', personId)) found.set(d.decisionId, d);
  for (const decisionId of naming) {
    const d = found.has(decisionId) ? undefined : state.decisions.get(decisionId);
    if (d) found.set(decisionId, d);
  }
  return newestFirst([...found.values()]);
}

// Every decision has its own last position, so this order is total.
const newestFirst = (decisions: DecisionSummary[]) => decisions.sort((a, b) => b.lastPosition - a.lastPosition);

/** Where the filter's decisions are found: by the narrowest filter given (a contract or a person concerns few decisions, a kind or a status many), or every decision unfiltered. */
function candidates(state: DecisionListState, filter: DecisionListFilter): Iterable<DecisionSummary> {
  const { decisions } = state;
  if (filter.contractId) return decisions.withIndex('contract', filter.contractId);
  if (filter.person) return decisions.withIndex('person', filter.person);
  if (filter.among) return [...filter.among].flatMap((decisionId) => decisions.get(decisionId) ?? []);
  if (filter.organisation) return decisions.withIndex('organisation', filter.organisation);
  if (filter.status) return decisions.withIndex('status', filter.status);
  if (filter.kind) return decisions.withIndex('kind', filter.kind);
  return decisions.values();
}

function matches(d: DecisionSummary, filter: DecisionListFilter): boolean {
  return (
    (!filter.kind || d.kind === filter.kind) &&
    (!filter.status || d.status === filter.status) &&
    (!filter.contractId || d.contractId === filter.contractId) &&
    (!filter.organisation || d.organisations.includes(filter.organisation)) &&
    (!filter.person || d.people.includes(filter.person)) &&
    (!filter.among || filter.among.has(d.decisionId))
  );
}
