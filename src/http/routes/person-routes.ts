// /people: read the person register (its commands' routes, which seal personal fields
// with the person's own key, come from src/commands/).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { personEntrySchema, type PersonEntry } from '../../../projections/person-entry.js';
import type { CommandHandler } from '../../application/command-handler.js';
import { openRegisterEntry } from '../../commands/person-sealing.js';
import { personDecider } from '../../domain/people/decide.js';
import { personStream } from '../../domain/people/person-events.js';
import { mayReadPersonalData, supportersOn, type Person } from '../../domain/people/person.js';
import { readerRoles } from '../../domain/permissions.js';
import { personId } from '../../domain/shared/vocabulary.js';
import { PartnershipLogError, refuse } from '../../errors.js';
import type { PersonKeys } from '../../privacy/person-keys.js';
import { requireRole } from '../authentication.js';
import { actorOf } from '../command-route.js';

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

  typed.get(
    '/people/:id',
    {
      schema: {
        summary: 'A person in the register; name and details only for those allowed to read them',
        tags,
        params: byPerson,
        response: { 200: personEntrySchema.describe('The register entry as this reader may see it') },
        security,
      },
      preValidation: requireRole(...readerRoles),
    },
    async (request, reply) => {
      const { state, revision } = await handler.load(personDecider, personStream(request.params.id));
      if (state.status === 'none') refuse('PL_ERR_PERSON_NOT_FOUND', `There is no person ${request.params.id} in the register.`);
      // Who supports them on the reader's today: a planned move hands reading over on its date.
      const supportedBy = supportersOn(state.supporterChanges, new Date().toISOString().slice(0, 10));
      if (!mayReadPersonalData(actorOf(request), { personId: state.personId, supportedBy })) {
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
export function describePerson(person: Person, keys: PersonKeys, revision: number): PersonEntry {
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
