// The Partnership Board report, as zod schemas: what GET /reports/partnership-board answers
// (its response schema), what its pages, CSV downloads and signed copies are made from.
// Every count about people follows the small-number rule: a count of fewer than five people
// is never given, only `{ fewerThan: 5 }` (the page says so). Counts of decisions, views,
// risks and money are given as they are.
import { z } from 'zod';
import { decisionKind } from '../src/domain/decisions/decision-facts.js';
import { fundingRoute } from '../src/domain/contracts/contract-facts.js';
import { lifeArea, partyRole, rung } from '../src/domain/shared/vocabulary.js';
import { checkKey, flagCode } from './coproduction-checks.js';

/** The fewest people a count may name; below it the report says "fewer than 5". */
export const SMALL_NUMBER = 5;

/** A count of people: the number, or "fewer than 5" when it is 1 to 4 (0 is given as 0). */
export const peopleCount = z.union([z.number().int().nonnegative(), z.object({ fewerThan: z.literal(SMALL_NUMBER) })]);
export type PeopleCount = z.infer<typeof peopleCount>;

/** A figure with the same figure for the previous period of the same length. */
export const compared = <T extends z.ZodType>(value: T) =>
  z.object({
    now: value,
    before: value,
    /** up, down or same: numbers compared; a "fewer than 5" on either side is `unknown`. */
    change: z.enum(['up', 'down', 'same', 'unknown']),
  });
const count = compared(z.number().int().nonnegative());
const people = compared(peopleCount);

export const reportQuery = z.object({
  from: z.string().date().describe('First day of the period (YYYY-MM-DD), inclusive'),
  to: z.string().date().describe('Last day of the period (YYYY-MM-DD), inclusive'),
  organisation: z.string().min(1).max(200).optional().describe('Only decisions that concern this organisation'),
  contract: z.string().min(1).max(100).optional().describe('Only decisions about this contract'),
  kind: decisionKind.optional().describe('Only decisions of this kind'),
});
export type ReportQuery = z.infer<typeof reportQuery>;

const decisionLink = z.object({ decisionId: z.string(), title: z.string() });

/**
 * The most decisions any list names (the first, in the order they were proposed): a year of a
 * hundred thousand decisions would otherwise answer megabytes of links no Board reads.
 */
export const LISTED = 100;

export const boardReportSchema = z.object({
  period: z.object({ from: z.string(), to: z.string(), previousFrom: z.string(), previousTo: z.string() }),
  filters: z.object({ organisation: z.string().optional(), contract: z.string().optional(), kind: decisionKind.optional() }),
  /** When it was made, and the log position its figures reflect (an as-of report names its moment). */
  generatedAt: z.string(),
  asOfPosition: z.number().int(),
  /** Whose report: a provider's covers only the decisions it may see. */
  scope: z.enum(['everything', 'organisation']),

  decisions: z.object({
    proposed: count,
    made: count,
    deferred: count,
    superseded: count,
    withdrawn: count,
    byKind: z.array(z.object({ kind: decisionKind, proposed: count, made: count })),
    /** Open (not decided, or deferred) past their review date at the end of the period. */
    openPastReview: z.array(decisionLink.extend({ reviewDate: z.string() })),
  }),

  coproduction: z.object({
    /** Decisions made in the period, each check's status as it stands now. */
    checks: z.array(z.object({ key: checkKey, pass: count, fail: count, notYet: count })),
    /** How many decisions made in the period claimed each rung, and how many self-advocates' reviews said each was reached. */
    ladder: z.array(z.object({ rung, claimed: z.number().int(), saidByPeople: z.number().int() })),
    /** Decisions where a self-advocate's review disagrees with the rung claimed. */
    disagreements: z.array(decisionLink.extend({ claimed: rung.optional(), saidByPeople: z.array(rung) })),
  }),

  listening: z.object({
    viewsFromPeople: count,
    inOwnWords: count,
    recordedForThem: count,
    confirmedByThem: count,
    answered: count,
    /** Days from a decision to its first feedback, for decisions made in the period that had feedback. */
    daysToFeedback: z.object({ median: z.number().nullable(), worst: z.number().nullable() }),
    withoutFeedback: z.array(decisionLink),
  }),

  risks: z.object({
    accepted: count,
    acceptedWithThePeople: count,
    acceptedForThem: count,
    /** Who bore them: people who use support, counted once each. */
    peopleBearing: people,
    acceptedBy: z.array(z.object({ role: partyRole, count: z.number().int() })),
    reviewsDue: count,
    reviewsOverdue: z.array(decisionLink.extend({ due: z.string() })),
  }),

  changes: z.object({
    recorded: count,
    peopleWithAChange: people,
    byArea: z.array(z.object({ area: lifeArea, better: z.number().int(), worse: z.number().int(), noChange: z.number().int() })),
    /** In people's own words, only where they allowed it to be shown (never a name or an id). */
    quotes: z.array(z.object({ area: lifeArea, direction: z.enum(['better', 'worse', 'no-change']), words: z.string() })),
  }),

  money: z.object({
    contracts: z.array(
      z.object({
        contractId: z.string(),
        provider: z.string(),
        released: z.number(),
        allocatedByRoute: z.array(z.object({ route: fundingRoute, amount: z.number() })),
        remainingInBlock: z.number(),
        peopleMoved: peopleCount,
      }),
    ),
    /** The share of spending that is individualised, at the end of each month of the period. */
    individualisedOverTime: z.array(z.object({ month: z.string(), share: z.number() })),
  }),

  challenges: z.object({
    raised: count,
    resolved: count,
    outcomes: z.array(z.object({ finding: z.enum(['upheld', 'partly-upheld', 'not-upheld']), count: z.number().int() })),
    panelsWithPeople: count,
    panelsWithoutPeople: count,
  }),

  flags: z.array(
    z.object({
      code: flagCode,
      /** How many decisions carry it; `decisions` names the first LISTED. Always given (optional only for copies made before it). */
      count: z.number().int().nonnegative().optional(),
      decisions: z.array(decisionLink),
    }),
  ),
});
export type BoardReport = z.infer<typeof boardReportSchema>;

/**
 * The report's tables, each a CSV download (GET /reports/partnership-board/:table.csv) and a
 * table on its page: one list, so the route's parameter and the pages' links cannot drift apart.
 */
export const reportTables = [
  'decisions',
  'decisions-by-kind',
  'open-past-review',
  'checks',
  'ladder',
  'disagreements',
  'listening',
  'without-feedback',
  'risks',
  'risks-accepted-by',
  'risk-reviews-overdue',
  'changes',
  'changes-by-area',
  'quotes',
  'money',
  'individualised-share',
  'challenges',
  'flags',
] as const;
export const reportTable = z.enum(reportTables);
export type ReportTable = z.infer<typeof reportTable>;
