// Who someone is, as a choice in a form rather than JSON to type: the people a decision
// affects, the organisations it names, the signed-in person's own organisation and the
// usual groups. Each choice's value is a short key turned back into a party on the server.
import { mayRecordAs, type Actor, type Party } from '../../commands/domain-words.js';
import { partyWords } from '../words.js';
import type { Choice } from './form-kit.js';

const groups: Record<string, { role: Party['role']; label: string; words: string }> = {
  'self-advocacy-group': { role: 'self-advocate', label: 'Self-advocacy group', words: 'The self-advocacy group' },
  'family-carers': { role: 'family-carer', label: 'Family carers', words: 'Family carers' },
  advocate: { role: 'advocate', label: 'Independent advocate', words: 'An independent advocate' },
  'partnership-board': { role: 'partnership-board', label: 'Partnership board', words: 'The partnership board' },
  'care-manager': { role: 'care-manager', label: 'Care manager', words: 'A care manager' },
};

export interface PartyContext {
  people: readonly string[];
  organisations: readonly string[];
  commissioners: readonly string[];
}

/** Whoever reads the pages in Easy Read (the reader partyNamer gives Easy Read words). */
export const isSelfAdvocate = (viewer: { actor: Pick<Actor, 'role'> }): boolean => viewer.actor.role === 'self-advocate';

export function partyChoices(actor: Actor, context: PartyContext): Choice[] {
  const groupChoices = Object.entries(groups).map(([key, g]) => ({ value: `group:${key}`, label: g.words }));
  if (actor.role === 'self-advocate') {
    // A self-advocate may name only their own person (who-may-name-whom), so no one else is offered, by id or otherwise.
    if (!actor.personId) return groupChoices;
    return [
      { value: `person:${actor.personId}`, label: 'Me' },
      { value: `self-advocate-for:${actor.personId}`, label: 'Me, speaking up as a self-advocate' },
    ];
  }
  const commissioners = new Set(context.commissioners);
  const providers = new Set(context.organisations);
  if (actor.organisation) (actor.role === 'commissioner' ? commissioners : actor.role === 'provider' ? providers : new Set<string>()).add(actor.organisation);
  return [
    ...context.people.map((p) => ({ value: `person:${p}`, label: partyWords({ role: 'person-using-support', personId: p }) })),
    ...[...providers].map((o) => ({ value: `provider:${o}`, label: partyWords({ role: 'provider', organisation: o }) })),
    ...[...commissioners].map((o) => ({ value: `commissioner:${o}`, label: partyWords({ role: 'commissioner', organisation: o }) })),
    ...groupChoices,
  ];
}

/** The choices the signed-in person may give as the author of what they record (the domain's own rule decides). */
export function authorChoices(actor: Actor, context: PartyContext): Choice[] {
  return partyChoices(actor, context).filter((choice) => {
    const party = partyOf(choice.value);
    return party !== undefined && mayRecordAs(actor, party);
  });
}

/** The party a choice stands for, or undefined for a value the form never offered. */
export function partyOf(key: string): Party | undefined {
  const [kind, ...rest] = key.split(':');
  const value = rest.join(':');
  switch (kind) {
    case 'person':
      return { role: 'person-using-support', personId: value };
    case 'self-advocate-for':
      // The person themself, speaking as a self-advocate: a token speaks only as its own person.
      return { role: 'self-advocate', personId: value, label: 'Self-advocate' };
    case 'provider':
      return { role: 'provider', organisation: value };
    case 'commissioner':
      return { role: 'commissioner', organisation: value };
    case 'group': {
      const group = groups[value];
      return group ? { role: group.role, label: group.label } : undefined;
    }
    default:
      return undefined;
  }
}
