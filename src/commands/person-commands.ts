// Every command on the person register, described once. Registering and recording needs
// seal personal fields in their context loaders; forgetting answers 200 (also when the person
// was forgotten already) and destroys the key after the erasure is recorded.
// Each entry's form is in person-forms.ts.
import { z } from 'zod';
import { personDecider, type PersonCommand } from '../domain/people/decide.js';
import { personStream } from '../domain/people/person-events.js';
import * as facts from '../domain/people/person-facts.js';
import { personId } from '../domain/shared/vocabulary.js';
import { commandsOf, noContext, type CommandTable } from './command-table.js';
import { registeredProviders } from './context-loaders.js';
import * as forms from './person-forms.js';
import { forgetting, registeredPerson, registeringAlone, resealedNeeds, sealedRegistration } from './person-sealing.js';

const command = commandsOf(personDecider, 'people');

const byPerson = z.object({ id: personId });
/** What every command on one registered person shares. */
const onAPerson = {
  params: byPerson,
  stream: ({ params }: { params: { id: string } }) => personStream(params.id),
  answer: ({ params }: { params: { id: string } }) => ({ personId: params.id }),
};

export const forgetAnswer = z.object({
  personId,
  forgotten: z.literal(true),
  alreadyForgotten: z.boolean().describe('True when the person had been forgotten already: nothing new was recorded'),
  keyDestroyed: z.literal(true),
  revision: z.number().int().describe('The stream revision after the erasure (also the ETag)'),
  replayed: z.boolean().describe('True when this retried a command already recorded'),
});

export const personCommands: CommandTable<PersonCommand> = {
  RegisterPerson: command('RegisterPerson', {
    path: '/people',
    params: z.object({}),
    body: facts.personRegistration,
    roles: ['commissioner'],
    summary: 'Register a person who uses support: name and contact details (sealed), communication needs, who supports them',
    stream: ({ body }) => personStream(body.personId),
    context: async (input, deps) => ({ registeredProviders: await registeredProviders(input, deps), personal: await sealedRegistration(input, deps) }),
    toCommand: ({ base, body }, { personal, registeredProviders }) => ({
      ...base,
      data: { personId: body.personId, personal, communicationNeeds: body.communicationNeeds, supportedBy: body.supportedBy },
      registeredProviders,
    }),
    answer: ({ body }) => ({ personId: body.personId }),
    around: registeringAlone,
    form: forms.registerPerson,
  }),
  RecordCommunicationNeeds: command('RecordCommunicationNeeds', {
    ...onAPerson,
    path: '/people/:id/communication-needs',
    body: facts.needsUpdate,
    roles: ['commissioner', 'self-advocate'],
    summary: 'Record a person’s communication needs (Accessible Information Standard), replacing the earlier ones',
    context: resealedNeeds,
    toCommand: ({ base, body }, personal) => ({ ...base, data: { communicationNeeds: body.communicationNeeds, personal } }),
    form: forms.recordCommunicationNeeds,
  }),
  ChangeSupportingProviders: command('ChangeSupportingProviders', {
    ...onAPerson,
    path: '/people/:id/supporting-providers',
    body: facts.supportUpdate,
    roles: ['commissioner'],
    summary: 'Change which providers support the person (they may then read the person’s name)',
    context: registeredProviders,
    toCommand: ({ base, body }, providers) => ({ ...base, data: body, registeredProviders: providers }),
    form: forms.changeSupportingProviders,
  }),
  ForgetPerson: command('ForgetPerson', {
    ...onAPerson,
    method: 'DELETE',
    path: '/people/:id/personal-data',
    body: facts.erasure,
    roles: ['commissioner'],
    summary: 'Forget a person: destroy their key and record a PII-free erasure; their decisions stay, under the pseudonymous id',
    description:
      'Honours If-Match and Idempotency-Key. Forgetting someone already forgotten answers 200 (alreadyForgotten). ' +
      '503 PL_ERR_STORE_UNAVAILABLE when the erasure is recorded but the key could not be destroyed yet: it is retried on the next DELETE and at start-up, and listed at GET /health meanwhile.',
    context: registeredPerson,
    toCommand: ({ base, body }) => ({ ...base, data: body }),
    respond: { status: 200, schema: forgetAnswer, run: forgetting },
    form: forms.forgetPerson,
  }),
};
