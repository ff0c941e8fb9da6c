// As-of replay for auditors: fold a projection from the start of the log up to a
// position, or up to a moment (by the time each event was recorded), and no further.
import type { Projection } from '../../projections/projection.js';
import { PartnershipLogError } from '../errors.js';
import type { EventStore, StoredEvent } from '../store/event-store.js';

export type AsOf = { position: number } | { time: string };

/** Reads "1234" as a log position and anything else as an ISO-8601 time. */
export function parseAsOf(value: string): AsOf {
  if (/^\d+$/.test(value)) return { position: Number(value) };
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
    throw new PartnershipLogError('PL_ERR_VALIDATION', `asOf must be a log position (a whole number) or an ISO-8601 time, not ${JSON.stringify(value)}.`);
  }
  return { time: new Date(ms).toISOString() };
}

export interface Replayed<State> {
  state: State;
  /** The position of the last event folded (0 when none). */
  position: number;
  events: number;
}

/** Folds from a store's whole log, or from any events in log order (the read-only log reader). */
export async function replayProjection<State>(
  source: EventStore | AsyncIterable<StoredEvent>,
  projection: Projection<State>,
  asOf?: AsOf,
  onProgress?: (position: number) => void,
): Promise<Replayed<State>> {
  let state = projection.initialState();
  let position = 0;
  let events = 0;
  const until = asOf && 'time' in asOf ? Date.parse(asOf.time) : undefined;
  const prefixes = projection.streamPrefixes;
  const log = 'readAll' in source ? source.readAll() : source;
  for await (const event of log) {
    if (asOf && 'position' in asOf && event.position > asOf.position) break;
    if (until !== undefined && Date.parse(event.recordedAt) > until) break;
    if (!prefixes || prefixes.some((p) => event.stream.startsWith(p))) state = projection.evolve(state, event);
    position = event.position;
    events++;
    if (onProgress && events % 10_000 === 0) onProgress(position);
  }
  return { state, position, events };
}
