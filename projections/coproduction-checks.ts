// What "Was this co-produced?" answers, as zod schemas: the nine checks, the flags and the
// review of one decision. The API's response schema and the pages' type are these.
import { z } from 'zod';
import { party, rung } from '../src/domain/shared/vocabulary.js';

/** The nine checks, in the order they are numbered. */
export const checkKeys = [
  'involved-before-decision',
  'not-the-only-one',
  'accessible-information-first',
  'three-partners',
  'views-answered',
  'risks-accepted-with-bearers',
  'feedback-given',
  'changes-recorded',
  'self-advocates-agree',
] as const;
export const checkKey = z.enum(checkKeys);
export type CheckKey = z.infer<typeof checkKey>;

/** What a flag can say needs attention; the decisions list filters on these. */
export const flagCodes = [
  'decided-without-people',
  'only-one-person',
  'no-feedback',
  'rung-disagreement',
  'decision-review-overdue',
  'risk-review-overdue',
  'told-afterwards',
  'views-unanswered',
  'risks-accepted-for-not-with',
  'on-behalf-unconfirmed',
  'recorded-late',
  'challenge-open',
  'challenge-upheld',
  'panel-without-people',
] as const;
export const flagCode = z.enum(flagCodes);
export type FlagCode = z.infer<typeof flagCode>;

export const checkStatus = z.enum(['pass', 'fail', 'not-yet']);
export type CheckStatus = z.infer<typeof checkStatus>;

export const checkSchema = z.object({
  number: z.number().int(),
  key: checkKey,
  question: z.string(),
  status: checkStatus,
  /** Ids of the events that satisfy (or, for a failure, bear on) the check. */
  evidence: z.array(z.string()),
  note: z.string(),
});
export type Check = z.infer<typeof checkSchema>;

export const flagSchema = z.object({
  decisionId: z.string(),
  code: flagCode,
  message: z.string(),
  evidence: z.array(z.string()),
});
export type Flag = z.infer<typeof flagSchema>;

export const coproductionReviewSchema = z.object({
  decisionId: z.string(),
  title: z.string(),
  status: z.enum(['proposed', 'deferred', 'decided', 'closed']),
  checks: z.array(checkSchema),
  passed: z.number().int(),
  highestRungReached: rung.nullable(),
  claimedRung: rung.nullable(),
  selfAdvocateVerdicts: z.array(z.object({ by: party, rungReached: rung, agrees: z.boolean(), comments: z.string(), eventId: z.string() })),
  flags: z.array(flagSchema),
});
export type CoproductionReview = z.infer<typeof coproductionReviewSchema>;
