// Involvement: for a decision, every party by role, stage and rung, and whether people
// who use support took part before the decision was made.
import { z } from 'zod';
import { asDecisionEvent, DECISION_STREAM_PREFIX } from '../src/domain/decisions/decision-events.js';
import { participationSupport, party, rung, stage } from '../src/domain/shared/vocabulary.js';
import { isPersonWhoUsesSupport } from './coproduction-review.js';
import { evidenceOf, finalDecision, type DecisionFacts } from './decision-facts-index.js';
import type { Documents } from './documents.js';
import type { Projection } from './projection.js';

/** Per decision: its title, who was involved, and when it was made (no other facts). */
type InvolvementFacts = Pick<DecisionFacts, 'decisionId' | 'proposed' | 'involvement' | 'made'>;

export interface InvolvementState {
  /** By decision id; indexed by whether people who use support took part before the decision ("true" / "false"). */
  decisions: Documents<InvolvementFacts>;
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
  collections: {
    decisions: { indexes: { peopleTookPartBeforeDecision: (facts) => [String(involvementIn(facts).peopleWhoUseSupportTookPartBeforeDecision)] } },
  },
  evolve(state, stored) {
    const event = asDecisionEvent(stored);
    if (!event) return;
    const evidence = evidenceOf(stored, event);
    if (event.type === 'DecisionProposed') {
      const { decisionId, title } = event.data;
      state.decisions.set(decisionId, { decisionId, proposed: { title, ...evidence }, involvement: [], made: [] });
      return;
    }
    const facts = state.decisions.get(event.data.decisionId);
    if (!facts) return;
    if (event.type === 'ParticipantInvolved') {
      const { participant, stage, rung, support } = event.data;
      facts.involvement.push({ participant, stage, rung, support, ...evidence });
      state.decisions.set(facts.decisionId, facts);
    }
    if (event.type === 'DecisionMade') {
      const { outcome, claimedRung, reviewDate } = event.data;
      facts.made.push({ outcome, claimedRung, reviewDate, answers: [], ...evidence });
      state.decisions.set(facts.decisionId, facts);
    }
  },
};

export function involvementOf(state: InvolvementState, decisionId: string): Involvement | undefined {
  const facts = state.decisions.get(decisionId);
  return facts && involvementIn(facts);
}

/** Every decision's involvement, in the order decisions were proposed; or only those where people who use support took no part before the decision. */
export function allInvolvement(state: InvolvementState, { withoutPeopleOnly }: { withoutPeopleOnly?: boolean | undefined }): Involvement[] {
  const decisions = withoutPeopleOnly ? state.decisions.withIndex('peopleTookPartBeforeDecision', 'false') : [...state.decisions.values()];
  return decisions.map(involvementIn);
}

function involvementIn(facts: InvolvementFacts): Involvement {
  const { decisionId } = facts;
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
