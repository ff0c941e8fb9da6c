// The registered providers, in the order they were registered: GET /providers lists them, and
// the pages offer them wherever a provider is named.
import { z } from 'zod';
import { asProviderEvent, PROVIDER_REGISTER_STREAM } from '../src/domain/providers/provider-events.js';
import type { Documents } from './documents.js';
import type { Projection } from './projection.js';

export const registeredProviderSchema = z.object({ name: z.string(), registeredAt: z.string() });
export const providerListSchema = z.object({ providers: z.array(registeredProviderSchema) });
export type ProviderList = z.infer<typeof providerListSchema>;

export interface ProviderRegisterState {
  /** By the provider organisation's name, in the order registered. */
  providers: Documents<z.infer<typeof registeredProviderSchema>>;
}

export const providerRegister: Projection<ProviderRegisterState> = {
  name: 'provider-register',
  version: 1,
  streamPrefixes: [PROVIDER_REGISTER_STREAM],
  collections: { providers: {} },
  evolve(state, stored) {
    const event = asProviderEvent(stored);
    // The register refuses a name already in it, so the first registration is the only one.
    if (event?.type === 'ProviderRegistered' && !state.providers.has(event.data.name)) {
      state.providers.set(event.data.name, { name: event.data.name, registeredAt: event.data.at });
    }
  },
};

export const providerList = (state: ProviderRegisterState): ProviderList => ({ providers: [...state.providers.values()] });
