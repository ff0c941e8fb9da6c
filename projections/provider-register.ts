// The registered providers, in the order they were registered: GET /providers lists them, and
// the pages offer them wherever a provider is named.
import { z } from 'zod';
import { asProviderEvent, PROVIDER_REGISTER_STREAM } from '../src/domain/providers/provider-events.js';
import type { Projection } from './projection.js';

export const registeredProviderSchema = z.object({ name: z.string(), registeredAt: z.string() });
export const providerListSchema = z.object({ providers: z.array(registeredProviderSchema) });
export type ProviderList = z.infer<typeof providerListSchema>;

export interface ProviderRegisterState {
  providers: z.infer<typeof registeredProviderSchema>[];
}

export const providerRegister: Projection<ProviderRegisterState> = {
  name: 'provider-register',
  version: 1,
  streamPrefixes: [PROVIDER_REGISTER_STREAM],
  initialState: () => ({ providers: [] }),
  evolve(state, stored) {
    const event = asProviderEvent(stored);
    if (event?.type === 'ProviderRegistered') state.providers.push({ name: event.data.name, registeredAt: event.data.at });
    return state;
  },
};

export const providerList = (state: ProviderRegisterState): ProviderList => ({ providers: state.providers });
