// Commands on the person register. The route seals the personal fields with the
// person's key before the command is built, so the domain never sees them in the clear.
import type { z } from 'zod';
import { refuse } from '../../errors.js';
import type { Command, Decider } from '../decider.js';
import { checkProvidersRegistered, type ProvidersRegistered } from '../providers/decide.js';
import { checkWhomItNames } from '../shared/who-may-name-whom.js';
import type { CommunicationNeeds, erasure, MoveToProvider, SealedPersonalData } from './person-facts.js';
import type { PersonEvent } from './person-events.js';
import { evolvePerson, initialPersonState, type PersonState } from './person.js';

export type PersonCommand =
  | (Command<'RegisterPerson', { personId: string; personal: SealedPersonalData; communicationNeeds: CommunicationNeeds; supportedBy: string[] }> & ProvidersRegistered)
  | Command<'RecordCommunicationNeeds', { communicationNeeds: CommunicationNeeds; personal?: SealedPersonalData | undefined }>
  | (Command<'ChangeSupportingProviders', { supportedBy: string[] } | { followingMove: MoveToProvider }> & ProvidersRegistered)
  | Command<'ForgetPerson', z.output<typeof erasure>>;

export type PersonCommandType = PersonCommand['type'];

export function decidePerson(command: PersonCommand, state: PersonState): PersonEvent[] {
  const at = command.now;
  if (command.type === 'RegisterPerson') {
    if (state.status !== 'none') refuse('PL_ERR_ALREADY_EXISTS', `${command.data.personId} is already in the register.`);
    // Nobody supports a person before they are registered.
    checkWhomItNames({ actor: command.actor, supportedPeople: [] }, { people: [command.data.personId], organisations: command.data.supportedBy });
    checkProvidersRegistered(command.data.supportedBy, command.registeredProviders);
    sealedFor(command.data.personId, command.data.personal);
    return [{ type: 'PersonRegistered', data: { ...command.data, at } }];
  }
  if (state.status === 'none') refuse('PL_ERR_PERSON_NOT_FOUND', 'There is no person with this id in the register.');
  const { personId } = state;
  if (state.status === 'forgotten') {
    refuse('PL_ERR_PERSON_FORGOTTEN', `${personId} was forgotten on ${state.forgottenAt ?? 'an earlier date'}; register them again under a new id if they return.`);
  }
  // The register knows who supports this person; every command here names them.
  const { actor } = command;
  const supportedPeople = actor.organisation !== undefined && state.supportedBy.includes(actor.organisation) ? [personId] : [];
  const organisations = command.type === 'ChangeSupportingProviders' ? supportersAfter(command.data, state.supportedBy) : [];
  checkWhomItNames({ actor, supportedPeople }, { people: [personId], organisations });
  switch (command.type) {
    case 'RecordCommunicationNeeds':
      if (command.data.personal) sealedFor(personId, command.data.personal);
      return [{ type: 'CommunicationNeedsRecorded', data: { personId, communicationNeeds: command.data.communicationNeeds, ...(command.data.personal ? { personal: command.data.personal } : {}), at } }];
    case 'ChangeSupportingProviders': {
      const supportedBy = supportersAfter(command.data, state.supportedBy);
      // Only the providers it adds: one named before the register existed may stay.
      checkProvidersRegistered(supportedBy.filter((organisation) => !state.supportedBy.includes(organisation)), command.registeredProviders);
      const because = 'followingMove' in command.data ? { followingMove: command.data.followingMove } : {};
      return [{ type: 'SupportingProvidersChanged', data: { personId, supportedBy, ...because, at } }];
    }
    case 'ForgetPerson':
      return [{ type: 'PersonalDataErased', data: { personId, reason: command.data.reason, at } }];
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

/** After a move to a new provider, the provider they left no longer supports them and the one they moved to does; others stay. */
function supportersAfter(change: { supportedBy: string[] } | { followingMove: MoveToProvider }, current: readonly string[]): string[] {
  if (!('followingMove' in change)) return change.supportedBy;
  const { from, to } = change.followingMove;
  return [...current.filter((organisation) => organisation !== from && organisation !== to), to];
}

/** Each person's fields are sealed with their own key, so forgetting one person never touches another. */
function sealedFor(personId: string, personal: SealedPersonalData): void {
  if (personal.keyId !== personId) refuse('PL_ERR_VALIDATION', `The personal fields of ${personId} must be sealed with their own key, not ${personal.keyId}.`);
}

export const personDecider: Decider<PersonState, PersonCommand, PersonEvent> = {
  initialState: initialPersonState,
  evolve: evolvePerson,
  decide: decidePerson,
};
