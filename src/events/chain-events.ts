// Hash-chaining a command's events, pure: what the command handler appends, and what the
// benchmark writes to build a realistic log without the handler's IO. Each event's id
// derives from the command id; its metadata names the actor, the request and when it was
// recorded, points to the stream's previous hash, and carries its own hash over all that.
import type { Actor, EventMetadata, NewEvent } from './event.js';
import { eventHash } from './event-hash.js';
import { deterministicEventId } from './event-ids.js';
import type { EventRegistry } from './event-registry.js';

/** An event as a decider returns it, before it is stored. */
export interface DecidedEvent {
  type: string;
  data: unknown;
}

export interface ChainContext {
  commandId: string;
  requestId?: string | undefined;
  correlationId?: string | undefined;
  causationId?: string | undefined;
  /** With an Idempotency-Key: kept on the first event (see idempotency.ts). */
  requestFingerprint?: string | undefined;
  /** When it is recorded; under the hash, so moving an event in time is found by verify. */
  recordedAt: string;
}

export interface StreamTip {
  stream: string;
  /** The stream's revision before these events (-1 for a new stream). */
  revision: number;
  /** The hash of the stream's last event (null for a new stream). */
  lastHash: string | null;
}

export function chainEvents(registry: EventRegistry, tip: StreamTip, decided: readonly DecidedEvent[], actor: Actor, context: ChainContext): NewEvent[] {
  let previousHash = tip.lastHash;
  return decided.map((event, index) => {
    const id = deterministicEventId(context.commandId, index);
    const { schemaVersion, data } = registry.encode(event.type, event.data);
    const metadata: EventMetadata = {
      actor: { id: actor.id, role: actor.role, name: actor.name, ...(actor.organisation ? { organisation: actor.organisation } : {}) },
      ...(context.requestId ? { requestId: context.requestId } : {}),
      correlationId: context.correlationId ?? context.commandId,
      ...(context.causationId ? { causationId: context.causationId } : {}),
      ...(index === 0 && context.requestFingerprint ? { requestFingerprint: context.requestFingerprint } : {}),
      recordedAt: context.recordedAt,
      previousHash,
    };
    const hash = eventHash({ stream: tip.stream, revision: tip.revision + 1 + index, id, type: event.type, schemaVersion, data, metadata });
    previousHash = hash;
    return { id, type: event.type, data, metadata: { ...metadata, hash } };
  });
}
