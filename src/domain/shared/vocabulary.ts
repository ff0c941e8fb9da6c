// The domain's own words, as zod schemas: the single source for validation of
// commands, of stored events and of the OpenAPI document.
import { z } from 'zod';

/** Pseudonymous id of a person who uses support. Names live only in the person register. */
/** A person's pseudonymous id: P- and 4 to 12 capitals or digits. */
export const PERSON_ID = /^P-[A-Z0-9]{4,12}$/;
export const personId = z.string().regex(PERSON_ID, 'a person id looks like P-7K2Q9M (pseudonymous; never a name)');
export type PersonId = z.infer<typeof personId>;

export const entityId = z.string().uuid('must be a uuid');

/** Amounts of money are whole pence. */
export const pence = z.number().int('money is whole pence').min(0, 'money cannot be negative').max(1e13);

/** True when the year, month and day name a day on the calendar (2026-02-30 does not). */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  // A fixed instant, not the clock: setUTCFullYear rolls an impossible day over into the next month.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const DATE_PARTS = /^(\d{4})-(\d{2})-(\d{2})/;
const TIME_PARTS = /T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;
/** No offset in use is further from UTC than 14 hours (Kiribati, +14:00): anything beyond is a typing slip. */
const MAX_OFFSET_MINUTES = 14 * 60;

// zod's formats are the first check; these round-trips are the second, so that the calendar,
// the clock and the offset are ours to guarantee whatever a zod release lets through.
function isRealDate(text: string): boolean {
  const [, year, month, day] = DATE_PARTS.exec(text) ?? [];
  return year !== undefined && isCalendarDay(Number(year), Number(month), Number(day));
}

function isRealDateTime(text: string): boolean {
  const time = TIME_PARTS.exec(text);
  if (!time || !isRealDate(text)) return false;
  const [, hour, minute, second = '0', sign, offsetHours = '0', offsetMinutes = '0'] = time;
  const offset = Number(offsetHours) * 60 + Number(offsetMinutes);
  return (
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    Number(offsetMinutes) <= 59 &&
    (sign === undefined || offset <= MAX_OFFSET_MINUTES)
  );
}

const DATE_TIME_MESSAGE = 'an ISO-8601 time with its offset, e.g. 2026-03-01T10:00:00+00:00 (a real day and time; an offset between -14:00 and +14:00)';
const DATE_MESSAGE = 'a date such as 2026-09-30 (a day that is on the calendar)';

// `abort` on the format: a value zod already refused is not checked again, so it gets one message.
export const isoDateTime = z.iso.datetime({ offset: true, message: DATE_TIME_MESSAGE, abort: true }).refine(isRealDateTime, DATE_TIME_MESSAGE);
export const isoDate = z.iso.date({ message: DATE_MESSAGE, abort: true }).refine(isRealDate, DATE_MESSAGE);

/**
 * Characters that show nothing: white space, zero-width and direction controls (U+200B–U+200F,
 * U+202A–U+202E, U+2066–U+2069, U+FEFF, …: Unicode's default-ignorable set), other format,
 * separator and control characters, lone surrogates, and the fillers used to fake a blank
 * (Hangul fillers are default-ignorable; the blank Braille cell U+2800 is added by hand).
 */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cf}\p{Z}\p{Cc}\p{Cs}\u2800]/gu;

/** True when something a reader can see remains once every invisible character is set aside. */
export function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, '').length > 0;
}

/**
 * Free text: trimmed, never empty, and with something to see (a title made only of zero-width or
 * direction-override characters would show as a blank everywhere it is listed). Nothing
 * invisible is stripped from text that passes: what was sent is what is recorded.
 */
export function freeText(maxLength: number) {
  return z
    .string()
    .trim()
    .min(1, { message: 'must not be empty', abort: true })
    .max(maxLength)
    .refine(hasVisibleText, 'must contain some visible text');
}

export const shortText = freeText(300);
export const longText = freeText(5000);

/**
 * The name of an organisation (a provider, a council): a schema of its own, so that every field
 * naming one can be found by walking the schemas (the rules of who may name whom, and their test).
 */
export const organisationName = shortText.describe('an organisation, e.g. Hillside Support');

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
    organisation: organisationName.optional(),
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

