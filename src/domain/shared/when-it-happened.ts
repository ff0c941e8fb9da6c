// When something happened in the world, as distinct from when it was recorded (the event's
// `at`). A day alone ("2026-03-01") is allowed, because people remember meetings by the day;
// it covers that whole day (UTC), so the rules below judge it generously in both directions.
import { z } from 'zod';
import { isoDate, isoDateTime } from './vocabulary.js';

export const occurredAt = z.union([isoDateTime, isoDate]).describe('when it happened: a date-time, or a date such as 2026-03-01');

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The instants a time or a day covers: [start, end). */
export function happenedWithin(when: string): { start: number; end: number } {
  const start = Date.parse(DATE_ONLY.test(when) ? `${when}T00:00:00Z` : when);
  return { start, end: DATE_ONLY.test(when) ? start + DAY_MS : start + 1 };
}

/** True when all of the time or day named is after `now`. */
export function isInTheFuture(when: string, now: string): boolean {
  return happenedWithin(when).start > Date.parse(now);
}

/** True when all of the time or day named is before `moment`. */
export function isWhollyBefore(when: string, moment: string): boolean {
  return happenedWithin(when).end <= Date.parse(moment);
}

/** The instant to sort by: a day counts from its start. */
export function occurredMs(when: string): number {
  return happenedWithin(when).start;
}

/** Recorded more than this many days after it happened: `recorded-late`. */
export const LATE_RECORDING_DAYS = 28;

/** Days between when it happened and when it was recorded (0 when recorded the same moment or earlier). */
export function daysLate(when: string, recordedAt: string): number {
  return Math.max(0, (Date.parse(recordedAt) - happenedWithin(when).end) / DAY_MS);
}
