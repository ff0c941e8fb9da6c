// The accessible formats a person needs, read from the person register's events
// (Accessible Information Standard: identify, record, flag, share, meet), so the
// co-production review can check information was shared in the right format.
import { asPersonEvent, PERSON_STREAM_PREFIX } from '../src/domain/people/person-events.js';
import type { CommunicationNeed } from '../src/domain/people/person-facts.js';
import type { AccessibleFormat } from '../src/domain/shared/vocabulary.js';
import type { StoredEvent } from '../src/events/event.js';

export const PERSON_EVENTS = {
  streamPrefixes: [PERSON_STREAM_PREFIX],
  types: ['PersonRegistered', 'CommunicationNeedsRecorded'],
} as const;

/**
 * Which information format meets which communication need. Needs met at the meeting
 * rather than on paper (an advocate), or with no format of their own in the log's
 * vocabulary (braille, other), ask for no particular format.
 */
const formatFor: Record<CommunicationNeed, AccessibleFormat | undefined> = {
  'easy-read': 'easy-read',
  'large-print': 'large-print',
  audio: 'audio',
  'british-sign-language': 'british-sign-language',
  translated: 'translated',
  interpreter: 'translated',
  advocate: undefined,
  braille: undefined,
  other: undefined,
};

/** The formats a person needs, from an event that records their needs; undefined for any other event. */
export function communicationFormats(event: StoredEvent): { personId: string; formats: AccessibleFormat[] } | undefined {
  const person = asPersonEvent(event);
  if (person?.type !== 'PersonRegistered' && person?.type !== 'CommunicationNeedsRecorded') return undefined;
  const formats = person.data.communicationNeeds.map((n) => formatFor[n.need]).filter((f): f is AccessibleFormat => f !== undefined);
  return { personId: person.data.personId, formats: [...new Set(formats)] };
}
