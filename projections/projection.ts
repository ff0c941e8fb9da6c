// What every read model is: a deterministic fold over stored events, with a version
// that is raised whenever its state's shape or meaning changes (the runner then
// rebuilds it from the start). No IO and no clock: "now" is a query argument.
import type { StoredEvent } from '../src/events/event.js';

export interface Projection<State> {
  readonly name: string;
  readonly version: number;
  /** Which events it reads; the runner skips the rest. */
  readonly streamPrefixes?: readonly string[];
  initialState(): State;
  /**
   * Folds one event into the state. For speed over millions of events it may update
   * the state it is given and return it: the runner owns that state and never shares it.
   * The state is plain JSON (no Map, no Date) so it can be snapshotted.
   */
  evolve(state: State, event: StoredEvent): State;
}

export function foldEvents<State>(projection: Projection<State>, events: Iterable<StoredEvent>): State {
  let state = projection.initialState();
  for (const event of events) state = projection.evolve(state, event);
  return state;
}

/** The id in a stream name such as `decision-<id>`. */
export function streamId(stream: string, prefix: string): string | undefined {
  return stream.startsWith(prefix) ? stream.slice(prefix.length) : undefined;
}
