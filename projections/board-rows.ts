// The Partnership Board report's read model: one compact row per decision holding only what
// the report counts, each with the date it happened, so a year's report over a hundred
// thousand decisions reads rows and never reviews a decision at query time. Folded from the
// same facts as the co-production review (decision-facts-index.ts), and judged by the same
// review (coproduction-facts-review.ts), so the two agree; the two checks that depend on `now`
// keep the dates they need and are judged at query time by timely-checks.ts, as the review does.
import { asDecisionEvent, DECISION_STREAM_PREFIX } from '../src/domain/decisions/decision-events.js';
import type { DecisionKind } from '../src/domain/decisions/decision-facts.js';
import { asPersonEvent } from '../src/domain/people/person-events.js';
import type { AccessibleFormat, LifeArea, PartyRole, Rung } from '../src/domain/shared/vocabulary.js';
import { occurredMs } from '../src/domain/shared/when-it-happened.js';
import type { StoredEvent } from '../src/events/event.js';
import type { CheckKey, CheckStatus, FlagCode } from './coproduction-checks.js';
import { acceptedWith, happenedBefore, isPersonWhoUsesSupport, standingOf, type Standing } from './coproduction-evidence.js';
import { reviewFacts } from './coproduction-facts-review.js';
import { overdueRiskReviews, panelPeopleRoles } from './coproduction-flags.js';
import { communicationFormats, PERSON_EVENTS } from './communication-formats.js';
import { addDecisionFact, finalDecision, personOf, type DecisionFacts, type Evidence } from './decision-facts-index.js';
import type { Documents } from './documents.js';
import type { Projection } from './projection.js';

/** The flags that depend on `now`: the report judges them from the row's dates (board-report.ts). */
export const flagsOverTime: readonly FlagCode[] = ['no-feedback', 'decision-review-overdue', 'risk-review-overdue'];
/** The checks that depend on `now` (7 and 8). */
export const checksOverTime: readonly CheckKey[] = ['feedback-given', 'changes-recorded'];

export interface BoardRow {
  decisionId: string;
  kind: DecisionKind;
  title: string;
  contractId?: string;
  organisations: string[];
  /**
   * When each thing happened (occurredAt where the fact has it, else when it was recorded), in
   * milliseconds since 1970 (a day's start, for a day): a year's report compares a few million
   * of these, and numbers compare without parsing.
   */
  proposedAt: number;
  deferrals: { at: number; reviewDate: string }[];
  /** The decision in force, once made. */
  made?: { at: number; reviewDate: string; claimedRung: Rung };
  closed?: { how: 'superseded' | 'withdrawn'; at: number };
  /** Self-advocates' reviews of the rung: what each said, and whether it agrees with the rung claimed. */
  verdicts: { rung: Rung; agrees: boolean }[];
  /** The checks that do not depend on now, as the review judges them. */
  checks: Partial<Record<CheckKey, CheckStatus>>;
  /** What checks 7 and 8 need: feedback after the decision (when each happened), changes after it not disputed. */
  feedbackAfter: number[];
  changesCounted: number;
  /** Once its review date has passed, the decision is overdue for review (nothing reviewed it since that date). */
  reviewOverdueOnceDue: boolean;
  /** Views from people who use support. */
  views: { at: number; standing: Standing; answered: boolean }[];
  risks: {
    at: number;
    withThePeople: boolean;
    acceptedBy: PartyRole[];
    /** Who bears it, by id: for counting only. */
    bearers: string[];
    reviews: { at: number }[];
    /** The review date not yet met (none once closed, or reviewed since). */
    openDue?: string;
  }[];
  /** Person ids for counting only; `words` (the person's own, after) only where they allowed it to be quoted. */
  changes: { at: number; area: LifeArea; direction: 'better' | 'worse' | 'no-change'; personId: string; disputed: boolean; words?: string }[];
  challenges: { at: number; resolvedAt?: number; finding?: 'upheld' | 'partly-upheld' | 'not-upheld'; panelWithPeople?: boolean }[];
  /** The flags that do not depend on now. */
  flags: FlagCode[];
  /** Every person the decision's facts name, by id: the rows to judge again when one's needs change or they are forgotten. */
  people: string[];
}

type ChangeDetails = Pick<BoardRow['changes'][number], 'area' | 'direction' | 'words'>;

export interface BoardRowsState {
  /** The facts of each decision, folded as the co-production review folds them. */
  facts: Documents<DecisionFacts>;
  rows: Documents<BoardRow>;
  formatsNeeded: Documents<AccessibleFormat[]>;
  /** People forgotten: counted, never quoted. */
  forgotten: Documents<true>;
}

const happened = (fact: { happenedAt: string }) => occurredMs(fact.happenedAt);

/** Never reached: at it every check and flag that can depend on time is due. */
const END_OF_TIME = '9999-12-31T23:59:59.999Z';

export const boardRows: Projection<BoardRowsState> = {
  name: 'board-rows',
  version: 1,
  streamPrefixes: [DECISION_STREAM_PREFIX, ...PERSON_EVENTS.streamPrefixes],
  collections: {
    facts: {},
    rows: {
      indexes: {
        contract: (row) => (row.contractId ? [row.contractId] : []),
        organisation: (row) => row.organisations,
        kind: (row) => [row.kind],
        person: (row) => row.people,
      },
    },
    formatsNeeded: {},
    forgotten: {},
  },
  evolve(state, event) {
    const needs = communicationFormats(event);
    if (needs) {
      state.formatsNeeded.set(needs.personId, needs.formats);
      for (const row of state.rows.withIndex('person', needs.personId)) rebuild(state, row.decisionId);
      return;
    }
    const person = asPersonEvent(event);
    if (person?.type === 'PersonalDataErased') {
      state.forgotten.set(person.data.personId, true);
      // Their words leave the read model at once; the counts stay.
      for (const row of state.rows.withIndex('person', person.data.personId)) {
        row.changes = row.changes.map(({ words, ...change }) => (change.personId === person.data.personId || words === undefined ? change : { ...change, words }));
        state.rows.set(row.decisionId, row);
      }
      return;
    }
    if (person) return;
    addDecisionFact(state.facts, event);
    const decision = asDecisionEvent(event);
    if (decision) rebuild(state, decision.data.decisionId, event);
  },
};

/** Builds the decision's row again from its facts; the event, when given, brings what the facts do not keep. */
function rebuild(state: BoardRowsState, decisionId: string, stored?: StoredEvent): void {
  const facts = state.facts.get(decisionId);
  if (!facts) return;
  const event = stored && asDecisionEvent(stored);
  const before = state.rows.get(decisionId);
  const header =
    event?.type === 'DecisionProposed'
      ? { kind: event.data.kind, organisations: event.data.organisations, ...(event.data.contractId ? { contractId: event.data.contractId } : {}) }
      : before && { kind: before.kind, organisations: before.organisations, ...(before.contractId ? { contractId: before.contractId } : {}) };
  if (!header) return;
  // The facts keep no change's area, direction or words: the row does, in the facts' order, so each is found by place.
  const details = new Map<string, ChangeDetails>();
  for (const [i, { area, direction, words }] of (before?.changes ?? []).entries()) {
    const changeId = facts.changes[i]?.changeId;
    if (changeId !== undefined) details.set(changeId, { area, direction, ...(words === undefined ? {} : { words }) });
  }
  if (event?.type === 'ChangeForPersonRecorded') {
    const { changeId, area, direction, after, mayBeQuoted, inPersonsOwnWords, personId } = event.data;
    // Quoted only with the person's consent, in their own words, and never once they are forgotten.
    const quoted = mayBeQuoted === true && inPersonsOwnWords && !state.forgotten.has(personId);
    details.set(changeId, { area, direction, ...(quoted ? { words: after } : {}) });
  }
  state.rows.set(decisionId, rowOf(facts, header, details, (personId) => state.formatsNeeded.get(personId) ?? []));
}

/** One decision's row from its facts (the review's own functions judge each part). */
export function rowOf(
  facts: DecisionFacts,
  header: Pick<BoardRow, 'kind' | 'organisations' | 'contractId'>,
  details: ReadonlyMap<string, ChangeDetails>,
  formatsNeeded: (personId: string) => readonly AccessibleFormat[],
): BoardRow {
  const made = finalDecision(facts);
  const after = <T extends Evidence>(items: T[]) => (made ? items.filter((i) => happenedBefore(made, i)) : []);
  // Judged at the end of time: what does not depend on now is the same then; what does, is due.
  const review = reviewFacts(facts, formatsNeeded, END_OF_TIME);
  const checks: Partial<Record<CheckKey, CheckStatus>> = {};
  for (const check of review.checks) if (!checksOverTime.includes(check.key)) checks[check.key] = check.status;
  const answered = new Set(made?.answers.map((a) => a.viewId) ?? []);
  const identified = new Map(facts.risksIdentified.map((r) => [r.riskId, r.fallsOnPeople]));
  const openDue = new Map(overdueRiskReviews(facts, Number.POSITIVE_INFINITY).map((r) => [r.riskId, r.due]));
  const changesAfter = new Set(after(facts.changes).map((c) => c.changeId));
  const changes = facts.changes.flatMap((c) => {
    const detail = details.get(c.changeId);
    if (!detail) return [];
    const disputed = standingOf(facts, 'change', c.changeId, c.personId, c) === 'disputed';
    const { words, ...what } = detail;
    return [{ at: happened(c), ...what, personId: c.personId, disputed, ...(words !== undefined && !disputed ? { words } : {}) }];
  });
  const people = new Set<string>([
    ...facts.involvement.map((i) => personOf(i.participant)),
    ...facts.views.map((v) => personOf(v.by)),
    ...facts.changes.map((c) => c.personId),
  ].filter((p): p is string => p !== undefined));
  return {
    decisionId: facts.decisionId,
    title: facts.proposed.title,
    ...header,
    proposedAt: happened(facts.proposed),
    deferrals: facts.made.filter((m) => m.outcome === 'deferred').map((m) => ({ at: happened(m), reviewDate: m.reviewDate })),
    ...(made ? { made: { at: happened(made), reviewDate: made.reviewDate, claimedRung: made.claimedRung } } : {}),
    ...(facts.closed ? { closed: { how: facts.supersededAt === undefined ? 'withdrawn' : 'superseded', at: happened(facts.closed) } } : {}),
    verdicts: review.selfAdvocateVerdicts.map((v) => ({ rung: v.rungReached, agrees: v.agrees })),
    checks,
    feedbackAfter: after(facts.feedback).map(happened),
    changesCounted: facts.changes.filter((c) => changesAfter.has(c.changeId) && standingOf(facts, 'change', c.changeId, c.personId, c) !== 'disputed').length,
    reviewOverdueOnceDue: review.flags.some((f) => f.code === 'decision-review-overdue'),
    views: facts.views
      .filter((v) => isPersonWhoUsesSupport(v.by))
        .map((v) => ({ at: happened(v), standing: standingOf(facts, 'view', v.viewId, personOf(v.by) ?? v.recordedFor, v), answered: answered.has(v.viewId) })),
    risks: facts.risksAccepted.map((a) => {
      const bearers = identified.get(a.riskId) ?? [];
      const due = openDue.get(a.riskId);
      return {
        at: happened(a),
        withThePeople: bearers.every((bearer) => acceptedWith(facts, a, bearer)),
        acceptedBy: a.acceptedBy.map((p) => p.role),
        bearers,
        reviews: facts.riskReviews.filter((r) => r.riskId === a.riskId).map((r) => ({ at: happened(r) })),
        ...(due === undefined ? {} : { openDue: due }),
      };
    }),
    changes,
    challenges: facts.challenges.map((c) => {
      const resolution = facts.resolutions.find((r) => r.challengeId === c.challengeId);
      return {
        at: happened(c),
        ...(resolution
          ? { resolvedAt: happened(resolution), finding: resolution.finding, panelWithPeople: resolution.panel.some((p) => panelPeopleRoles.includes(p.role)) }
          : {}),
      };
    }),
    flags: [...new Set(review.flags.map((f) => f.code).filter((code) => !flagsOverTime.includes(code)))],
    people: [...people],
  };
}
