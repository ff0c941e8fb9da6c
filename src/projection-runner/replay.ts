// As-of replay: fold a projection from the start of the log up to a
// position, or up to a moment (by the time each event was recorded), and no further.
import { z } from 'zod';
import { inMemoryState, reads, type Collections, type Projection } from '../../projections/projection.js';
import { PartnershipLogError } from '../errors.js';
import type { EventStore, StoredEvent } from '../store/event-store.js';

export type AsOf = { position: number } | { time: string };

/** Events folded between two turns of the event loop (about 10 ms of work). */
const YIELD_EVERY = 1_000;

/** Reads "1234" as a log position and anything else as an ISO-8601 time. */
export function parseAsOf(value: string): AsOf {
  const problem = asOfProblem(value);
  if (problem) throw new PartnershipLogError('PL_ERR_VALIDATION', problem);
  if (/^\d+$/.test(value)) return { position: Number(value) };
  return { time: new Date(Date.parse(value)).toISOString() };
}

/** What is wrong with an asOf, in words for whoever sent it; undefined when it is a position or a real time. */
export function asOfProblem(value: string): string | undefined {
  if (/^\d+$/.test(value)) return undefined;
  // A + in a query string arrives as a space: 2026-03-01T10:00:00+00:00 sent unencoded.
  const spaced = /^(\d{4}-\d{2}-\d{2}T[\d:.]+) (\d{2}(?::?\d{2})?)$/.exec(value);
  if (spaced) {
    const meant = `${spaced[1]}%2B${spaced[2]}`;
    return `asOf arrived as ${JSON.stringify(value)}: a + in a web address is read as a space. Write the + as %2B (asOf=${meant}).`;
  }
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!day || Number.isNaN(Date.parse(value))) {
    return `asOf must be a log position (a whole number) or an ISO-8601 time, not ${JSON.stringify(value)}.`;
  }
  // Date.parse rolls 30 February over into March; a day that never was is a mistake.
  const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
  const calendar = new Date(Date.UTC(year, month - 1, date));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== date) {
    return `asOf names a day that does not exist: ${day[0]}.`;
  }
  return undefined;
}

/** The asOf query parameter, checked as it arrives so that a refusal names it. */
export const asOfParameter = z.string().superRefine((value, ctx) => {
  const problem = asOfProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

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
  /** Each projection's collections, by its name. */
  states: Map<string, Collections>;
  /** The position of the last event folded (0 when none), and when it was recorded. */
  position: number;
  lastRecordedAt: string | undefined;
  events: number;
}

/** Folds several projections in one pass over the log (from a store, or any events in log order), up to asOf. */
export async function replayProjections(
  source: EventStore | AsyncIterable<StoredEvent>,
  projections: readonly Projection[],
  asOf?: AsOf,
  onProgress?: (position: number) => void,
): Promise<ReplayedMany> {
  const states = new Map<string, Collections>(projections.map((p) => [p.name, inMemoryState(p)]));
  const isWithin = within(asOf);
  let position = 0;
  let lastRecordedAt: string | undefined;
  let events = 0;
  const log = 'readAll' in source ? source.readAll() : source;
  for await (const event of log) {
    if (!isWithin(event)) break;
    for (const projection of projections) {
      const state = states.get(projection.name);
      if (state && reads(projection, event)) projection.evolve(state, event);
    }
    position = event.position;
    lastRecordedAt = event.recordedAt;
    events++;
    if (onProgress && events % 10_000 === 0) onProgress(position);
    // A long replay gives way now and then, so the server goes on answering while it runs.
    if (events % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { states, position, lastRecordedAt, events };
}

/** One projection folded up to asOf. */
export async function replayProjection<State extends Collections<State>>(
  source: EventStore | AsyncIterable<StoredEvent>,
  projection: Projection<State>,
  asOf?: AsOf,
  onProgress?: (position: number) => void,
): Promise<Replayed<State>> {
  const { states, position, events } = await replayProjections(source, [projection], asOf, onProgress);
  // The map holds this projection's own collections, made by inMemoryState from its specs.
  return { state: states.get(projection.name) as State, position, events };
}

/** Each projection's replayed collections, by the projection: the replay made them from its own collection specs. */
export function stateOfReplay(replayed: ReplayedMany): <State extends Collections<State>>(projection: Projection<State>) => State {
  return <State extends Collections<State>>(projection: Projection<State>) => {
    const state = replayed.states.get(projection.name);
    if (!state) throw new Error(`Projection ${projection.name} was not replayed`);
    return state as State;
  };
}
