// What an Idempotency-Key promises: the same request sent again gets the same answer and
// writes nothing twice; a different request under a key already used is refused, never
// answered with the first request's answer. The request's fingerprint (its route, ids
// and body) is kept in the metadata of the first event it wrote, so the check survives a
// restart and works on every store; a recent-keys table catches the same key sent at
// once, or soon after, to another record (another stream), where those events are not.
import { createHash } from 'node:crypto';
import type { DomainEvent } from '../domain/decider.js';
import { PartnershipLogError } from '../errors.js';
import { canonicalJson } from '../events/canonical-json.js';
import type { StoredEvent } from '../events/event.js';
import { deterministicEventId } from '../events/event-ids.js';
import { FifoCache } from '../shared/fifo-cache.js';
import type { EventStore } from '../store/event-store.js';
import type { CommandContext, CommandResult } from './command-result.js';
import { asDomainEvent, type Evolve } from './folded-streams.js';

/** The fingerprint of a request: what it asked for, whatever its headers or timing. */
export function requestFingerprint(request: { route: string; params: unknown; body: unknown }): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

export function keyReused(): PartnershipLogError {
  return new PartnershipLogError(
    'PL_ERR_IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was already used for a different request (another address or another body): nothing was recorded. Send a new key with a new request.',
  );
}

/** Refuses a retry whose stored first event was written by a different request. */
export function checkSameRequest(first: StoredEvent | undefined, fingerprint: string | undefined): void {
  const stored = first?.metadata.requestFingerprint;
  // Events written before fingerprints were kept carry none: they are taken as the same request.
  if (fingerprint !== undefined && stored !== undefined && stored !== fingerprint) throw keyReused();
}

interface Claim {
  stream: string;
  fingerprint: string;
}

/**
 * Keys seen by this process, newest kept: a key sent for one stream cannot be used for
 * another while it is remembered. (On one stream the stored fingerprint decides, for ever.)
 */
export class RecentKeys {
  readonly #claims: FifoCache<string, Claim>;

  constructor(capacity = 100_000) {
    this.#claims = new FifoCache(capacity);
  }

  /** Claims the key for this request, or refuses it when it was claimed by another request. */
  claim(commandId: string, stream: string, fingerprint: string): void {
    const earlier = this.#claims.get(commandId);
    if (earlier && (earlier.stream !== stream || earlier.fingerprint !== fingerprint)) throw keyReused();
    this.#claims.set(commandId, { stream, fingerprint });
  }

  /** A refused command wrote nothing: its key may be used again. */
  release(commandId: string, fingerprint: string): void {
    if (this.#claims.get(commandId)?.fingerprint === fingerprint) this.#claims.delete(commandId);
  }
}

/** Runs a command with its key claimed for this request; a refused command releases it. */
export async function withClaimedKey<Result>(
  recentKeys: RecentKeys,
  stream: string,
  context: Pick<CommandContext, 'commandId' | 'requestFingerprint'>,
  run: () => Promise<Result>,
): Promise<Result> {
  const { commandId, requestFingerprint: fingerprint } = context;
  if (fingerprint === undefined) return run();
  recentKeys.claim(commandId, stream, fingerprint);
  try {
    return await run();
  } catch (err) {
    recentKeys.release(commandId, fingerprint);
    throw err;
  }
}

/** True when the stream already holds this command's first event: it was recorded before. */
export function alreadyRecorded(eventIds: readonly string[], commandId: string): boolean {
  return eventIds.includes(deterministicEventId(commandId, 0));
}

/**
 * The answer to a command already recorded, read from the store: its events as stored, and
 * the state after them, never the events a retry built itself (their time and hash differ).
 */
export async function replayRecordedCommand<State, Event extends DomainEvent>(
  store: EventStore,
  decider: { initialState: () => State; evolve: Evolve<State, Event> },
  stream: string,
  context: Pick<CommandContext, 'commandId' | 'requestFingerprint'>,
): Promise<CommandResult<State>> {
  const history = await store.readStream(stream);
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
