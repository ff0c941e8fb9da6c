// /reports/partnership-board: the Partnership Board report for a period, as JSON, as a CSV
// download of each of its tables, or as a signed, dated copy an auditor can verify later.
// Made from the board's rows and the contracts as they stand (read-your-writes) or as they
// stood at a moment (asOf, replayed within the server's limits). A provider's report covers
// only its own organisation's decisions and contracts; quotes follow the read rules.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { boardReport } from '../../../projections/board-report.js';
import { boardReportSchema, reportQuery, reportTable, type BoardReport } from '../../../projections/board-report-schema.js';
import { reportTableCsv } from '../../../projections/board-report-tables.js';
import { boardRows } from '../../../projections/board-rows.js';
import { contracts } from '../../../projections/contracts.js';
import { peopleDirectory } from '../../../projections/people-directory.js';
import { signCheckpoint, storeSource, type AuditSource } from '../../audit/audit-source.js';
import type { SigningKey } from '../../audit/checkpoint.js';
import { signBoardReport, signedBoardReport } from '../../audit/signed-report.js';
import type { Actor } from '../../domain/actor.js';
import { PartnershipLogError } from '../../errors.js';
import type { AsOfReplays } from '../../projection-runner/as-of-replays.js';
import type { ProjectionRunner } from '../../projection-runner/projection-runner.js';
import { asOfParameter, parseAsOf, stateOfReplay } from '../../projection-runner/replay.js';
import type { EventStore } from '../../store/event-store.js';
import { requireRole } from '../authentication.js';
import { actorOf } from '../command-route.js';
import type { PersonAccess } from '../person-access.js';
import { readYourWrites } from '../read-your-writes.js';

export interface ReportRoutesOptions {
  store: EventStore;
  runner: ProjectionRunner;
  people: PersonAccess;
  asOf: AsOfReplays;
  /** The checkpoint key (CHECKPOINT_KEY_FILE): without it the server signs no copy. */
  signingKey?: SigningKey | undefined;
}

const tags = ['reports'];
/** Long enough for any Board's look back; bounded, since every day of it is read. */
const MOST_DAYS = 5 * 366;

export const reportQuerystring = reportQuery
  .extend({ asOf: asOfParameter.optional().describe('An ISO-8601 time (encode + as %2B) or a log position: the report as it stood then') })
  .refine((q) => q.from <= q.to, { message: 'to must be on or after from', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) < MOST_DAYS * 86_400_000, { message: `a period is at most ${MOST_DAYS} days`, path: ['to'] });
type ReportQuerystring = z.infer<typeof reportQuerystring>;

/** Who may read the report: a provider its own organisation's, a self-advocate counts (names never appear). */
const reportReaders = ['commissioner', 'auditor', 'admin', 'provider', 'self-advocate'] as const;

export async function reportRoutes(app: FastifyInstance, options: ReportRoutesOptions): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { runner } = options;
  const forgottenNow = (personId: string) => runner.state(peopleDirectory).people.get(personId)?.forgotten ?? false;

  async function reportFor(actor: Actor, query: ReportQuerystring): Promise<BoardReport> {
    const { asOf, ...asked } = query;
    const organisation = organisationOf(actor, asked.organisation);
    const readable = await options.people.readablePeople(actor);
    if (asOf !== undefined) {
      const when = parseAsOf(asOf);
      const replayed = await options.asOf.at(await options.asOf.positionOf(when));
      // The replay holds each served projection's own collections, made from its specs.
      const stateOf = stateOfReplay(replayed);
      const now = 'time' in when ? when.time : (replayed.lastRecordedAt ?? new Date().toISOString());
      return boardReport({ rows: stateOf(boardRows), contracts: stateOf(contracts), query: asked, now, asOfPosition: replayed.position, organisation, readable, forgottenNow });
    }
    await readYourWrites(options.store, runner);
    return boardReport({
      rows: runner.state(boardRows),
      contracts: runner.state(contracts),
      query: asked,
      now: new Date().toISOString(),
      asOfPosition: runner.position,
      organisation,
      readable,
      forgottenNow,
    });
  }

  typed.get('/reports/partnership-board', {
    schema: {
      summary: 'The Partnership Board report for a period: decisions, co-production, listening, risks, what changed for people, money, challenges and flags, each count beside the previous period',
      tags,
      querystring: reportQuerystring,
      response: { 200: boardReportSchema.describe('The report; counts of people under five are { fewerThan: 5 }') },
      security: [{ bearerAuth: [] }],
    },
    preValidation: requireRole(...reportReaders),
    handler: async (request) => reportFor(actorOf(request), request.query),
  });

  typed.get('/reports/partnership-board/signed', {
    schema: {
      summary: 'A signed, dated copy of the report: the report, a signed checkpoint of the log at the position it reflects, and a signature over both (check it with npm run verify -- --report)',
      tags,
      querystring: reportQuerystring,
      response: { 200: signedBoardReport },
      security: [{ bearerAuth: [] }],
    },
    // Made for readers who read everyone, so anyone holding the log can make the same report again.
    preValidation: requireRole('auditor', 'commissioner'),
    handler: async (request) => {
      const key = options.signingKey;
      if (key === undefined) {
        throw new PartnershipLogError(
          'PL_ERR_NO_SIGNING_KEY',
          'This server has no checkpoint signing key configured (CHECKPOINT_KEY_FILE), so it cannot sign a copy of the report. Download the report and ask your auditor to sign a checkpoint with `npm run checkpoint -- --key <file>`.',
        );
      }
      const report = await reportFor(actorOf(request), request.query);
      const checkpoint = await signCheckpoint(upTo(storeSource(options.store), report.asOfPosition), key, report.generatedAt);
      return signBoardReport(report, checkpoint, key);
    },
  });

  typed.get('/reports/partnership-board/:table.csv', {
    schema: {
      summary: 'One table of the report as CSV (text/csv): one header row, then its figures',
      tags,
      params: z.object({ table: reportTable }),
      querystring: reportQuerystring,
      response: { 200: z.string().describe('The table as CSV (text/csv), with a download name naming the period') },
      security: [{ bearerAuth: [] }],
    },
    preValidation: requireRole(...reportReaders),
    handler: async (request, reply) => {
      const report = await reportFor(actorOf(request), request.query);
      const name = `partnership-board-${request.params.table}-${report.period.from}-to-${report.period.to}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(reportTableCsv(report, request.params.table));
    },
  });
}

/** A provider's report is its own organisation's: it may not ask for another's. */
function organisationOf(actor: Actor, asked: string | undefined): string | undefined {
  if (actor.role !== 'provider') return undefined;
  if (!actor.organisation || (asked !== undefined && asked !== actor.organisation)) {
    throw new PartnershipLogError('PL_ERR_FORBIDDEN', 'A provider’s report covers its own organisation’s decisions only.');
  }
  return actor.organisation;
}

/** The log's links up to a position: the checkpoint a report at that position is bound to. */
function upTo(source: AuditSource, position: number): AuditSource {
  return {
    ...source,
    async *links() {
      for await (const link of source.links()) {
        if (link.position > position) return;
        yield link;
      }
    },
  };
}
