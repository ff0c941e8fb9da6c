// Who may name whom in what they record: one rule set for every command of every
// aggregate. Nobody is named as the author of a fact they did not record unless a rule
// below allows it; a provider names only its own organisation and the people it
// supports; a self-advocate token names only its own person. Each decider lists what a
// command names (`Named`) and calls `checkWhomItNames`; the caller reads, from the
// person register, which people a provider supports (the domain does no IO).
//
// | what a command names | commissioner | provider of X | self-advocate bound to P | self-advocate with no person |
// | --- | --- | --- | --- | --- |
// | its author: `by`, `proposedBy`, `putForwardBy` | anyone but a provider (a provider speaks for itself) | only `{role: provider, organisation: X}` | only P as themself: `personId` P, role person-using-support or self-advocate, `onBehalfOf` none or P, no organisation | only a group naming no person: a self-advocate, family carer or advocate with no `personId`, `onBehalfOf` or organisation |
// | anyone else: `sharedWith`, `participant`, `fallsOn`, `acceptedBy`, `decidedBy`, `chosenHelpers`, `consulted`, `to`, `panel` | anyone | a provider only if it is X; a `personId` or `onBehalfOf` only of a person X supports; others (commissioners, the Partnership Board, groups) freely | a `personId` or `onBehalfOf` only P | no `personId` or `onBehalfOf` |
// | a person by id: `personId`, `affects.people`, `peopleCovered`, the register's person | anyone | people X supports | P | nobody |
// | organisations: a contract's `provider`, `heldBy`, `supportedBy` | any | only X | none | none |
// | whose matter it is: a proposal's `organisations` | any | exactly X | none | none |
//
// Auditors and admins record nothing, so they may name nobody.
import { refuse } from '../../errors.js';
import type { Actor } from '../actor.js';
import type { Party, PartyRole } from './vocabulary.js';

/** What one command names, listed by its decider. */
export interface Named {
  /** Who said, proposed or put it forward. */
  authors?: readonly Party[];
  /** Anyone else it names: who it was shared with, took part, bears or accepted a risk, decided, helped, sat on a panel. */
  parties?: readonly Party[];
  /** People who use support, by their pseudonymous id. */
  people?: readonly string[];
  /** Organisations it names: a contract's provider, who holds a budget, who supports a person. */
  organisations?: readonly string[];
  /** The organisations whose matter it is (a proposal's `organisations`): a provider names exactly itself. */
  concerns?: readonly string[];
}

/** Who is naming: the actor, and the people a provider's organisation supports (read by the caller from the register). */
export interface Namer {
  actor: Actor;
  supportedPeople: readonly string[];
}

/** Without a person of their own, a self-advocate token records as a group (named by a label, not a person): these roles. */
const groupAuthorRoles: readonly PartyRole[] = ['self-advocate', 'family-carer', 'advocate'];

/** Refuses (403, nothing written) the first thing the actor may not name. */
export function checkWhomItNames(namer: Namer, named: Named): void {
  const { actor } = namer;
  for (const author of named.authors ?? []) mayAuthor(actor, author);
  for (const party of named.parties ?? []) mayNameParty(namer, party);
  for (const personId of named.people ?? []) mayNamePerson(namer, personId);
  for (const organisation of named.organisations ?? []) mayNameOrganisation(actor, organisation);
  if (named.concerns) mayConcern(actor, named.concerns);
}

function mayAuthor(actor: Actor, author: Party): void {
  switch (actor.role) {
    case 'commissioner':
      if (author.role === 'provider') {
        refuse('PL_ERR_NOT_OWN_ORGANISATION', `A provider speaks for itself: ${author.organisation ?? 'the provider'} records this with its own token.`);
      }
      return;
    case 'provider': {
      const own = ownOrganisation(actor);
      if (author.role !== 'provider' || author.organisation !== own || author.personId !== undefined || author.onBehalfOf !== undefined) {
        refuse('PL_ERR_NOT_OWN_ORGANISATION', `${own} records this in its own name only, as the provider ${own}; a person’s own words are recorded by them or by the commissioner.`);
      }
      return;
    }
    case 'self-advocate': {
      const own = actor.personId;
      if (own === undefined) {
        if (author.personId !== undefined || author.onBehalfOf !== undefined || author.organisation !== undefined || !groupAuthorRoles.includes(author.role)) {
          refuse('PL_ERR_NOT_OWN_PERSON', 'This token is not bound to a person: it records only as a group (a self-advocate, family carer or advocate, with no person id).');
        }
        return;
      }
      const asThemself = author.role === 'person-using-support' || author.role === 'self-advocate';
      if (!asThemself || author.personId !== own || (author.onBehalfOf !== undefined && author.onBehalfOf !== own) || author.organisation !== undefined) {
        refuse('PL_ERR_NOT_OWN_PERSON', `This token speaks for ${own} only: record this as ${own}, in their own name.`);
      }
      return;
    }
    default:
      return noRecords(actor);
  }
}

function mayNameParty(namer: Namer, party: Party): void {
  const { actor } = namer;
  if (actor.role !== 'commissioner' && actor.role !== 'provider' && actor.role !== 'self-advocate') noRecords(actor);
  if (actor.role === 'provider' && party.role === 'provider' && party.organisation !== ownOrganisation(actor)) {
    refuse('PL_ERR_NOT_OWN_ORGANISATION', `${ownOrganisation(actor)} may name only itself among providers, not ${party.organisation ?? 'another provider'}.`);
  }
  for (const personId of [party.personId, party.onBehalfOf]) if (personId !== undefined) mayNamePerson(namer, personId);
}

function mayNamePerson({ actor, supportedPeople }: Namer, personId: string): void {
  switch (actor.role) {
    case 'commissioner':
      return;
    case 'provider':
      if (!supportedPeople.includes(personId)) {
        refuse('PL_ERR_NOT_OWN_ORGANISATION', `${ownOrganisation(actor)} does not support ${personId}, so it may not name them.`);
      }
      return;
    case 'self-advocate':
      if (actor.personId === undefined) refuse('PL_ERR_NOT_OWN_PERSON', `This token is not bound to a person, so it may not name ${personId}.`);
      if (personId !== actor.personId) refuse('PL_ERR_NOT_OWN_PERSON', `This token speaks for ${actor.personId} only; it may not name ${personId}.`);
      return;
    default:
      return noRecords(actor);
  }
}

function mayNameOrganisation(actor: Actor, organisation: string): void {
  switch (actor.role) {
    case 'commissioner':
      return;
    case 'provider':
      if (organisation !== ownOrganisation(actor)) refuse('PL_ERR_NOT_OWN_ORGANISATION', `${ownOrganisation(actor)} may name only itself, not ${organisation}.`);
      return;
    case 'self-advocate':
      return refuse('PL_ERR_NOT_OWN_PERSON', 'A self-advocate token names no organisation here.');
    default:
      return noRecords(actor);
  }
}

function mayConcern(actor: Actor, organisations: readonly string[]): void {
  switch (actor.role) {
    case 'commissioner':
      return;
    case 'provider': {
      const own = ownOrganisation(actor);
      if (organisations.length !== 1 || organisations[0] !== own) {
        refuse('PL_ERR_NOT_OWN_ORGANISATION', `A provider’s proposal concerns its own organisation only: name exactly ${own}.`);
      }
      return;
    }
    case 'self-advocate':
      if (organisations.length > 0) refuse('PL_ERR_NOT_OWN_PERSON', 'A self-advocate token names no organisation here.');
      return;
    default:
      return noRecords(actor);
  }
}

/** A provider token without an organisation acts for nobody. */
function ownOrganisation(actor: Actor): string {
  if (actor.organisation === undefined) refuse('PL_ERR_NOT_OWN_ORGANISATION', 'This provider token names no organisation, so it may act for none.');
  return actor.organisation;
}

function noRecords(actor: Actor): never {
  return refuse('PL_ERR_FORBIDDEN', `A ${actor.role} records nothing.`);
}
