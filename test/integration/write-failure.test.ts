// A write the disk refuses acknowledges nothing and leaves nothing half-written. The
// fault is real: the writer runs in a child process under a file size limit (bash
// `ulimit -f`), so a write past it is cut short or fails with EFBIG, as on a full disk.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { z } from 'zod';
import { LOG_FILE, openEmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import type { StoredEvent } from '../../src/store/event-store.js';
import { startChildScript } from '../support/child-script.js';
import { memoryLogger } from '../support/silent-logger.js';
import { tempDir } from '../support/temp-dir.js';
import { testRegistry, things } from '../support/test-events.js';

const SEED = 10;

const childMessage = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('acknowledged'),
    stream: z.string(),
    revision: z.number().int(),
    position: z.number().int(),
    id: z.string(),
  }),
  z.object({ kind: z.literal('refused'), stream: z.string(), code: z.string(), message: z.string() }),
  z.object({ kind: z.literal('read back'), head: z.number().int(), ids: z.array(z.string()) }),
  z.object({ kind: z.literal('closed') }),
]);

function open(dataDir: string, logger = memoryLogger().logger) {
  return openEmbeddedStore({ dataDir, registry: testRegistry(), logger });
}

async function readAll(dataDir: string, logger = memoryLogger().logger): Promise<StoredEvent[]> {
  const store = await open(dataDir, logger);
  try {
    const events: StoredEvent[] = [];
    for await (const event of store.readAll()) events.push(event);
    return events;
  } finally {
    await store.close();
  }
}

/** A log of SEED events written without any limit; returns their ids and the file size. */
async function seed(dataDir: string): Promise<{ ids: string[]; size: number }> {
  const store = await open(dataDir);
  const events = things(1, SEED);
  await store.append('seed-1', events, { expectedRevision: 'no_stream' });
  await store.close();
  return { ids: events.map((e) => e.id), size: statSync(join(dataDir, LOG_FILE)).size };
}

/** Runs the writers under a limit of `room` bytes (rounded up to 1 KiB blocks) beyond the current log. */
async function writeUntilFull(dataDir: string, options: { writers: number; noteLength: number; room: number }) {
  const size = statSync(join(dataDir, LOG_FILE)).size;
  const blocks = Math.ceil((size + options.room) / 1024);
  const child = startChildScript(
    './write-until-full.ts',
    [dataDir, String(options.writers), String(options.noteLength)],
    { fileSizeLimitBlocks: blocks },
  );
  const end = await child.closed;
  const messages = child.messages.map((m) => childMessage.parse(m));
  return {
    end,
    stderr: child.stderr(),
    limit: blocks * 1024,
    acknowledged: messages.flatMap((m) => (m.kind === 'acknowledged' ? [m] : [])),
    refused: messages.flatMap((m) => (m.kind === 'refused' ? [m] : [])),
    readBack: messages.find((m) => m.kind === 'read back'),
    closed: messages.some((m) => m.kind === 'closed'),
  };
}

t.test('a write cut short by the limit is refused and undone', async (t) => {
  const dataDir = tempDir(t);
  const file = join(dataDir, LOG_FILE);
  const seeded = await seed(dataDir);
  // Records of about 4.3 KB in 10-11 KB of room: two fit, the third is cut short part way.
  const run = await writeUntilFull(dataDir, { writers: 1, noteLength: 4096, room: 10 * 1024 });

  t.match(run.end, { code: 0, signal: null }, `the writer was not killed by the limit ${run.stderr}`);
  t.equal(run.acknowledged.length, 2, 'two appends were acknowledged');
  t.match(
    run.refused,
    [{ stream: 'full-0', code: 'PL_ERR_STORE_UNAVAILABLE', message: /\(only \d+ of \d+ bytes were written\); nothing was recorded/ }],
    'the third was refused, and the message says why',
  );
  t.same(run.readBack?.ids, [...seeded.ids, ...run.acknowledged.map((a) => a.id)], 'the writer reads back only what was acknowledged');
  t.ok(run.closed, 'and closed its store');

  const log = readFileSync(file);
  t.ok(log.length <= run.limit, 'the log is within the limit');
  t.equal(log.at(-1), 10, 'the log ends at the end of a record: the cut-short bytes were removed');
  t.equal(log.subarray(seeded.size).toString('utf8').split('\n').length - 1, 2, 'two lines were added to the seed');

  const { logger, lines } = memoryLogger();
  const events = await readAll(dataDir, logger);
  t.same(lines().filter((line) => 'droppedBytes' in line), [], 'the reopened log had no torn tail to cut');
  t.same(
    events.map((e) => e.id),
    [...seeded.ids, ...run.acknowledged.map((a) => a.id)],
    'the reopened log has the seed and the acknowledged events, nothing else',
  );
  await appendsAfterReopen(t, dataDir, events);
});

t.test('concurrent writers whose group commits hit the limit: exactly the acknowledged events remain', async (t) => {
  const dataDir = tempDir(t);
  const file = join(dataDir, LOG_FILE);
  const seeded = await seed(dataDir);
  const writers = 8;
  const run = await writeUntilFull(dataDir, { writers, noteLength: 300, room: 48 * 1024 });

  t.match(run.end, { code: 0, signal: null }, `the writer was not killed by the limit ${run.stderr}`);
  t.ok(run.acknowledged.length > writers, `appends were acknowledged before the limit (${run.acknowledged.length})`);
  t.equal(run.refused.length, writers, 'every writer was refused in the end');
  for (const refusal of run.refused) {
    t.match(
      refusal,
      { code: 'PL_ERR_STORE_UNAVAILABLE', message: /\((EFBIG|only \d+ of \d+ bytes were written)\); nothing was recorded/ },
      `${refusal.stream} was refused as unavailable`,
    );
  }
  const acknowledgedIds = run.acknowledged.map((a) => a.id);
  t.same(run.readBack?.ids, [...seeded.ids, ...acknowledgedIds], 'the writer reads back exactly what it acknowledged');
  t.equal(run.readBack?.head, SEED + run.acknowledged.length, 'and its head did not move for refused appends');

  const log = readFileSync(file);
  t.ok(log.length <= run.limit, 'the log is within the limit');
  t.equal(log.at(-1), 10, 'the log ends at the end of a record');
  t.equal(log.toString('utf8').split('\n').length - 1, SEED + run.acknowledged.length, 'one line per acknowledged event');

  const { logger, lines } = memoryLogger();
  const events = await readAll(dataDir, logger);
  t.same(lines().filter((line) => 'droppedBytes' in line), [], 'the reopened log had no torn tail to cut');
  t.same(events.map((e) => e.position), events.map((_, i) => i + 1), 'positions are contiguous');
  t.same(events.map((e) => e.id), [...seeded.ids, ...acknowledgedIds], 'the reopened log has exactly the acknowledged events');
  for (const ack of run.acknowledged) {
    const stored = events[ack.position - 1];
    if (stored?.id !== ack.id || stored.stream !== ack.stream || stored.revision !== ack.revision) {
      t.fail(`acknowledged ${ack.stream}@${ack.revision} at ${ack.position} is not where it was acknowledged`);
    }
  }
  await appendsAfterReopen(t, dataDir, events);
});

/** Without the limit, each stream takes a new event at its next revision, and keeps it. */
async function appendsAfterReopen(t: Test, dataDir: string, before: readonly StoredEvent[]): Promise<void> {
  const revisions = new Map<string, number>();
  for (const event of before) revisions.set(event.stream, event.revision);
  const store = await open(dataDir);
  const added: string[] = [];
  for (const [stream, revision] of revisions) {
    const [event] = things(revision + 1, 1);
    if (!event) continue;
    await store.append(stream, [event], { expectedRevision: revision });
    added.push(event.id);
  }
  await store.close();
  const after = await readAll(dataDir);
  t.same(after.map((e) => e.id), [...before.map((e) => e.id), ...added], 'new appends work and survive a reopen');
}
