// When the demo's history happened: days before the demo loads, spread over the last two
// quarters, so the Partnership Board report has a period and a period before it to compare.
// Recorded times are never faked: the handler stamps them. A fact says when it happened
// (occurredAt), but never before its proposal (PL_ERR_BEFORE_PROPOSAL), and a proposal's date
// is when it is recorded: until a proposal can say when it was put forward, the history's
// facts are dated when they are recorded, that is now.
import { proposal } from '../domain/decisions/decision-facts.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** True once a proposal may carry when it was put forward: then every fact keeps its own day. */
export const proposalsCanBeDated = 'occurredAt' in proposal.shape;

/** The calendar day `days` before today (negative: after), as YYYY-MM-DD: review dates are agreed days. */
export function dayFromToday(days: number): string {
  return new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
}

/** `{ occurredAt }` for `days` days ago, or nothing (it happened as it is recorded) while proposals cannot be dated. */
export function daysAgo(days: number): { occurredAt?: string } {
  if (days < 0) throw new Error('demo: history happens in the past, never in the future');
  return proposalsCanBeDated ? { occurredAt: dayFromToday(-days) } : {};
}

/** When papers went out `days` days ago, as a time (information's `sharedAt`); now while proposals cannot be dated. */
export function sharedDaysAgo(days: number): string {
  return proposalsCanBeDated ? `${dayFromToday(-days)}T10:00:00Z` : new Date().toISOString();
}
