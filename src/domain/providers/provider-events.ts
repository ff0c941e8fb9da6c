// The events of the provider register: one stream, so registering a name twice is refused
// by the one aggregate that holds every name.
import { z } from 'zod';
import type { EventDefinition } from '../../events/event-registry.js';
import { providerEventBase, providerRegistration } from './provider-facts.js';

export const providerEventSchemas = {
  ProviderRegistered: providerRegistration.extend(providerEventBase),
} as const;

type Schemas = typeof providerEventSchemas;
export type ProviderEventType = keyof Schemas;
export type ProviderEvent = { [Type in ProviderEventType]: { type: Type; data: z.output<Schemas[Type]> } }[ProviderEventType];

export const providerEventDefinitions: EventDefinition[] = Object.entries(providerEventSchemas).map(([type, schema]) => ({ type, version: 1, schema }));

export const PROVIDER_REGISTER_STREAM = 'provider-register';

export function asProviderEvent(event: { type: string; data: unknown }): ProviderEvent | undefined {
  return Object.hasOwn(providerEventSchemas, event.type) ? ({ type: event.type, data: event.data } as ProviderEvent) : undefined;
}
