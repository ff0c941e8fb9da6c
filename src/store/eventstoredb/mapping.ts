// Pure translations between the store port and @eventstore/db-client, kept apart from
// the IO in eventstoredb-store.ts so that each can be tested without a server.
import {
  ANY,
  BACKWARDS,
  END,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AppendExpectedRevision,
  type CurrentRevision,
  type EventData,
  type Filter,
  type JSONType,
  type Position,
  type ReadPosition,
  type ReadStreamOptions as ClientReadStreamOptions,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { z } from 'zod';
import { canonicalJson } from '../../events/canonical-json.js';
import { InvalidEventError, PartnershipLogError } from '../../errors.js';
import type { EncodedPayload, EventRegistry } from '../../events/event-registry.js';
import type {
  EventFilter,
  EventMetadata,
  ExpectedRevision,
  NewEvent,
  ReadStreamOptions,
  StoredEvent,
} from '../event-store.js';

// ESDB's own numbers for the named expected revisions, which older servers report in errors.
const ESDB_NO_STREAM = -1n;
const ESDB_STREAM_EXISTS = -4n;

export function toClientExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

export function fromClientExpectedRevision(expected: AppendExpectedRevision): ExpectedRevision {
  if (typeof expected === 'string') return expected;
  if (expected >= 0n) return toSafeNumber(expected, 'revision');
  if (expected === ESDB_NO_STREAM) return 'no_stream';
  if (expected === ESDB_STREAM_EXISTS) return 'stream_exists';
  return 'any'; // -2, and any other negative number the server might send
}

/** The stream's revision as an error reports it: a number, or 'no_stream'. */
export function fromClientCurrentRevision(current: CurrentRevision): number | 'no_stream' {
  if (current === NO_STREAM || current < 0n) return 'no_stream';
  return toSafeNumber(current, 'revision');
}

/** The port's position is ESDB's commit position (equal to the prepare position for every event a client appends). */
export function fromClientPosition(position: Position): number {
  return toSafeNumber(position.commit, 'position');
}

export function toClientPosition(position: number): Position {
  if (!Number.isSafeInteger(position) || position < 0) {
    throw new PartnershipLogError('PL_ERR_VALIDATION', `Position ${position} is not a whole number from 0.`);
  }
  const at = BigInt(position);
  return { commit: at, prepare: at };
}

/** Where to start reading $all for events after `after` (ESDB starts AT the position: the caller skips it). */
export function toClientReadPosition(after: number | undefined): ReadPosition {
  return after === undefined || after <= 0 ? START : toClientPosition(after);
}

export function toClientReadStreamOptions(options: ReadStreamOptions): ClientReadStreamOptions {
  const backwards = options.direction === 'backwards';
  const mapped: ClientReadStreamOptions = {
    direction: backwards ? BACKWARDS : FORWARDS,
    fromRevision: options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision),
  };
  if (options.maxCount !== undefined) mapped.maxCount = options.maxCount;
  return mapped;
}

/** System events ($-prefixed streams or types) belong to the server, never to the log. */
export function isSystemEvent(stream: string, type: string): boolean {
  return stream.startsWith('$') || type.startsWith('$');
}

/**
 * The server-side filter for a subscription: stream prefixes when given, else the exact
 * event types, else every non-system event. It only narrows what crosses the network;
 * the adapter still checks every event with matchesFilter, which keeps the port's exact
 * meaning (types match whole names, an empty list matches nothing).
 */
export function toClientFilter(filter: EventFilter | undefined): Filter {
  if (filter?.streamPrefixes && filter.streamPrefixes.length > 0) {
    return streamNameFilter({ prefixes: [...filter.streamPrefixes] });
  }
  if (filter?.eventTypes && filter.eventTypes.length > 0) {
    return eventTypeFilter({ regex: `^(?:${filter.eventTypes.map(escapeRegex).join('|')})$` });
  }
  return excludeSystemEvents();
}

/** What ESDB stores for a new event: its data as JSON, with the schema version kept in the metadata. */
export function toEventData(event: NewEvent, encoded: EncodedPayload): EventData {
  if (!isJsonPayload(encoded.data)) {
    throw new InvalidEventError(event.type, [
      { path: '', message: 'EventStoreDB keeps a payload as a JSON object, array or string' },
    ]);
  }
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: encoded.data,
    metadata: { ...event.metadata, schemaVersion: encoded.schemaVersion },
  });
}

const actorSchema = z.looseObject({
  id: z.string(),
  role: z.string(),
  name: z.string().optional(),
  organisation: z.string().optional(),
});

/** The metadata JSON the adapter writes: the port's metadata plus the payload's schema version. */
const storedMetadataSchema = z.looseObject({
  schemaVersion: z.number().int().positive(),
  actor: actorSchema.optional(),
  correlationId: z.string().optional(),
  causationId: z.string().optional(),
  requestId: z.string().optional(),
  requestFingerprint: z.string().optional(),
  recordedAt: z.string().optional(),
  previousHash: z.string().nullable().optional(),
  hash: z.string().optional(),
});

/** A read event as the port returns it, its payload lifted to the current schema and validated. */
export function toStoredEvent(resolved: ResolvedEvent, registry: EventRegistry): StoredEvent {
  const event = resolved.event;
  if (!event) {
    throw new PartnershipLogError(
      'PL_ERR_STORE_CORRUPT',
      'EventStoreDB returned a link without its event (was the event deleted?).',
    );
  }
  const where = `Event ${event.id} in ${event.streamId} at revision ${event.revision}`;
  const corrupt = (reason: string) =>
    new PartnershipLogError('PL_ERR_STORE_CORRUPT', `${where} on EventStoreDB cannot be read: ${reason}.`);
  const position =
    event.position ??
    (resolved.commitPosition === undefined
      ? undefined
      : { commit: resolved.commitPosition, prepare: resolved.commitPosition });
  if (!position) throw corrupt('the server sent no position (EventStoreDB 22.6 or later is needed)');
  if (!event.isJson) throw corrupt('its data is not JSON, so it was not written by Partnership Log');
  const metadata = storedMetadataSchema.safeParse(event.metadata);
  if (!metadata.success) throw corrupt('its metadata has no schema version, so it was not written by Partnership Log');
  const { schemaVersion: storedVersion, ...portMetadata } = metadata.data;
  const { schemaVersion, data } = registry.decode(event.type, storedVersion, event.data);
  const stored: StoredEvent = {
    id: event.id,
    stream: event.streamId,
    revision: toSafeNumber(event.revision, 'revision'),
    position: fromClientPosition(position),
    type: event.type,
    schemaVersion,
    data,
    metadata: portMetadata satisfies EventMetadata,
    // A chained event's own time is under its hash; the server's is the fallback for others.
    recordedAt: portMetadata.recordedAt ?? event.created.toISOString(),
  };
  return stored;
}

/**
 * Whether an append was answered as a retry. EventStoreDB acknowledges an append whose
 * event ids are already in the stream without writing and without saying so; it reports
 * no position for it, and what it kept may differ from what this writer sent (a
 * concurrent copy of the same command, with its own time and hash). So it counts as a
 * retry when the server gave no position or the last event read back is not what was sent.
 */
export function wasRetried(reportedPosition: Position | undefined, sent: NewEvent, stored: StoredEvent): boolean {
  if (reportedPosition === undefined) return true;
  return (
    stored.id !== sent.id ||
    stored.type !== sent.type ||
    canonicalJson(stored.data) !== canonicalJson(sent.data) ||
    canonicalJson(stored.metadata) !== canonicalJson(sent.metadata ?? {})
  );
}

function toSafeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new PartnershipLogError('PL_ERR_STORE_CORRUPT', `EventStoreDB returned a ${what} (${value}) beyond 2^53.`);
  }
  return Number(value);
}

function isJsonPayload(data: unknown): data is JSONType {
  return typeof data === 'string' || (typeof data === 'object' && data !== null);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
