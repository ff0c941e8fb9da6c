// "Was this co-produced?" For each decision, nine checks, each pass / fail / not yet,
// with the ids of the events that are the evidence; the highest rung people who use
// support reached, beside the rung the decision-makers claimed and the self-advocates'
// verdicts; and flags, including reviews that are overdue. `now` is a query argument.
import { DECISION_STREAM_PREFIX } from '../src/domain/decisions/decision-events.js';
import type { AccessibleFormat } from '../src/domain/shared/vocabulary.js';
import { addDecisionFact, type DecisionFacts } from './decision-facts-index.js';
import { communicationFormats, PERSON_EVENTS } from './communication-formats.js';
import type { CoproductionReview, Flag, FlagCode } from './coproduction-checks.js';
import { reviewFacts } from './coproduction-facts-review.js';
export { overdueRiskReviews } from './coproduction-flags.js';
import type { Documents } from './documents.js';
import type { Projection } from './projection.js';

export { checkKeys, flagCodes, type Check, type CheckStatus, type CoproductionReview, type Flag, type FlagCode } from './coproduction-checks.js';
export { isPersonWhoUsesSupport } from './coproduction-evidence.js';

export interface CoproductionState {
  /** By decision id; indexed by the flags each decision can carry at some moment (`flag`). */
  decisions: Documents<DecisionFacts>;
  /** Accessible formats each person needs, from the person register, by person id. */
  formatsNeeded: Documents<AccessibleFormat[]>;
}

/**
 * Flags depend on `now`, so an index cannot hold them; it holds the flags a decision can carry
 * at some moment. Every flag that depends on now, once due, stays due, so at the end of time a
 * decision carries each flag it can ever carry; a query then reviews only those decisions at its
 * own now. No flag reads check 3, the only one that reads the formats people need.
 */
const END_OF_TIME = '9999-12-31T23:59:59.999Z';
function flagsItCanCarry(facts: DecisionFacts): FlagCode[] {
  return [...new Set(reviewFacts(facts, () => [], END_OF_TIME).flags.map((flag) => flag.code))];
}

export const coproductionReview: Projection<CoproductionState> = {
  name: 'coproduction-review',
  version: 4,
  streamPrefixes: [DECISION_STREAM_PREFIX, ...PERSON_EVENTS.streamPrefixes],
  collections: {
    decisions: {
      // One index: each costs a review of the decision whenever it changes.
      indexes: { flag: flagsItCanCarry },
    },
    formatsNeeded: {},
  },
  evolve(state, event) {
    const needs = communicationFormats(event);
    if (needs) state.formatsNeeded.set(needs.personId, needs.formats);
    else addDecisionFact(state.decisions, event);
  },
};

export function reviewDecision(state: CoproductionState, decisionId: string, now: string): CoproductionReview | undefined {
  const facts = state.decisions.get(decisionId);
  return facts && reviewFacts(facts, formatsIn(state), now);
}

/** Every decision's review, in the order decisions were proposed. */
export function reviewAll(state: CoproductionState, now: string): CoproductionReview[] {
  return [...state.decisions.values()].map((facts) => reviewFacts(facts, formatsIn(state), now));
}

const formatsIn = (state: CoproductionState) => (personId: string) => state.formatsNeeded.get(personId) ?? [];

/** Flags across all decisions. */
export function allFlags(state: CoproductionState, now: string): Flag[] {
  return reviewAll(state, now).flatMap((review) => review.flags);
}

/** The decisions carrying one flag now, reviewing only those that can carry it. */
export function decisionsWithFlag(state: CoproductionState, code: FlagCode, now: string): string[] {
  return state.decisions
    .withIndex('flag', code)
    .filter((facts) => reviewFacts(facts, formatsIn(state), now).flags.some((flag) => flag.code === code))
    .map((facts) => facts.decisionId);
}
