// Streams folded into a decider's state, and the cache that keeps them between commands.
// A cached stream is checked against the store's revision on every use and brought up to
// date from there, so it is never stale, even with other writers (another node on
// EventStoreDB). States are shared: deciders' evolve never mutates its input.
import type { DomainEvent } from '../domain/decider.js';
import { FifoCache } from '../shared/fifo-cache.js';

/** A stream folded up to `revision`: what a command or a read needs of it. */
export interface LoadedStream<State> {
  state: State;
  /** -1 when the stream does not exist. */
  revision: number;
  /** The hash of the stream's last event, which the next event chains to. */
  lastHash: string | null;
  /** Every event id in the stream, in order: a retried command finds its own events here. */
  eventIds: readonly string[];
}

export type Evolve<State, Event extends DomainEvent> = (state: State, event: Event) => State;

/** What folding needs of an event, whether read from the store or just appended. */
export interface FoldableEvent {
  id: string;
  type: string;
  data: unknown;
  revision: number;
  metadata?: { hash?: unknown };
}

export function emptyStream<State>(initialState: State): LoadedStream<State> {
  return { state: initialState, revision: -1, lastHash: null, eventIds: [] };
}

/** `from` with `events` folded in; `from` itself is not changed. */
export function foldEvents<State, Event extends DomainEvent>(
  evolve: Evolve<State, Event>,
  from: LoadedStream<State>,
  events: readonly FoldableEvent[],
): LoadedStream<State> {
  if (events.length === 0) return from;
  let state = from.state;
  for (const event of events) state = evolve(state, asDomainEvent<Event>(event));
  const last = events[events.length - 1];
  const hash = last?.metadata?.hash;
  return {
    state,
    revision: last?.revision ?? from.revision,
    lastHash: typeof hash === 'string' ? hash : null,
    eventIds: [...from.eventIds, ...events.map((e) => e.id)],
  };
}

/** Stored events were validated against the registry when written, so their data has the event type's shape. */
export function asDomainEvent<Event extends DomainEvent>(event: { type: string; data: unknown }): Event {
  return { type: event.type, data: event.data } as Event;
}

interface CachedStream extends LoadedStream<unknown> {
  /** The evolve function the state was folded with: a stream is folded by one decider. */
  evolve: unknown;
}

export class FoldedStreamCache {
  readonly #streams: FifoCache<string, CachedStream>;

  /** `capacity`: how many folded streams to keep (0 for none). */
  constructor(capacity: number) {
    this.#streams = new FifoCache(capacity);
  }

  /** The stream as last folded by this same `evolve`, if it is not ahead of `storeRevision` (a store never goes back). */
  get<State, Event extends DomainEvent>(stream: string, evolve: Evolve<State, Event>, storeRevision: number): LoadedStream<State> | undefined {
    const cached = this.#streams.get(stream);
    if (!cached || cached.evolve !== evolve || cached.revision > storeRevision) return undefined;
    // Folded by this same evolve function, so the state is the decider's own State.
    return cached as LoadedStream<State>;
  }

  set<State, Event extends DomainEvent>(stream: string, evolve: Evolve<State, Event>, loaded: LoadedStream<State>): void {
    this.#streams.set(stream, { ...loaded, evolve });
  }
}
