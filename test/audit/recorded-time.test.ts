// Issue 13: everything time travel reads is under the hash, recorded times never go back in
// log order, and a chained log has no unchained event. An insider who moves an event's time,
// or strips a hash to edit an event freely, is found by plain verify at that event's position.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { eventHash } from '../../src/events/event-hash.js';
import { verifyEmbeddedLog } from '../../src/audit/verify-log.js';
import { LOG_FILE, openEmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { encodeRecord, parseRecord, type LogRecord } from '../../src/store/embedded/log-record.js';
import { writeChainedLog, chainedLogRegistry } from '../support/chained-log.js';
import { memoryLogger } from '../support/silent-logger.js';
import { tempDir } from '../support/temp-dir.js';
import { testRegistry, thing, thingHappened } from '../support/test-events.js';

/** Two decisions with two views each, written through the command handler: positions 1..6. */
async function chainedLog(dataDir: string): Promise<void> {
  const store = await openEmbeddedStore({ dataDir, registry: chainedLogRegistry(), logger: memoryLogger().logger });
  await writeChainedLog(store, { decisions: 2, viewsPerDecision: 2 });
  await store.close();
}

/** Decision events and the test events, in one registry. */
const bothRegistries = () => chainedLogRegistry().define({ type: 'ThingHappened', version: 1, schema: thingHappened });

const records = (dataDir: string): LogRecord[] =>
  readFileSync(join(dataDir, LOG_FILE), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const buffer = Buffer.from(`${line}\n`);
      return parseRecord(buffer, 0, buffer.length);
    });
const save = (dataDir: string, all: LogRecord[]) => writeFileSync(join(dataDir, LOG_FILE), Buffer.concat(all.map((r) => encodeRecord(r))));

/** The verdict of a single pass, checked to be the same from segments joined back together. */
async function verified(t: Test, dataDir: string) {
  const whole = await verifyEmbeddedLog(dataDir, undefined, { threads: false });
  for (const segments of [2, 3, 6]) t.same(await verifyEmbeddedLog(dataDir, undefined, { segments, threads: false }), whole, `the same verdict from ${segments} segments`);
  return whole;
}

t.test('a chained event carries its recorded time under its hash, and the store records it at that time', async (t) => {
  const dataDir = tempDir(t);
  await chainedLog(dataDir);
  for (const record of records(dataDir)) t.equal(record.metadata.recordedAt, record.recordedAt, `position ${record.position}`);
  const report = await verified(t, dataDir);
  t.equal(report.ok, true, report.summary);
  t.equal(report.timesNotCovered, 0);
});

t.test('an event moved in time (its checksum redone) is found at its position', async (t) => {
  for (const [name, move] of [
    ['moved later, to hide it from asOf=now', (at: string) => new Date(Date.parse(at) + 365 * 86_400_000).toISOString()],
    ['moved a second earlier', (at: string) => new Date(Date.parse(at) - 1000).toISOString()],
  ] as const) {
    const dataDir = tempDir(t);
    await chainedLog(dataDir);
    const all = records(dataDir);
    const target = all[1];
    if (!target) throw new Error('no record at position 2');
    all[1] = { ...target, recordedAt: move(target.recordedAt) };
    save(dataDir, all);
    const report = await verified(t, dataDir);
    t.equal(report.ok, false, `${name}: found`);
    t.equal(report.firstBroken?.position, 2, `${name}: at position 2`);
    t.match(report.firstBroken?.problem, /recorded time was changed/, name);
  }
});

t.test('a hash removed from a stream’s last event, and the event then edited, is found', async (t) => {
  const dataDir = tempDir(t);
  await chainedLog(dataDir);
  const all = records(dataDir);
  const last = all.at(-1);
  if (!last) throw new Error('no records');
  const { hash: _hash, previousHash: _previous, ...metadata } = last.metadata;
  all[all.length - 1] = { ...last, metadata, data: { ...(last.data as object), inOwnWords: 'Words nobody said' } };
  save(dataDir, all);
  const report = await verified(t, dataDir);
  t.equal(report.ok, false, report.summary);
  t.equal(report.firstBroken?.position, 6);
  t.match(report.firstBroken?.problem, /hash was removed/);
});

t.test('a single-event stream without its hash in a chained log is found', async (t) => {
  const dataDir = tempDir(t);
  await chainedLog(dataDir);
  const store = await openEmbeddedStore({ dataDir, registry: bothRegistries(), logger: memoryLogger().logger });
  await store.append('thing-unchained', [thing(1)], { expectedRevision: 'no_stream' });
  await store.close();
  const report = await verified(t, dataDir);
  t.equal(report.ok, false, report.summary);
  t.equal(report.firstBroken?.position, 7);
  t.match(report.firstBroken?.problem, /no hash in a log whose other events are chained/);
});

t.test('recorded times go forward even when a clock steps back', async (t) => {
  const dataDir = tempDir(t);
  let clock = Date.parse('2026-03-02T10:00:00Z');
  const store = await openEmbeddedStore({ dataDir, registry: testRegistry(), logger: memoryLogger().logger, now: () => new Date(clock) });
  t.teardown(() => store.close());
  const at = (iso: string) => ({ ...thing(0), id: crypto.randomUUID(), metadata: { recordedAt: iso } });

  await store.append('thing-1', [at('2026-03-02T10:00:00.000Z')], { expectedRevision: 'no_stream' });
  const head = await store.headPosition();
  await t.rejects(store.append('thing-1', [at('2026-03-02T09:59:59.000Z')], { expectedRevision: 0 }), { code: 'PL_ERR_CLOCK_ORDER' }, 'an earlier time is refused');
  await t.rejects(store.append('thing-1', [at('2026-03-02T11:00:00.000Z')], { expectedRevision: 0 }), { code: 'PL_ERR_CLOCK_ORDER' }, 'a time far ahead of the store’s clock is refused');
  t.equal(await store.headPosition(), head, 'nothing was written');

  clock -= 3_600_000; // the machine's clock steps back an hour
  await store.append('thing-2', [thing(2)], { expectedRevision: 'no_stream' });
  const [event] = await store.readStream('thing-2');
  t.equal(event?.recordedAt, '2026-03-02T10:00:00.000Z', 'an event bringing no time is recorded no earlier than the last');
});

t.test('the command handler chains again from a later time the store has seen', async (t) => {
  const dataDir = tempDir(t);
  const store = await openEmbeddedStore({ dataDir, registry: bothRegistries(), logger: memoryLogger().logger });
  t.teardown(() => store.close());
  const { decisionIds } = await writeChainedLog(store, { decisions: 1, viewsPerDecision: 0 });
  // Another writer, whose clock runs 20 s ahead (within what the store allows), wrote last.
  const ahead = new Date(Date.now() + 20_000).toISOString();
  const id = crypto.randomUUID();
  const metadata = { recordedAt: ahead, previousHash: null };
  const hash = eventHash({ stream: 'thing-ahead', revision: 0, id, type: 'ThingHappened', schemaVersion: 1, data: { n: 0 }, metadata });
  await store.append('thing-ahead', [{ id, type: 'ThingHappened', data: { n: 0 }, metadata: { ...metadata, hash } }], { expectedRevision: 'no_stream' });
  await writeChainedLog(store, { viewsPerDecision: 1, decisionIds });
  const [, view] = await store.readStream(`decision-${decisionIds[0]}`);
  t.ok(view && Date.parse(view.recordedAt) >= Date.parse(ahead), 'the next event is recorded no earlier than the other writer’s');
  t.equal(view?.metadata.recordedAt, view?.recordedAt, 'at the time its hash covers');
  t.equal((await verifyEmbeddedLog(dataDir, undefined, { threads: false })).ok, true);
});
