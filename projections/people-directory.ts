// Who is in the person register, who supports them, what formats they need and whether
// they were forgotten: no names (those stay sealed in the register). The API uses it to
// decide who may read what about a person.
import { asPersonEvent, PERSON_STREAM_PREFIX } from '../src/domain/people/person-events.js';
import { z } from 'zod';
import { communicationNeeds, type CommunicationNeeds } from '../src/domain/people/person-facts.js';
import { supporterChangeOf, supportersOn, type SupporterChange } from '../src/domain/people/person.js';
import type { Documents } from './documents.js';
import { inMemoryState, type Projection } from './projection.js';

export interface DirectoryEntry {
  personId: string;
  /** Every change of who supports them, in the order recorded; the domain's `supportersOn` says who supports them on a day. */
  supporterChanges: SupporterChange[];
  /** Need codes and flags (Accessible Information Standard), shared with those who may see the person. */
  communicationNeeds: CommunicationNeeds;
  forgotten: boolean;
}

export interface PeopleDirectoryState {
  people: Documents<DirectoryEntry>;
}

/** Every provider that supports the person on some day, past or planned: a provider's people on one day are among these. */
function everySupporter(entry: DirectoryEntry): string[] {
  const named = entry.supporterChanges.flatMap((change) => ('supportedBy' in change ? change.supportedBy : [change.moved.from, change.moved.to]));
  return [...new Set(named)];
}

export const peopleDirectory: Projection<PeopleDirectoryState> = {
  name: 'people-directory',
  version: 3,
  streamPrefixes: [PERSON_STREAM_PREFIX],
  collections: { people: { indexes: { supporter: everySupporter } } },
  evolve(state, stored) {
    const event = asPersonEvent(stored);
    if (!event) return;
    const { personId } = event.data;
    const supporterChange = supporterChangeOf(event);
    if (event.type === 'PersonRegistered') {
      state.people.set(personId, {
        personId,
        supporterChanges: supporterChange ? [supporterChange] : [],
        communicationNeeds: event.data.communicationNeeds,
        forgotten: false,
      });
      return;
    }
    const entry = state.people.get(personId);
    if (!entry) return;
    state.people.set(personId, {
      ...entry,
      communicationNeeds: event.type === 'CommunicationNeedsRecorded' ? event.data.communicationNeeds : entry.communicationNeeds,
      supporterChanges: supporterChange ? [...entry.supporterChanges, supporterChange] : entry.supporterChanges,
      forgotten: entry.forgotten || event.type === 'PersonalDataErased',
    });
  },
};

/** The people a provider supports on `day`. */
export function supportedByOrganisation(state: PeopleDirectoryState, organisation: string, day: string): string[] {
  return state.people
    .withIndex('supporter', organisation)
    .filter((p) => supportersOn(p.supporterChanges, day).includes(organisation))
    .map((p) => p.personId);
}

/**
 * The directory as it stood at a past moment for the people a view of that moment names, with
 * whoever is forgotten now forgotten then too: forgetting reaches every view of the past.
 */
export function withForgottenNow(then: PeopleDirectoryState, now: PeopleDirectoryState, personIds: readonly string[]): PeopleDirectoryState {
  const directory = inMemoryState(peopleDirectory);
  for (const personId of personIds) {
    const entry = then.people.get(personId);
    if (entry) directory.people.set(personId, now.people.get(personId)?.forgotten ? { ...entry, forgotten: true } : entry);
  }
  return directory;
}

export const personAsSeenSchema = z.object({ personId: z.string(), visible: z.boolean(), forgotten: z.boolean(), communicationNeeds });
export type PersonAsSeen = z.infer<typeof personAsSeenSchema>;

/** What a reader may know of the people a record concerns: their needs when they may see the person, "forgotten" once forgotten. */
export function peopleAsSeenBy(state: PeopleDirectoryState, personIds: readonly string[], mayRead: (personId: string) => boolean): PersonAsSeen[] {
  return personIds.map((personId) => {
    const entry = state.people.get(personId);
    const visible = mayRead(personId);
    const forgotten = entry?.forgotten ?? false;
    return { personId, visible, forgotten, communicationNeeds: visible && entry && !forgotten ? entry.communicationNeeds : [] };
  });
}
