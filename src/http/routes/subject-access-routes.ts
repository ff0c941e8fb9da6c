// GET /people/:id/subject-access: everything the log holds about one person (UK GDPR
// Art. 15), for commissioners, auditors and the person's own self-advocate token. JSON,
// or a printable page when the caller prefers text/html (or asks ?format=html).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changesFor, changesForPeople } from '../../../projections/changes-for-people.js';
import { decisionList, decisionsAbout } from '../../../projections/decision-list.js';
import { mentions as mentionsProjection, mentionsOfPerson, type Mention } from '../../../projections/mentions.js';
import { streamId } from '../../../projections/projection.js';
import { listRisks, riskRegister } from '../../../projections/risk-register.js';
import { viewsAndAnswers, youSaidWeDid } from '../../../projections/you-said-we-did.js';
import type { CommandHandler } from '../../application/command-handler.js';
import { DECISION_STREAM_PREFIX } from '../../domain/decisions/decision-events.js';
import { personDecider } from '../../domain/people/decide.js';
import { personStream } from '../../domain/people/person-events.js';
import { personId } from '../../domain/shared/vocabulary.js';
import { PartnershipLogError, refuse } from '../../errors.js';
import type { PersonKeys } from '../../privacy/person-keys.js';
import { assembleSubjectAccess, renderSubjectAccessPage } from '../../privacy/subject-access.js';
import type { ProjectionRunner } from '../../projection-runner/projection-runner.js';
import type { EventStore, StoredEvent } from '../../store/event-store.js';
import { requireRole } from '../authentication.js';
import { actorOf } from '../command-route.js';
import { readYourWrites } from '../read-your-writes.js';
import { describePerson } from './person-routes.js';

export interface SubjectAccessRoutesOptions {
  store: EventStore;
  handler: CommandHandler;
  runner: ProjectionRunner;
  keys: PersonKeys;
}

/** Who may ask: providers may not, even for people they support (it is the whole record). */
export const subjectAccessRoles = ['commissioner', 'auditor', 'self-advocate'] as const;

export async function subjectAccessRoutes(app: FastifyInstance, options: SubjectAccessRoutesOptions): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/people/:id/subject-access',
    {
      schema: {
        summary: 'Subject access: everything the log holds about one person (register entries, needs, decisions, views, risks, changes, budgets)',
        description:
          'For commissioners, auditors and the person’s own self-advocate token. JSON by default; a printable HTML page when Accept prefers text/html or with ?format=html.',
        tags: ['people'],
        params: z.object({ id: personId }),
        querystring: z.object({ format: z.enum(['json', 'html']).optional().describe('html: a readable, printable page') }),
        security: [{ bearerAuth: [] }],
      },
      preValidation: requireRole(...subjectAccessRoles),
    },
    async (request, reply) => {
      const { id } = request.params;
      const actor = actorOf(request);
      const { state, revision } = await options.handler.load(personDecider, personStream(id));
      // Not found before not yours, as GET /people/:id: ids are no secret (every reader sees them in decisions).
      if (state.status === 'none') refuse('PL_ERR_PERSON_NOT_FOUND', `There is no person ${id} in the register.`);
      if (actor.role === 'self-advocate' && actor.personId !== id) {
        throw new PartnershipLogError('PL_ERR_NOT_OWN_PERSON', `This token may ask only for what is held about its own person, not ${id}.`);
      }
      await readYourWrites(options.store, options.runner);
      const { runner, store, keys } = options;
      const asOfPosition = runner.position;
      const now = new Date().toISOString();
      const person = describePerson(state, keys, revision);
      const mentions = await eventsAt(store, mentionsOfPerson(runner.state(mentionsProjection), id, asOfPosition));
      const mentionedDecisions = new Set(mentions.flatMap((e) => streamId(e.stream, DECISION_STREAM_PREFIX) ?? []));
      const report = assembleSubjectAccess({
        personId: id,
        generatedAt: now,
        asOfPosition,
        person,
        registerEvents: await store.readStream(personStream(id)),
        key: person.forgotten ? undefined : keys.keyFor(id),
        decisions: decisionsAbout(runner.state(decisionList), id, mentionedDecisions),
        views: viewsAndAnswers(runner.state(youSaidWeDid), { person: id }),
        risks: listRisks(runner.state(riskRegister), now, { person: id }),
        changes: changesFor(runner.state(changesForPeople), { person: id }).changes,
        mentions,
      });
      void reply.header('cache-control', 'no-store');
      if (wantsHtml(request, request.query.format)) return reply.type('text/html; charset=utf-8').send(renderSubjectAccessPage(report));
      return report;
    },
  );
}

/** The events the mentions read model found naming the person, read from the log one by one. */
async function eventsAt(store: EventStore, mentions: readonly Mention[]): Promise<StoredEvent[]> {
  const events = await Promise.all(mentions.map(async ({ stream, revision }) => (await store.readStream(stream, { fromRevision: revision, maxCount: 1 }))[0]));
  return events.filter((event): event is StoredEvent => event !== undefined);
}

/** ?format wins; otherwise text/html when the Accept header rates it above JSON. */
export function wantsHtml(request: FastifyRequest, format: 'json' | 'html' | undefined): boolean {
  if (format) return format === 'html';
  const accept = request.headers.accept;
  if (!accept) return false;
  return quality(accept, 'text', 'html') > quality(accept, 'application', 'json');
}

/** The q-value the Accept header gives a media type, from its most specific matching range. */
export function quality(accept: string, type: string, subtype: string): number {
  let best = { specificity: -1, q: 0 };
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    const [rangeType, rangeSubtype] = range.trim().split('/');
    const specificity = rangeType === type && rangeSubtype === subtype ? 2 : rangeType === type && rangeSubtype === '*' ? 1 : rangeType === '*' && rangeSubtype === '*' ? 0 : -1;
    if (specificity < 0 || specificity < best.specificity) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    best = { specificity, q: Number.isFinite(q) ? q : 0 };
  }
  return best.q;
}
