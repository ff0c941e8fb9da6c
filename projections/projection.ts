// What every read model is: a deterministic fold over stored events into collections of
// documents (documents.ts), with a version that is raised whenever its documents' shape or
// meaning changes (the runner then rebuilds it from the start). No IO and no clock: "now"
// is a query argument.
import type { StoredEvent } from '../src/events/event.js';
import { MapDocuments, type Documents, type IndexOf } from './documents.js';

/** A projection's state: its collections by name (an interface whose every field is Documents). */
export type Collections<State = object> = Record<keyof State, Documents<unknown>>;

type DocOf<D> = D extends Documents<infer Doc> ? Doc : never;

/** Each collection with the indexes its queries look documents up by. */
export type CollectionSpecs<State extends Collections<State>> = {
  readonly [Name in keyof State]: { readonly indexes?: Readonly<Record<string, IndexOf<DocOf<State[Name]>>>> };
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any projection, whatever its collections
export interface Projection<State extends Collections<State> = any> {
  readonly name: string;
  readonly version: number;
  /** Which events it reads; the runner skips the rest. */
  readonly streamPrefixes?: readonly string[];
  readonly collections: CollectionSpecs<State>;
  /** Folds one event into the documents; a document changed is stored only when set. */
  evolve(state: State, event: StoredEvent): void;
}

/** Whether the projection reads the event's stream. */
export function reads(projection: Projection, event: StoredEvent): boolean {
  const prefixes = projection.streamPrefixes;
  return !prefixes || prefixes.some((prefix) => event.stream.startsWith(prefix));
}

/** Fresh collections over plain maps. */
export function inMemoryState<State extends Collections<State>>(projection: Projection<State>): State {
  const state: Record<string, Documents<unknown>> = {};
  for (const [name, spec] of Object.entries<{ indexes?: Readonly<Record<string, IndexOf<never>>> }>(projection.collections)) {
    state[name] = new MapDocuments(spec.indexes);
  }
  // Built key by key from the projection's own collection specs, which name every collection of State.
  return state as unknown as State;
}

export function foldEvents<State extends Collections<State>>(projection: Projection<State>, events: Iterable<StoredEvent>): State {
  const state = inMemoryState(projection);
  for (const event of events) if (reads(projection, event)) projection.evolve(state, event);
  return state;
}

/** The id in a stream name such as `decision-<id>`. */
export function streamId(stream: string, prefix: string): string | undefined {
  return stream.startsWith(prefix) ? stream.slice(prefix.length) : undefined;
}

/** The collections as plain objects, `{ collection: { key: document } }` in order: what the replay CLI prints. */
export function plainCollections<State extends Collections<State>>(state: State): Record<string, Record<string, unknown>> {
  const plain: Record<string, Record<string, unknown>> = {};
  for (const [name, documents] of Object.entries<Documents<unknown>>(state)) plain[name] = Object.fromEntries(documents.entries());
  return plain;
}
