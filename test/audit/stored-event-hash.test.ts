// Verification hashes what the store wrote instead of parsing it. These tests pin down
// that the shortcut is taken for what the store writes, that it agrees with eventHash,
// and that a record it cannot vouch for is still judged by parsing.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import t from 'tap';
import { eventHash } from '../../src/events/event-hash.js';
import { storedContentHash } from '../../src/audit/stored-event-hash.js';
import { verifyEmbeddedLog } from '../../src/audit/verify-log.js';
import { LOG_FILE, openEmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { encodeRecord, type LogRecord } from '../../src/store/embedded/log-record.js';
import { recordSpans } from '../../src/store/embedded/record-spans.js';
import type { EventMetadata } from '../../src/store/event-store.js';
import { memoryLogger } from '../support/silent-logger.js';
import { tempDir } from '../support/temp-dir.js';
import { testRegistry } from '../support/test-events.js';

function chained(stream: string, revision: number, data: unknown, metadata: EventMetadata, position = revision + 1): LogRecord {
  const base = { position, stream, revision, id: crypto.randomUUID(), type: 'ThingHappened', schemaVersion: 1, recordedAt: '2026-11-23T10:00:00.000Z', data, metadata };
  return { ...base, metadata: { ...metadata, hash: eventHash(base) } };
}

const bytesOf = (record: LogRecord) => encodeRecord(record);
const spansOf = (bytes: Buffer) => recordSpans(bytes, 0, bytes.length);

/** A line with its checksum recomputed, as a forger with the file would write it. */
function withChecksum(body: string): string {
  return `${body},"checksum":"${crc32(Buffer.from(body)).toString(16).padStart(8, '0')}"}`;
}

t.test('the stored bytes give the same hash as eventHash, wherever the hash sits in the metadata', async (t) => {
  const data = { inOwnWords: 'Ich möchte “mehr” Zeit draußen 🌳', stance: 'supports', by: { role: 'person-using-support', personId: 'P-1' }, n: [1, 2.5, null, true] };
  const cases: [string, EventMetadata][] = [
    ['hash between other members', { actor: { id: 'a', role: 'commissioner' }, correlationId: 'c', previousHash: null, requestId: 'r' }],
    ['hash first', { previousHash: 'f'.repeat(64) }],
    ['hash alone', {}],
  ];
  for (const [name, metadata] of cases) {
    const record = chained('decision-1', 3, data, metadata);
    const spans = spansOf(bytesOf(record));
    if (!spans) {
      t.fail(`${name}: the written record was not recognised`);
      continue;
    }
    t.equal(storedContentHash(bytesOf(record), spans), record.metadata.hash, name);
    t.same({ position: spans.position, stream: spans.stream, revision: spans.revision }, { position: 4, stream: 'decision-1', revision: 3 }, `${name}: place`);
    t.equal(spans.previousHash, metadata.previousHash, `${name}: previousHash`);
  }
});

t.test('every record the store writes is verified from its bytes', async (t) => {
  const dataDir = tempDir(t);
  const store = await openEmbeddedStore({ dataDir, registry: testRegistry(), logger: memoryLogger().logger });
  let previousHash: string | null = null;
  for (let revision = 0; revision < 5; revision++) {
    const record = chained('decision-2', revision, { n: revision, note: 'We want to stay together' }, { previousHash });
    await store.append('decision-2', [{ id: record.id, type: record.type, data: record.data, metadata: record.metadata }], { expectedRevision: revision === 0 ? 'no_stream' : revision - 1 });
    previousHash = record.metadata.hash ?? null;
  }
  await store.close();
  const file = readFileSync(join(dataDir, LOG_FILE));
  let start = 0;
  for (let end = file.indexOf(10) + 1; end > 0; start = end, end = file.indexOf(10, end) + 1) {
    const spans = recordSpans(file, start, end);
    t.ok(spans && storedContentHash(file, spans) === spans.hash, `record at byte ${start}`);
  }
  t.equal((await verifyEmbeddedLog(dataDir)).ok, true);
});

t.test('records the shortcut cannot vouch for are judged by parsing', async (t) => {
  const dataDir = tempDir(t);
  const good = chained('decision-3', 0, { b: 1, a: 2 }, { previousHash: null });
  const line = bytesOf(good).toString('utf8').trimEnd();
  const body = line.slice(0, line.lastIndexOf(',"checksum"'));
  const save = (...lines: string[]) => writeFileSync(join(dataDir, LOG_FILE), lines.map((l) => `${l}\n`).join(''));

  // The same content with its data keys in another order: not canonical bytes, still the same event.
  save(withChecksum(body.replace('"data":{"a":2,"b":1}', '"data":{"b":1,"a":2}')));
  const reordered = await verifyEmbeddedLog(dataDir);
  t.equal(reordered.ok, true, reordered.summary);

  // A second "data" after the metadata: a parser reads the later one, so it must not pass on the first.
  save(withChecksum(`${body},"data":{"a":666,"b":1}`));
  const smuggled = await verifyEmbeddedLog(dataDir);
  t.equal(smuggled.ok, false);
  t.match(smuggled.firstBroken?.problem, /altered/);

  // A duplicate key inside the data: the bytes no longer match, and the parsed content differs.
  save(withChecksum(body.replace('"data":{"a":2,"b":1}', '"data":{"a":2,"a":3,"b":1}')));
  const duplicated = await verifyEmbeddedLog(dataDir);
  t.equal(duplicated.ok, false);
  t.match(duplicated.firstBroken?.problem, /altered/);
});
