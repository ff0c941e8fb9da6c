// A person in the register, folded from their stream, and who may read their name.
import type { Actor } from '../actor.js';
import type { CommunicationNeeds, SealedPersonalData } from './person-facts.js';
import type { PersonEvent } from './person-events.js';

export interface Person {
  status: 'registered' | 'forgotten';
  personId: string;
  registeredAt: string;
  communicationNeeds: CommunicationNeeds;
  supportedBy: string[];
  /** Every sealing of their personal fields, latest last; unreadable once forgotten. */
  sealed: SealedPersonalData[];
  forgottenAt?: string;
}

export type PersonState = { status: 'none' } | Person;

export const initialPersonState = (): PersonState => ({ status: 'none' });

export function evolvePerson(state: PersonState, event: PersonEvent): PersonState {
  if (event.type === 'PersonRegistered') {
    const { personId, at, personal, communicationNeeds, supportedBy } = event.data;
    return { status: 'registered', personId, registeredAt: at, communicationNeeds, supportedBy, sealed: [personal] };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'CommunicationNeedsRecorded':
      return { ...state, communicationNeeds: event.data.communicationNeeds, sealed: event.data.personal ? [...state.sealed, event.data.personal] : state.sealed };
    case 'SupportingProvidersChanged':
      return { ...state, supportedBy: event.data.supportedBy };
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
