// What can be recorded about a decision, as zod schemas. Each fact is what a user
// sends (the command's data); the stored event adds the ids the server chose and the time.
import { z } from 'zod';
import {
  accessibleFormat,
  entityId,
  freeText,
  isoDate,
  isoDateTime,
  level,
  lifeArea,
  longText,
  organisationName,
  participationSupport,
  party,
  pence,
  personId,
  rung,
  shortText,
  stage,
} from '../shared/vocabulary.js';
import { confirmableFact, recordedForSomeone } from '../shared/provenance.js';
import { occurredAt } from '../shared/when-it-happened.js';

export const decisionKind = z.enum(['commissioning', 'provider-change', 'disaggregation']);
export type DecisionKind = z.infer<typeof decisionKind>;

export const outcome = z.enum(['agreed', 'agreed-with-changes', 'declined', 'deferred']);
export type Outcome = z.infer<typeof outcome>;

export const stance = z.enum(['supports', 'has-concerns', 'opposes', 'unsure']);

/** Easy read: short sentences, one idea each. Longer ones are flagged by the pages, not refused here. */
export const easyReadSentences = z.array(freeText(200)).min(1, 'give at least one sentence').max(30);

export const proposal = z.object({
  kind: decisionKind,
  title: shortText,
  summary: longText,
  easyReadSummary: easyReadSentences,
  proposedBy: party,
  affects: z.object({
    people: z.array(personId).max(500).default([]),
    groups: z.array(shortText).max(50).default([]),
  }),
  contractId: entityId.optional(),
  money: z.object({ amount: pence, description: shortText }).optional(),
  /** Providers whose matters this is; a provider may act only on decisions naming its organisation. */
  organisations: z.array(organisationName).max(20).default([]),
  /** When it was proposed, if before it was recorded (a proposal made at a meeting and written down later). */
  occurredAt: occurredAt.optional(),
});

export const informationShared = z.object({
  sharedWith: z.array(party).min(1).max(100),
  format: accessibleFormat,
  /** Before or after the people it was shared with were asked for their views. */
  timing: z.enum(['before-asking-for-views', 'after-asking-for-views']),
  sharedAt: isoDateTime,
  description: shortText,
  /** When the papers went out, if not `sharedAt` (kept for the records made before it). */
  occurredAt: occurredAt.optional(),
});

export const participantInvolved = z.object({
  participant: party,
  stage,
  rung,
  support: z.array(participationSupport).max(10).default([]),
  notes: longText.optional(),
  occurredAt: occurredAt.optional(),
});

const viewBase = z.object({
  by: party,
  stance,
  inOwnWords: longText,
  reason: longText.optional(),
  occurredAt: occurredAt.optional(),
  provenance: recordedForSomeone.optional(),
});
const needsReason = (v: { stance: string; reason?: string | undefined }) =>
  !(v.stance === 'has-concerns' || v.stance === 'opposes') || v.reason !== undefined;
const reasonMessage = { message: 'a concern or an objection must give its reason', path: ['reason'] };
export const view = viewBase.refine(needsReason, reasonMessage);

export const optionConsidered = z.object({
  title: shortText,
  description: longText,
  pros: z.array(shortText).max(20).default([]),
  cons: z.array(shortText).max(20).default([]),
  putForwardBy: party,
});

export const riskIdentified = z.object({
  description: longText,
  fallsOn: z.array(party).min(1).max(50),
  likelihood: level,
  impact: level,
});

export const riskAccepted = z.object({
  acceptedBy: z.array(party).min(1).max(50),
  whyWorthTaking: longText,
  mitigations: z.array(shortText).max(20).default([]),
  reviewDate: isoDate,
  /** When the people who bear it agreed to take it, if before it was recorded: the checks and "recorded late" use it. */
  occurredAt: occurredAt.optional(),
  provenance: recordedForSomeone.optional(),
});

export const riskReviewed = z.object({
  outcome: z.enum(['still-acceptable', 'mitigated', 'happened', 'closed']),
  notes: longText,
  nextReviewDate: isoDate.optional(),
});

export const supportedDecision = z
  .object({
    personId,
    mode: z.enum(['supported-decision', 'best-interests']),
    howSupported: longText,
    chosenHelpers: z.array(party).max(20).default([]),
    decisionMakingAgreement: longText.optional(),
    bestInterests: z
      .object({
        consulted: z.array(party).min(1, 'say who was consulted').max(50),
        whyLeastRestrictive: longText,
      })
      .optional(),
  })
  .refine((d) => d.mode !== 'best-interests' || d.bestInterests !== undefined, {
    message:
      'a best-interests decision records who was consulted and why it is the least restrictive option (Mental Capacity Act 2005, ss. 1 and 4)',
    path: ['bestInterests'],
  });

export const answer = z.object({ viewId: entityId, answer: longText });

export const decisionMade = z.object({
  outcome,
  reasons: longText,
  decidedBy: z.array(party).min(1).max(50),
  claimedRung: rung,
  reviewDate: isoDate,
  /** "You said — we did": an answer to each recorded view. */
  answers: z.array(answer).max(500).default([]),
  occurredAt: occurredAt.optional(),
});

export const feedbackGiven = z.object({
  to: z.array(party).min(1).max(100),
  format: accessibleFormat,
  message: longText,
  occurredAt: occurredAt.optional(),
});

export const changeForPerson = z.object({
  personId,
  area: lifeArea,
  before: longText,
  after: longText,
  direction: z.enum(['better', 'worse', 'no-change']),
  inPersonsOwnWords: z.boolean(),
  /**
   * The person agreed that their words here may be quoted, never with their name, in reports
   * such as the Partnership Board's. Absent (every change recorded before it was asked) is no;
   * optional rather than defaulted so the events already stored read exactly as they were.
   */
  mayBeQuoted: z.boolean().optional(),
  occurredAt: occurredAt.optional(),
  provenance: recordedForSomeone.optional(),
});

export const challenge = z.object({
  by: party,
  reason: longText,
});

export const challengeResolution = z.object({
  panel: z.array(party).min(1).max(30),
  finding: z.enum(['upheld', 'partly-upheld', 'not-upheld']),
  reasons: longText,
  revision: z.object({ outcome, reasons: longText }).optional(),
});

export const coproductionReview = z.object({
  by: party,
  rungReached: rung,
  comments: longText,
});

export const supersession = z.object({
  supersededBy: entityId,
  reason: longText,
});

export const withdrawal = z.object({ reason: longText });

/** Which recorded fact a person confirms or disputes, and whose it is. */
const factAnswered = z.object({
  fact: confirmableFact,
  /** The view's, the risk's (for its acceptance) or the change's id. */
  factId: entityId,
  personId,
  /** Sent by a commissioner recording the person's answer for them; never by the person. */
  provenance: recordedForSomeone.optional(),
});
export const factConfirmation = factAnswered.extend({ inOwnWords: longText.optional() });
export const factDispute = factAnswered.extend({ inOwnWords: longText });

/** The fields every decision event carries: which decision, and when. */
export const decisionEventBase = { decisionId: entityId, at: isoDateTime };

export { viewBase, needsReason, reasonMessage };
