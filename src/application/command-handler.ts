// The one place that does the IO around a decider: read the stream, fold, decide,
// chain the hashes and append with the expected revision. Event ids derive from the
// command id, so a retried command (same Idempotency-Key) finds its own events and
// gets the same answer instead of writing twice.
import { eventHash } from '../audit/event-hash.js';
import { WrongExpectedRevisionError } from '../errors.js';
import type { Command, Decider, DomainEvent } from '../domain/decider.js';
import type { EventRegistry } from '../store/event-registry.js';
import type { EventMetadata, EventStore, NewEvent, StoredEvent } from '../store/event-store.js';
import { deterministicEventId } from '../store/event-ids.js';

export interface CommandContext {
  /** Seeds the event ids: the Idempotency-Key (scoped to the caller) or a fresh uuid. */
  commandId: string;
  /** If-Match: the revision the caller last read; a mismatch is a conflict, never retried. */
  expectedRevision?: number;
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

export class CommandHandler {
  readonly #store: EventStore;
  readonly #registry: EventRegistry;

  constructor(store: EventStore, registry: EventRegistry) {
    this.#store = store;
    this.#registry = registry;
  }

  /** Reads a stream and folds it into the decider's state (for GET routes and for context). */
  async load<State, Event extends DomainEvent>(
    decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
    stream: string,
  ): Promise<{ state: State; revision: number; events: StoredEvent[] }> {
    const events = await this.#store.readStream(stream);
    let state = decider.initialState();
    for (const event of events) state = decider.evolve(state, asDomainEvent<Event>(event));
    return { state, revision: events.length - 1, events };
  }

  async handle<State, Cmd extends Command, Event extends DomainEvent>(
    decider: Decider<State, Cmd, Event>,
    stream: string,
    command: Cmd,
    context: CommandContext,
  ): Promise<CommandResult<State>> {
    for (let attempt = 1; ; attempt++) {
      const { state, revision, events: history } = await this.load(decider, stream);

      const firstId = deterministicEventId(context.commandId, 0);
      const earlier = history.findIndex((e) => e.id === firstId);
      if (earlier !== -1) return this.#replay(decider, stream, history, earlier, context.commandId);

      if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
        throw new WrongExpectedRevisionError(stream, context.expectedRevision, revision === -1 ? 'no_stream' : revision);
      }

      const decided = decider.decide(command, state);
      const newEvents = this.#chain(stream, revision, history.at(-1)?.metadata.hash ?? null, decided, command, context);
      try {
        const result = await this.#store.append(stream, newEvents, {
          expectedRevision: revision === -1 ? 'no_stream' : revision,
        });
        let next = state;
        for (const event of decided) next = decider.evolve(next, event);
        return {
          stream,
          events: newEvents.map((e, i) => ({ id: e.id, type: e.type, revision: revision + 1 + i })),
          revision: result.nextExpectedRevision,
          position: result.position,
          state: next,
          replayed: false,
        };
      } catch (err) {
        // Someone else wrote first: decide again on the fresh state, unless the caller pinned a revision.
        const raced = err instanceof WrongExpectedRevisionError;
        if (!raced || context.expectedRevision !== undefined || attempt >= MAX_ATTEMPTS) throw err;
      }
    }
  }

  #chain(
    stream: string,
    revision: number,
    previousHash: string | null,
    decided: readonly DomainEvent[],
    command: Command,
    context: CommandContext,
  ): NewEvent[] {
    const { actor } = command;
    return decided.map((event, index) => {
      const id = deterministicEventId(context.commandId, index);
      const { schemaVersion, data } = this.#registry.encode(event.type, event.data);
      const metadata: EventMetadata = {
        actor: {
          id: actor.id,
          role: actor.role,
          name: actor.name,
          ...(actor.organisation ? { organisation: actor.organisation } : {}),
        },
        ...(context.requestId ? { requestId: context.requestId } : {}),
        correlationId: context.correlationId ?? context.commandId,
        ...(context.causationId ? { causationId: context.causationId } : {}),
        previousHash,
      };
      const hash = eventHash({ stream, revision: revision + 1 + index, id, type: event.type, schemaVersion, data, metadata });
      previousHash = hash;
      return { id, type: event.type, data, metadata: { ...metadata, hash } };
    });
  }

  #replay<State, Event extends DomainEvent>(
    decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
    stream: string,
    history: StoredEvent[],
    from: number,
    commandId: string,
  ): CommandResult<State> {
    const mine: StoredEvent[] = [];
    for (let i = from; i < history.length; i++) {
      const event = history[i];
      if (!event || event.id !== deterministicEventId(commandId, i - from)) break;
      mine.push(event);
    }
    const last = mine.at(-1) ?? history[from];
    let state = decider.initialState();
    for (const event of history.slice(0, from + mine.length)) state = decider.evolve(state, asDomainEvent<Event>(event));
    return {
      stream,
      events: mine.map((e) => ({ id: e.id, type: e.type, revision: e.revision })),
      revision: last?.revision ?? -1,
      position: last?.position ?? 0,
      state,
      replayed: true,
    };
  }
}

/** Stored events were validated against the registry on read, so their data has the event type's shape. */
function asDomainEvent<Event extends DomainEvent>(event: StoredEvent): Event {
  return { type: event.type, data: event.data } as Event;
}
