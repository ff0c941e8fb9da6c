// The one place that does the IO around a decider: read the stream, fold, decide,
// chain the hashes and append with the expected revision. Event ids derive from the
// command id, so a retried command (same Idempotency-Key) finds its own events and
// gets the same answer instead of writing twice. When two copies of one command race,
// the store keeps one and answers the other as a retry: that one is answered from what
// was stored, never from the events it built itself (their time and hash differ).
import { ClockOrderError, PartnershipLogError, WrongExpectedRevisionError } from '../errors.js';
import type { Command, Decider, DomainEvent } from '../domain/decider.js';
import type { EventRegistry } from '../store/event-registry.js';
import type { EventMetadata, EventStore, NewEvent, StoredEvent } from '../store/event-store.js';
import { deterministicEventId } from '../store/event-ids.js';
import { FifoCache } from '../shared/fifo-cache.js';
import { KeyedQueue } from '../shared/keyed-queue.js';
import { chainEvents } from './chain-events.js';
import { checkSameRequest, RecentKeys } from './idempotency.js';

export interface CommandContext {
  /** Seeds the event ids: the Idempotency-Key (scoped to the caller) or a fresh uuid. */
  commandId: string;
  /** If-Match: the revision the caller last read; a mismatch is a conflict, never retried. */
  expectedRevision?: number;
  /** With an Idempotency-Key: what the request asked for, so the key cannot be reused for another request. */
  requestFingerprint?: string;
  requestId?: string;
  correlationId?: string;
  causationId?: string;
}

export interface RecordedEvent {
  id: string;
  type: string;
  revision: number;
}

export interface CommandResult<State> {
  stream: string;
  events: RecordedEvent[];
  /** The stream's revision after the command. */
  revision: number;
  /** The log position of the last event, for read-your-writes. */
  position: number;
  state: State;
  /** True when this was a retry of a command already recorded. */
  replayed: boolean;
}

const MAX_ATTEMPTS = 5;

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

interface CachedStream extends LoadedStream<unknown> {
  /** The evolve function the state was folded with: a stream is folded by one decider. */
  evolve: unknown;
}

export interface CommandHandlerOptions {
  /** How many folded streams to keep in memory (default 20,000; 0 for none). */
  cachedStreams?: number;
}

export class CommandHandler {
  readonly #store: EventStore;
  readonly #registry: EventRegistry;
  /**
   * Folded streams, checked against the store's revision on every use and brought up to
   * date from there, so a cached state is never stale, even with other writers (another
   * node on EventStoreDB). States are shared: deciders' evolve never mutates its input.
   */
  readonly #cache: FifoCache<string, CachedStream>;
  readonly #recentKeys = new RecentKeys();
  /** The last recorded time a store refused to go back from (see ClockOrderError). */
  #notBefore: string | undefined;
  /** This process's commands on one stream, one at a time (see KeyedQueue). */
  readonly #streamQueue = new KeyedQueue();

  constructor(store: EventStore, registry: EventRegistry, options: CommandHandlerOptions = {}) {
    this.#store = store;
    this.#registry = registry;
    this.#cache = new FifoCache(options.cachedStreams ?? 20_000);
  }

  /**
   * The stream's state after only the events `admitted` lets through (a prefix: the log only
   * grows), read afresh and not cached: how it stood at a past moment, for auditors.
   */
  async loadAt<State, Event extends DomainEvent>(
    decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
    stream: string,
    admitted: (event: StoredEvent) => boolean,
  ): Promise<LoadedStream<State>> {
    const events = (await this.#store.readStream(stream)).filter(admitted);
    return this.#folded(decider, { state: decider.initialState(), revision: -1, lastHash: null, eventIds: [] }, events);
  }

  /** A stream folded into the decider's state, as it stands in the store now. */
  async load<State, Event extends DomainEvent>(
    decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
    stream: string,
  ): Promise<LoadedStream<State>> {
    const revision = await this.#store.streamRevision(stream);
    const cached = this.#cache.get(stream);
    const usable = cached && cached.evolve === decider.evolve && cached.revision <= revision ? cached : undefined;
    // The cached state is the decider's own State, folded by this same evolve function.
    if (usable?.revision === revision) return usable as LoadedStream<State>;
    const from = usable ? (usable as LoadedStream<State>) : { state: decider.initialState(), revision: -1, lastHash: null, eventIds: [] };
    const events = revision === -1 ? [] : await this.#store.readStream(stream, { fromRevision: from.revision + 1 });
    const loaded = this.#folded(decider, from, events);
    this.#remember(stream, decider.evolve, loaded);
    return loaded;
  }

  async handle<State, Cmd extends Command, Event extends DomainEvent>(
    decider: Decider<State, Cmd, Event>,
    stream: string,
    command: Cmd,
    context: CommandContext,
  ): Promise<CommandResult<State>> {
    const { commandId, requestFingerprint } = context;
    const inTurn = () => this.#streamQueue.run(stream, () => this.#handle(decider, stream, command, context));
    if (requestFingerprint === undefined) return inTurn();
    this.#recentKeys.claim(commandId, stream, requestFingerprint);
    try {
      return await inTurn();
    } catch (err) {
      this.#recentKeys.release(commandId, requestFingerprint);
      throw err;
    }
  }

  async #handle<State, Cmd extends Command, Event extends DomainEvent>(
    decider: Decider<State, Cmd, Event>,
    stream: string,
    command: Cmd,
    context: CommandContext,
  ): Promise<CommandResult<State>> {
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.load(decider, stream);
      const { state, revision } = loaded;

      if (loaded.eventIds.includes(deterministicEventId(context.commandId, 0))) return this.#replay(decider, stream, context);

      if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
        throw new WrongExpectedRevisionError(stream, context.expectedRevision, revision === -1 ? 'no_stream' : revision);
      }

      const decided = decider.decide(command, state);
      const newEvents = chainEvents(this.#registry, { stream, revision, lastHash: loaded.lastHash }, decided, command.actor, {
        ...context,
        recordedAt: this.#recordedAt(),
      });
      try {
        const result = await this.#store.append(stream, newEvents, {
          expectedRevision: revision === -1 ? 'no_stream' : revision,
        });
        // Another copy of this command was stored first: what it wrote is the record, not newEvents.
        if (result.retried) return this.#replay(decider, stream, context);
        // Folded from what was stored (the registry's output), exactly as a reload would fold it.
        const after = this.#folded(decider, loaded, newEvents.map((e, i) => ({ ...e, revision: revision + 1 + i })));
        this.#remember(stream, decider.evolve, after);
        return {
          stream,
          events: newEvents.map((e, i) => ({ id: e.id, type: e.type, revision: revision + 1 + i })),
          revision: result.nextExpectedRevision,
          position: result.position,
          state: after.state,
          replayed: false,
        };
      } catch (err) {
        // Another writer's time is later than ours (or our clock stepped back): chain again from it.
        if (err instanceof ClockOrderError && attempt < MAX_ATTEMPTS) {
          this.#notBefore = err.lastRecordedAt;
          continue;
        }
        // Someone else wrote first: decide again on the fresh state, unless the caller pinned a revision.
        const raced = err instanceof WrongExpectedRevisionError;
        if (!raced || context.expectedRevision !== undefined || attempt >= MAX_ATTEMPTS) throw err;
      }
    }
  }

  #folded<State, Event extends DomainEvent>(
    decider: Pick<Decider<State, never, Event>, 'evolve'>,
    from: LoadedStream<State>,
    events: readonly { id: string; type: string; data: unknown; revision: number; metadata?: { hash?: unknown } }[],
  ): LoadedStream<State> {
    if (events.length === 0) return from;
    let state = from.state;
    for (const event of events) state = decider.evolve(state, asDomainEvent<Event>(event));
    const last = events[events.length - 1];
    const hash = last?.metadata?.hash;
    return {
      state,
      revision: last?.revision ?? from.revision,
      lastHash: typeof hash === 'string' ? hash : null,
      eventIds: [...from.eventIds, ...events.map((e) => e.id)],
    };
  }

  #remember(stream: string, evolve: unknown, loaded: LoadedStream<unknown>): void {
    this.#cache.set(stream, { ...loaded, evolve });
  }

  /** Now, or the latest time the store said the log has reached, if that is later: recorded times never go back. */
  #recordedAt(): string {
    const now = new Date();
    return this.#notBefore !== undefined && Date.parse(this.#notBefore) > now.getTime() ? this.#notBefore : now.toISOString();
  }

  /** The answer to a command already recorded, read from the store: its events as stored, and the state after them. */
  async #replay<State, Event extends DomainEvent>(
    decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
    stream: string,
    context: CommandContext,
  ): Promise<CommandResult<State>> {
    const history = await this.#store.readStream(stream);
    const from = history.findIndex((event) => event.id === deterministicEventId(context.commandId, 0));
    checkSameRequest(history[from], context.requestFingerprint);
    const mine: StoredEvent[] = [];
    for (let i = Math.max(from, 0); i < history.length; i++) {
      const event = history[i];
      if (!event || event.id !== deterministicEventId(context.commandId, i - from)) break;
      mine.push(event);
    }
    const last = mine.at(-1);
    if (from === -1 || !last) {
      throw new PartnershipLogError('PL_ERR_INTERNAL', `The store answered a command on ${stream} as a retry, but its events are not in the stream.`);
    }
    let state = decider.initialState();
    for (const event of history.slice(0, from + mine.length)) state = decider.evolve(state, asDomainEvent<Event>(event));
    return {
      stream,
      events: mine.map((e) => ({ id: e.id, type: e.type, revision: e.revision })),
      revision: last.revision,
      position: last.position,
      state,
      replayed: true,
    };
  }
}

/** Stored events were validated against the registry when written, so their data has the event type's shape. */
function asDomainEvent<Event extends DomainEvent>(event: { type: string; data: unknown }): Event {
  return { type: event.type, data: event.data } as Event;
}
