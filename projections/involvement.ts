// Involvement: for a decision, every party by role, stage and rung, and whether people
// who use support took part before the decision was made.
import { asDecisionEvent, DECISION_STREAM_PREFIX } from '../src/domain/decisions/decision-events.js';
import type { Party, Rung, Stage } from '../src/domain/shared/vocabulary.js';
import { isPersonWhoUsesSupport } from './coproduction-review.js';
import { finalDecision, type DecisionFacts } from './decision-facts-index.js';
import type { Projection } from './projection.js';

/** Per decision: its title, who was involved, and when it was made (no other facts). */
type InvolvementFacts = Pick<DecisionFacts, 'decisionId' | 'proposed' | 'involvement' | 'made'>;

export interface InvolvementState {
  decisions: Record<string, InvolvementFacts>;
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
  version: 3,
  streamPrefixes: [DECISION_STREAM_PREFIX],
  initialState: () => ({ decisions: {} }),
  evolve(state, stored) {
    const event = asDecisionEvent(stored);
    if (!event) return state;
    const evidence = { eventId: stored.id, position: stored.position, at: event.data.at };
    if (event.type === 'DecisionProposed') {
      const { decisionId, title } = event.data;
      state.decisions[decisionId] = { decisionId, proposed: { title, ...evidence }, involvement: [], made: [] };
      return state;
    }
    const facts = state.decisions[event.data.decisionId];
    if (event.type === 'ParticipantInvolved') {
      const { participant, stage, rung, support } = event.data;
      facts?.involvement.push({ participant, stage, rung, support, ...evidence });
    }
    if (event.type === 'DecisionMade') {
      const { outcome, claimedRung, reviewDate } = event.data;
      facts?.made.push({ outcome, claimedRung, reviewDate, answers: [], ...evidence });
    }
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
