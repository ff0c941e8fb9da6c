// The store port on EventStoreDB, through the official gRPC client. Selected by a
// connection string (EVENTSTORE_URL); see docs/eventstoredb.md. The translations
// live in mapping.ts; this file only does the IO.
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  type AllStreamSubscription,
  type Position,
} from '@eventstore/db-client';
import type { Logger } from 'pino';
import { PartnershipLogError } from '../../errors.js';
import { checkAppend } from '../append-rules.js';
import type { EventRegistry } from '../../events/event-registry.js';
import {
  isValidStreamName,
  matchesFilter,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.js';
import {
  fromClientPosition,
  isSystemEvent,
  toClientExpectedRevision,
  toClientFilter,
  toClientReadPosition,
  toClientReadStreamOptions,
  toEventData,
  toStoredEvent,
  wasRetried,
} from './mapping.js';
import { cleanly, stopSubscription } from './client-streams.js';
import { describeServer, isStreamNotFound, toStoreError } from './error-mapping.js';

export interface EventStoreDbStoreOptions {
  /** esdb://host:2113?tls=false, or several gossip seeds for a cluster. */
  connectionString: string;
  registry: EventRegistry;
  logger: Logger;
}

/** Connects and checks that the server answers, so a wrong address fails at start-up. */
export async function openEventStoreDbStore(options: EventStoreDbStoreOptions): Promise<EventStore> {
  const server = describeServer(options.connectionString);
  let client: EventStoreDBClient;
  try {
    client = EventStoreDBClient.connectionString(options.connectionString);
  } catch (err) {
    throw new PartnershipLogError(
      'PL_ERR_CONFIG',
      `EVENTSTORE_URL is not a valid EventStoreDB connection string: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
  const logger = options.logger.child({ store: 'eventstoredb', server });
  const store = new EventStoreDbStore(client, server, options.registry, logger);
  try {
    const head = await store.headPosition();
    logger.info({ headPosition: head }, 'connected to EventStoreDB');
  } catch (err) {
    await client.dispose();
    throw err;
  }
  return store;
}

export class EventStoreDbStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  readonly #client: EventStoreDBClient;
  readonly #server: string;
  readonly #registry: EventRegistry;
  readonly #logger: Logger;
  readonly #subscriptions = new Set<Subscription>();
  #closed = false;

  constructor(client: EventStoreDBClient, server: string, registry: EventRegistry, logger: Logger) {
    this.#client = client;
    this.#server = server;
    this.#registry = registry;
    this.#logger = logger;
  }

  async append(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.#assertOpen();
    checkAppend(stream, events);
    // Every payload is validated before anything is sent, so a bad one refuses the whole append.
    const encoded = events.map((event) => this.#registry.encode(event.type, event.data));
    const data = events.map((event, i) => toEventData(event, encoded[i] ?? this.#registry.encode(event.type, event.data)));
    const expected = options.expectedRevision;
    let nextExpectedRevision: bigint;
    let reportedPosition: Position | undefined;
    try {
      // The port's event ids go through as ESDB's, so the server recognises a retried append.
      const result = await this.#client.appendToStream(stream, data, {
        expectedRevision: toClientExpectedRevision(expected),
      });
      nextExpectedRevision = result.nextExpectedRevision;
      reportedPosition = result.position;
    } catch (err) {
      throw this.#error(err, stream, expected);
    }
    if (events.length === 0) return this.#emptyAppendResult(stream);
    // ESDB reports no position for a retried append, and for a batch it may report where the
    // batch starts; reading the last event back gives the same answer to a write and its retries.
    const last = await this.#readAt(stream, nextExpectedRevision);
    if (!last) {
      throw new PartnershipLogError(
        'PL_ERR_STORE_UNAVAILABLE',
        `EventStoreDB at ${this.#server} acknowledged the append to ${stream} but its last event cannot be read back.`,
      );
    }
    const sentLast = events[events.length - 1];
    const sentData = encoded[encoded.length - 1]?.data;
    const retried = sentLast === undefined || wasRetried(reportedPosition, { ...sentLast, data: sentData }, last);
    return { nextExpectedRevision: last.revision, position: last.position, retried };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.#assertOpen();
    // No event can be appended to an invalid name (system streams included): it reads as empty.
    if (!isValidStreamName(stream)) return [];
    if (options.maxCount === 0 || (options.fromRevision !== undefined && options.fromRevision < 0)) return [];
    const events = await this.#readStream(stream, options);
    // ESDB reads an empty window when a backwards read starts past the end; start at the end instead.
    if (events.length === 0 && options.direction === 'backwards' && options.fromRevision !== undefined) {
      const { fromRevision: _, ...fromEnd } = options;
      return this.#readStream(stream, fromEnd);
    }
    return events;
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    this.#assertOpen();
    return this.#readAll(options);
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    this.#assertOpen();
    const store = this;
    let closed = false;
    let source: AllStreamSubscription | undefined;
    let signalClosed = () => {};
    const whenClosed = new Promise<null>((resolveClosed) => {
      signalClosed = () => resolveClosed(null);
    });
    const subscription: Subscription = {
      async close() {
        if (closed) return;
        closed = true;
        signalClosed();
        store.#subscriptions.delete(subscription);
        if (source) await stopSubscription(source);
      },
      async *[Symbol.asyncIterator](): AsyncGenerator<StoredEvent> {
        if (closed) return;
        const after = options.after;
        source = store.#client.subscribeToAll({
          fromPosition: toClientReadPosition(after),
          filter: toClientFilter(options.filter),
        });
        const events = source[Symbol.asyncIterator]();
        try {
          while (!closed) {
            const pending = events.next();
            pending.catch(() => {}); // once closed, the source may end with an error nobody awaits
            const next = await Promise.race([pending, whenClosed]);
            if (next === null || next.done) return;
            const event = next.value.event;
            if (!event || isSystemEvent(event.streamId, event.type)) continue;
            if (!matchesFilter(options.filter, event.streamId, event.type)) continue;
            if (after !== undefined && fromClientPosition(event.position) <= after) continue;
            yield toStoredEvent(next.value, store.#registry);
          }
        } catch (err) {
          if (closed) return;
          throw store.#error(err);
        } finally {
          await subscription.close();
        }
      },
    };
    this.#subscriptions.add(subscription);
    return subscription;
  }

  /** The position of the last event that is not the server's own. */
  async streamRevision(stream: string): Promise<number> {
    const [last] = await this.readStream(stream, { direction: 'backwards', maxCount: 1 });
    return last ? last.revision : -1;
  }

  async headPosition(): Promise<number> {
    this.#assertOpen();
    try {
      for await (const resolved of cleanly(this.#client.readAll({ direction: BACKWARDS, fromPosition: END }))) {
        const event = resolved.event;
        if (event && !isSystemEvent(event.streamId, event.type)) return fromClientPosition(event.position);
      }
      return 0;
    } catch (err) {
      throw this.#error(err);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const subscription of [...this.#subscriptions]) await subscription.close();
    await this.#client.dispose();
    this.#logger.debug('disconnected from EventStoreDB');
  }

  async #readStream(stream: string, options: ReadStreamOptions, requiresLeader = false): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    const read = this.#client.readStream(stream, { ...toClientReadStreamOptions(options), requiresLeader });
    try {
      for await (const resolved of cleanly(read)) {
        events.push(toStoredEvent(resolved, this.#registry));
      }
    } catch (err) {
      if (isStreamNotFound(err)) return [];
      throw this.#error(err, stream);
    }
    return events;
  }

  /** Read from the leader, which has the event just appended even when a follower does not yet. */
  async #readAt(stream: string, revision: bigint): Promise<StoredEvent | undefined> {
    const [event] = await this.#readStream(stream, { fromRevision: Number(revision), maxCount: 1 }, true);
    return event;
  }

  /** An empty append changes nothing: it answers where the stream and the log stand. */
  async #emptyAppendResult(stream: string): Promise<AppendResult> {
    const [last] = await this.#readStream(stream, { direction: 'backwards', maxCount: 1 });
    return { nextExpectedRevision: last ? last.revision : -1, position: await this.headPosition(), retried: false };
  }

  async *#readAll(options: ReadAllOptions): AsyncGenerator<StoredEvent> {
    const max = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (max <= 0) return;
    const after = options.after;
    // The client reads $all without a server-side filter, so the filter is applied here.
    const read = this.#client.readAll({ direction: FORWARDS, fromPosition: toClientReadPosition(after) });
    let delivered = 0;
    try {
      for await (const resolved of cleanly(read)) {
        const event = resolved.event;
        if (!event || isSystemEvent(event.streamId, event.type)) continue;
        if (after !== undefined && fromClientPosition(event.position) <= after) continue;
        if (!matchesFilter(options.filter, event.streamId, event.type)) continue;
        yield toStoredEvent(resolved, this.#registry);
        if (++delivered >= max) return;
      }
    } catch (err) {
      throw this.#error(err);
    }
  }

  #error(err: unknown, stream?: string, expected?: ExpectedRevision): Error {
    return toStoreError(err, { server: this.#server, stream, expected });
  }

  #assertOpen(): void {
    if (this.#closed) throw new PartnershipLogError('PL_ERR_STORE_CLOSED', 'The event store is closed.');
  }
}
