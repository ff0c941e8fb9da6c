// `npm run verify -- --report <file>`: checks a signed copy of the Partnership Board report
// (GET /reports/partnership-board/signed). Its signatures must hold under the key the auditor
// trusts; the log must still hold the history its checkpoint froze; and the report made again
// from the log as of that checkpoint, for the same period, filters and moment, must be the
// same, figure for figure.
import { boardReport } from '../../projections/board-report.js';
import type { BoardReport } from '../../projections/board-report-schema.js';
import { boardRows, type BoardRowsState } from '../../projections/board-rows.js';
import { contracts, type ContractsState } from '../../projections/contracts.js';
import { checkSourceAgainst, type AuditSource } from '../audit/audit-source.js';
import { trustedFingerprint } from '../audit/checkpoint.js';
import { signedBoardReport, signedReportProblem } from '../audit/signed-report.js';
import { canonicalJson } from '../events/canonical-json.js';
import { replayProjection } from '../projection-runner/replay.js';

export interface ReportVerification {
  ok: boolean;
  summary: string;
  /** The report's sections that differ from the report made again from the log. */
  differs?: string[];
}

/** `trusted`: a public key (PEM) or its fingerprint. */
export async function verifySignedReport(source: AuditSource, input: unknown, trusted: string): Promise<ReportVerification> {
  const parsed = signedBoardReport.safeParse(input);
  if (!parsed.success) return { ok: false, summary: `This is not a signed copy of the Partnership Board report: ${parsed.error.issues[0]?.message ?? 'unreadable'}.` };
  const copy = parsed.data;
  const problem = signedReportProblem(copy, trustedFingerprint(trusted));
  if (problem) return { ok: false, summary: problem };
  const [held] = await checkSourceAgainst(source, [{ name: 'the report’s checkpoint', checkpoint: copy.checkpoint }], trusted);
  if (!held?.ok) return { ok: false, summary: `The log no longer holds the history the report was made from: ${held?.summary ?? 'not compared'}` };
  const again = await reportAgain(source, copy.report);
  const differs = Object.keys(copy.report).filter((section) => canonicalJson(sectionOf(copy.report, section)) !== canonicalJson(sectionOf(again, section)));
  if (differs.length > 0) {
    return { ok: false, summary: `The report made again from the log as of position ${copy.report.asOfPosition} differs in: ${differs.join(', ')}.`, differs };
  }
  return {
    ok: true,
    summary: `The report for ${copy.report.period.from} to ${copy.report.period.to}, made at ${copy.report.generatedAt}, is signed by the key you trust and follows figure for figure from the log as of position ${copy.report.asOfPosition}, which the log still holds.`,
  };
}

function sectionOf(report: BoardReport, section: string): unknown {
  return Object.entries(report).find(([key]) => key === section)?.[1];
}

/** The report made from the log up to its position, for the same query, scope and moment; signed copies are made for readers who read everyone. */
async function reportAgain(source: AuditSource, report: BoardReport): Promise<BoardReport> {
  const position = { position: report.asOfPosition };
  const [rows, money] = await Promise.all([replayProjection<BoardRowsState>(source.events(), boardRows, position), replayProjection<ContractsState>(source.events(), contracts, position)]);
  return boardReport({
    rows: rows.state,
    contracts: money.state,
    query: { from: report.period.from, to: report.period.to, ...report.filters },
    now: report.generatedAt,
    asOfPosition: report.asOfPosition,
    organisation: report.scope === 'organisation' ? report.filters.organisation : undefined,
    readable: 'everyone',
  });
}
