// Registering a provider, and the rule every other aggregate keeps with the register: an
// organisation named as a provider is a registered one. The register is read by the
// caller (the command's context loader), so the rule stays pure.
import type { z } from 'zod';
import { refuse } from '../../errors.js';
import type { Command, Decider } from '../decider.js';
import type { ProviderEvent } from './provider-events.js';
import type { providerRegistration } from './provider-facts.js';

/** The names of the registered providers, in the order they were registered. */
export interface ProviderRegisterState {
  providers: readonly string[];
}

export type ProviderCommand = Command<'RegisterProvider', z.output<typeof providerRegistration>>;
export type ProviderCommandType = ProviderCommand['type'];

export function decideProvider(command: ProviderCommand, state: ProviderRegisterState): ProviderEvent[] {
  const { name } = command.data;
  if (state.providers.includes(name)) refuse('PL_ERR_ALREADY_EXISTS', `${name} is already in the provider register.`);
  return [{ type: 'ProviderRegistered', data: { name, at: command.now } }];
}

export const providerDecider: Decider<ProviderRegisterState, ProviderCommand, ProviderEvent> = {
  initialState: () => ({ providers: [] }),
  evolve: (state, event) => (event.type === 'ProviderRegistered' ? { providers: [...state.providers, event.data.name] } : state),
  decide: decideProvider,
};

/** What a command that names providers carries: the register as its context loader read it. */
export interface ProvidersRegistered {
  registeredProviders: readonly string[];
}

/** Refuses a command that names as a provider an organisation the register does not hold. */
export function checkProvidersRegistered(named: readonly string[], registered: readonly string[]): void {
  const unknown = named.filter((name) => !registered.includes(name));
  if (unknown.length > 0) {
    refuse('PL_ERR_PROVIDER_NOT_REGISTERED', `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in the provider register: register the provider first.`);
  }
}
