// The EventStoreDB adapter's translations, checked without a server. Fixtures are
// shaped like what @eventstore/db-client 6.x returns (see its dist/types/events.d.ts).
import {
  AccessDeniedError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type ResolvedEvent,
} from '@eventstore/db-client';
import t from 'tap';
import { PartnershipLogError, WrongExpectedRevisionError } from '../../src/errors.js';
import {
  fromClientCurrentRevision,
  fromClientExpectedRevision,
  fromClientPosition,
  isSystemEvent,
  toClientExpectedRevision,
  toClientFilter,
  toClientPosition,
  toClientReadPosition,
  toClientReadStreamOptions,
  toEventData,
  toStoredEvent,
  wasRetried,
} from '../../src/store/eventstoredb/mapping.js';
import { describeServer, isStreamNotFound, toStoreError } from '../../src/store/eventstoredb/error-mapping.js';
import type { NewEvent } from '../../src/store/event-store.js';
import { testRegistry } from '../support/test-events.js';

const registry = testRegistry();
const upgradedRegistry = testRegistry(true);
const server = 'esdb://node1:2113,node2:2113';
const eventId = '2f1d0c9e-7b8a-4c3d-9e0f-123456789abc';
const created = new Date('2025-03-04T05:06:07.089Z');
const metadata = {
  actor: { id: 'tok-1', role: 'commissioner', name: 'Commissioning team', organisation: 'Council' },
  correlationId: 'c0ffee00-0000-4000-8000-000000000001',
  requestId: 'req-1',
  previousHash: null,
};

/** A JSON event as the client returns it from a read of $all. */
function resolvedJson(overrides: {
  type?: string;
  data?: Record<string, unknown>;
  metadata?: Record<string, unknown> | undefined;
  position?: { commit: bigint; prepare: bigint } | undefined;
  commitPosition?: bigint;
} = {}): ResolvedEvent {
  const resolved: ResolvedEvent = {
    event: {
      streamId: 'decision-42',
      id: eventId,
      isJson: true,
      revision: 3n,
      type: overrides.type ?? 'ThingHappened',
      created,
      data: overrides.data ?? { n: 7, note: 'café' },
      metadata: 'metadata' in overrides ? overrides.metadata : { ...metadata, schemaVersion: 1 },
      position: 'position' in overrides ? overrides.position : { commit: 5150n, prepare: 5150n },
    },
  };
  if (overrides.commitPosition !== undefined) resolved.commitPosition = overrides.commitPosition;
  return resolved;
}

t.test('expected revisions go to the client as its constants or a bigint', async (t) => {
  t.equal(toClientExpectedRevision('any'), 'any');
  t.equal(toClientExpectedRevision('no_stream'), 'no_stream');
  t.equal(toClientExpectedRevision('stream_exists'), 'stream_exists');
  t.equal(toClientExpectedRevision(0), 0n);
  t.equal(toClientExpectedRevision(41), 41n);
});

t.test('expected revisions come back from the client, including the server numbers for names', async (t) => {
  t.equal(fromClientExpectedRevision('any'), 'any');
  t.equal(fromClientExpectedRevision('no_stream'), 'no_stream');
  t.equal(fromClientExpectedRevision('stream_exists'), 'stream_exists');
  t.equal(fromClientExpectedRevision(7n), 7);
  t.equal(fromClientExpectedRevision(-1n), 'no_stream');
  t.equal(fromClientExpectedRevision(-2n), 'any');
  t.equal(fromClientExpectedRevision(-4n), 'stream_exists');
});

t.test('a current revision is a number or no_stream', async (t) => {
  t.equal(fromClientCurrentRevision('no_stream'), 'no_stream');
  t.equal(fromClientCurrentRevision(-1n), 'no_stream');
  t.equal(fromClientCurrentRevision(0n), 0);
  t.equal(fromClientCurrentRevision(12n), 12);
  t.throws(() => fromClientCurrentRevision(2n ** 53n), { code: 'PL_ERR_STORE_CORRUPT' });
});

t.test('positions: the port number is the commit position', async (t) => {
  t.equal(fromClientPosition({ commit: 5150n, prepare: 5150n }), 5150);
  t.same(toClientPosition(5150), { commit: 5150n, prepare: 5150n });
  t.equal(fromClientPosition(toClientPosition(9_007_199_254_740_991)), 9_007_199_254_740_991, 'the largest safe position survives');
  t.throws(() => fromClientPosition({ commit: 2n ** 53n, prepare: 2n ** 53n }), { code: 'PL_ERR_STORE_CORRUPT' });
  t.throws(() => toClientPosition(-1), { code: 'PL_ERR_VALIDATION' });
  t.throws(() => toClientPosition(1.5), { code: 'PL_ERR_VALIDATION' });
});

t.test('reading $all after a position starts at the start or at that position', async (t) => {
  t.equal(toClientReadPosition(undefined), 'start');
  t.equal(toClientReadPosition(0), 'start');
  t.same(toClientReadPosition(4242), { commit: 4242n, prepare: 4242n });
});

t.test('stream read options', async (t) => {
  t.same(toClientReadStreamOptions({}), { direction: 'forwards', fromRevision: 'start' });
  t.same(toClientReadStreamOptions({ direction: 'backwards' }), { direction: 'backwards', fromRevision: 'end' });
  t.same(toClientReadStreamOptions({ fromRevision: 4, maxCount: 3 }), {
    direction: 'forwards',
    fromRevision: 4n,
    maxCount: 3,
  });
  t.same(toClientReadStreamOptions({ direction: 'backwards', fromRevision: 2 }), {
    direction: 'backwards',
    fromRevision: 2n,
  });
});

t.test('system events are those of $ streams or $ types', async (t) => {
  t.equal(isSystemEvent('$stats-127.0.0.1:2113', '$statsCollected'), true);
  t.equal(isSystemEvent('$$decision-1', '$metadata'), true);
  t.equal(isSystemEvent('decision-1', '$>'), true);
  t.equal(isSystemEvent('decision-1', 'ThingHappened'), false);
});

t.test('the server-side subscription filter', async (t) => {
  const byStream = toClientFilter({ streamPrefixes: ['decision-', 'contract-'], eventTypes: ['OtherThing'] });
  t.equal(byStream.filterOn, 'streamName', 'stream prefixes go to the server; types are checked locally');
  t.same('prefixes' in byStream ? byStream.prefixes : null, ['decision-', 'contract-']);

  const byType = toClientFilter({ eventTypes: ['ThingHappened', 'Other.Thing'] });
  t.equal(byType.filterOn, 'eventType');
  const regex = 'regex' in byType ? byType.regex : '';
  t.equal(regex, '^(?:ThingHappened|Other\\.Thing)$', 'whole type names, with regex characters escaped');
  t.ok(new RegExp(regex).test('Other.Thing'));
  t.notOk(new RegExp(regex).test('OtherXThing'));
  t.notOk(new RegExp(regex).test('ThingHappenedLater'));

  const everything = toClientFilter(undefined);
  t.equal(everything.filterOn, 'eventType');
  t.equal('regex' in everything ? everything.regex : '', '^[^$].*', 'system events are excluded');

  const emptyPrefixes = toClientFilter({ streamPrefixes: [] });
  t.equal(emptyPrefixes.filterOn, 'eventType', 'an empty prefix list is left to the local check');
});

t.test('a new event becomes JSON with its schema version in the metadata', async (t) => {
  const event: NewEvent = { id: eventId, type: 'ThingHappened', data: { n: 7 }, metadata };
  t.same(toEventData(event, registry.encode(event.type, event.data)), {
    id: eventId,
    contentType: 'application/json',
    type: 'ThingHappened',
    data: { n: 7 },
    metadata: { ...metadata, schemaVersion: 1 },
  });
  const bare: NewEvent = { id: eventId, type: 'OtherThing', data: { label: 'x' } };
  t.same(toEventData(bare, upgradedRegistry.encode(bare.type, { label: 'x', colour: 'red' })).metadata, {
    schemaVersion: 2,
  });
  t.throws(() => toEventData(bare, { schemaVersion: 1, data: 42 }), {
    code: 'PL_ERR_INVALID_EVENT',
    eventType: 'OtherThing',
  });
});

t.test('a read event becomes a stored event', async (t) => {
  t.same(toStoredEvent(resolvedJson(), registry), {
    id: eventId,
    stream: 'decision-42',
    revision: 3,
    position: 5150,
    type: 'ThingHappened',
    schemaVersion: 1,
    data: { n: 7, note: 'café' },
    metadata,
    recordedAt: '2025-03-04T05:06:07.089Z',
  });
});

t.test('what is written reads back the same', async (t) => {
  const event: NewEvent = { id: eventId, type: 'ThingHappened', data: { n: 1 }, metadata };
  const written = toEventData(event, registry.encode(event.type, event.data));
  const onTheWire: Record<string, unknown> = JSON.parse(JSON.stringify(written.metadata));
  const read = toStoredEvent(resolvedJson({ data: { n: 1 }, metadata: onTheWire }), registry);
  t.same(read.metadata, metadata);
  t.same(read.data, { n: 1 });
});

t.test('an append is a retry when the server gave no position or kept another copy', async (t) => {
  const event: NewEvent = { id: eventId, type: 'ThingHappened', data: { n: 1 }, metadata };
  const written = toEventData(event, registry.encode(event.type, event.data));
  const stored = toStoredEvent(resolvedJson({ data: { n: 1 }, metadata: JSON.parse(JSON.stringify(written.metadata)) }), registry);
  const position = { commit: 5150n, prepare: 5150n };
  t.equal(wasRetried(position, event, stored), false, 'what was sent is what is stored');
  t.equal(wasRetried(undefined, event, stored), true, 'no position: the server wrote nothing');
  t.equal(wasRetried(position, { ...event, metadata: { ...metadata, requestId: 'another-copy' } }, stored), true, 'another copy of the command was kept');
  t.equal(wasRetried(position, { ...event, data: { n: 2 } }, stored), true, 'other data was kept');
});

t.test('an older payload is upcast and a wrong one refused on read', async (t) => {
  const old = toStoredEvent(
    resolvedJson({ type: 'OtherThing', data: { label: 'old' }, metadata: { schemaVersion: 1 } }),
    upgradedRegistry,
  );
  t.equal(old.schemaVersion, 2);
  t.same(old.data, { label: 'old', colour: 'unknown' });
  t.same(old.metadata, {});
  t.throws(() => toStoredEvent(resolvedJson({ data: { n: 'seven' } }), registry), {
    code: 'PL_ERR_INVALID_EVENT',
    eventType: 'ThingHappened',
  });
  t.throws(() => toStoredEvent(resolvedJson({ type: 'NoSuchThing' }), registry), { code: 'PL_ERR_UNKNOWN_EVENT_TYPE' });
});

t.test('a read event the log did not write is reported, not guessed at', async (t) => {
  t.throws(() => toStoredEvent(resolvedJson({ metadata: undefined }), registry), {
    code: 'PL_ERR_STORE_CORRUPT',
    message: /no schema version/,
  });
  t.throws(() => toStoredEvent(resolvedJson({ metadata: { schemaVersion: 'one' } }), registry), {
    code: 'PL_ERR_STORE_CORRUPT',
  });
  const binary: ResolvedEvent = {
    event: {
      streamId: 'decision-42',
      id: eventId,
      isJson: false,
      revision: 0n,
      type: 'ThingHappened',
      created,
      data: Uint8Array.from([1, 2, 3]),
      metadata: undefined,
      position: { commit: 10n, prepare: 10n },
    },
  };
  t.throws(() => toStoredEvent(binary, registry), { code: 'PL_ERR_STORE_CORRUPT', message: /not JSON/ });
  t.throws(() => toStoredEvent({ commitPosition: 10n }, registry), { code: 'PL_ERR_STORE_CORRUPT' });
  t.throws(() => toStoredEvent(resolvedJson({ position: undefined }), registry), {
    code: 'PL_ERR_STORE_CORRUPT',
    message: /no position/,
  });
});

t.test('without a record position, the resolved commit position is used', async (t) => {
  const event = toStoredEvent(resolvedJson({ position: undefined, commitPosition: 777n }), registry);
  t.equal(event.position, 777);
});

t.test('a wrong expected version becomes the port conflict', async (t) => {
  const fromServer = new WrongExpectedVersionError(undefined, { streamName: 'decision-42', expected: 0n, current: 2n });
  const conflict = toStoreError(fromServer, { server });
  t.type(conflict, WrongExpectedRevisionError);
  t.match(conflict, { code: 'PL_ERR_WRONG_EXPECTED_REVISION', stream: 'decision-42', expected: 0, actual: 2, statusCode: 409 });

  const missing = new WrongExpectedVersionError(undefined, {
    streamName: 'decision-43',
    expected: 'stream_exists',
    current: 'no_stream',
  });
  t.match(toStoreError(missing, { server }), { stream: 'decision-43', expected: 'stream_exists', actual: 'no_stream' });

  const anyFromServer = new WrongExpectedVersionError(undefined, { streamName: '', expected: 'any', current: 5n });
  t.match(
    toStoreError(anyFromServer, { server, stream: 'decision-44', expected: 'no_stream' }),
    { stream: 'decision-44', expected: 'no_stream', actual: 5 },
    'the writer’s own expected revision and stream are reported when known',
  );
});

t.test('an unreachable server is PL_ERR_STORE_UNAVAILABLE, naming the server', async (t) => {
  const unavailable = new UnavailableError(undefined, '14 UNAVAILABLE: No connection established');
  const mapped = toStoreError(unavailable, { server });
  t.type(mapped, PartnershipLogError);
  t.match(mapped, { code: 'PL_ERR_STORE_UNAVAILABLE', statusCode: 503, cause: unavailable });
  t.match(mapped.message, 'EventStoreDB at esdb://node1:2113,node2:2113');
  t.match(mapped.message, 'No connection established');

  const rawGrpc = Object.assign(new Error('14 UNAVAILABLE: Connection dropped'), { code: 14, details: 'Connection dropped' });
  t.match(toStoreError(rawGrpc, { server }), { code: 'PL_ERR_STORE_UNAVAILABLE' }, 'a gRPC error the client did not convert');
  t.match(toStoreError(new DeadlineExceededError(undefined, 'deadline'), { server }), { code: 'PL_ERR_STORE_UNAVAILABLE' });
  t.match(toStoreError(new Error('Failed to discover after 10 attempts.'), { server }), {
    code: 'PL_ERR_STORE_UNAVAILABLE',
    message: /Failed to discover/,
  });
});

t.test('other server refusals', async (t) => {
  t.match(toStoreError(new AccessDeniedError(undefined, 'Access denied'), { server }), { code: 'PL_ERR_CONFIG' });
  t.match(toStoreError(new MaxAppendSizeExceededError(undefined, 1048576), { server }), {
    code: 'PL_ERR_VALIDATION',
    message: /1048576 bytes/,
  });
  t.match(toStoreError(new StreamDeletedError(undefined, 'decision-42'), { server }), {
    code: 'PL_ERR_STORE_UNAVAILABLE',
    message: /decision-42 as deleted/,
  });
});

t.test('errors that are not the server’s pass through', async (t) => {
  const ours = new PartnershipLogError('PL_ERR_VALIDATION', 'no');
  t.equal(toStoreError(ours, { server }), ours);
  const bug = new TypeError('x is not a function');
  t.equal(toStoreError(bug, { server }), bug);
  t.match(toStoreError('boom', { server }), { message: 'boom' });
});

t.test('a missing stream is recognised (it reads as empty)', async (t) => {
  t.equal(isStreamNotFound(new StreamNotFoundError(undefined, 'decision-42')), true);
  t.equal(isStreamNotFound(new UnavailableError(undefined, 'down')), false);
  t.equal(isStreamNotFound(new Error('decision-42 not found')), false);
});

t.test('a connection string is described without credentials or options', async (t) => {
  t.equal(
    describeServer('esdb://admin:changeit@node1:2113,node2:2113,node3:2113?tls=true&nodePreference=leader'),
    'esdb://node1:2113,node2:2113,node3:2113',
  );
  t.equal(describeServer('esdb+discover://ops:p%40ss@cluster.example.org:2113'), 'esdb+discover://cluster.example.org:2113');
  t.equal(describeServer('esdb://localhost:2113?tls=false'), 'esdb://localhost:2113');
  t.equal(describeServer('localhost:2113'), '(an invalid connection string)');
});
