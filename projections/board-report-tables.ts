// The Partnership Board report's tables as rows of cells: what each CSV download holds
// (GET /reports/partnership-board/:table.csv), one header row then the figures. A count of
// people under five is written "fewer than 5", as on the page.
import type { BoardReport, PeopleCount, ReportTable } from './board-report-schema.js';

type Cell = string | number | null;
type Compared = { now: number | PeopleCount; before: number | PeopleCount; change: string };

const figure = (value: PeopleCount): Cell => (typeof value === 'number' ? value : `fewer than ${value.fewerThan}`);
const comparedRows = (figures: Record<string, Compared>): Cell[][] => [
  ['figure', 'this period', 'previous period', 'change'],
  ...Object.entries(figures).map(([name, c]) => [name, figure(c.now), figure(c.before), c.change]),
];

const tables: Record<ReportTable, (r: BoardReport) => Cell[][]> = {
  decisions: (r) => {
    const { byKind: _byKind, openPastReview: _open, ...figures } = r.decisions;
    return comparedRows(figures);
  },
  'decisions-by-kind': (r) => [
    ['kind', 'proposed', 'proposed before', 'made', 'made before'],
    ...r.decisions.byKind.map((k) => [k.kind, k.proposed.now, k.proposed.before, k.made.now, k.made.before]),
  ],
  'open-past-review': (r) => [['decision', 'title', 'review date'], ...r.decisions.openPastReview.map((d) => [d.decisionId, d.title, d.reviewDate])],
  checks: (r) => [
    ['check', 'pass', 'pass before', 'fail', 'fail before', 'not yet', 'not yet before'],
    ...r.coproduction.checks.map((c) => [c.key, c.pass.now, c.pass.before, c.fail.now, c.fail.before, c.notYet.now, c.notYet.before]),
  ],
  ladder: (r) => [['rung', 'claimed by decision-makers', 'said by self-advocates'], ...r.coproduction.ladder.map((l) => [l.rung, l.claimed, l.saidByPeople])],
  disagreements: (r) => [
    ['decision', 'title', 'rung claimed', 'rungs self-advocates said'],
    ...r.coproduction.disagreements.map((d) => [d.decisionId, d.title, d.claimed ?? null, d.saidByPeople.join('; ')]),
  ],
  listening: (r) => {
    const { daysToFeedback, withoutFeedback: _without, ...figures } = r.listening;
    return [...comparedRows(figures), ['days to feedback (median)', daysToFeedback.median, null, null], ['days to feedback (worst)', daysToFeedback.worst, null, null]];
  },
  'without-feedback': (r) => [['decision', 'title'], ...r.listening.withoutFeedback.map((d) => [d.decisionId, d.title])],
  risks: (r) => {
    const { acceptedBy: _by, reviewsOverdue: _overdue, ...figures } = r.risks;
    return comparedRows(figures);
  },
  'risks-accepted-by': (r) => [['role', 'acceptances'], ...r.risks.acceptedBy.map((a) => [a.role, a.count])],
  'risk-reviews-overdue': (r) => [['decision', 'title', 'review due'], ...r.risks.reviewsOverdue.map((d) => [d.decisionId, d.title, d.due])],
  changes: (r) => comparedRows({ recorded: r.changes.recorded, peopleWithAChange: r.changes.peopleWithAChange }),
  'changes-by-area': (r) => [['area', 'better', 'worse', 'no change'], ...r.changes.byArea.map((a) => [a.area, a.better, a.worse, a.noChange])],
  quotes: (r) => [['area', 'direction', 'in their own words'], ...r.changes.quotes.map((q) => [q.area, q.direction, q.words])],
  money: (r) => [
    ['contract', 'provider', 'released (pence)', 'allocated by route (pence)', 'remaining in block (pence)', 'people moved'],
    ...r.money.contracts.map((c) => [c.contractId, c.provider, c.released, c.allocatedByRoute.map((a) => `${a.route}: ${a.amount}`).join('; '), c.remainingInBlock, figure(c.peopleMoved)]),
  ],
  'individualised-share': (r) => [['month', 'share individualised'], ...r.money.individualisedOverTime.map((m) => [m.month, m.share])],
  challenges: (r) => {
    const { outcomes, ...figures } = r.challenges;
    return [...comparedRows(figures), ...outcomes.map((o) => [`finding: ${o.finding}`, o.count, null, null])];
  },
  flags: (r) => [['flag', 'decision', 'title'], ...r.flags.flatMap((f) => f.decisions.map((d) => [f.code, d.decisionId, d.title]))],
};

/** One cell as CSV (RFC 4180): quoted when it holds a comma, a quote or a line break; a leading = + - @ is defused for spreadsheets. */
function csvCell(cell: Cell): string {
  if (cell === null) return '';
  let text = String(cell);
  if (typeof cell === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The table's rows, the first being its header. */
export function reportTableRows(report: BoardReport, table: ReportTable): Cell[][] {
  return tables[table](report);
}

export function reportTableCsv(report: BoardReport, table: ReportTable): string {
  return reportTableRows(report, table).map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
