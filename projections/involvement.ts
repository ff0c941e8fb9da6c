// Involvement: for a decision, every party by role, stage and rung, and whether people
// who use support took part before the decision was made.
import { DECISION_STREAM_PREFIX } from '../src/domain/decisions/decision-events.js';
import type { Party, Rung, Stage } from '../src/domain/shared/vocabulary.js';
import { isPersonWhoUsesSupport } from './coproduction-review.js';
import { addDecisionFact, finalDecision, type DecisionFacts } from './decision-facts-index.js';
import type { Projection } from './projection.js';

export interface InvolvementState {
  decisions: Record<string, DecisionFacts>;
}

export interface InvolvementEntry {
  party: Party;
  stage: Stage;
  rung: Rung;
  support: string[];
  at: string;
  beforeDecision: boolean;
  eventId: string;
}

export interface Involvement {
  decisionId: string;
  title: string;
  entries: InvolvementEntry[];
  byRole: Record<string, number>;
  byStage: Record<string, number>;
  byRung: Record<string, number>;
  peopleWhoUseSupportTookPartBeforeDecision: boolean;
}

export const involvement: Projection<InvolvementState> = {
  name: 'involvement',
  version: 2,
  streamPrefixes: [DECISION_STREAM_PREFIX],
  initialState: () => ({ decisions: {} }),
  evolve(state, event) {
    addDecisionFact(state.decisions, event);
    return state;
  },
};

export function involvementOf(state: InvolvementState, decisionId: string): Involvement | undefined {
  const facts = state.decisions[decisionId];
  if (!facts) return undefined;
  const decidedAt = finalDecision(facts)?.position ?? Number.POSITIVE_INFINITY;
  const entries = facts.involvement.map((i) => ({
    party: i.participant,
    stage: i.stage,
    rung: i.rung,
    support: i.support,
    at: i.at,
    beforeDecision: i.position < decidedAt,
    eventId: i.eventId,
  }));
  const count = (key: (e: InvolvementEntry) => string) =>
    entries.reduce<Record<string, number>>((acc, e) => ({ ...acc, [key(e)]: (acc[key(e)] ?? 0) + 1 }), {});
  return {
    decisionId,
    title: facts.proposed.title,
    entries,
    byRole: count((e) => e.party.role),
    byStage: count((e) => e.stage),
    byRung: count((e) => e.rung),
    peopleWhoUseSupportTookPartBeforeDecision: entries.some((e) => e.beforeDecision && isPersonWhoUsesSupport(e.party)),
  };
}
