// What the embedded store does with a damaged log at open. A write torn by a crash
// (an unterminated last line, or zero bytes the disk never wrote, with no record after
// them) is cut off, logged, and the store carries on. Anything else that fails its
// checks is corruption, the last whole record included: the open stops, names the
// place, and changes nothing. The read-only reader and the verifier judge the same way.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import t, { type Test } from 'tap';
import { verifyEmbeddedLog } from '../../src/audit/verify-log.js';
import { LOCK_FILE } from '../../src/store/embedded/data-folder-lock.js';
import { LOG_FILE, openEmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { encodeRecord } from '../../src/store/embedded/log-record.js';
import { readAllReadOnly, readOnlyHeadPosition } from '../../src/store/embedded/read-only-log.js';
import type { StoredEvent } from '../../src/store/event-store.js';
import { memoryLogger } from '../support/silent-logger.js';
import { tempDir } from '../support/temp-dir.js';
import { testRegistry, thing } from '../support/test-events.js';

const STREAM = 'recovery-1';

function open(dataDir: string, logger = memoryLogger().logger) {
  return openEmbeddedStore({ dataDir, registry: testRegistry(), logger });
}

async function readAll(dataDir: string): Promise<StoredEvent[]> {
  const store = await open(dataDir);
  try {
    const events: StoredEvent[] = [];
    for await (const event of store.readAll()) events.push(event);
    return events;
  } finally {
    await store.close();
  }
}

/** A log of `count` events in one stream, data {n: revision, note?}; returns the ids written. */
async function seed(dataDir: string, count: number, noteOf: (n: number) => string | undefined = () => undefined): Promise<string[]> {
  const store = await open(dataDir);
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const event = thing(n, noteOf(n));
    await store.append(STREAM, [event], { expectedRevision: n === 0 ? 'no_stream' : n - 1 });
    ids.push(event.id);
  }
  await store.close();
  return ids;
}

async function readOnly(dataDir: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of readAllReadOnly(dataDir, testRegistry())) events.push(event);
  return events;
}

/**
 * The auditor's tools, which read the file without opening the store, must see the damage the open sees.
 * The read-only head reads only the end of the file, so it is asked only about damage there.
 */
async function auditorsSeeDamage(t: Test, dataDir: string, damage: { byteOffset: number; position: number }, atTheEnd: boolean): Promise<void> {
  await t.rejects(readOnly(dataDir), { code: 'PL_ERR_STORE_CORRUPT', ...damage }, 'the read-only reader reports the same place');
  if (atTheEnd) await t.rejects(readOnlyHeadPosition(dataDir), { code: 'PL_ERR_STORE_CORRUPT', ...damage }, 'and so does the read-only head');
  const report = await verifyEmbeddedLog(dataDir, undefined, { threads: false });
  t.match(report, { ok: false, firstBroken: damage }, 'verification reports it rather than passing the log');
}

/** The byte offset at which each line of the log starts. */
function lineStarts(log: Buffer): number[] {
  const starts = [0];
  for (let at = log.indexOf(10); at !== -1 && at + 1 < log.length; at = log.indexOf(10, at + 1)) starts.push(at + 1);
  return starts;
}

/** A record as the store would write it at the given position of STREAM. */
function nextRecord(position: number): Buffer {
  return encodeRecord({
    position,
    stream: STREAM,
    revision: position - 1,
    id: thing(0).id,
    type: 'ThingHappened',
    schemaVersion: 1,
    // Later than the events each test writes before it: recorded times never go back in the log.
    recordedAt: new Date(Date.now() + 30_000).toISOString(),
    data: { n: position - 1, note: 'a record the crash cut short' },
    metadata: {},
  });
}

t.test('a torn tail is cut off at open, logged, and the store carries on', async (t) => {
  const torn = nextRecord(4);
  const whole = nextRecord(4);
  const tails: { name: string; tail: Buffer; kept: number }[] = [
    { name: 'half a record', tail: torn.subarray(0, Math.floor(torn.length / 2)), kept: 0 },
    // A whole record but for its newline: still a prefix of what was written.
    { name: 'a record without its newline', tail: torn.subarray(0, torn.length - 1), kept: 0 },
    { name: 'trailing zero bytes', tail: Buffer.alloc(4096), kept: 0 },
    // Blocks the disk had not written when the machine stopped read back as zeros; no record holds a zero byte.
    { name: 'a line of zero bytes', tail: Buffer.concat([Buffer.alloc(100), Buffer.from('\n')]), kept: 0 },
    {
      name: 'a whole record, a zero-filled block, the end of the batch and half a record',
      tail: Buffer.concat([whole, Buffer.alloc(4096), nextRecord(5).subarray(120), nextRecord(6).subarray(0, 60)]),
      kept: whole.length,
    },
    { name: 'the first 9 MB of a longer record', tail: Buffer.from(`{"position":4,"stream":"${STREAM}","revision":3,"data":{"note":"${'x'.repeat(9 * 1024 * 1024)}`), kept: 0 },
    // A batch written in full but for the end of its last record: the whole records stay.
    { name: 'a whole record, then half of the next', tail: Buffer.concat([whole, nextRecord(5).subarray(0, 100)]), kept: whole.length },
  ];

  for (const { name, tail, kept } of tails) {
    await t.test(name, async (t) => {
      const dataDir = tempDir(t);
      const file = join(dataDir, LOG_FILE);
      const ids = await seed(dataDir, 3);
      const before = readFileSync(file);
      appendFileSync(file, tail);

      const whole = kept > 0 ? 4 : 3;
      t.equal((await readOnly(dataDir)).length, whole, 'the read-only reader leaves the torn tail out');
      t.equal(await readOnlyHeadPosition(dataDir), whole, 'so does the read-only head');
      t.match(await verifyEmbeddedLog(dataDir, undefined, { threads: false }), { ok: true, events: whole }, 'and verification');

      const { logger, lines } = memoryLogger();
      const store = await open(dataDir, logger);
      const warning = lines().find((line) => 'droppedBytes' in line);
      t.match(warning, { level: 40, file, droppedBytes: tail.length - kept }, 'a warning says how many bytes were cut');
      t.equal(readFileSync(file).length, before.length + kept, 'the file was cut back to the last whole record');
      t.same(readFileSync(file).subarray(0, before.length), before, 'the records before the tail are untouched');

      const events = await store.readStream(STREAM);
      t.same(events.slice(0, 3).map((e) => e.id), ids, 'the earlier events read back');
      const revision = events.length - 1;
      const added = thing(revision + 1);
      const result = await store.append(STREAM, [added], { expectedRevision: revision });
      t.equal(result.position, events.length + 1, 'a new append takes the next position');
      await store.close();

      const again = memoryLogger();
      const reopened = await open(dataDir, again.logger);
      const after = await reopened.readStream(STREAM);
      await reopened.close();
      t.same(after.map((e) => e.id), [...events.map((e) => e.id), added.id], 'the new event survives another reopen');
      t.same(after.map((e) => e.revision), after.map((_, i) => i), 'revisions run on without a gap');
      t.same(again.lines().filter((line) => 'droppedBytes' in line), [], 'and nothing more was cut');
    });
  }
});

t.test('a changed byte in any whole record, the last one too, stops the open, names the place and changes nothing', async (t) => {
  const cases = [
    { name: 'in record 2 of 5', records: 5, damaged: 2, bigNote: 0 },
    { name: 'in record 4 of 5', records: 5, damaged: 4, bigNote: 0 },
    // The line ends in its newline: it was written whole, so it is no torn write to cut off.
    { name: 'in record 5 of 5, the last whole record', records: 5, damaged: 5, bigNote: 0 },
    { name: 'in record 1 of 1', records: 1, damaged: 1, bigNote: 0 },
    // Longer than the 8 MB the scan reads at a time, so the damaged line spans reads.
    { name: 'in a 9 MB record, 2 of 3', records: 3, damaged: 2, bigNote: 9 * 1024 * 1024 },
  ];
  for (const { name, records, damaged, bigNote } of cases) {
    await t.test(name, async (t) => {
      const dataDir = tempDir(t);
      const file = join(dataDir, LOG_FILE);
      await seed(dataDir, records, (n) => (n === damaged - 1 && bigNote > 0 ? 'x'.repeat(bigNote) : undefined));
      const log = readFileSync(file);
      const offset = lineStarts(log)[damaged - 1] ?? -1;
      const flipAt = offset + 40; // inside the record, well before its newline
      log[flipAt] = (log[flipAt] ?? 0) ^ 0x01;
      writeFileSync(file, log);

      const error = {
        code: 'PL_ERR_STORE_CORRUPT',
        file,
        byteOffset: offset,
        position: damaged,
        message: new RegExp(`damaged at byte ${offset} \\(position ${damaged}\\): its checksum is .*${lastGood(damaged - 1)}`),
      };
      await t.rejects(open(dataDir), error);
      t.ok(readFileSync(file).equals(log), 'the file was not modified');
      t.notOk(existsSync(join(dataDir, LOCK_FILE)), 'the failed open released the lock');
      await t.rejects(open(dataDir), error, 'a second open finds the same damage (not a lock)');
      await auditorsSeeDamage(t, dataDir, { byteOffset: offset, position: damaged }, damaged === records);
      t.ok(readFileSync(file).equals(log), 'still unmodified');
    });
  }
});

/** How the refusal names the last record that is still whole. */
const lastGood = (position: number) => (position > 0 ? `the last whole record before it is position ${position}` : 'no whole record comes before it');

t.test('damage at the end that a crash cannot leave is corruption, not a torn tail', async (t) => {
  const flipped = (line: Buffer) => {
    const copy = Buffer.from(line);
    copy[40] = (copy[40] ?? 0) ^ 0x01;
    return copy;
  };
  // Each case rewrites the last line (record 4 of 4) and may add a tail; the damage is at the last line's start.
  // lastLineIsWhole: the read-only head, which reads back from the end to the last whole record, cannot see damage before it.
  const cases: { name: string; last: (line: Buffer) => Buffer; tail: Buffer; message: RegExp; lastLineIsWhole?: boolean }[] = [
    { name: 'a changed byte in the last whole record, then half a record', last: flipped, tail: nextRecord(5).subarray(0, 80), message: /its checksum is/ },
    {
      name: 'the newline of the last record replaced by another byte',
      last: (line) => Buffer.concat([line.subarray(0, line.length - 1), Buffer.from(' ')]),
      tail: Buffer.alloc(0),
      message: /newline/,
    },
    { name: 'a whole line that is no record', last: (line) => Buffer.concat([line, Buffer.from('not a record\n')]), tail: Buffer.alloc(0), message: /too short/ },
    // A disk that lost a block in the middle of the log looks the same: what follows may have been acknowledged.
    {
      name: 'a zero-filled block with a whole record after it',
      last: (line) => Buffer.concat([line, Buffer.alloc(4096), Buffer.from('\n'), nextRecord(5)]),
      tail: Buffer.alloc(0),
      message: /zero bytes/,
      lastLineIsWhole: true,
    },
  ];
  for (const { name, last, tail, message, lastLineIsWhole = false } of cases) {
    await t.test(name, async (t) => {
      const dataDir = tempDir(t);
      const file = join(dataDir, LOG_FILE);
      await seed(dataDir, 4);
      const original = readFileSync(file);
      const lastStart = lineStarts(original)[3] ?? -1;
      const lastLine = original.subarray(lastStart);
      const changed = last(lastLine);
      // Where the damage shows: the last line itself, or the first byte after it when it was kept whole.
      const damagedAt = changed.subarray(0, lastLine.length).equals(lastLine) ? original.length : lastStart;
      const position = damagedAt === original.length ? 5 : 4;
      const log = Buffer.concat([original.subarray(0, lastStart), changed, tail]);
      writeFileSync(file, log);

      await t.rejects(open(dataDir), {
        code: 'PL_ERR_STORE_CORRUPT',
        byteOffset: damagedAt,
        position,
        message: new RegExp(`damaged at byte ${damagedAt} \\(position ${position}\\): .*${message.source}.*${lastGood(position - 1)}`),
      });
      t.ok(readFileSync(file).equals(log), 'the file was not modified');
      await auditorsSeeDamage(t, dataDir, { byteOffset: damagedAt, position }, !lastLineIsWhole);
    });
  }
});

t.test('a deleted line or two swapped lines stop the open, even next to the tail', async (t) => {
  const deleted = (line: number) => (lines: Buffer[]) => lines.filter((_, i) => i !== line - 1);
  const swapped = (line: number) => (lines: Buffer[]) =>
    lines.map((record, i) => (i === line - 1 ? lines[i + 1] : i === line ? lines[i - 1] : record) ?? record);
  // `at` is the line where the damage shows: the position that should be there but is not.
  const cases = [
    { name: 'line 3 of 6 deleted', change: deleted(3), at: 3 },
    { name: 'lines 3 and 4 of 6 swapped', change: swapped(3), at: 3 },
    // The last line is whole and checksummed, so this is not a torn write to cut off.
    { name: 'line 5 of 6 deleted', change: deleted(5), at: 5 },
    { name: 'lines 5 and 6 of 6 swapped', change: swapped(5), at: 5 },
  ];
  for (const { name, change, at } of cases) {
    await t.test(name, async (t) => {
      const dataDir = tempDir(t);
      const file = join(dataDir, LOG_FILE);
      await seed(dataDir, 6);
      const original = readFileSync(file);
      const starts = lineStarts(original);
      const lines = starts.map((start, i) => original.subarray(start, starts[i + 1] ?? original.length));
      const log = Buffer.concat(change(lines));
      writeFileSync(file, log);

      const offset = starts[at - 1] ?? -1;
      await t.rejects(open(dataDir), {
        code: 'PL_ERR_STORE_CORRUPT',
        byteOffset: offset,
        position: at,
        message: new RegExp(`damaged at byte ${offset} \\(position ${at}\\): position ${at + 1} follows position ${at - 1}`),
      });
      t.same(readFileSync(file), log, 'the file was not modified');
    });
  }
});

t.test('the log reads with standard tools: one JSON object per line, with its checksum', async (t) => {
  const dataDir = tempDir(t);
  const ids = await seed(dataDir, 3);
  const store = await open(dataDir);
  await store.append('recovery-2', [thing(0, 'naïve café, "quoted"\nnew line')], { expectedRevision: 'no_stream' });
  await store.close();

  const text = readFileSync(join(dataDir, LOG_FILE), 'utf8');
  t.ok(text.endsWith('\n'), 'the file ends with a newline');
  const lines = text.slice(0, -1).split('\n');
  t.equal(lines.length, 4, 'one line per event');
  lines.forEach((line, i) => {
    const record: unknown = JSON.parse(line);
    t.match(
      record,
      {
        position: i + 1,
        stream: i < 3 ? STREAM : 'recovery-2',
        revision: i < 3 ? i : 0,
        id: i < 3 ? ids[i] : String,
        type: 'ThingHappened',
        schemaVersion: 1,
        recordedAt: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
        data: i < 3 ? { n: i } : { n: 0, note: 'naïve café, "quoted"\nnew line' },
        metadata: {},
        checksum: /^[0-9a-f]{8}$/,
      },
      `line ${i + 1} parses as the event`,
    );
    // An auditor can check a line by hand: CRC-32 of the bytes before `,"checksum"`.
    const body = line.slice(0, line.lastIndexOf(',"checksum":"'));
    t.equal(crc32(Buffer.from(body)).toString(16).padStart(8, '0'), JSON.parse(line).checksum, `line ${i + 1} checksum`);
  });
  t.same((await readAll(dataDir)).length, 4);
});
