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

/** Whether an event was in the log at the moment asOf names (positions and record times only go up). */
export function within(asOf: AsOf | undefined): (event: StoredEvent) => boolean {
  if (!asOf) return () => true;
  if ('position' in asOf) return (event) => event.position <= asOf.position;
  const until = Date.parse(asOf.time);
  return (event) => Date.parse(event.recordedAt) <= until;
}

export interface Replayed<State> {
  state: State;
  /** The position of the last event folded (0 when none). */
  position: number;
  events: number;
}

export interface ReplayedMany {
  states: Map<string, unknown>;
  /** The position of the last event folded (0 when none), and when it was recorded. */
  position: number;
  lastRecordedAt: string | undefined;
  events: number;
}

/** Folds several projections in one pass over the log (from a store, or any events in log order), up to asOf. */
export async function replayProjections(
  source: EventStore | AsyncIterable<StoredEvent>,
  projections: readonly Projection<unknown>[],
  asOf?: AsOf,
  onProgress?: (position: number) => void,
): Promise<ReplayedMany> {
  const states = new Map(projections.map((p) => [p.name, p.initialState()]));
  const isWithin = within(asOf);
  let position = 0;
  let lastRecordedAt: string | undefined;
  let events = 0;
  const log = 'readAll' in source ? source.readAll() : source;
  for await (const event of log) {
    if (!isWithin(event)) break;
    for (const projection of projections) {
      const prefixes = projection.streamPrefixes;
      if (!prefixes || prefixes.some((p) => event.stream.startsWith(p))) states.set(projection.name, projection.evolve(states.get(projection.name), event));
    }
    position = event.position;
    lastRecordedAt = event.recordedAt;
    events++;
    if (onProgress && events % 10_000 === 0) onProgress(position);
  }
  return { states, position, lastRecordedAt, events };
}

/** One projection folded up to asOf. */
export async function replayProjection<State>(
  source: EventStore | AsyncIterable<StoredEvent>,
  projection: Projection<State>,
  asOf?: AsOf,
  onProgress?: (position: number) => void,
): Promise<Replayed<State>> {
  // The map holds this projection's own state, folded by its own evolve.
  const { states, position, events } = await replayProjections(source, [projection as Projection<unknown>], asOf, onProgress);
  return { state: states.get(projection.name) as State, position, events };
}
