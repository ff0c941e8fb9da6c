// GET /decisions/:id/evidence: a printable evidence pack for one decision, for whoever
// may read decisions. What changed for people, how they were supported to decide, and
// their needs, only for the people the reader may see (as GET /decisions/:id); the
// verification covers the decision's own hash chain and the whole log, as GET
// /audit/verify does (reused for up to a minute).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decisionDetail } from '../../../projections/decision-detail.js';
import { peopleDirectory } from '../../../projections/people-directory.js';
import type { Collections, Projection } from '../../../projections/projection.js';
import { decisionTimeline, timeline } from '../../../projections/timeline.js';
import type { CommandHandler } from '../../application/command-handler.js';
import { storeSource } from '../../audit/audit-source.js';
import { ChainVerifier, type VerificationReport } from '../../audit/chain-verifier.js';
import { renderEvidencePack, type StreamVerification } from '../../audit/evidence-pack.js';
import { decisionStream } from '../../domain/decisions/decision-events.js';
import { readerRoles } from '../../domain/permissions.js';
import { refuse } from '../../errors.js';
import type { ProjectionRunner } from '../../projection-runner/projection-runner.js';
import type { EventStore } from '../../store/event-store.js';
import { requireRole } from '../authentication.js';
import { actorOf } from '../command-route.js';
import type { PersonAccess } from '../person-access.js';
import { readYourWrites } from '../read-your-writes.js';

const LOG_VERIFICATION_MAX_AGE_MS = 60_000;

export interface EvidenceRoutesOptions {
  store: EventStore;
  handler: CommandHandler;
  runner: ProjectionRunner;
  people: PersonAccess;
}

export async function evidenceRoutes(app: FastifyInstance, options: EvidenceRoutesOptions): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const source = storeSource(options.store);
  // Verifying the whole log reads every event, so a pack reuses a verification up to a
  // minute old (concurrent packs share one run); the pack names the position it reached.
  let logVerification: { startedAt: number; report: Promise<VerificationReport> } | undefined;
  const verifiedLog = (): Promise<VerificationReport> => {
    if (!logVerification || Date.now() - logVerification.startedAt > LOG_VERIFICATION_MAX_AGE_MS) {
      logVerification = { startedAt: Date.now(), report: source.verify() };
    }
    return logVerification.report;
  };

  typed.get('/decisions/:id/evidence', {
    schema: {
      summary: 'A printable evidence pack (text/html) for one decision: summary, timeline, involvement, risks, changes, the co-production review, you said — we did, and verification',
      tags: ['decisions'],
      params: z.object({ id: z.string().uuid('a decision id is a uuid') }),
      response: { 200: z.string().describe('The evidence pack, a printable HTML page') },
      security: [{ bearerAuth: [] }],
    },
    preValidation: requireRole(...readerRoles),
    handler: async (request, reply) => {
      const { id } = request.params;
      await readYourWrites(options.store, options.runner);
      const { runner } = options;
      const asOfPosition = runner.position;
      const now = new Date().toISOString();
      const readable = await options.people.readablePeople(actorOf(request));
      const stateOf = <S extends Collections<S>>(projection: Projection<S>) => runner.state(projection);
      const detail = decisionDetail({ decisionId: id, stateOf, directory: runner.state(peopleDirectory), now, readable });
      if (!detail) refuse('PL_ERR_DECISION_NOT_FOUND', `There is no decision ${id}.`);
      const { revision } = detail;
      const [log, stream] = await Promise.all([verifiedLog(), verifyStream(options.store, decisionStream(id))]);
      const page = renderEvidencePack({
        generatedAt: now,
        asOfPosition,
        decision: detail,
        timeline: decisionTimeline(runner.state(timeline), id),
        involvement: detail.involvement,
        risks: detail.risks,
        changes: detail.changesForPeople.changes,
        seesEveryone: readable === 'everyone',
        people: detail.people,
        review: detail.coproductionReview,
        youSaidWeDid: detail.youSaidWeDid,
        verification: { storeKind: source.storeKind, log, stream },
      });
      void reply.header('etag', `"${revision}"`).header('cache-control', 'no-store');
      return reply.type('text/html; charset=utf-8').send(page);
    },
  });
}

/**
 * The hash chain of one stream, from its events as the store hands them out (O(stream),
 * not a scan of the log). While every event type is at its first schema version these are
 * the stored payloads; an upcast payload would not match its hash.
 */
async function verifyStream(store: EventStore, stream: string): Promise<StreamVerification> {
  const verifier = new ChainVerifier({ contiguous: false });
  let events = 0;
  try {
    for (const event of await store.readStream(stream)) {
      if (!verifier.add(event)) break;
      events++;
    }
  } catch (err) {
    verifier.fail({ stream, problem: `the stream could not be read: ${err instanceof Error ? err.message : String(err)}` });
  }
  const report = verifier.report();
  return {
    stream,
    ok: report.ok,
    events,
    firstBroken: report.firstBroken,
    summary: report.ok
      ? `All ${events} event(s) of this decision follow on from each other and match their hashes (revisions 0 to ${events - 1}).`
      : report.summary,
  };
}
