// The events of a person's register stream (`person-<personId>`).
import { z } from 'zod';
import type { EventDefinition } from '../../events/event-registry.js';
import { shortText } from '../shared/vocabulary.js';
import { communicationNeeds, erasure, moveToProvider, personEventBase, sealedPersonalData } from './person-facts.js';

export const personEventSchemas = {
  PersonRegistered: z.object({ ...personEventBase, personal: sealedPersonalData, communicationNeeds, supportedBy: z.array(shortText).max(20) }),
  CommunicationNeedsRecorded: z.object({ ...personEventBase, communicationNeeds, personal: sealedPersonalData.optional() }),
  /** `followingMove` when the change follows a move to a new provider recorded on a contract. */
  SupportingProvidersChanged: z.object({ ...personEventBase, supportedBy: z.array(shortText).max(20), followingMove: moveToProvider.optional() }),
  /** PII-free: the key is destroyed, so every sealed field of this person is unreadable from now on. */
  PersonalDataErased: erasure.extend(personEventBase),
} as const;

type Schemas = typeof personEventSchemas;
export type PersonEventType = keyof Schemas;
export type PersonEvent = { [Type in PersonEventType]: { type: Type; data: z.output<Schemas[Type]> } }[PersonEventType];

export const personEventDefinitions: EventDefinition[] = Object.entries(personEventSchemas).map(([type, schema]) => ({ type, version: 1, schema }));

export const PERSON_STREAM_PREFIX = 'person-';
export const personStream = (personId: string) => `${PERSON_STREAM_PREFIX}${personId}`;

export function asPersonEvent(event: { type: string; data: unknown }): PersonEvent | undefined {
  return Object.hasOwn(personEventSchemas, event.type) ? ({ type: event.type, data: event.data } as PersonEvent) : undefined;
}
