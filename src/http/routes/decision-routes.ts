// /decisions: read a decision's state and history (its commands' routes come from src/commands/).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { flagCode } from '../../../projections/coproduction-checks.js';
import { coproductionReview, decisionsWithFlag } from '../../../projections/coproduction-review.js';
import { decisionDetail, decisionDetailAnswer, decisionListAnswer } from '../../../projections/decision-detail.js';
import { decisionList, listDecisions } from '../../../projections/decision-list.js';
import { mentions } from '../../../projections/mentions.js';
import { peopleDirectory } from '../../../projections/people-directory.js';
import type { Collections, Projection } from '../../../projections/projection.js';
import type { CommandHandler } from '../../application/command-handler.js';
import { decisionDecider } from '../../domain/decisions/decide.js';
import { decisionStatus } from '../../domain/decisions/decision.js';
import { decisionStream } from '../../domain/decisions/decision-events.js';
import * as facts from '../../domain/decisions/decision-facts.js';
import { readerRoles } from '../../domain/permissions.js';
import { refuse } from '../../errors.js';
import type { ProjectionRunner } from '../../projection-runner/projection-runner.js';
import type { AsOfReplays } from '../../projection-runner/as-of-replays.js';
import { asOfParameter, parseAsOf, stateOfReplay, within } from '../../projection-runner/replay.js';
import type { EventMetadata, EventStore } from '../../store/event-store.js';
import { requireRole } from '../authentication.js';
import { actorOf } from '../command-route.js';
import { eventAsSeenBy, mayReadIn, type PersonAccess } from '../person-access.js';
import { readYourWrites } from '../read-your-writes.js';

export interface DecisionRoutesOptions {
  store: EventStore;
  handler: CommandHandler;
  runner: ProjectionRunner;
  people: PersonAccess;
  /** As-of replays, bounded and shared across the server. */
  asOf: AsOfReplays;
}

const byDecision = z.object({ id: z.string().uuid('a decision id is a uuid') });
const tags = ['decisions'];
/** A stored event as the log keeps it: its data is its type's own (validated when it was written), its metadata the writer's. */
const storedEventSchema = z.object({
  id: z.string(),
  stream: z.string(),
  revision: z.number().int(),
  position: z.number().int(),
  type: z.string(),
  schemaVersion: z.number().int(),
  data: z.unknown(),
  // Every field of EventMetadata: the check below fails to compile when one is added there and not here.
  metadata: z.object({
    actor: z.object({ id: z.string(), role: z.string(), name: z.string().optional(), organisation: z.string().optional() }).optional(),
    correlationId: z.string().optional(),
    causationId: z.string().optional(),
    requestId: z.string().optional(),
    recordedAt: z.string().optional(),
    requestFingerprint: z.string().optional(),
    previousHash: z.string().nullable().optional(),
    hash: z.string().optional(),
  }),
  recordedAt: z.string(),
});
const everyMetadataField: Exclude<keyof EventMetadata, keyof z.infer<typeof storedEventSchema>['metadata']> extends never ? true : never = true;
void everyMetadataField;

export async function decisionRoutes(app: FastifyInstance, options: DecisionRoutesOptions): Promise<void> {
  const { handler } = options;
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get('/decisions', {
    schema: {
      summary: 'List decisions, newest first',
      tags,
      querystring: z.object({
        kind: facts.decisionKind.optional(),
        status: decisionStatus.optional(),
        contract: z.string().uuid().optional(),
        organisation: z.string().optional(),
        person: z.string().optional(),
        flag: flagCode.optional().describe('Only decisions with this flag, e.g. decided-without-people, no-feedback, decision-review-overdue'),
      }),
      response: { 200: decisionListAnswer.describe('The decisions, newest first') },
      security: [{ bearerAuth: [] }],
    },
    preValidation: requireRole(...readerRoles),
    handler: async (request) => {
      const { kind, status, contract, organisation, person, flag } = request.query;
      await readYourWrites(options.store, options.runner);
      const { runner } = options;
      const flagged = flag ? new Set(decisionsWithFlag(runner.state(coproductionReview), flag, new Date().toISOString())) : undefined;
      const decisions = listDecisions(runner.state(decisionList), { kind, status, contractId: contract, organisation, person, among: flagged });
      return { decisions, asOfPosition: runner.position };
    },
  });

  typed.get('/decisions/:id', {
    schema: {
      summary: 'A decision as it stands now (or stood at a past moment), with who was involved, its risks, what changed for people and whether it was co-produced',
      tags,
      params: byDecision,
      querystring: z.object({
        asOf: asOfParameter.optional().describe('An ISO-8601 time (encode + as %2B) or a log position: the decision as it stood then, replayed from the log'),
        asOfKind: z
          .enum(['recorded', 'happened'])
          .default('recorded')
          .describe('With asOf as a time: "recorded" (what the record said on that date, the default) or "happened" (what had happened by then, counting facts recorded later by when they happened)'),
      }),
      response: { 200: decisionDetailAnswer.describe('The decision as this reader may see it') },
      security: [{ bearerAuth: [] }],
    },
    preValidation: requireRole(...readerRoles),
    handler: async (request, reply) => {
      const { id } = request.params;
      if (request.query.asOf !== undefined) {
        const asOf = parseAsOf(request.query.asOf);
        if (request.query.asOfKind === 'happened') {
          if (!('time' in asOf)) refuse('PL_ERR_VALIDATION', 'asOfKind=happened asks what had happened by a time: give asOf as an ISO-8601 time, not a log position.');
          await readYourWrites(options.store, options.runner);
          const replayed = await options.asOf.decisionHappenedBy(id, asOf.time, options.runner.state(mentions));
          const stateOf = stateOfReplay(replayed);
          const readable = await options.people.readablePeople(actorOf(request));
          const detail = decisionDetail({ decisionId: id, stateOf, directory: stateOf(peopleDirectory), forgottenNow: options.runner.state(peopleDirectory), now: asOf.time, readable });
          if (!detail) refuse('PL_ERR_DECISION_NOT_FOUND', `Decision ${id} had not been proposed by that moment.`);
          return { ...detail, asOfPosition: replayed.position };
        }
        const position = await options.asOf.positionOf(asOf);
        // Refused from the decision's own stream, before anything else is read.
        const { state } = await handler.loadAt(decisionDecider, decisionStream(id), within({ position }));
        if (state.status === 'none') refuse('PL_ERR_DECISION_NOT_FOUND', `Decision ${id} had not been recorded at that moment.`);
        // The mentions read model finds the streams that concern the decision up to that position.
        await readYourWrites(options.store, options.runner);
        const replayed = await options.asOf.decisionAt(id, position, options.runner.state(mentions));
        // Replayed states are each projection's own, folded by its own evolve.
        const stateOf = stateOfReplay(replayed);
        // Overdue is judged at that moment: the time asked for, or when the log last grew before that position.
        const then = 'time' in asOf ? asOf.time : (replayed.lastRecordedAt ?? new Date().toISOString());
        const readable = await options.people.readablePeople(actorOf(request));
        const detail = decisionDetail({ decisionId: id, stateOf, directory: stateOf(peopleDirectory), forgottenNow: options.runner.state(peopleDirectory), now: then, readable });
        if (!detail) refuse('PL_ERR_DECISION_NOT_FOUND', `Decision ${id} had not been recorded at that moment.`);
        return { ...detail, asOfPosition: replayed.position };
      }
      await readYourWrites(options.store, options.runner);
      const { runner } = options;
      const readable = await options.people.readablePeople(actorOf(request));
      const stateOf = <S extends Collections<S>>(projection: Projection<S>) => runner.state(projection);
      const detail = decisionDetail({ decisionId: id, stateOf, directory: runner.state(peopleDirectory), now: new Date().toISOString(), readable });
      if (!detail) refuse('PL_ERR_DECISION_NOT_FOUND', `There is no decision ${id}.`);
      void reply.header('etag', `"${detail.revision}"`);
      return { ...detail, asOfPosition: runner.position };
    },
  });

  typed.get('/decisions/:id/events', {
    schema: {
      summary: 'A decision’s raw history, every event in order',
      tags,
      params: byDecision,
      response: { 200: z.object({ events: z.array(storedEventSchema) }).describe('Every event of the decision, in order, as this reader may see it') },
      security: [{ bearerAuth: [] }],
    },
    preValidation: requireRole(...readerRoles),
    handler: async (request) => {
      const events = await options.store.readStream(decisionStream(request.params.id));
      if (events.length === 0) refuse('PL_ERR_DECISION_NOT_FOUND', `There is no decision ${request.params.id}.`);
      await readYourWrites(options.store, options.runner);
      const mayRead = mayReadIn(await options.people.readablePeople(actorOf(request)));
      return { events: events.map((event) => eventAsSeenBy(event, mayRead)) };
    },
  });
}
