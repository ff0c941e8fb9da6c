// The IO the person register's commands need around the decider: personal fields are
// sealed with the person's own key before the command is built, so they reach the log only
// as ciphertext; a refused registration leaves no key; forgetting destroys the key after
// the erasure is recorded.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { CommandHandler, CommandResult } from '../application/command-handler.js';
import { personDecider } from '../domain/people/decide.js';
import { personStream } from '../domain/people/person-events.js';
import type * as facts from '../domain/people/person-facts.js';
import type { Person, PersonState } from '../domain/people/person.js';
import { PartnershipLogError, refuse } from '../errors.js';
import type { PersonKeys } from '../privacy/person-keys.js';
import { openPersonalData, sealPersonalData } from '../privacy/personal-data.js';
import type { CommandDependencies } from './command-table.js';

/** A registration's personal fields, sealed with the new person's key. */
export async function sealedRegistration({ body }: { body: z.output<typeof facts.personRegistration> }, { handler, keys }: CommandDependencies): Promise<facts.SealedPersonalData> {
  const { personId: id, name, contactDetails, needsDetail } = body;
  return sealPersonalData({ name, contactDetails, needsDetail }, await registrationKey(handler, keys, id), keys.keyId(id));
}

/** The person's fields sealed again with the new needs detail, when some is given. */
export async function resealedNeeds(
  { params, body }: { params: { id: string }; body: { needsDetail?: string | undefined } },
  { handler, keys }: CommandDependencies,
): Promise<facts.SealedPersonalData | undefined> {
  return body.needsDetail === undefined ? undefined : resealWithNeedsDetail(handler, keys, params.id, body.needsDetail);
}

/** Forgetting someone not in the register is 404, before anything is recorded. */
export async function registeredPerson({ params }: { params: { id: string } }, { handler }: CommandDependencies): Promise<undefined> {
  const { state } = await handler.load(personDecider, personStream(params.id));
  if (state.status === 'none') refuse('PL_ERR_PERSON_NOT_FOUND', `There is no person ${params.id} in the register.`);
  return undefined;
}

/** One registration of this person at a time, leaving no key behind when it is refused. */
export function registeringAlone<T>({ body }: { body: { personId: string } }, run: () => Promise<T>, { handler, keys, registrations }: CommandDependencies): Promise<T> {
  return registrations.run(body.personId, () => leavingNoKeyWhenRefused(handler, keys, body.personId, run));
}

/**
 * Records the erasure (or finds it recorded already: forgetting someone forgotten is no
 * error), then destroys the key. A key that cannot be destroyed then is destroyed by a
 * retry (which lands here again) or at the next start-up.
 */
export async function forgetting(
  { params }: { params: { id: string } },
  run: () => Promise<CommandResult<PersonState>>,
  { handler, erasures }: CommandDependencies,
): Promise<{ status: number; revision: number; body: Record<string, unknown> }> {
  const id = params.id;
  const recorded = await run().then(
    ({ revision, replayed }) => ({ revision, replayed, alreadyForgotten: false }),
    async (err: unknown) => {
      if (!(err instanceof PartnershipLogError && err.code === 'PL_ERR_PERSON_FORGOTTEN')) throw err;
      const { revision } = await handler.load(personDecider, personStream(id));
      return { revision, replayed: false, alreadyForgotten: true };
    },
  );
  await erasures.complete(id);
  return { status: 200, revision: recorded.revision, body: { personId: id, forgotten: true, alreadyForgotten: recorded.alreadyForgotten, keyDestroyed: true, revision: recorded.revision, replayed: recorded.replayed } };
}

/** The latest sealed fields of someone not forgotten, opened with their key. */
export function openRegisterEntry(person: Person, keys: PersonKeys): { fields: facts.PersonalFields; key: Buffer } {
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

/** The person's fields sealed again with new needs detail; undefined when they are not registered (the decider then refuses). */
async function resealWithNeedsDetail(handler: CommandHandler, keys: PersonKeys, id: string, needsDetail: string): Promise<facts.SealedPersonalData | undefined> {
  const { state } = await handler.load(personDecider, personStream(id));
  if (state.status !== 'registered') return undefined;
  const { fields, key } = openRegisterEntry(state, keys);
  return sealPersonalData({ ...fields, needsDetail }, key, keys.keyId(id));
}
