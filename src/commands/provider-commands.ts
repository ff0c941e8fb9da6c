// The provider register's one command, described once: a commissioner registers an
// organisation that provides support, so contracts, budgets, moves and the person register
// can name it. Its form is in provider-forms.ts.
import { z } from 'zod';
import { providerDecider, type ProviderCommand } from '../domain/providers/decide.js';
import { PROVIDER_REGISTER_STREAM } from '../domain/providers/provider-events.js';
import * as facts from '../domain/providers/provider-facts.js';
import { commandsOf, noContext, type CommandTable } from './command-table.js';
import * as forms from './provider-forms.js';

const command = commandsOf(providerDecider, 'providers');

export const providerCommands: CommandTable<ProviderCommand> = {
  RegisterProvider: command('RegisterProvider', {
    path: '/providers',
    params: z.object({}),
    body: facts.providerRegistration,
    roles: ['commissioner'],
    summary: 'Register a provider: an organisation that contracts, Individual Service Funds, moves and the person register may then name',
    stream: () => PROVIDER_REGISTER_STREAM,
    context: noContext,
    toCommand: ({ base, body }) => ({ ...base, data: body }),
    answer: ({ body }) => ({ provider: body.name }),
    form: forms.registerProvider,
  }),
};
