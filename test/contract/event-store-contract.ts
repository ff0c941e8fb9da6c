// The contract both adapters must meet. Each adapter's test file calls it with a way
// to open its store. Streams are named under a fresh prefix per run, so the suite can
// run against a shared EventStoreDB server that holds other data.
import { randomUUID } from 'node:crypto';
import type { Test } from 'tap';
import type { EventRegistry } from '../../src/events/event-registry.js';
import type { EventStore, StoredEvent } from '../../src/store/event-store.js';
import { testRegistry, thing, things } from '../support/test-events.js';

export interface ContractTarget {
  /** Opens the store under test; a later call after close() must see the same data. */
  open(registry: EventRegistry): Promise<EventStore>;
}

async function collect(iterable: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of iterable) events.push(event);
  return events;
}

export function eventStoreContract(t: Test, target: ContractTarget): void {
  const run = `c${randomUUID().slice(0, 8)}`;
  let counter = 0;
  const newStream = (kind = 'decision') => `${run}${kind}-${++counter}`;
  let store: EventStore;

  t.before(async () => {
    store = await target.open(testRegistry());
  });
  t.teardown(async () => {
    await store.close();
  });

  t.test('expected revision: no_stream', async (t) => {
    const stream = newStream();
    const first = await store.append(stream, things(1, 2), { expectedRevision: 'no_stream' });
    t.equal(first.nextExpectedRevision, 1, 'two events take revisions 0 and 1');
    t.ok(first.position > 0, 'the append returns a global position');
    await t.rejects(store.append(stream, [thing(3)], { expectedRevision: 'no_stream' }), {
      code: 'PL_ERR_WRONG_EXPECTED_REVISION',
      expected: 'no_stream',
      actual: 1,
    });
    t.equal((await store.readStream(stream)).length, 2, 'nothing was written by the refused append');
  });

  t.test('expected revision: an exact revision', async (t) => {
    const stream = newStream();
    await store.append(stream, things(1, 1), { expectedRevision: 'no_stream' });
    const next = await store.append(stream, things(2, 2), { expectedRevision: 0 });
    t.equal(next.nextExpectedRevision, 2);
    await t.rejects(store.append(stream, [thing(9)], { expectedRevision: 0 }), {
      code: 'PL_ERR_WRONG_EXPECTED_REVISION',
      expected: 0,
      actual: 2,
    });
    await t.rejects(store.append(stream, [thing(9)], { expectedRevision: 5 }), { code: 'PL_ERR_WRONG_EXPECTED_REVISION', expected: 5, actual: 2 });
    await t.rejects(store.append(newStream(), [thing(9)], { expectedRevision: 0 }), {
      code: 'PL_ERR_WRONG_EXPECTED_REVISION',
      expected: 0,
      actual: 'no_stream',
    });
    t.equal((await store.readStream(stream)).length, 3);
  });

  t.test('expected revision: stream_exists and any', async (t) => {
    const stream = newStream();
    await t.rejects(store.append(stream, [thing(1)], { expectedRevision: 'stream_exists' }), {
      code: 'PL_ERR_WRONG_EXPECTED_REVISION',
      actual: 'no_stream',
    });
    t.equal((await store.readStream(stream)).length, 0, 'the refused append wrote nothing');
    const created = await store.append(stream, [thing(1)], { expectedRevision: 'any' });
    t.equal(created.nextExpectedRevision, 0, 'any creates a stream');
    const exists = await store.append(stream, [thing(2)], { expectedRevision: 'stream_exists' });
    t.equal(exists.nextExpectedRevision, 1);
    const anyAgain = await store.append(stream, [thing(3)], { expectedRevision: 'any' });
    t.equal(anyAgain.nextExpectedRevision, 2);
  });

  t.test('concurrent writers at the same revision: exactly one wins', async (t) => {
    const stream = newStream();
    await store.append(stream, [thing(0)], { expectedRevision: 'no_stream' });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => store.append(stream, [thing(i + 1)], { expectedRevision: 0 })),
    );
    t.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    t.equal(results.filter((r) => r.status === 'rejected').length, 7);
    t.equal((await store.readStream(stream)).length, 2);
  });

  t.test('a retried append with the same event ids is idempotent', async (t) => {
    const stream = newStream();
    const batch = things(1, 3);
    const first = await store.append(stream, batch, { expectedRevision: 'no_stream' });
    t.equal(first.retried, false, 'the first append is a write');
    const sameAs = (written: { nextExpectedRevision: number; position: number }) => ({ nextExpectedRevision: written.nextExpectedRevision, position: written.position });
    const retry = await store.append(stream, batch, { expectedRevision: 'no_stream' });
    t.same(sameAs(retry), sameAs(first), 'the retry gets the same answer');
    const more = things(4, 2);
    const second = await store.append(stream, more, { expectedRevision: 2 });
    t.same(sameAs(await store.append(stream, more, { expectedRevision: 2 })), sameAs(second), 'also at an exact revision');
    t.same(sameAs(await store.append(stream, more, { expectedRevision: 'any' })), sameAs(second), 'also with any, for the latest append');
    const events = await store.readStream(stream);
    t.same(
      events.map((e) => e.data),
      [1, 2, 3, 4, 5].map((n) => ({ n })),
      'no duplicate was written',
    );
    await t.rejects(store.append(stream, things(9, 3), { expectedRevision: 'no_stream' }), {
      code: 'PL_ERR_WRONG_EXPECTED_REVISION',
    }, 'other ids at a taken place are a conflict');
  });

  t.test('a retry whose copy differs from what was stored says so, and the stored copy stands', async (t) => {
    const stream = newStream();
    const id = randomUUID();
    const written = await store.append(stream, [{ id, type: 'ThingHappened', data: { n: 1 }, metadata: { requestId: 'first-copy' } }], {
      expectedRevision: 'no_stream',
    });
    t.equal(written.retried, false);
    // A concurrent copy of the same command: the same event id, built at another moment.
    const copy = await store.append(stream, [{ id, type: 'ThingHappened', data: { n: 1 }, metadata: { requestId: 'second-copy' } }], {
      expectedRevision: 'no_stream',
    });
    t.equal(copy.retried, true, 'the store says it wrote nothing');
    t.equal(copy.position, written.position);
    const events = await store.readStream(stream);
    t.equal(events.length, 1);
    t.equal(events[0]?.metadata.requestId, 'first-copy', 'what was stored first is the record');
  });

  t.test('a stored event keeps everything it was given', async (t) => {
    const stream = newStream();
    const id = randomUUID();
    const metadata = {
      actor: { id: 'tok-1', role: 'commissioner', name: 'Commissioning team', organisation: 'Council' },
      correlationId: randomUUID(),
      causationId: randomUUID(),
      requestId: 'req-1',
    };
    await store.append(stream, [{ id, type: 'ThingHappened', data: { n: 7, note: 'café ünïcode' }, metadata }], {
      expectedRevision: 'no_stream',
    });
    const [event] = await store.readStream(stream);
    t.ok(event);
    if (!event) return;
    t.equal(event.id, id);
    t.equal(event.stream, stream);
    t.equal(event.revision, 0);
    t.equal(event.type, 'ThingHappened');
    t.equal(event.schemaVersion, 1);
    t.same(event.data, { n: 7, note: 'café ünïcode' });
    t.same(event.metadata, metadata);
    t.ok(!Number.isNaN(Date.parse(event.recordedAt)), 'recordedAt is a time');
  });

  t.test('reading a stream forwards and backwards', async (t) => {
    const stream = newStream();
    await store.append(stream, things(0, 10), { expectedRevision: 'no_stream' });
    const n = (events: StoredEvent[]) => events.map((e) => e.revision);
    t.same(n(await store.readStream(stream)), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    t.same(n(await store.readStream(stream, { fromRevision: 4, maxCount: 3 })), [4, 5, 6]);
    t.same(n(await store.readStream(stream, { direction: 'backwards', maxCount: 3 })), [9, 8, 7]);
    t.same(n(await store.readStream(stream, { direction: 'backwards', fromRevision: 2 })), [2, 1, 0]);
    t.same(n(await store.readStream(stream, { fromRevision: 20 })), []);
    t.same(await store.readStream(newStream()), [], 'a stream that does not exist reads as empty');
  });

  t.test("a stream's revision: its last event's, or -1 when it does not exist", async (t) => {
    const stream = newStream();
    t.equal(await store.streamRevision(stream), -1);
    await store.append(stream, things(0, 3), { expectedRevision: 'no_stream' });
    t.equal(await store.streamRevision(stream), 2);
    await store.append(stream, things(3, 1), { expectedRevision: 2 });
    t.equal(await store.streamRevision(stream), 3);
  });

  t.test('reading all events in order, after a position', async (t) => {
    const a = newStream('order');
    const b = newStream('order');
    const prefix = `${run}order-`;
    await store.append(a, [thing(1)], { expectedRevision: 'no_stream' });
    await store.append(b, [thing(2), thing(3)], { expectedRevision: 'no_stream' });
    await store.append(a, [thing(4)], { expectedRevision: 0 });
    const all = await collect(store.readAll({ filter: { streamPrefixes: [prefix] } }));
    t.same(
      all.map((e) => e.data),
      [1, 2, 3, 4].map((n) => ({ n })),
      'events come in the order they were appended',
    );
    const positions = all.map((e) => e.position);
    t.ok(positions.every((p, i) => i === 0 || p > (positions[i - 1] ?? 0)), 'positions strictly increase');
    const after = await collect(store.readAll({ after: positions[1], filter: { streamPrefixes: [prefix] } }));
    t.same(after.map((e) => e.data), [{ n: 3 }, { n: 4 }], 'after is exclusive');
    const limited = await collect(store.readAll({ maxCount: 2, filter: { streamPrefixes: [prefix] } }));
    t.equal(limited.length, 2, 'maxCount limits the read');
    t.ok((await store.headPosition()) >= (positions[3] ?? 0), 'the head is at or after the last event');
  });

  t.test('filters on stream prefix and event type', async (t) => {
    const decisions = `${run}filterdecision-`;
    const contracts = `${run}filtercontract-`;
    await store.append(`${decisions}1`, [thing(1), { id: randomUUID(), type: 'OtherThing', data: { label: 'x' } }], {
      expectedRevision: 'no_stream',
    });
    await store.append(`${contracts}1`, [thing(2)], { expectedRevision: 'no_stream' });
    const byStream = await collect(store.readAll({ filter: { streamPrefixes: [contracts] } }));
    t.same(byStream.map((e) => e.stream), [`${contracts}1`]);
    const byType = await collect(
      store.readAll({ filter: { streamPrefixes: [decisions, contracts], eventTypes: ['OtherThing'] } }),
    );
    t.same(byType.map((e) => e.type), ['OtherThing']);
  });

  t.test('a bad payload is refused and nothing is written', async (t) => {
    const stream = newStream();
    const before = await store.headPosition();
    await t.rejects(
      store.append(stream, [thing(1), { id: randomUUID(), type: 'ThingHappened', data: { n: 'one' } }], {
        expectedRevision: 'no_stream',
      }),
      { code: 'PL_ERR_INVALID_EVENT', eventType: 'ThingHappened' },
    );
    await t.rejects(store.append(stream, [{ id: randomUUID(), type: 'NoSuchThing', data: {} }], { expectedRevision: 'any' }), {
      code: 'PL_ERR_UNKNOWN_EVENT_TYPE',
    });
    await t.rejects(store.append(stream, [{ id: 'not-a-uuid', type: 'ThingHappened', data: { n: 1 } }], { expectedRevision: 'any' }), {
      code: 'PL_ERR_VALIDATION',
    });
    await t.rejects(store.append('$bad stream', [thing(1)], { expectedRevision: 'any' }), {
      code: 'PL_ERR_INVALID_STREAM',
    });
    t.same(await store.readStream(stream), [], 'the stream was not created');
    t.equal(await store.headPosition(), before, 'the log did not grow');
  });

  t.test('subscription: catch-up, then live, without a gap or a duplicate', async (t) => {
    const prefix = `${run}sub-`;
    const stream = `${prefix}1`;
    await store.append(stream, things(0, 50), { expectedRevision: 'no_stream' });
    const subscription = store.subscribeToAll({ filter: { streamPrefixes: [prefix] } });
    const seen: number[] = [];
    const done = (async () => {
      for await (const event of subscription) {
        const data = event.data as { n: number };
        seen.push(data.n);
        if (seen.length === 100) break;
      }
    })();
    // Write while the subscription is still catching up, then keep writing live.
    let revision = 49;
    for (let i = 50; i < 100; i += 5) {
      await store.append(stream, things(i, 5), { expectedRevision: revision });
      revision += 5;
    }
    await done;
    await subscription.close();
    t.same(seen, Array.from({ length: 100 }, (_, i) => i), 'every event once, in order');
  });

  t.test('subscription from a checkpoint, with an event-type filter', async (t) => {
    const prefix = `${run}checkpoint-`;
    const first = await store.append(`${prefix}1`, things(0, 3), { expectedRevision: 'no_stream' });
    const subscription = store.subscribeToAll({
      after: first.position,
      filter: { streamPrefixes: [prefix], eventTypes: ['OtherThing'] },
    });
    const seen: string[] = [];
    const done = (async () => {
      for await (const event of subscription) {
        seen.push((event.data as { label: string }).label);
        if (seen.length === 2) break;
      }
    })();
    await store.append(`${prefix}1`, [thing(3), { id: randomUUID(), type: 'OtherThing', data: { label: 'a' } }], {
      expectedRevision: 2,
    });
    await store.append(`${prefix}2`, [{ id: randomUUID(), type: 'OtherThing', data: { label: 'b' } }], {
      expectedRevision: 'no_stream',
    });
    await done;
    await subscription.close();
    t.same(seen, ['a', 'b']);
  });

  t.test('a closed subscription ends its iteration', async (t) => {
    const subscription = store.subscribeToAll({ after: await store.headPosition(), filter: { streamPrefixes: [`${run}idle-`] } });
    const ended = (async () => {
      let count = 0;
      for await (const _ of subscription) count++;
      return count;
    })();
    await new Promise((r) => setTimeout(r, 50));
    await subscription.close();
    t.equal(await ended, 0);
  });

  t.test('older payloads are upcast on read', async (t) => {
    const stream = newStream('upcast');
    await store.append(stream, [{ id: randomUUID(), type: 'OtherThing', data: { label: 'old' } }], {
      expectedRevision: 'no_stream',
    });
    await store.close();
    store = await target.open(testRegistry(true));
    const [event] = await store.readStream(stream);
    t.equal(event?.schemaVersion, 2);
    t.same(event?.data, { label: 'old', colour: 'unknown' });
    await store.close();
    store = await target.open(testRegistry());
  });
}
