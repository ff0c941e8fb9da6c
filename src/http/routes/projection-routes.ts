// /projections: every read model by name, current (read-your-writes) or as of a moment
// or a log position (replayed from the log, within the server's limits on replays).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { queryableProjections, type ProjectionQuery, type QueryableProjection } from '../../../projections/queries.js';
import type { Actor } from '../../domain/actor.js';
import { readerRoles } from '../../domain/permissions.js';
import { personId } from '../../domain/shared/vocabulary.js';
import { PartnershipLogError, refuse } from '../../errors.js';
import type { ProjectionRunner } from '../../projection-runner/projection-runner.js';
import type { AsOfReplays } from '../../projection-runner/as-of-replays.js';
import { asOfParameter, parseAsOf } from '../../projection-runner/replay.js';
import type { EventStore } from '../../store/event-store.js';
import { requireRole } from '../authentication.js';
import { actorOf } from '../command-route.js';
import type { PersonAccess } from '../person-access.js';
import { readYourWrites } from '../read-your-writes.js';

export interface ProjectionRoutesOptions {
  store: EventStore;
  runner: ProjectionRunner;
  people: PersonAccess;
  /** As-of replays, bounded and shared across the server. */
  asOf: AsOfReplays;
}

const tags = ['projections'];

export const projectionQuerystring = z.object({
  decision: z.string().uuid('a decision id is a uuid').optional(),
  person: personId.optional(),
  contract: z.string().uuid('a contract id is a uuid').optional(),
  flags: z.stringbool().optional().describe('Only what needs attention: flags, overdue reviews, unanswered views'),
  asOf: asOfParameter.optional().describe('An ISO-8601 time (encode + as %2B) or a log position: the answer as it stood then'),
  now: z.iso.datetime({ offset: true }).optional().describe('Judge "overdue" at this time (default: now, or the asOf time)'),
});

const projectionListing = z.object({
  position: z.number().int(),
  projections: z.array(
    z.object({
      name: z.string(),
      version: z.number().int(),
      description: z.string(),
      accepts: z.array(z.enum(['decision', 'person', 'contract', 'flagsOnly'])).readonly(),
      personLevel: z.boolean(),
    }),
  ),
});

/** Any projection's answer, each by its own schema. */
const anyAnswer: z.ZodType<object> = z.union(queryableProjections.map((q) => q.answerSchema));
const projectionAnswer = z.object({ name: z.string(), asOfPosition: z.number().int() }).and(anyAnswer);

export async function projectionRoutes(app: FastifyInstance, options: ProjectionRoutesOptions): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get('/projections', {
    schema: {
      summary: 'The projections this record keeps, and the questions each answers',
      tags,
      response: { 200: projectionListing.describe('Each projection with what it answers') },
      security: [{ bearerAuth: [] }],
    },
    preValidation: requireRole(...readerRoles),
    handler: async () => ({
      position: options.runner.position,
      projections: queryableProjections.map((q) => ({
        name: q.projection.name,
        version: q.projection.version,
        description: q.description,
        accepts: q.accepts,
        personLevel: q.personLevel,
      })),
    }),
  });

  typed.get('/projections/:name', {
    schema: {
      summary: 'One projection’s answer, now or as of a moment',
      tags,
      params: z.object({ name: z.string().max(100) }),
      querystring: projectionQuerystring,
      response: { 200: projectionAnswer.describe('The projection’s answer, and the log position it reached') },
      security: [{ bearerAuth: [] }],
    },
    preValidation: requireRole(...readerRoles),
    handler: async (request) => {
      const queryable = findProjection(request.params.name);
      const { asOf, flags, now, ...filters } = request.query;
      const actor = actorOf(request);
      await mayAskAboutPerson(options.people, actor, queryable, filters.person);
      const when = asOf === undefined ? undefined : parseAsOf(asOf);
      const query: ProjectionQuery = {
        ...filters,
        flagsOnly: flags,
        now: now ?? (when && 'time' in when ? when.time : new Date().toISOString()),
      };
      if (when) {
        const replayed = await options.asOf.at(await options.asOf.positionOf(when));
        return { name: queryable.projection.name, asOfPosition: replayed.position, ...answerOf(queryable, replayed.states.get(queryable.projection.name), query) };
      }
      await readYourWrites(options.store, options.runner);
      const state = options.runner.state(queryable.projection);
      return { name: queryable.projection.name, asOfPosition: options.runner.position, ...answerOf(queryable, state, query) };
    },
  });
}

function findProjection(name: string): QueryableProjection {
  const found = queryableProjections.find((q) => q.projection.name === name);
  if (!found) {
    const names = queryableProjections.map((q) => q.projection.name).join(', ');
    refuse('PL_ERR_PROJECTION_NOT_FOUND', `There is no projection called ${name}. The projections are: ${names}.`);
  }
  return found;
}

function answerOf(queryable: QueryableProjection, state: unknown, query: ProjectionQuery): object {
  return queryable.answer(state, query);
}

/** Asking about one named person follows the rules for reading that person's name. */
async function mayAskAboutPerson(people: PersonAccess, actor: Actor, queryable: QueryableProjection, person: string | undefined) {
  if (person === undefined) {
    if (queryable.personLevel && !(await people.readsEveryone(actor))) {
      throw new PartnershipLogError(
        'PL_ERR_FORBIDDEN',
        `${queryable.projection.name} tells what happened to people: name the person you may see (?person=P-…).`,
      );
    }
    return;
  }
  if (!(await people.mayRead(actor, person))) {
    throw new PartnershipLogError('PL_ERR_NOT_OWN_PERSON', `You may not see what is recorded about ${person}.`);
  }
}
