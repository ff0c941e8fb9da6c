// Which period the Board report covers, as its form asks it (this quarter, last quarter,
// this year, or chosen days; an organisation, a contract or a kind), and the addresses of
// the report's versions and CSV tables for that choice. Quarters are calendar quarters,
// named by their months on the form, so nobody has to know where a financial year starts.
import { reportQuery, type ReportQuery, type ReportTable } from '../../projections/board-report-schema.js';

export const periodChoiceNames = ['this-quarter', 'last-quarter', 'this-year', 'chosen'] as const;
export type PeriodChoice = (typeof periodChoiceNames)[number];
export const periodChoices: Record<PeriodChoice, string> = {
  'this-quarter': 'This quarter',
  'last-quarter': 'Last quarter',
  'this-year': 'This year',
  chosen: 'Days I choose',
};

export const isPeriodChoice = (value: string | undefined): value is PeriodChoice => periodChoiceNames.some((name) => name === value);

/** What the form sent (every field optional: a first visit sends nothing). */
export interface PeriodForm {
  period?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const day = (year: number, month: number, date: number) => new Date(Date.UTC(year, month, date)).toISOString().slice(0, 10);

/** The first and last day of the chosen period; `today` is YYYY-MM-DD. Days given without a choice are a chosen period. */
export function choosePeriod(form: PeriodForm, today: string): { from: string; to: string } {
  const choice: PeriodChoice = isPeriodChoice(form.period) ? form.period : form.from || form.to ? 'chosen' : 'this-quarter';
  const year = Number(today.slice(0, 4));
  const quarterStart = Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3;
  switch (choice) {
    case 'this-quarter':
      return { from: day(year, quarterStart, 1), to: day(year, quarterStart + 3, 0) };
    case 'last-quarter':
      return { from: day(year, quarterStart - 3, 1), to: day(year, quarterStart, 0) };
    case 'this-year':
      return { from: day(year, 0, 1), to: day(year, 12, 0) };
    case 'chosen':
      return { from: form.from ?? '', to: form.to ?? '' };
  }
}

/** The months a period choice covers, for the form's words ("July to September 2026"). */
export function periodWords(period: { from: string; to: string }): string {
  const month = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return month(period.from) === month(period.to) ? month(period.from) : `${month(period.from)} to ${month(period.to)}`;
}

export interface ReportLinks {
  /** The query string every version and table of this report shares (from, to and filters). */
  query: string;
  full: string;
  easyRead: string;
  print: string;
  csv: (table: ReportTable) => string;
}

export const REPORT_PAGE = '/app/reports/partnership-board';

/** `asOf`: an auditor's moment (a log position or a time), kept on every link so the versions agree. */
export function reportLinks(query: ReportQuery, asOf?: string): ReportLinks {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(reportQuery.parse(query))) if (value !== undefined) params.set(name, value);
  if (asOf) params.set('asOf', asOf);
  const q = params.toString();
  return {
    query: q,
    full: `${REPORT_PAGE}/full?${q}`,
    easyRead: `${REPORT_PAGE}/easy-read?${q}`,
    print: `${REPORT_PAGE}/print?${q}`,
    csv: (table) => `${REPORT_PAGE}/${table}.csv?${q}`,
  };
}
