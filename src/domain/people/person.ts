// A person in the register, folded from their stream, and who may read their name.
import type { Actor } from '../actor.js';
import type { CommunicationNeeds, SealedPersonalData } from './person-facts.js';
import type { PersonEvent } from './person-events.js';

export interface Person {
  status: 'registered' | 'forgotten';
  personId: string;
  registeredAt: string;
  communicationNeeds: CommunicationNeeds;
  /** Who supports them as recorded, planned moves included: what a change of supporters starts from. */
  supportedBy: string[];
  /** The same, dated: who reads them on a given day is `supportersOn` these (a planned move hands over on its date). */
  supporterChanges: SupporterChange[];
  /** Every sealing of their personal fields, latest last; unreadable once forgotten. */
  sealed: SealedPersonalData[];
  forgottenAt?: string;
}

export type PersonState = { status: 'none' } | Person;

/**
 * A change of who supports a person, from the day it takes effect: the register's list as the
 * commissioner set it (from the day it was recorded), or a move from one provider to another
 * (from the move's date when that is later: a planned move hands reading over on its day).
 */
export type SupporterChange = { from: string; supportedBy: string[] } | { from: string; moved: { from: string; to: string } };

/** The change of supporters an event records, if it records one. */
export function supporterChangeOf(event: PersonEvent): SupporterChange | undefined {
  const recordedOn = event.data.at.slice(0, 10);
  if (event.type === 'PersonRegistered') return { from: recordedOn, supportedBy: event.data.supportedBy };
  if (event.type !== 'SupportingProvidersChanged') return undefined;
  const move = event.data.followingMove;
  // A move recorded after its date counts from the day it is recorded, after what the register said before.
  return move ? { from: move.date > recordedOn ? move.date : recordedOn, moved: { from: move.from, to: move.to } } : { from: recordedOn, supportedBy: event.data.supportedBy };
}

function withChange(changes: readonly SupporterChange[], event: PersonEvent): SupporterChange[] {
  const change = supporterChangeOf(event);
  return change ? [...changes, change] : [...changes];
}

/**
 * Who supports the person on `day` (a calendar day): the changes in effect by then, taken in
 * the order of their days (the order recorded within one day). A move replaces the provider
 * left by the one moved to and keeps the others, so a list set after a planned move was
 * recorded still has the move applied on its date.
 */
export function supportersOn(changes: readonly SupporterChange[], day: string): string[] {
  const inEffect = changes.filter((change) => change.from <= day).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  let supporters: string[] = [];
  for (const change of inEffect) {
    if ('supportedBy' in change) supporters = change.supportedBy;
    else supporters = [...supporters.filter((organisation) => organisation !== change.moved.from && organisation !== change.moved.to), change.moved.to];
  }
  return supporters;
}

export const initialPersonState = (): PersonState => ({ status: 'none' });

export function evolvePerson(state: PersonState, event: PersonEvent): PersonState {
  if (event.type === 'PersonRegistered') {
    const { personId, at, personal, communicationNeeds, supportedBy } = event.data;
    return { status: 'registered', personId, registeredAt: at, communicationNeeds, supportedBy, supporterChanges: withChange([], event), sealed: [personal] };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'CommunicationNeedsRecorded':
      return { ...state, communicationNeeds: event.data.communicationNeeds, sealed: event.data.personal ? [...state.sealed, event.data.personal] : state.sealed };
    case 'SupportingProvidersChanged':
      return { ...state, supportedBy: event.data.supportedBy, supporterChanges: withChange(state.supporterChanges, event) };
    case 'PersonalDataErased':
      return { ...state, status: 'forgotten', forgottenAt: event.data.at };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/**
 * Names and details of a person who uses support are read only by commissioners, auditors,
 * a provider that supports the person, and the person themself (their self-advocate token).
 */
export function mayReadPersonalData(actor: Actor, person: { personId: string; supportedBy: readonly string[] }): boolean {
  switch (actor.role) {
    case 'commissioner':
    case 'auditor':
      return true;
    case 'provider':
      return actor.organisation !== undefined && person.supportedBy.includes(actor.organisation);
    case 'self-advocate':
      return actor.personId === person.personId;
    default:
      return false;
  }
}
