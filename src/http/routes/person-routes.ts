// /people: the person register. Personal fields are sealed with the person's own key
// here, before the command is built, so they reach the log only as ciphertext.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CommandHandler } from '../../application/command-handler.js';
import { personDecider } from '../../domain/people/decide.js';
import * as facts from '../../domain/people/person-facts.js';
import { personStream } from '../../domain/people/person-events.js';
import { mayReadPersonalData, type Person } from '../../domain/people/person.js';
import { commandPermissions, readerRoles } from '../../domain/permissions.js';
import { personId } from '../../domain/shared/vocabulary.js';
import { PartnershipLogError, refuse } from '../../errors.js';
import type { PersonKeys } from '../../privacy/person-keys.js';
import { openPersonalData, sealPersonalData } from '../../privacy/personal-data.js';
import { requireRole } from '../authentication.js';
import { actorOf, commandHeaders, registerCommandRoute } from '../command-route.js';

export interface PersonRoutesOptions {
  handler: CommandHandler;
  keys: PersonKeys;
}

const byPerson = z.object({ id: personId });
const tags = ['people'];
const security = [{ bearerAuth: [] }];
export const FORGOTTEN_NAME = 'forgotten person';

export async function personRoutes(app: FastifyInstance, options: PersonRoutesOptions): Promise<void> {
  const { handler, keys } = options;
  const typed = app.withTypeProvider<ZodTypeProvider>();

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
        tags,
        params: byPerson,
        body: facts.erasure,
        headers: commandHeaders,
        security,
      },
      preValidation: requireRole(...commandPermissions.ForgetPerson),
    },
    async (request) => {
      const { id } = request.params;
      const { state } = await handler.load(personDecider, personStream(id));
      if (state.status === 'none') refuse('PL_ERR_PERSON_NOT_FOUND', `There is no person ${id} in the register.`);
      // The erasure is recorded first, then the key destroyed: a crash between the two leaves a
      // recorded erasure whose key a retry (which lands here again) still destroys.
      const recorded =
        state.status === 'forgotten'
          ? undefined
          : await handler.handle(personDecider, personStream(id), { type: 'ForgetPerson', data: request.body, actor: actorOf(request), now: new Date().toISOString() }, {
              commandId: randomUUID(),
              requestId: request.id,
            });
      const keyDestroyed = await keys.destroy(id);
      return { personId: id, forgotten: true, alreadyForgotten: recorded === undefined, keyDestroyed, revision: recorded?.revision ?? null };
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

/** The register entry as a reader allowed to see it sees it; "forgotten person" once the key is gone. */
export function describePerson(person: Person, keys: PersonKeys, revision: number) {
  const key = keys.keyFor(person.personId);
  const latest = person.sealed.at(-1);
  const fields = key && latest && person.status !== 'forgotten' ? openPersonalData(latest, key) : undefined;
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

/**
 * The key to seal a registration with. Only a person not yet in the register gets a new key:
 * a forgotten person must stay keyless, and a retried registration reuses the key it made.
 */
async function registrationKey(handler: CommandHandler, keys: PersonKeys, id: string): Promise<Buffer> {
  const { state } = await handler.load(personDecider, personStream(id));
  if (state.status === 'forgotten') refuse('PL_ERR_PERSON_FORGOTTEN', `${id} was forgotten; register them again under a new id if they return.`);
  return keys.create(id);
}

/** The person's fields sealed again with new needs detail; undefined when they cannot be read (the decider then refuses). */
async function resealWithNeedsDetail(handler: CommandHandler, keys: PersonKeys, id: string, needsDetail: string): Promise<facts.SealedPersonalData | undefined> {
  const { state } = await handler.load(personDecider, personStream(id));
  if (state.status !== 'registered') return undefined;
  const key = keys.keyFor(id);
  const latest = state.sealed.at(-1);
  const fields = key && latest ? openPersonalData(latest, key) : undefined;
  if (!key || !fields) refuse('PL_ERR_PERSON_FORGOTTEN', `The register entry of ${id} can no longer be read, so its needs detail cannot be changed.`);
  return sealPersonalData({ ...fields, needsDetail }, key, keys.keyId(id));
}
