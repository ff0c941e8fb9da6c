// The one place that does the IO around a decider: read the stream, fold, decide, append
// with the expected revision. Around that core, each in its own module: the folded-stream
// cache (folded-streams.ts), idempotency (idempotency.ts: a retried command, same
// Idempotency-Key, finds its own events and gets the same answer from what was stored) and
// the hash chain (src/events/chain-events.ts, with the recorded time from recorded-clock.ts).
import { ClockOrderError, WrongExpectedRevisionError } from '../errors.js';
import type { Command, Decider, DomainEvent } from '../domain/decider.js';
import { chainEvents } from '../events/chain-events.js';
import type { StoredEvent } from '../events/event.js';
import type { EventRegistry } from '../events/event-registry.js';
import { KeyedQueue } from '../shared/keyed-queue.js';
import type { EventStore } from '../store/event-store.js';
import type { CommandContext, CommandResult } from './command-result.js';
import { emptyStream, foldEvents, FoldedStreamCache, type LoadedStream } from './folded-streams.js';
import { alreadyRecorded, RecentKeys, replayRecordedCommand, withClaimedKey } from './idempotency.js';
import { RecordedClock } from './recorded-clock.js';

export type { CommandContext, CommandResult } from './command-result.js';

const MAX_ATTEMPTS = 5;

export interface CommandHandlerOptions {
  /** How many folded streams to keep in memory (default 20,000; 0 for none). */
  cachedStreams?: number;
}

export class CommandHandler {
  readonly #store: EventStore;
  readonly #registry: EventRegistry;
  readonly #cache: FoldedStreamCache;
  readonly #recentKeys = new RecentKeys();
  readonly #clock = new RecordedClock();
  /** This process's commands on one stream, one at a time (see KeyedQueue). */
  readonly #streamQueue = new KeyedQueue();

  constructor(store: EventStore, registry: EventRegistry, options: CommandHandlerOptions = {}) {
    this.#store = store;
    this.#registry = registry;
    this.#cache = new FoldedStreamCache(options.cachedStreams ?? 20_000);
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
    return foldEvents(decider.evolve, emptyStream(decider.initialState()), events);
  }

  /** A stream folded into the decider's state, as it stands in the store now. */
  async load<State, Event extends DomainEvent>(
    decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
    stream: string,
  ): Promise<LoadedStream<State>> {
    const revision = await this.#store.streamRevision(stream);
    const cached = this.#cache.get(stream, decider.evolve, revision);
    if (cached?.revision === revision) return cached;
    const from = cached ?? emptyStream(decider.initialState());
    const events = revision === -1 ? [] : await this.#store.readStream(stream, { fromRevision: from.revision + 1 });
    const loaded = foldEvents(decider.evolve, from, events);
    this.#cache.set(stream, decider.evolve, loaded);
    return loaded;
  }

  async handle<State, Cmd extends Command, Event extends DomainEvent>(
    decider: Decider<State, Cmd, Event>,
    stream: string,
    command: Cmd,
    context: CommandContext,
  ): Promise<CommandResult<State>> {
    return withClaimedKey(this.#recentKeys, stream, context, () =>
      this.#streamQueue.run(stream, () => this.#handle(decider, stream, command, context)),
    );
  }

  /** The core: read, fold, decide, append with the expected revision; again when another writer came first. */
  async #handle<State, Cmd extends Command, Event extends DomainEvent>(
    decider: Decider<State, Cmd, Event>,
    stream: string,
    command: Cmd,
    context: CommandContext,
  ): Promise<CommandResult<State>> {
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.load(decider, stream);
      const { state, revision } = loaded;
      if (alreadyRecorded(loaded.eventIds, context.commandId)) return replayRecordedCommand(this.#store, decider, stream, context);
      if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
        throw new WrongExpectedRevisionError(stream, context.expectedRevision, revision === -1 ? 'no_stream' : revision);
      }

      const decided = decider.decide(command, state);
      const newEvents = chainEvents(this.#registry, { stream, revision, lastHash: loaded.lastHash }, decided, command.actor, {
        ...context,
        recordedAt: this.#clock.recordedAt(),
      });
      try {
        const result = await this.#store.append(stream, newEvents, { expectedRevision: revision === -1 ? 'no_stream' : revision });
        // Another copy of this command was stored first: what it wrote is the record, not newEvents.
        if (result.retried) return replayRecordedCommand(this.#store, decider, stream, context);
        // Folded from what was stored (the registry's output), exactly as a reload would fold it.
        const stored = newEvents.map((e, i) => ({ ...e, revision: revision + 1 + i }));
        const after = foldEvents(decider.evolve, loaded, stored);
        this.#cache.set(stream, decider.evolve, after);
        return {
          stream,
          events: stored.map((e) => ({ id: e.id, type: e.type, revision: e.revision })),
          revision: result.nextExpectedRevision,
          position: result.position,
          state: after.state,
          replayed: false,
        };
      } catch (err) {
        // Another writer's time is later than ours (or our clock stepped back): chain again from it.
        if (err instanceof ClockOrderError && attempt < MAX_ATTEMPTS) {
          this.#clock.notBefore(err.lastRecordedAt);
          continue;
        }
        // Someone else wrote first: decide again on the fresh state, unless the caller pinned a revision.
        const raced = err instanceof WrongExpectedRevisionError;
        if (!raced || context.expectedRevision !== undefined || attempt >= MAX_ATTEMPTS) throw err;
      }
    }
  }
}
