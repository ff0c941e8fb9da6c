// The questions each projection answers, in one shape the API and the replay CLI share:
// a query (by decision, person, contract, flags only) and `now` for the overdue checks.
import { z } from 'zod';
import { boardRows } from './board-rows.js';
import { changesFor, changesForPeople, changesSchema, type ChangesState } from './changes-for-people.js';
import { allContracts, contracts, contractsAnswerSchema, contractSummary, individualisedSpending } from './contracts.js';
import { coproductionReviewSchema, flagSchema, type CoproductionReview, type Flag } from './coproduction-checks.js';
import { allFlags, coproductionReview, reviewAll, reviewDecision } from './coproduction-review.js';
import { decisionList, decisionSummarySchema, listDecisions, type DecisionListState } from './decision-list.js';
import { decisionRecords } from './decision-records.js';
import { allInvolvement, involvement, involvementOf, involvementSchema } from './involvement.js';
import { peopleDirectory } from './people-directory.js';
import { mentions } from './mentions.js';
import type { Collections, Projection } from './projection.js';
import { providerRegister } from './provider-register.js';
import { listRisks, riskRegister, riskRowSchema, type RiskRegisterState } from './risk-register.js';
import { timeline, timelineQueryAnswer, type TimelineEntry } from './timeline.js';
import { viewsAndAnswers, youSaidWeDid, youSaidWeDidRowSchema, type YouSaidWeDidState } from './you-said-we-did.js';

export interface ProjectionQuery {
  decision?: string | undefined;
  person?: string | undefined;
  contract?: string | undefined;
  /** Only what needs attention: flags, overdue reviews. */
  flagsOnly?: boolean | undefined;
  /** ISO time against which "overdue" is judged. */
  now: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any projection's queries, whatever its collections
export interface QueryableProjection<State extends Collections<State> = any, Answer extends object = object> {
  projection: Projection<State>;
  description: string;
  /** Which query parameters it understands, for the listing and the docs. */
  accepts: readonly (keyof Omit<ProjectionQuery, 'now'>)[];
  /**
   * True when its answers are about individual people (what changed for them): listing
   * everyone's needs a role that reads everyone. Naming one person (?person=) always
   * follows the rules for reading that person's name, whatever the projection.
   */
  personLevel: boolean;
  /** What `answer` returns, as the API's response schema and the pages' parser. */
  answerSchema: z.ZodType<Answer>;
  answer(state: State, query: ProjectionQuery): Answer;
}

function queryable<State extends Collections<State>, Answer extends object>(definition: QueryableProjection<State, Answer>): QueryableProjection<State, Answer> {
  return definition;
}

const timelineEntrySchema = z.object({
  position: z.number(),
  eventId: z.string(),
  at: z.string(),
  stream: z.string(),
  type: z.string(),
  what: z.string(),
  who: z.object({ name: z.string().optional(), role: z.string(), organisation: z.string().optional() }).or(z.undefined()),
});
// The entry's type is the timeline's own: a field added there and not here would be dropped from the answer, so it fails to compile.
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
const timelineEntryKeysMatch: SameKeys<TimelineEntry, z.infer<typeof timelineEntrySchema>> = true;
void timelineEntryKeysMatch;

export const decisionListQuery = queryable({
  projection: decisionList,
  description: 'Every decision with its kind, status, contract and the people and organisations it concerns.',
  accepts: ['contract', 'person'],
  personLevel: false,
  answerSchema: z.object({ decisions: z.array(decisionSummarySchema) }),
  answer: (state, q) => ({ decisions: listDecisions(state, { contractId: q.contract, person: q.person }) }),
});

export const involvementQuery = queryable({
  projection: involvement,
  description: 'Who was involved in each decision, by role, stage and rung, and whether people who use support took part before it was made.',
  accepts: ['decision', 'flagsOnly'],
  personLevel: false,
  answerSchema: z.object({ involvement: z.array(involvementSchema) }),
  answer: (state, q) => {
    if (!q.decision) return { involvement: allInvolvement(state, { withoutPeopleOnly: q.flagsOnly }) };
    const one = involvementOf(state, q.decision);
    return { involvement: one && !(q.flagsOnly && one.peopleWhoUseSupportTookPartBeforeDecision) ? [one] : [] };
  },
});

export const riskRegisterQuery = queryable({
  projection: riskRegister,
  description: 'Every risk: open, accepted (by whom, why, review date), reviews overdue, what happened.',
  accepts: ['decision', 'person', 'flagsOnly'],
  personLevel: false,
  answerSchema: z.object({ risks: z.array(riskRowSchema) }),
  answer: (state, q) => ({ risks: listRisks(state, q.now, { decisionId: q.decision, person: q.person, overdueOnly: q.flagsOnly }) }),
});

export const changesForPeopleQuery = queryable({
  projection: changesForPeople,
  description: 'What changed for each person, per decision: better or worse, and in whose words.',
  accepts: ['decision', 'person'],
  personLevel: true,
  answerSchema: changesSchema,
  answer: (state, q) => changesFor(state, { person: q.person, decisionId: q.decision }),
});

export const coproductionReviewQuery = queryable({
  projection: coproductionReview,
  description: 'Was this co-produced? Nine checks with their evidence, the rung reached and claimed, self-advocates’ verdicts and flags.',
  accepts: ['decision', 'flagsOnly'],
  personLevel: false,
  answerSchema: z.union([z.object({ flags: z.array(flagSchema) }), z.object({ reviews: z.array(coproductionReviewSchema) })]),
  answer: (state, q): { flags: Flag[] } | { reviews: CoproductionReview[] } => {
    if (!q.decision) return q.flagsOnly ? { flags: allFlags(state, q.now) } : { reviews: reviewAll(state, q.now) };
    const one = reviewDecision(state, q.decision, q.now);
    return q.flagsOnly ? { flags: one?.flags ?? [] } : { reviews: one ? [one] : [] };
  },
});

export const youSaidWeDidQuery = queryable({
  projection: youSaidWeDid,
  description: 'Every view given and the answer it got.',
  accepts: ['decision', 'person', 'flagsOnly'],
  personLevel: false,
  answerSchema: z.object({ views: z.array(youSaidWeDidRowSchema) }),
  answer: (state, q) => ({ views: viewsAndAnswers(state, { decisionId: q.decision, person: q.person, unansweredOnly: q.flagsOnly }) }),
});

export const timelineQuery = queryable({
  projection: timeline,
  description: 'Who did what, when: for one decision, or for everything in the order it was recorded.',
  accepts: ['decision'],
  personLevel: false,
  answerSchema: z.object({ entries: z.array(timelineEntrySchema) }),
  answer: (state, q) => ({ entries: timelineQueryAnswer(state, q.decision) }),
});

export const contractsQuery = queryable({
  projection: contracts,
  description: 'Each contract’s value, money released, allocated and remaining, people moved to individual arrangements, allocations by route, and the share of spending that is individualised.',
  accepts: ['contract'],
  personLevel: false,
  answerSchema: contractsAnswerSchema,
  answer: (state, q) => {
    // A move dated after the reader's today is planned, not done.
    const today = q.now.slice(0, 10);
    const one = q.contract ? contractSummary(state, q.contract, today) : undefined;
    return { contracts: q.contract ? (one ? [one] : []) : allContracts(state, today), individualisedSpending: individualisedSpending(state) };
  },
});

/** Every projection the API serves, by name. */
export const queryableProjections: readonly QueryableProjection[] = [
  decisionListQuery,
  involvementQuery,
  riskRegisterQuery,
  changesForPeopleQuery,
  coproductionReviewQuery,
  youSaidWeDidQuery,
  timelineQuery,
  contractsQuery,
];

/** Every projection the server keeps current: the queryable ones, the people directory its read rules use, the decisions as recorded, the provider register, where each person is named (subject access) and the Partnership Board report's rows. */
export const servedProjections: readonly Projection[] = [...queryableProjections.map((q) => q.projection), peopleDirectory, decisionRecords, providerRegister, mentions, boardRows];
