// The store port. Both adapters (embedded log, EventStoreDB) implement it, and the
// contract suite in test/contract checks that they behave the same. It is modelled on
// EventStoreDB so that adapter stays thin: revisions count from 0 within a stream,
// positions order every event in the whole log.
import type { NewEvent, StoredEvent } from '../events/event.js';

/** Where a writer believes the stream stands. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

// The event shapes live in the kernel; the port re-exports them for its adapters and callers.
export type { Actor, EventMetadata, NewEvent, StoredEvent } from '../events/event.js';

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** The stream's revision after the append: pass it as expectedRevision next time. */
  nextExpectedRevision: number;
  /** The position of the last event written (or found, for an idempotent retry). */
  position: number;
  /**
   * True when the store wrote nothing because events with these ids were already at this
   * place (an idempotent retry, perhaps of someone else's concurrent copy): what is stored
   * may differ from what this writer sent, so a writer that chains hashes must read it back.
   */
  retried: boolean;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive; defaults to the first event (forwards) or the last (backwards). */
  fromRevision?: number;
  maxCount?: number;
}

/** Events match when their stream starts with one of the prefixes and their type is one of the types. */
export interface EventFilter {
  streamPrefixes?: readonly string[];
  eventTypes?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: events after this position. Omit to start at the beginning. */
  after?: number;
  maxCount?: number;
  filter?: EventFilter;
}

export interface SubscribeOptions {
  /** Exclusive: deliver events after this position (a checkpoint). Omit to start at the beginning. */
  after?: number;
  filter?: EventFilter;
}

/** Catch-up then live delivery of events, in order, without a gap or a duplicate. */
export interface Subscription extends AsyncIterable<StoredEvent> {
  close(): Promise<void>;
}

export type StoreKind = 'embedded' | 'eventstoredb';

export interface EventStore {
  readonly kind: StoreKind;
  append(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /** The events of one stream; an empty array when the stream does not exist. Events may be shared with other readers: treat them as read-only. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /** The revision of a stream's last event, or -1 when the stream does not exist. */
  streamRevision(stream: string): Promise<number>;
  /** The position of the last event in the log, or 0 when the log is empty. */
  headPosition(): Promise<number>;
  close(): Promise<void>;
}

const STREAM_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,199}$/;

/** Stream names are plain ASCII so that a log line can be read by standard tools. */
export function isValidStreamName(stream: string): boolean {
  return STREAM_NAME.test(stream);
}

export function matchesFilter(filter: EventFilter | undefined, stream: string, type: string): boolean {
  if (!filter) return true;
  if (filter.streamPrefixes && !filter.streamPrefixes.some((prefix) => stream.startsWith(prefix))) {
    return false;
  }
  if (filter.eventTypes && !filter.eventTypes.includes(type)) return false;
  return true;
}
