// A small projection over the store's test events, for the runner's tests: per stream, the
// sum of the things' numbers and the positions folded, indexed by whether the sum is even.
import type { Documents } from '../../projections/documents.js';
import type { Projection } from '../../projections/projection.js';
import type { StoredEvent } from '../../src/events/event.js';

export interface StreamTally {
  sum: number;
  positions: number[];
}

export interface Tally {
  streams: Documents<StreamTally>;
}

export type CountingProjection = Projection<Tally> & { folded: number };

/** Counts every event it is shown in `folded`. With `resetEvery`, a number divisible by it deletes its stream's tally (so deletes and keys set again are folded too). */
export function tallyProjection(version = 1, resetEvery?: number): CountingProjection {
  const projection: CountingProjection = {
    name: 'tally',
    version,
    streamPrefixes: ['thing-'],
    collections: { streams: { indexes: { parity: (doc) => [doc.sum % 2 === 0 ? 'even' : 'odd'] } } },
    folded: 0,
    evolve(state, event: StoredEvent) {
      projection.folded++;
      const n = typeof event.data === 'object' && event.data !== null && 'n' in event.data && typeof event.data.n === 'number' ? event.data.n : 0;
      if (resetEvery !== undefined && n % resetEvery === 0) {
        state.streams.delete(event.stream);
        return;
      }
      const before = state.streams.get(event.stream) ?? { sum: 0, positions: [] };
      state.streams.set(event.stream, { sum: before.sum + n, positions: [...before.positions, event.position] });
    },
  };
  return projection;
}

/** Every stream's tally, in order: what two tallies are compared by. */
export function tallyOf(state: Tally): [string, StreamTally][] {
  return [...state.streams.entries()];
}
