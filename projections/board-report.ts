// The Partnership Board report for a period, from the board's rows (board-rows.ts) and the
// contracts: what was proposed, made, deferred, superseded and withdrawn, whether it was
// co-produced, what people said and got back, the risks taken, what changed for people, the
// money and the challenges, each count beside the previous period of the same length. Things
// fall in a period by when they happened. Counts of people follow the small-number rule;
// forgotten people are counted, never quoted; words are quoted only with the person's consent.
import type { DecisionKind } from '../src/domain/decisions/decision-facts.js';
import { ladder, lifeArea } from '../src/domain/shared/vocabulary.js';
import { boardMoney } from './board-money.js';
import { boardReportSchema, LISTED, SMALL_NUMBER, type BoardReport, type PeopleCount, type ReportQuery } from './board-report-schema.js';
import type { BoardRow, BoardRowsState } from './board-rows.js';
import { checkKeys, flagCodes, type CheckKey, type CheckStatus, type FlagCode } from './coproduction-checks.js';
import type { ContractsState } from './contracts.js';
import type { ReadablePeople } from './decision-detail.js';
import { changesCheck, feedbackCheck, reviewIsDue } from './timely-checks.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const NOT_LISTED = { decisionId: '', title: '' };
/** The first LISTED of a list. */
const listed = <T>(items: T[]): T[] => items.slice(0, LISTED);

export interface BoardReportInput {
  rows: BoardRowsState;
  contracts: ContractsState;
  query: ReportQuery;
  /** When it is made: the checks and flags that depend on time are judged now. */
  now: string;
  /** The log position the rows and contracts reflect. */
  asOfPosition: number;
  /** A provider's report covers only the decisions and contracts of its own organisation. */
  organisation?: string | undefined;
  /** Whose words the reader may read: quotes from anyone else are left out. */
  readable: ReadablePeople;
  /** People forgotten since (forgetting reaches every view of the past); the rows know those forgotten by then. */
  forgottenNow?: (personId: string) => boolean;
}

interface Period {
  start: number;
  end: number;
}

/** A count of people by the small-number rule. */
export function countPeople(n: number): PeopleCount {
  return n > 0 && n < SMALL_NUMBER ? { fewerThan: SMALL_NUMBER } : n;
}

function compare(now: number, before: number) {
  return { now, before, change: now > before ? ('up' as const) : now < before ? ('down' as const) : ('same' as const) };
}

function comparePeople(now: number, before: number) {
  const [a, b] = [countPeople(now), countPeople(before)];
  const known = typeof a === 'number' && typeof b === 'number';
  return { now: a, before: b, change: known ? compare(now, before).change : ('unknown' as const) };
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The period and the one before it, of the same length: the same number of whole months when
 * the period is whole months (a quarter is compared with the quarter before, whatever their
 * days), else the same number of days.
 */
export function periodsOf(from: string, to: string) {
  const start = Date.parse(`${from}T00:00:00.000Z`);
  const end = Date.parse(`${to}T00:00:00.000Z`) + DAY_MS - 1;
  const [fy, fm] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const [ty, tm] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  const wholeMonths = from.endsWith('-01') && dayOf(end + 1).endsWith('-01');
  const months = (ty - fy) * 12 + (tm - fm) + 1;
  const previousStart = wholeMonths ? Date.UTC(fy, fm - 1 - months, 1) : start - (end + 1 - start);
  return {
    now: { start, end },
    before: { start: previousStart, end: start - 1 },
    dates: { from, to, previousFrom: dayOf(previousStart), previousTo: dayOf(start - 1) },
  };
}

/** The rows the query is about, read through an index when it names a contract, an organisation or a kind. */
function rowsOf(state: BoardRowsState, filters: { contract?: string | undefined; organisation?: string | undefined; kind?: DecisionKind | undefined }): Iterable<BoardRow> {
  const { contract, organisation, kind } = filters;
  const keep = (row: BoardRow) =>
    (contract === undefined || row.contractId === contract) && (organisation === undefined || row.organisations.includes(organisation)) && (kind === undefined || row.kind === kind);
  if (contract !== undefined) return state.rows.withIndex('contract', contract).filter(keep);
  if (organisation !== undefined) return state.rows.withIndex('organisation', organisation).filter(keep);
  if (kind !== undefined) return state.rows.withIndex('kind', kind);
  return state.rows.values();
}

const statusKey: Record<CheckStatus, 'pass' | 'fail' | 'notYet'> = { pass: 'pass', fail: 'fail', 'not-yet': 'notYet' };

/** A check's status now: the row's, or for checks 7 and 8 judged at `nowMs` as the review judges them. */
function statusOf(row: BoardRow, key: CheckKey, nowMs: number): CheckStatus {
  if (key === 'feedback-given') return feedbackCheck(row.made?.at, row.feedbackAfter.length, nowMs).status;
  if (key === 'changes-recorded') return changesCheck(row.made?.reviewDate, row.changesCounted, nowMs).status;
  return row.checks[key] ?? 'not-yet';
}

/** Every flag the decision carries now: the row's, and those that depend on time. */
export function flagsNow(row: BoardRow, nowMs: number): FlagCode[] {
  const overTime: FlagCode[] = [];
  if (feedbackCheck(row.made?.at, row.feedbackAfter.length, nowMs).status === 'fail') overTime.push('no-feedback');
  if (row.made && row.reviewOverdueOnceDue && reviewIsDue(row.made.reviewDate, nowMs)) overTime.push('decision-review-overdue');
  if (row.risks.some((r) => r.openDue !== undefined && Date.parse(r.openDue) < nowMs)) overTime.push('risk-review-overdue');
  if (overTime.length === 0) return row.flags;
  const flags = new Set([...row.flags, ...overTime]);
  return flagCodes.filter((code) => flags.has(code));
}

/** The counts compared between periods. */
function tally(rows: readonly BoardRow[], p: Period, nowMs: number) {
  const within = (at: number | undefined) => at !== undefined && at >= p.start && at <= p.end;
  const t = {
    proposed: 0, made: 0, deferred: 0, superseded: 0, withdrawn: 0,
    byKind: new Map<DecisionKind, { proposed: number; made: number }>(),
    checks: new Map<CheckKey, { pass: number; fail: number; notYet: number }>(checkKeys.map((k) => [k, { pass: 0, fail: 0, notYet: 0 }])),
    views: 0, own: 0, recordedForThem: 0, confirmed: 0, answered: 0,
    accepted: 0, acceptedWith: 0, acceptedFor: 0, bearers: new Set<string>(), reviewsDue: 0,
    changes: 0, peopleChanged: new Set<string>(),
    raised: 0, resolved: 0, panelsWith: 0, panelsWithout: 0,
  };
  for (const row of rows) {
    const kind = t.byKind.get(row.kind) ?? { proposed: 0, made: 0 };
    if (within(row.proposedAt)) {
      t.proposed++;
      kind.proposed++;
    }
    if (within(row.made?.at)) {
      t.made++;
      kind.made++;
      for (const [key, counts] of t.checks) counts[statusKey[statusOf(row, key, nowMs)]]++;
    }
    t.byKind.set(row.kind, kind);
    if (row.deferrals.some((d) => within(d.at))) t.deferred++;
    if (row.closed && within(row.closed.at)) t[row.closed.how]++;
    for (const v of row.views) {
      if (!within(v.at)) continue;
      t.views++;
      if (v.standing === 'their-own') t.own++;
      if (v.standing === 'recorded-for-them') t.recordedForThem++;
      if (v.standing === 'confirmed') t.confirmed++;
      if (v.answered) t.answered++;
    }
    for (const r of row.risks) {
      if (r.openDue !== undefined && within(Date.parse(r.openDue))) t.reviewsDue++;
      if (!within(r.at)) continue;
      t.accepted++;
      if (r.withThePeople) t.acceptedWith++;
      else t.acceptedFor++;
      for (const b of r.bearers) t.bearers.add(b);
    }
    for (const c of row.changes) {
      if (!within(c.at)) continue;
      t.changes++;
      t.peopleChanged.add(c.personId);
    }
    for (const c of row.challenges) {
      if (within(c.at)) t.raised++;
      if (!within(c.resolvedAt)) continue;
      t.resolved++;
      if (c.panelWithPeople) t.panelsWith++;
      else t.panelsWithout++;
    }
  }
  return { ...t, within };
}

export function boardReport(input: BoardReportInput): BoardReport {
  const { query, now } = input;
  const nowMs = Date.parse(now);
  const organisation = input.organisation ?? query.organisation;
  const filters = { ...(organisation ? { organisation } : {}), ...(query.contract ? { contract: query.contract } : {}), ...(query.kind ? { kind: query.kind } : {}) };
  const periods = periodsOf(query.from, query.to);
  // Only decisions proposed by the period's end can say anything about it.
  const rows = [...rowsOf(input.rows, filters)].filter((row) => row.proposedAt <= periods.now.end);
  const [a, b] = [tally(rows, periods.now, nowMs), tally(rows, periods.before, nowMs)];
  const madeNow = rows.filter((row) => a.within(row.made?.at));
  const link = (row: BoardRow) => ({ decisionId: row.decisionId, title: row.title });
  const endMs = periods.now.end;
  const quotable = (personId: string) =>
    !input.rows.forgotten.has(personId) && !(input.forgottenNow?.(personId) ?? false) && (input.readable === 'everyone' || input.readable.has(personId));

  const openPastReview = rows.flatMap((row) => {
    const openAtEnd = !(row.closed && row.closed.at <= endMs) && !(row.made && row.made.at <= endMs);
    const deferral = row.deferrals.filter((d) => d.at <= endMs).at(-1);
    return openAtEnd && deferral && Date.parse(deferral.reviewDate) < endMs ? [{ ...link(row), reviewDate: deferral.reviewDate }] : [];
  });
  const days = madeNow.flatMap((row) => {
    if (!row.made || row.feedbackAfter.length === 0) return [];
    const first = Math.min(...row.feedbackAfter);
    return [Math.round(((first - row.made.at) / DAY_MS) * 10) / 10];
  }).sort((x, y) => x - y);
  const middle = Math.floor(days.length / 2);
  const median = days.length === 0 ? null : days.length % 2 === 1 ? (days[middle] ?? null) : ((days[middle - 1] ?? 0) + (days[middle] ?? 0)) / 2;
  const roles = new Map<string, number>();
  for (const row of rows) for (const r of row.risks) if (a.within(r.at)) for (const role of r.acceptedBy) roles.set(role, (roles.get(role) ?? 0) + 1);
  const changesNow = rows.flatMap((row) => row.changes.filter((c) => a.within(c.at)));
  const flagged = new Map<FlagCode, { decisionId: string; title: string }[]>();
  for (const row of rows) {
    if (row.closed && row.closed.at < periods.now.start) continue;
    for (const code of flagsNow(row, nowMs)) {
      const decisions = flagged.get(code) ?? [];
      // Counted all, linked only as many as are listed.
      decisions.push(decisions.length < LISTED ? link(row) : NOT_LISTED);
      flagged.set(code, decisions);
    }
  }
  const resolvedNow = rows.flatMap((row) => row.challenges.filter((c) => a.within(c.resolvedAt)));

  return boardReportSchema.parse({
    period: periods.dates,
    filters,
    generatedAt: now,
    asOfPosition: input.asOfPosition,
    scope: input.organisation === undefined ? 'everything' : 'organisation',
    decisions: {
      proposed: compare(a.proposed, b.proposed),
      made: compare(a.made, b.made),
      deferred: compare(a.deferred, b.deferred),
      superseded: compare(a.superseded, b.superseded),
      withdrawn: compare(a.withdrawn, b.withdrawn),
      byKind: [...a.byKind].map(([kind, counts]) => {
        const before = b.byKind.get(kind) ?? { proposed: 0, made: 0 };
        return { kind, proposed: compare(counts.proposed, before.proposed), made: compare(counts.made, before.made) };
      }),
      openPastReview: listed(openPastReview),
    },
    coproduction: {
      checks: checkKeys.map((key) => {
        const [x, y] = [a.checks.get(key), b.checks.get(key)];
        return { key, pass: compare(x?.pass ?? 0, y?.pass ?? 0), fail: compare(x?.fail ?? 0, y?.fail ?? 0), notYet: compare(x?.notYet ?? 0, y?.notYet ?? 0) };
      }),
      ladder: ladder.map((rung) => ({
        rung,
        claimed: madeNow.filter((row) => row.made?.claimedRung === rung).length,
        saidByPeople: madeNow.reduce((n, row) => n + row.verdicts.filter((v) => v.rung === rung).length, 0),
      })),
      disagreements: listed(madeNow.filter((row) => row.verdicts.some((v) => !v.agrees)))
        .map((row) => ({ ...link(row), ...(row.made ? { claimed: row.made.claimedRung } : {}), saidByPeople: row.verdicts.map((v) => v.rung) })),
    },
    listening: {
      viewsFromPeople: compare(a.views, b.views),
      inOwnWords: compare(a.own, b.own),
      recordedForThem: compare(a.recordedForThem, b.recordedForThem),
      confirmedByThem: compare(a.confirmed, b.confirmed),
      answered: compare(a.answered, b.answered),
      daysToFeedback: { median, worst: days.at(-1) ?? null },
      withoutFeedback: listed(madeNow.filter((row) => row.feedbackAfter.length === 0)).map(link),
    },
    risks: {
      accepted: compare(a.accepted, b.accepted),
      acceptedWithThePeople: compare(a.acceptedWith, b.acceptedWith),
      acceptedForThem: compare(a.acceptedFor, b.acceptedFor),
      peopleBearing: comparePeople(a.bearers.size, b.bearers.size),
      acceptedBy: [...roles].sort(([x], [y]) => x.localeCompare(y)).map(([role, count]) => ({ role, count })),
      reviewsDue: compare(a.reviewsDue, b.reviewsDue),
      reviewsOverdue: listed(
        rows.flatMap((row) => row.risks.flatMap((r) => (r.openDue !== undefined && Date.parse(r.openDue) < nowMs && r.at <= endMs ? [{ ...link(row), due: r.openDue }] : []))),
      ),
    },
    changes: {
      recorded: compare(a.changes, b.changes),
      peopleWithAChange: comparePeople(a.peopleChanged.size, b.peopleChanged.size),
      byArea: lifeArea.options.flatMap((area) => {
        const inArea = changesNow.filter((c) => c.area === area);
        const count = (direction: string) => inArea.filter((c) => c.direction === direction).length;
        return inArea.length === 0 ? [] : [{ area, better: count('better'), worse: count('worse'), noChange: count('no-change') }];
      }),
      quotes: listed(changesNow.flatMap((c) => (c.words !== undefined && quotable(c.personId) ? [{ area: c.area, direction: c.direction, words: c.words }] : []))),
    },
    money: boardMoney(input.contracts, query, { contract: query.contract, organisation }, countPeople),
    challenges: {
      raised: compare(a.raised, b.raised),
      resolved: compare(a.resolved, b.resolved),
      outcomes: (['upheld', 'partly-upheld', 'not-upheld'] as const).map((finding) => ({ finding, count: resolvedNow.filter((c) => c.finding === finding).length })),
      panelsWithPeople: compare(a.panelsWith, b.panelsWith),
      panelsWithoutPeople: compare(a.panelsWithout, b.panelsWithout),
    },
    flags: flagCodes.flatMap((code) => {
      const decisions = flagged.get(code);
      return decisions ? [{ code, count: decisions.length, decisions: decisions.slice(0, LISTED) }] : [];
    }),
  });
}
