// The questions each projection answers, in one shape the API and the replay CLI share:
// a query (by decision, person, contract, flags only) and `now` for the overdue checks.
import { changesFor, changesForPeople, type ChangesState } from './changes-for-people.js';
import { contractsQuery } from './contracts.js';
import { allFlags, coproductionReview, reviewDecision, type CoproductionState } from './coproduction-review.js';
import { decisionList, listDecisions, type DecisionListState } from './decision-list.js';
import { involvement, involvementOf, type InvolvementState } from './involvement.js';
import { peopleDirectory } from './people-directory.js';
import type { Projection } from './projection.js';
import { listRisks, riskRegister, type RiskRegisterState } from './risk-register.js';
import { timeline, type TimelineState } from './timeline.js';
import { viewsAndAnswers, youSaidWeDid, type YouSaidWeDidState } from './you-said-we-did.js';

export interface ProjectionQuery {
  decision?: string | undefined;
  person?: string | undefined;
  contract?: string | undefined;
  /** Only what needs attention: flags, overdue reviews. */
  flagsOnly?: boolean | undefined;
  /** ISO time against which "overdue" is judged. */
  now: string;
}

export interface QueryableProjection<State = unknown> {
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
  answer(state: State, query: ProjectionQuery): unknown;
}

function queryable<State>(definition: QueryableProjection<State>): QueryableProjection<State> {
  return definition;
}

const onlyDecision = <T extends { decisionId: string }>(items: T[], decision: string | undefined) =>
  decision ? items.filter((item) => item.decisionId === decision) : items;

export const decisionListQuery = queryable<DecisionListState>({
  projection: decisionList,
  description: 'Every decision with its kind, status, contract and the people and organisations it concerns.',
  accepts: ['contract', 'person'],
  personLevel: false,
  answer: (state, q) => ({ decisions: listDecisions(state, { contractId: q.contract, person: q.person }) }),
});

export const involvementQuery = queryable<InvolvementState>({
  projection: involvement,
  description: 'Who was involved in each decision, by role, stage and rung, and whether people who use support took part before it was made.',
  accepts: ['decision', 'flagsOnly'],
  personLevel: false,
  answer: (state, q) => {
    const ids = q.decision ? [q.decision] : Object.keys(state.decisions);
    const all = ids.flatMap((id) => involvementOf(state, id) ?? []);
    return { involvement: q.flagsOnly ? all.filter((i) => !i.peopleWhoUseSupportTookPartBeforeDecision) : all };
  },
});

export const riskRegisterQuery = queryable<RiskRegisterState>({
  projection: riskRegister,
  description: 'Every risk: open, accepted (by whom, why, review date), reviews overdue, what happened.',
  accepts: ['decision', 'person', 'flagsOnly'],
  personLevel: false,
  answer: (state, q) => ({ risks: listRisks(state, q.now, { decisionId: q.decision, person: q.person, overdueOnly: q.flagsOnly }) }),
});

export const changesForPeopleQuery = queryable<ChangesState>({
  projection: changesForPeople,
  description: 'What changed for each person, per decision: better or worse, and in whose words.',
  accepts: ['decision', 'person'],
  personLevel: true,
  answer: (state, q) => changesFor(state, { person: q.person, decisionId: q.decision }),
});

export const coproductionReviewQuery = queryable<CoproductionState>({
  projection: coproductionReview,
  description: 'Was this co-produced? Nine checks with their evidence, the rung reached and claimed, self-advocates’ verdicts and flags.',
  accepts: ['decision', 'flagsOnly'],
  personLevel: false,
  answer: (state, q) => {
    if (q.flagsOnly) return { flags: onlyDecision(allFlags(state, q.now), q.decision) };
    const ids = q.decision ? [q.decision] : Object.keys(state.decisions);
    return { reviews: ids.flatMap((id) => reviewDecision(state, id, q.now) ?? []) };
  },
});

export const youSaidWeDidQuery = queryable<YouSaidWeDidState>({
  projection: youSaidWeDid,
  description: 'Every view given and the answer it got.',
  accepts: ['decision', 'person', 'flagsOnly'],
  personLevel: false,
  answer: (state, q) => {
    const views = viewsAndAnswers(state, { decisionId: q.decision, person: q.person });
    return { views: q.flagsOnly ? views.filter((v) => v.weDid === undefined) : views };
  },
});

export const timelineQuery = queryable<TimelineState>({
  projection: timeline,
  description: 'Who did what, when: for one decision, or for everything in the order it was recorded.',
  accepts: ['decision'],
  personLevel: false,
  answer: (state, q) => {
    if (q.decision) return { entries: state.decisions[q.decision] ?? [] };
    return { entries: Object.values(state.decisions).flat().sort((a, b) => a.position - b.position) };
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

/** Every projection the server keeps current: the queryable ones, and the people directory its read rules use. */
export const servedProjections: readonly Projection<unknown>[] = [...queryableProjections.map((q) => q.projection), peopleDirectory];
