// The domain's own words, as zod schemas: the single source for validation of
// commands, of stored events and of the OpenAPI document.
import { z } from 'zod';

/** Pseudonymous id of a person who uses support. Names live only in the person register. */
export const personId = z
  .string()
  .regex(/^P-[A-Z0-9]{4,12}$/, 'a person id looks like P-7K2Q9M (pseudonymous; never a name)');
export type PersonId = z.infer<typeof personId>;

export const entityId = z.string().uuid('must be a uuid');

/** Amounts of money are whole pence. */
export const pence = z.number().int('money is whole pence').min(0, 'money cannot be negative').max(1e13);

export const isoDateTime = z.iso.datetime({ offset: true, message: 'an ISO-8601 time with its offset, e.g. 2026-03-01T10:00:00+00:00' });
export const isoDate = z.iso.date('a date such as 2026-09-30');

export const shortText = z.string().trim().min(1, 'must not be empty').max(300);
export const longText = z.string().trim().min(1, 'must not be empty').max(5000);

export const roles = [
  'person-using-support',
  'family-carer',
  'self-advocate',
  'advocate',
  'provider',
  'commissioner',
  'care-manager',
  'partnership-board',
  'other',
] as const;
export const partyRole = z.enum(roles);
export type PartyRole = z.infer<typeof partyRole>;

/** People who use support, or representatives they chose, in the co-production sense. */
export const peopleWhoUseSupportRoles: readonly PartyRole[] = ['person-using-support', 'self-advocate', 'family-carer', 'advocate'];

/**
 * Someone who took part. People who use support appear by pseudonymous id only; a
 * family carer or advocate may say whom they act for. `label` names an organisation
 * or a team ("Leeds City Council", "Self-advocacy group"), never a person who uses support.
 */
export const party = z
  .object({
    role: partyRole,
    personId: personId.optional(),
    onBehalfOf: personId.optional(),
    organisation: shortText.optional(),
    label: shortText.optional(),
  })
  .refine((p) => p.role !== 'person-using-support' || p.personId !== undefined, {
    message: 'a person using support is named by their person id',
    path: ['personId'],
  })
  .refine((p) => p.role !== 'person-using-support' || p.label === undefined, {
    message: 'no label for a person using support: their name lives only in the person register',
    path: ['label'],
  })
  .refine((p) => p.role !== 'provider' || p.organisation !== undefined, {
    message: 'a provider is named by its organisation',
    path: ['organisation'],
  });
export type Party = z.infer<typeof party>;

/** The ladder of co-production (TLAP and NCAG, after Arnstein), lowest first. */
export const ladder = ['coercion', 'educating', 'informing', 'consultation', 'engagement', 'co-design', 'co-production'] as const;
export const rung = z.enum(ladder);
export type Rung = z.infer<typeof rung>;

export function rungIndex(value: Rung): number {
  return ladder.indexOf(value);
}

export const stage = z.enum(['identifying-the-need', 'designing-options', 'deciding', 'implementing', 'reviewing']);
export type Stage = z.infer<typeof stage>;

export const accessibleFormat = z.enum(['easy-read', 'large-print', 'audio', 'british-sign-language', 'translated', 'standard']);
export type AccessibleFormat = z.infer<typeof accessibleFormat>;

export const participationSupport = z.enum([
  'advocate',
  'easy-read-papers-in-advance',
  'time-to-prepare',
  'accessible-venue',
  'interpreter',
  'travel-support',
  'other',
]);

export const lifeArea = z.enum(['home', 'work', 'relationships', 'community', 'health', 'money', 'choice-and-control', 'support']);
export type LifeArea = z.infer<typeof lifeArea>;

export const level = z.enum(['low', 'medium', 'high']);

