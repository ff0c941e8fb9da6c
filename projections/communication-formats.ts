// The accessible formats a person needs, read from the person register's events
// (Accessible Information Standard: identify, record, flag, share, meet), so the
// co-production review can check information was shared in the right format.
import { z } from 'zod';
import type { AccessibleFormat } from '../src/domain/shared/vocabulary.js';
import type { StoredEvent } from '../src/store/event-store.js';

export const PERSON_EVENTS = {
  streamPrefixes: ['person-'],
  types: ['PersonRegistered', 'CommunicationNeedsRecorded'],
} as const;

/** Which information format meets which communication need. */
const formatFor: Record<string, AccessibleFormat | undefined> = {
  'easy-read': 'easy-read',
  'large-print': 'large-print',
  audio: 'audio',
  'british-sign-language': 'british-sign-language',
  interpreter: 'translated',
};

const needsShape = z.object({
  personId: z.string(),
  communicationNeeds: z.array(z.object({ need: z.string() })),
});

export function communicationFormats(event: StoredEvent): { personId: string; formats: AccessibleFormat[] } | undefined {
  if (!PERSON_EVENTS.types.some((type) => type === event.type)) return undefined;
  const parsed = needsShape.safeParse(event.data);
  if (!parsed.success) return undefined;
  const formats = parsed.data.communicationNeeds.map((n) => formatFor[n.need]).filter((f): f is AccessibleFormat => !!f);
  return { personId: parsed.data.personId, formats: [...new Set(formats)] };
}
