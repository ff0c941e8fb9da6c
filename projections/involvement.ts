// Involvement: for a decision, every party by role, stage and rung, and whether people
// who use support took part before the decision was made.
import { z } from 'zod';
import { asDecisionEvent, DECISION_STREAM_PREFIX } from '../src/domain/decisions/decision-events.js';
import { participationSupport, party, rung, stage } from '../src/domain/shared/vocabulary.js';
import { isPersonWhoUsesSupport } from './coproduction-review.js';
import { evidenceOf, finalDecision, type DecisionFacts } from './decision-facts-index.js';
import type { Projection } from './projection.js';

/** Per decision: its title, who was involved, and when it was made (no other facts). */
type InvolvementFacts = Pick<DecisionFacts, 'decisionId' | 'proposed' | 'involvement' | 'made'>;

export interface InvolvementState {
  decisions: Record<string, InvolvementFacts>;
}

export const involvementEntrySchema = z.object({
  party,
  stage,
  rung,
  support: z.array(participationSupport),
  at: z.string(),
  beforeDecision: z.boolean(),
  eventId: z.string(),
});
export type InvolvementEntry = z.infer<typeof involvementEntrySchema>;

export const involvementSchema = z.object({
  decisionId: z.string(),
  title: z.string(),
  entries: z.array(involvementEntrySchema),
  byRole: z.record(z.string(), z.number()),
  byStage: z.record(z.string(), z.number()),
  byRung: z.record(z.string(), z.number()),
  peopleWhoUseSupportTookPartBeforeDecision: z.boolean(),
});
export type Involvement = z.infer<typeof involvementSchema>;

export const involvement: Projection<InvolvementState> = {
  name: 'involvement',
  version: 3,
  streamPrefixes: [DECISION_STREAM_PREFIX],
  initialState: () => ({ decisions: {} }),
  evolve(state, stored) {
    const event = asDecisionEvent(stored);
    if (!event) return state;
    const evidence = evidenceOf(stored, event);
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
