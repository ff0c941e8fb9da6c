// The read-only log reader the auditor's tools use, and the JSON Lines export built on
// it: the same events as the store hands out, read without the lock, never written.
import { appendFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { readOnlyLogSource, storeSource } from '../../src/audit/audit-source.js';
import { exportLines } from '../../src/audit/export.js';
import { replayProjection } from '../../src/projection-runner/replay.js';
import { decisionList, type DecisionListState } from '../../projections/decision-list.js';
import { keysOf } from '../../projections/documents.js';
import { allProjections, projectionByName } from '../../projections/index.js';
import { decisionStream } from '../../src/domain/decisions/decision-events.js';
import { StoreCorruptError } from '../../src/errors.js';
import { LOG_FILE, openEmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { readAllReadOnly, readOnlyHeadPosition, readRecordsReadOnly } from '../../src/store/embedded/read-only-log.js';
import type { StoredEvent } from '../../src/store/event-store.js';
import { chainedLogRegistry, writeChainedLog } from '../support/chained-log.js';
import { memoryLogger } from '../support/silent-logger.js';
import { tempDir } from '../support/temp-dir.js';
import { testRegistry, thing, things } from '../support/test-events.js';

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};

const openChained = async (dataDir: string) => openEmbeddedStore({ dataDir, registry: chainedLogRegistry(), logger: memoryLogger().logger });
const openThings = async (dataDir: string, upgraded = false) => openEmbeddedStore({ dataDir, registry: testRegistry(upgraded), logger: memoryLogger().logger });

t.test('the read-only reader gives what the store gives, while the store holds the folder', async (t) => {
  const dataDir = tempDir(t);
  const store = await openChained(dataDir);
  t.teardown(() => store.close());
  const { decisionIds } = await writeChainedLog(store, { decisions: 5, viewsPerDecision: 3 });
  const registry = chainedLogRegistry();

  t.same(await collect(readAllReadOnly(dataDir, registry)), await collect(store.readAll()));
  t.same(await collect(readAllReadOnly(dataDir, registry, { after: 12 })), await collect(store.readAll({ after: 12 })), 'after a position');
  const stream = decisionStream(decisionIds[2] ?? '');
  t.same(await collect(readAllReadOnly(dataDir, registry, { stream })), await store.readStream(stream), 'one stream');
  t.equal(await readOnlyHeadPosition(dataDir), await store.headPosition());
});

t.test('payloads are upcast through the registry, as the store does', async (t) => {
  const dataDir = tempDir(t);
  const old = await openThings(dataDir);
  await old.append('things', [{ id: crypto.randomUUID(), type: 'OtherThing', data: { label: 'kept' } }], { expectedRevision: 'no_stream' });
  await old.close();
  const [event] = await collect(readAllReadOnly(dataDir, testRegistry(true)));
  t.match(event, { type: 'OtherThing', schemaVersion: 2, data: { label: 'kept', colour: 'unknown' } });
  const [raw] = await collect(readRecordsReadOnly(dataDir));
  t.match(raw, { schemaVersion: 1, data: { label: 'kept' } }, 'the stored record is what hashes cover');
  t.notOk(raw && 'colour' in (raw.data as object));
});

t.test('it takes no lock and writes nothing', async (t) => {
  const dataDir = tempDir(t);
  const store = await openThings(dataDir);
  await store.append('things', things(1, 10), { expectedRevision: 'no_stream' });
  await store.close();
  const file = join(dataDir, LOG_FILE);
  const before = { entries: readdirSync(dataDir), bytes: readFileSync(file), mtime: statSync(file).mtimeMs };
  appendFileSync(file, '{"position":11,"stream":"thi'); // a write in progress
  const torn = readFileSync(file);
  t.equal((await collect(readAllReadOnly(dataDir, testRegistry()))).length, 10);
  t.same(readdirSync(dataDir), before.entries, 'no lock file, nothing new');
  t.same(readFileSync(file), torn, 'the unfinished tail is left as it is');
  t.ok(before.bytes.length > 0);
});

t.test('a record still being written, or torn, is not yet part of the log; a damaged whole line is corruption, the last one too', async (t) => {
  const dataDir = tempDir(t);
  const store = await openThings(dataDir);
  await store.append('things', things(1, 6), { expectedRevision: 'no_stream' });
  await store.close();
  const file = join(dataDir, LOG_FILE);
  const whole = readFileSync(file, 'utf8');
  const read = () => collect(readAllReadOnly(dataDir, testRegistry()));

  appendFileSync(file, '{"position":7,"stream":"things","revision":6,');
  t.equal((await read()).length, 6, 'an unterminated last line');
  t.equal(await readOnlyHeadPosition(dataDir), 6);

  // It ends in its newline, so it was written whole and changed since: not a write cut short.
  writeFileSync(file, `${whole}{"position":7,"stream":"things","checksum":"00000000"}\n`);
  const lastLine = { code: 'PL_ERR_STORE_CORRUPT', byteOffset: Buffer.byteLength(whole), position: 7 };
  t.match(await read().catch((err: unknown) => err), lastLine, 'a whole line that fails its checksum, with nothing after it');
  t.match(await readOnlyHeadPosition(dataDir).catch((err: unknown) => err), lastLine);

  const lines = whole.split('\n').filter(Boolean);
  lines[2] = (lines[2] ?? '').replace('"n":3', '"n":4');
  writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
  const error = await read().catch((err: unknown) => err);
  t.type(error, StoreCorruptError);
  t.match(error, { code: 'PL_ERR_STORE_CORRUPT', position: 3 });

  const reordered = whole.split('\n').filter(Boolean);
  [reordered[1], reordered[2]] = [reordered[2] ?? '', reordered[1] ?? ''];
  writeFileSync(file, reordered.map((l) => `${l}\n`).join(''));
  t.match(await read().catch((err: unknown) => err), { code: 'PL_ERR_STORE_CORRUPT', message: /position 3 follows position 1/ });
});

t.test('the head position is read from the tail, even past a record longer than the tail it reads', async (t) => {
  const dataDir = tempDir(t);
  t.equal(await readOnlyHeadPosition(dataDir), 0, 'no log yet');
  const store = await openThings(dataDir);
  t.equal(await readOnlyHeadPosition(dataDir), 0, 'an empty log');
  await store.append('things', things(1, 3), { expectedRevision: 'no_stream' });
  await store.append('things', [thing(4, 'x'.repeat(200_000))], { expectedRevision: 2 });
  t.equal(await readOnlyHeadPosition(dataDir), 4);
  await store.close();
  appendFileSync(join(dataDir, LOG_FILE), `{"position":5,"stream":"things","revision":4,"note":"${'y'.repeat(150_000)}`);
  t.equal(await readOnlyHeadPosition(dataDir), 4, 'an unfinished long record is passed over');
});

t.test('export: JSON Lines, the same from the read-only log and from the open store', async (t) => {
  const dataDir = tempDir(t);
  const store = await openChained(dataDir);
  t.teardown(() => store.close());
  const { decisionIds } = await writeChainedLog(store, { decisions: 4, viewsPerDecision: 2 });
  const fromFile = readOnlyLogSource(dataDir, chainedLogRegistry());
  const fromStore = storeSource(store);

  const all = await collect(exportLines(fromFile));
  t.equal(all.length, 12);
  t.ok(all.every((line) => line.endsWith('}\n') && !line.slice(0, -1).includes('\n')), 'one event per line');
  t.same(all, await collect(exportLines(fromStore)));
  const events = all.map((line) => JSON.parse(line) as StoredEvent);
  t.same(events, await collect(store.readAll()), 'each line is the full stored event');

  const decision = decisionIds[1] ?? '';
  const one = await collect(exportLines(fromFile, { decision }));
  t.equal(one.length, 3);
  t.same(one, await collect(exportLines(fromStore, { decision })));
  t.equal(await fromFile.streamExists(decisionStream(decision)), true);
  t.equal(await fromStore.streamExists(decisionStream(crypto.randomUUID())), false);
  t.equal(await fromFile.streamExists(decisionStream(crypto.randomUUID())), false);
});

t.test('replay from the read-only log, as of a position', async (t) => {
  const dataDir = tempDir(t);
  const store = await openChained(dataDir);
  t.teardown(() => store.close());
  const { decisionIds } = await writeChainedLog(store, { decisions: 4, viewsPerDecision: 1 });
  const registry = chainedLogRegistry();
  const asOf = await replayProjection<DecisionListState>(readAllReadOnly(dataDir, registry), decisionList, { position: 2 });
  t.same(keysOf(asOf.state.decisions).sort(), decisionIds.slice(0, 2).sort());
  t.match(asOf, { position: 2, events: 2 });
  const fromStore = await replayProjection(store, decisionList);
  const fromFile = await replayProjection(readAllReadOnly(dataDir, registry), decisionList);
  t.same(fromFile, fromStore, 'a store and the read-only log replay alike');
});

t.test('projections by name', async (t) => {
  t.equal(projectionByName('decision-list'), decisionList);
  t.equal(new Set(allProjections.map((p) => p.name)).size, allProjections.length, 'names are unique');
  t.ok(allProjections.length >= 7);
  t.throws(() => projectionByName('nope'), { name: 'PartnershipLogError', code: 'PL_ERR_PROJECTION_NOT_FOUND', message: /decision-list, involvement, / });
});
