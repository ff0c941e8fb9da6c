// The record's codes in everyday words, for every page.
import type { Party } from '../domain/shared/vocabulary.js';

export const kindWords: Record<string, string> = {
  commissioning: 'A decision about buying services',
  'provider-change': 'A change a provider wants to make',
  disaggregation: 'Splitting a block contract into people’s own budgets',
};

export const statusWords: Record<string, string> = {
  proposed: 'Not decided yet',
  deferred: 'Put off for now',
  decided: 'Decided',
  superseded: 'Replaced by a newer decision',
  withdrawn: 'Withdrawn',
};

export const outcomeWords: Record<string, string> = {
  agreed: 'Agreed',
  'agreed-with-changes': 'Agreed, with changes',
  declined: 'Said no',
  deferred: 'Put off for now',
};

export const stanceWords: Record<string, string> = {
  supports: 'I agree',
  'has-concerns': 'I am worried about it',
  opposes: 'I do not agree',
  unsure: 'I am not sure',
};

export const rungWords: Record<string, string> = {
  coercion: 'Coercion: people are made to do things',
  educating: 'Educating: people are told what is good for them',
  informing: 'Informing: people are told what will happen',
  consultation: 'Consultation: people are asked, but others decide',
  engagement: 'Engagement: people’s ideas shape it',
  'co-design': 'Co-design: people plan it together',
  'co-production': 'Co-production: people share the decision as equals',
};

export const flagWords: Record<string, string> = {
  'decided-without-people': 'Decided without people who use support',
  'only-one-person': 'Only one person who uses support took part',
  'no-feedback': 'No feedback yet',
  'rung-disagreement': 'Self-advocates disagree about how co-produced it was',
  'decision-review-overdue': 'Review overdue',
  'risk-review-overdue': 'Risk review overdue',
};

export const areaWords: Record<string, string> = {
  home: 'Home',
  work: 'Work',
  relationships: 'Friends and family',
  community: 'Out and about',
  health: 'Health',
  money: 'Money',
  'choice-and-control': 'Choice and control',
  support: 'Support',
};

export const directionWords: Record<string, string> = { better: 'Better', worse: 'Worse', 'no-change': 'No change' };

export const formatWords: Record<string, string> = {
  'easy-read': 'Easy read',
  'large-print': 'Large print',
  audio: 'Audio',
  'british-sign-language': 'British Sign Language',
  translated: 'Translated',
  standard: 'Standard',
};

const roleWords: Record<string, string> = {
  'person-using-support': 'Person who uses support',
  'family-carer': 'Family carer',
  'self-advocate': 'Self-advocate',
  advocate: 'Advocate',
  provider: 'Provider',
  commissioner: 'Commissioner',
  'care-manager': 'Care manager',
  'partnership-board': 'Partnership board',
  other: 'Someone else',
};

export function words(table: Record<string, string>, code: string | undefined | null): string {
  if (!code) return '';
  return table[code] ?? code.replace(/-/g, ' ');
}

/** A party as people say it: "P-HS01", "Hillside Support (provider)", "Family carer for P-HS04". */
export function partyWords(party: Party): string {
  const role = words(roleWords, party.role);
  if (party.personId) return `${party.personId} (${role.toLowerCase()})`;
  const name = party.organisation ?? party.label;
  const base = name ? `${name} (${role.toLowerCase()})` : role;
  return party.onBehalfOf ? `${base}, for ${party.onBehalfOf}` : base;
}

export function pounds(pence: number): string {
  const whole = pence % 100 === 0;
  return `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 })}`;
}

/** "1 March 2026" */
export function dateWords(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
}

export function dateTimeWords(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
}
