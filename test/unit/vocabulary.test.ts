// The domain's words as schemas: dates that exist on the calendar, times with a real
// clock and offset, and free text that has something a reader can see.
import t from 'tap';
import type { z } from 'zod';
import { isoDate, isoDateTime, longText, shortText } from '../../src/domain/shared/vocabulary.js';

/** The messages a schema gives for a value, or [] when it accepts it. */
function messagesFor(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

const IMPOSSIBLE_DATES = ['2026-02-30', '2026-02-29', '2026-04-31', '2026-06-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-01-32'];
const REAL_DATES = ['2024-02-29', '2026-02-28', '2026-12-31', '2026-01-01'];

const IMPOSSIBLE_TIMES = [
  '2026-02-30T10:00:00+00:00', // no such day
  '2026-02-29T10:00:00Z', // not a leap year
  '2026-04-31T23:59:59+01:00',
  '2026-03-01T24:00:00+00:00', // hour 24
  '2026-03-01T10:60:00+00:00', // minute 60
  '2026-03-01T10:00:61+00:00',
  '2026-03-01T10:00:00+14:01', // beyond the furthest offset in use (Kiribati, +14:00)
  '2026-03-01T10:00:00-14:30',
  '2026-03-01T10:00:00+15:00',
  '2026-03-01T10:00:00+23:59',
  '2026-03-01T10:00:00+05:60',
  '2026-03-01T10:00:00', // no offset
];
const REAL_TIMES = [
  '2026-03-01T10:00:00+00:00',
  '2026-03-01T10:00:00Z',
  '2024-02-29T23:59:59.999+14:00',
  '2026-03-01T00:00:00-12:00',
  '2026-03-01T10:00:00.123456-14:00',
  '2026-10-25T01:30:00+05:45',
];

/**
 * Text a reader cannot see: zero-width characters, direction controls and other formatting or
 * control characters, alone or among spaces. (Spaces alone are trimmed away: "must not be empty".)
 */
const INVISIBLE_TEXTS = {
  'zero-width space': '\u200B',
  'zero-width joiners and marks': '\u200C\u200D\u200E\u200F',
  'right-to-left override': '\u202E',
  'every bidi override and embedding': '\u202A\u202B\u202C\u202D\u202E',
  'bidi isolates': '\u2066\u2067\u2068\u2069',
  'word joiner and invisible operators': '\u2060\u2061\u2062\u2063\u2064',
  'byte order mark between zero-width spaces': '\u200B\uFEFF\u200B',
  'line separator between direction marks': '\u200E\u2028\u200F',
  'narrow no-break space between isolates': '\u2066\u202F\u2069',
  'soft hyphen': '\u00AD',
  'control characters': '\u0007\u0000\u007F',
  'Hangul filler': '\u3164',
  'Braille blank': '\u2800',
  'a mix inside ordinary spaces': '  \u200B \u202E\u2066 \uFEFF  ',
};

const VISIBLE_TEXTS = ['Change the day service', 'a\u200Bb', '\u202Eabc\u202C', 'مرحبا\u200F', '👍', 'Zoë', '日本語'];

t.test('isoDate refuses a day that is not on the calendar', async (t) => {
  for (const value of IMPOSSIBLE_DATES) t.not(messagesFor(isoDate, value).length, 0, `${value} is refused`);
  for (const value of REAL_DATES) t.same(messagesFor(isoDate, value), [], `${value} is accepted`);
  t.equal(isoDate.parse('2024-02-29'), '2024-02-29', 'a real date is kept as written');
});

t.test('isoDateTime refuses an impossible day, hour, minute or offset', async (t) => {
  for (const value of IMPOSSIBLE_TIMES) t.not(messagesFor(isoDateTime, value).length, 0, `${value} is refused`);
  for (const value of REAL_TIMES) t.same(messagesFor(isoDateTime, value), [], `${value} is accepted`);
  t.equal(isoDateTime.parse('2026-03-01T10:00:00+14:00'), '2026-03-01T10:00:00+14:00', 'a real time is kept as written, not normalised');
});

t.test('shortText and longText refuse text with no visible character', async (t) => {
  for (const [schema, name] of [
    [shortText, 'shortText'],
    [longText, 'longText'],
  ] as const) {
    for (const [what, value] of Object.entries(INVISIBLE_TEXTS)) {
      t.same(messagesFor(schema, value), ['must contain some visible text'], `${name}: ${what} is refused, with one plain message`);
    }
    t.same(messagesFor(schema, ''), ['must not be empty'], `${name}: empty text says so, once`);
    t.same(messagesFor(schema, ' \u00A0\u3000\uFEFF\u2029 '), ['must not be empty'], `${name}: spaces alone are trimmed to nothing`);
    for (const value of VISIBLE_TEXTS) t.same(messagesFor(schema, value), [], `${name}: ${JSON.stringify(value)} is accepted`);
  }
});

t.test('visible text is kept as written: nothing invisible is stripped silently', async (t) => {
  t.equal(shortText.parse('a\u200Bb'), 'a\u200Bb');
  t.equal(longText.parse('\u202Eabc\u202C'), '\u202Eabc\u202C');
});
