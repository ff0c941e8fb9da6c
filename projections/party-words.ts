// A party named in words, the one way the pages (their choices too), the evidence pack and
// the subject access report say who someone is: "P-HS01 (a person who uses support)",
// "Hillside Support (provider)", "Family carer, for P-HS04". Ids, roles and organisations only.
import type { Party, PartyRole } from '../src/domain/shared/vocabulary.js';

/** Typed by the role enum, so a new role is a type error until it has its words. */
const partyRoleWords: Record<PartyRole, string> = {
  'person-using-support': 'A person who uses support',
  'family-carer': 'Family carer',
  'self-advocate': 'Self-advocate',
  advocate: 'Advocate',
  provider: 'Provider',
  commissioner: 'Commissioner',
  'care-manager': 'Care manager',
  'partnership-board': 'Partnership board',
  other: 'Someone else',
};

export function partyWords(party: Party): string {
  const role = partyRoleWords[party.role];
  if (party.personId) return `${party.personId} (${role.toLowerCase()})`;
  const name = party.organisation ?? party.label;
  const base = name ? `${name} (${role.toLowerCase()})` : role;
  return party.onBehalfOf ? `${base}, for ${party.onBehalfOf}` : base;
}

/**
 * A party as a self-advocate reads it (Easy Read): "You" for their own person, roles in
 * words for everyone else, never a pseudonymous id. Organisations keep their names.
 */
export function easyPartyWords(party: Party, me: string | undefined): string {
  const role = partyRoleWords[party.role];
  if (party.personId) return party.personId === me ? 'You' : role;
  const name = party.organisation ?? party.label;
  const base = name ? `${name} (${role.toLowerCase()})` : role;
  if (!party.onBehalfOf) return base;
  return party.onBehalfOf === me ? `${base}, for you` : `${base}, for a person who uses support`;
}

/** The one way a page names parties to its reader: Easy Read words for a self-advocate, the record's words for staff. */
export function partyNamer(reader: { role: string; personId?: string | undefined }): (party: Party) => string {
  return reader.role === 'self-advocate' ? (party) => easyPartyWords(party, reader.personId) : partyWords;
}
