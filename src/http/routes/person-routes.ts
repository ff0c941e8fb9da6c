// /people: the person register. Personal fields are sealed with the person's own key
// here, before the command is built, so they reach the log only as ciphertext.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CommandContext, CommandHandler } from '../../application/command-handler.js';
import { personDecider, type PersonCommand } from '../../domain/people/decide.js';
import * as facts from '../../domain/people/person-facts.js';
import { personStream } from '../../domain/people/person-events.js';
import { mayReadPersonalData, type Person } from '../../domain/people/person.js';
import { commandPermissions, readerRoles } from '../../domain/permissions.js';
import { personId } from '../../domain/shared/vocabulary.js';
import { PartnershipLogError, refuse } from '../../errors.js';
import type { Erasures } from '../../privacy/erasures.js';
import type { PersonKeys } from '../../privacy/person-keys.js';
import { openPersonalData, sealPersonalData } from '../../privacy/personal-data.js';
import { KeyedQueue } from '../../shared/keyed-queue.js';
import { requireRole } from '../authentication.js';
import { actorOf, commandContext, commandHeaders, registerCommandRoute } from '../command-route.js';

export interface PersonRoutesOptions {
  handler: CommandHandler;
  keys: PersonKeys;
  erasures: Erasures;
}

const byPerson = z.object({ id: personId });
const tags = ['people'];
const security = [{ bearerAuth: [] }];
export const FORGOTTEN_NAME = 'forgotten person';

export async function personRoutes(app: FastifyInstance, options: PersonRoutesOptions): Promise<void> {
  const { handler, keys, erasures } = options;
  const typed = app.withTypeProvider<ZodTypeProvider>();
  // One registration of a person at a time: a refused one may then remove the key it made.
  const registrations = new KeyedQueue();

  registerCommandRoute(app, handler, {
    url: '/people',
    command: 'RegisterPerson',
    summary: 'Register a person who uses support: name and contact details (sealed), communication needs, who supports them',
    tags,
    params: z.object({}),
    body: facts.personRegistration,
    decider: personDecider,
    stream: ({ body }) => personStream(body.personId),
    toCommand: async ({ body, actor, now }) => {
      const { personId: id, name, contactDetails, needsDetail, communicationNeeds, supportedBy } = body;
      const personal = sealPersonalData({ name, contactDetails, needsDetail }, await registrationKey(handler, keys, id), keys.keyId(id));
      return { type: 'RegisterPerson' as const, data: { personId: id, personal, communicationNeeds, supportedBy }, actor, now };
    },
    answer: ({ body }) => ({ personId: body.personId }),
    around: ({ body }, run) => registrations.run(body.personId, () => leavingNoKeyWhenRefused(handler, keys, body.personId, run)),
  });

  registerCommandRoute(app, handler, {
    url: '/people/:id/communication-needs',
    command: 'RecordCommunicationNeeds',
    summary: 'Record a person’s communication needs (Accessible Information Standard), replacing the earlier ones',
    tags,
    params: byPerson,
    body: facts.needsUpdate,
    decider: personDecider,
    stream: ({ params }) => personStream(params.id),
    toCommand: async ({ body, params, actor, now }) => {
      const personal = body.needsDetail === undefined ? undefined : await resealWithNeedsDetail(handler, keys, params.id, body.needsDetail);
      return { type: 'RecordCommunicationNeeds' as const, data: { communicationNeeds: body.communicationNeeds, personal }, actor, now };
    },
    answer: ({ params }) => ({ personId: params.id }),
  });

  registerCommandRoute(app, handler, {
    url: '/people/:id/supporting-providers',
    command: 'ChangeSupportingProviders',
    summary: 'Change which providers support the person (they may then read the person’s name)',
    tags,
    params: byPerson,
    body: facts.supportUpdate,
    decider: personDecider,
    stream: ({ params }) => personStream(params.id),
    toCommand: async ({ body, actor, now }) => ({ type: 'ChangeSupportingProviders' as const, data: body, actor, now }),
    answer: ({ params }) => ({ personId: params.id }),
  });

  typed.delete(
    '/people/:id/personal-data',
    {
      schema: {
        summary: 'Forget a person: destroy their key and record a PII-free erasure; their decisions stay, under the pseudonymous id',
        description:
          `Roles: ${commandPermissions.ForgetPerson.join(', ')}. Honours If-Match and Idempotency-Key. Forgetting someone already forgotten answers 200 (alreadyForgotten). ` +
          '503 PL_ERR_STORE_UNAVAILABLE when the erasure is recorded but the key could not be destroyed yet: it is retried on the next DELETE and at start-up, and listed at GET /health meanwhile.',
        tags,
        params: byPerson,
        body: facts.erasure,
        headers: commandHeaders,
        security,
      },
      preValidation: requireRole(...commandPermissions.ForgetPerson),
    },
    async (request, reply) => {
      const { id } = request.params;
      const { state } = await handler.load(personDecider, personStream(id));
      if (state.status === 'none') refuse('PL_ERR_PERSON_NOT_FOUND', `There is no person ${id} in the register.`);
      const actor = actorOf(request);
      const context = commandContext(request, actor, { route: '/people/:id/personal-data', params: request.params, body: request.body });
      // The erasure is recorded first, then the key destroyed: a key that cannot be destroyed
      // then is destroyed by a retry (which lands here again) or at the next start-up.
      const recorded = await recordErasure(handler, id, { type: 'ForgetPerson', data: request.body, actor, now: new Date().toISOString() }, context);
      await erasures.complete(id);
      void reply.header('etag', `"${recorded.revision}"`);
      return { personId: id, forgotten: true, alreadyForgotten: recorded.alreadyForgotten, keyDestroyed: true, revision: recorded.revision, replayed: recorded.replayed };
    },
  );

  typed.get(
    '/people/:id',
    {
      schema: { summary: 'A person in the register; name and details only for those allowed to read them', tags, params: byPerson, security },
      preValidation: requireRole(...readerRoles),
    },
    async (request, reply) => {
      const { state, revision } = await handler.load(personDecider, personStream(request.params.id));
      if (state.status === 'none') refuse('PL_ERR_PERSON_NOT_FOUND', `There is no person ${request.params.id} in the register.`);
      if (!mayReadPersonalData(actorOf(request), state)) {
        throw new PartnershipLogError('PL_ERR_NOT_OWN_PERSON', `You may not read the register entry of ${request.params.id}.`);
      }
      // Personal data: no shared cache or browser history keeps a copy.
      void reply.header('etag', `"${revision}"`).header('cache-control', 'no-store');
      return describePerson(state, keys, revision);
    },
  );
}

/**
 * The register entry as a reader allowed to see it sees it; "forgotten person" once their
 * erasure is recorded. A key missing or damaged for someone not forgotten is an error
 * (PL_ERR_KEY_MISSING), never shown as forgotten: that would pass for a lawful erasure.
 */
export function describePerson(person: Person, keys: PersonKeys, revision: number) {
  const fields = person.status === 'forgotten' ? undefined : openRegisterEntry(person, keys).fields;
  return {
    personId: person.personId,
    forgotten: fields === undefined,
    name: fields?.name ?? FORGOTTEN_NAME,
    contactDetails: fields?.contactDetails ?? null,
    communicationNeeds: person.communicationNeeds,
    needsDetail: fields?.needsDetail ?? null,
    supportedBy: person.supportedBy,
    registeredAt: person.registeredAt,
    revision,
  };
}

/** The latest sealed fields of someone not forgotten, opened with their key. */
function openRegisterEntry(person: Person, keys: PersonKeys): { fields: facts.PersonalFields; key: Buffer } {
  const found = keys.lookup(person.personId);
  if (found.state !== 'present') throw keys.unavailable(person.personId, found.state);
  const latest = person.sealed.at(-1);
  const fields = latest ? openPersonalData(latest, found.key) : undefined;
  if (!fields) throw keys.unavailable(person.personId, 'damaged');
  return { fields, key: found.key };
}

/**
 * The key to seal a registration with. Only a person not yet in the register gets a key: a
 * forgotten person must stay keyless. Someone registered already is refused or, for a retry,
 * answered from what was stored, by the handler: what is sealed for them is never stored, so
 * it is sealed with a key that is never kept, and their own key is not touched.
 */
async function registrationKey(handler: CommandHandler, keys: PersonKeys, id: string): Promise<Buffer> {
  const { state } = await handler.load(personDecider, personStream(id));
  if (state.status === 'forgotten') refuse('PL_ERR_PERSON_FORGOTTEN', `${id} was forgotten; register them again under a new id if they return.`);
  if (state.status === 'registered') return randomBytes(32);
  return keys.create(id);
}

/**
 * Runs a registration so that a refused one leaves no key behind. It runs alone among this
 * person's registrations, so after a refusal the key is used by nobody unless a stored event
 * uses it: it is removed only when the person is (still) not in the register.
 */
async function leavingNoKeyWhenRefused<T>(handler: CommandHandler, keys: PersonKeys, id: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    // When the store cannot say, the key stays: a key without an event is harmless, an event without its key is not.
    const registered = await handler.load(personDecider, personStream(id)).then(
      ({ state }) => state.status !== 'none',
      () => true,
    );
    if (!registered) await keys.destroy(id).catch(() => false);
    throw err;
  }
}

/** Records the erasure, or finds it recorded already: forgetting someone forgotten is no error. */
async function recordErasure(
  handler: CommandHandler,
  id: string,
  command: Extract<PersonCommand, { type: 'ForgetPerson' }>,
  context: CommandContext,
): Promise<{ revision: number; replayed: boolean; alreadyForgotten: boolean }> {
  try {
    const { revision, replayed } = await handler.handle(personDecider, personStream(id), command, context);
    return { revision, replayed, alreadyForgotten: false };
  } catch (err) {
    if (!(err instanceof PartnershipLogError && err.code === 'PL_ERR_PERSON_FORGOTTEN')) throw err;
    const { revision } = await handler.load(personDecider, personStream(id));
    return { revision, replayed: false, alreadyForgotten: true };
  }
}

/** The person's fields sealed again with new needs detail; undefined when they are not registered (the decider then refuses). */
async function resealWithNeedsDetail(handler: CommandHandler, keys: PersonKeys, id: string, needsDetail: string): Promise<facts.SealedPersonalData | undefined> {
  const { state } = await handler.load(personDecider, personStream(id));
  if (state.status !== 'registered') return undefined;
  const { fields, key } = openRegisterEntry(state, keys);
  return sealPersonalData({ ...fields, needsDetail }, key, keys.keyId(id));
}
