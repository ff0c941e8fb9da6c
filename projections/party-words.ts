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
