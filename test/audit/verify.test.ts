import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { checkAgainstCheckpoint, createSigningKeyFile, makeCheckpoint } from '../../src/audit/checkpoint.js';
import { eventHash } from '../../src/events/event-hash.js';
import { embeddedLinks, verifyEmbeddedLog, verifyStore } from '../../src/audit/verify-log.js';
import { CommandHandler } from '../../src/application/command-handler.js';
import type { Actor } from '../../src/domain/actor.js';
import { decisionDecider, type DecisionCommand } from '../../src/domain/decisions/decide.js';
import { decisionEventDefinitions, decisionStream } from '../../src/domain/decisions/decision-events.js';
import { LOG_FILE, openEmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { encodeRecord, parseRecord, type LogRecord } from '../../src/store/embedded/log-record.js';
import { EventRegistry } from '../../src/events/event-registry.js';
import { memoryLogger } from '../support/silent-logger.js';
import { tempDir } from '../support/temp-dir.js';

/** The log's links one at a time, as checkpoints take them. */
async function* linksIn(dataDir: string) {
  for await (const links of embeddedLinks(dataDir, () => {})) yield* links;
}

/** The verdict on the whole file, checked to be the same when the file is cut into segments and joined back. */
async function verified(t: Test, dataDir: string) {
  const whole = await verifyEmbeddedLog(dataDir);
  for (const segments of [2, 3, 6]) {
    t.same(await verifyEmbeddedLog(dataDir, undefined, { segments, threads: false }), whole, `the same verdict from ${segments} segments`);
  }
  t.same(await verifyEmbeddedLog(dataDir, undefined, { segments: 2 }), whole, 'and from 2 segments in worker threads');
  return whole;
}

const registry = () => new EventRegistry().define(...decisionEventDefinitions);
const actor: Actor = { id: 'tok-c', name: 'Commissioning team', role: 'commissioner' };
const now = '2026-03-02T10:00:00+00:00';
const ids = ['a', 'b'].map((c) => `${c.repeat(8)}-aaaa-4aaa-8aaa-${c.repeat(12)}`);

/** Two decisions, three events each, interleaved: positions 1..6. */
async function writeLog(dataDir: string): Promise<void> {
  const store = await openEmbeddedStore({ dataDir, registry: registry(), logger: memoryLogger().logger });
  const handler = new CommandHandler(store, registry());
  const run = (decisionId: string, command: Omit<DecisionCommand, 'actor' | 'now'>) =>
    handler.handle(decisionDecider, decisionStream(decisionId), { ...command, actor, now } as DecisionCommand, { commandId: crypto.randomUUID() });
  for (const decisionId of ids) {
    await run(decisionId, {
      type: 'ProposeDecision',
      data: {
        decisionId,
        kind: 'commissioning',
        title: 'Holly Road day service',
        summary: 'Change the day service.',
        easyReadSummary: ['We want to change the day service.'],
        proposedBy: { role: 'commissioner', organisation: 'Leeds City Council' },
        affects: { people: ['P-7K2Q9M'], groups: [] },
        organisations: [],
      },
    });
  }
  for (let n = 0; n < 2; n++) {
    for (const decisionId of ids) {
      await run(decisionId, {
        type: 'RecordView',
        data: { viewId: crypto.randomUUID(), by: { role: 'person-using-support', personId: 'P-7K2Q9M' }, stance: 'supports', inOwnWords: `I like it (${n})` },
      });
    }
  }
  await store.close();
}

/** The auditor's key, in a folder of its own apart from the data folder. */
const auditorKey = (t: Test) => createSigningKeyFile(join(tempDir(t, 'pl-auditor-'), 'checkpoint-key.pem'), []);

const lines = (dataDir: string) => readFileSync(join(dataDir, LOG_FILE), 'utf8').split('\n').filter(Boolean);
const save = (dataDir: string, all: string[]) => writeFileSync(join(dataDir, LOG_FILE), all.map((l) => `${l}\n`).join(''));
const reencode = (record: LogRecord) => encodeRecord(record).toString('utf8').trimEnd();

t.test('an untouched log verifies, from the file and through the store', async (t) => {
  const dataDir = tempDir(t);
  await writeLog(dataDir);
  const report = await verified(t, dataDir);
  t.equal(report.ok, true, report.summary);
  t.equal(report.events, 6);
  t.equal(report.streams, 2);
  t.equal(report.unchained, 0, 'every event is chained');
  const store = await openEmbeddedStore({ dataDir, registry: registry(), logger: memoryLogger().logger });
  t.teardown(() => store.close());
  t.equal((await verifyStore(store)).ok, true);
});

t.test('one flipped byte is found and located by its checksum', async (t) => {
  const dataDir = tempDir(t);
  await writeLog(dataDir);
  const all = lines(dataDir);
  all[3] = (all[3] ?? '').replace('I like it', 'I like iT');
  save(dataDir, all);
  const report = await verified(t, dataDir);
  t.equal(report.ok, false);
  t.equal(report.firstBroken?.position, 4);
  t.match(report.summary, /position 4/);
  t.match(report.firstBroken?.problem, /checksum/);
});

t.test('the end of the file is judged as the store judges it at open: a torn tail is left out, a damaged last line is found', async (t) => {
  const dataDir = tempDir(t);
  await writeLog(dataDir);
  const intact = readFileSync(join(dataDir, LOG_FILE));
  const lastLine = lines(dataDir)[5] ?? '';
  const lastStart = intact.length - Buffer.byteLength(lastLine) - 1;
  const saveBytes = (...parts: (string | Buffer)[]) => writeFileSync(join(dataDir, LOG_FILE), Buffer.concat([intact, ...parts.map((p) => Buffer.from(p))]));

  // Zero bytes the disk never wrote, then the rest of an unacknowledged batch cut short.
  saveBytes(Buffer.alloc(4096), `${lastLine.slice(200)}\n`, lastLine.slice(0, 90));
  t.match(await verified(t, dataDir), { ok: true, events: 6 }, 'a torn tail with a zero-filled block is not part of the log');

  const all = lines(dataDir).slice(0, 6);
  all[5] = lastLine.replace('I like it', 'I like iT');
  save(dataDir, all);
  t.match(await verified(t, dataDir), { ok: false, firstBroken: { position: 6, byteOffset: lastStart, problem: /checksum.*written whole/ } }, 'a changed byte in the last whole line');

  saveBytes(Buffer.alloc(4096), '\n', `${lines(dataDir)[0]}\n`);
  t.match(await verified(t, dataDir), { ok: false, firstBroken: { position: 7, byteOffset: intact.length, problem: /zero bytes/ } }, 'a zero-filled block with a whole line after it');
});

t.test('an altered event with a recomputed checksum is caught by its hash', async (t) => {
  const dataDir = tempDir(t);
  await writeLog(dataDir);
  const all = lines(dataDir);
  const record = parseRecord(Buffer.from(`${all[4]}\n`), 0, Buffer.byteLength(`${all[4]}\n`));
  all[4] = reencode({ ...record, data: { ...(record.data as object), inOwnWords: 'I hate it' } });
  save(dataDir, all);
  const report = await verified(t, dataDir);
  t.equal(report.ok, false);
  t.same({ position: report.firstBroken?.position, stream: report.firstBroken?.stream, revision: report.firstBroken?.revision }, { position: 5, stream: decisionStream(ids[0] ?? ''), revision: 2 });
  t.match(report.firstBroken?.problem, /altered/);
});

t.test('a deleted event is found', async (t) => {
  const dataDir = tempDir(t);
  await writeLog(dataDir);
  const all = lines(dataDir);
  all.splice(2, 1);
  save(dataDir, all);
  const report = await verified(t, dataDir);
  t.equal(report.ok, false);
  t.equal(report.firstBroken?.position, 4, 'located where the gap is');
  t.match(report.firstBroken?.problem, /missing/);
});

t.test('two swapped events are found', async (t) => {
  const dataDir = tempDir(t);
  await writeLog(dataDir);
  const all = lines(dataDir);
  [all[2], all[4]] = [all[4] ?? '', all[2] ?? ''];
  save(dataDir, all);
  const report = await verified(t, dataDir);
  t.equal(report.ok, false);
  t.equal(report.firstBroken?.position, 5);
  t.match(report.firstBroken?.problem, /missing|reordered/);
});

t.test('a truncated stream is found: by the gap it leaves, or by a checkpoint when the gap was closed', async (t) => {
  const dataDir = tempDir(t);
  await writeLog(dataDir);
  const all = lines(dataDir);
  const key = auditorKey(t);
  const checkpoint = await makeCheckpoint(linksIn(dataDir), key, 'embedded', now);
  // The first decision's stream loses its last event (position 5).
  save(dataDir, all.filter((_, i) => i !== 4));
  const plain = await verified(t, dataDir);
  t.equal(plain.ok, false);
  t.equal(plain.firstBroken?.position, 6, 'located where the gap is');
  // A forger renumbers what follows and recomputes the checksums: every chain is whole again…
  const renumbered = all
    .filter((_, i) => i !== 4)
    .map((line, i) => reencode({ ...parseRecord(Buffer.from(`${line}\n`), 0, Buffer.byteLength(`${line}\n`)), position: i + 1 }));
  save(dataDir, renumbered);
  t.equal((await verified(t, dataDir)).ok, true, 'the chains alone cannot see a cut at the end of a stream');
  // …but the checkpoint kept by the auditor can.
  const result = await checkAgainstCheckpoint(linksIn(dataDir), checkpoint, key.publicKeyPem);
  t.equal(result.ok, false);
  t.match(result.summary, /removed|rewritten/);
});

t.test('a signed checkpoint proves later logs still hold that history', async (t) => {
  const dataDir = tempDir(t);
  await writeLog(dataDir);
  const key = auditorKey(t);
  const events = () => linksIn(dataDir);
  const checkpoint = await makeCheckpoint(events(), key, 'embedded', now);
  t.equal(checkpoint.statement.size, 6);

  // The log grows: still consistent.
  const all = lines(dataDir);
  const record = parseRecord(Buffer.from(`${all[5]}\n`), 0, Buffer.byteLength(`${all[5]}\n`));
  const next = { ...record, position: 7, revision: 3, id: crypto.randomUUID(), metadata: { ...record.metadata, previousHash: record.metadata.hash } };
  const appended = { ...next, metadata: { ...next.metadata, hash: eventHash(next) } };
  save(dataDir, [...all, reencode(appended)]);
  const grown = await checkAgainstCheckpoint(events(), checkpoint, key.publicKeyPem);
  t.equal(grown.ok, true, grown.summary);
  t.equal(grown.currentSize, 7);

  // A careful rewrite of the last event of a stream (hash and checksum recomputed) passes the chain but not the checkpoint.
  const first = parseRecord(Buffer.from(`${all[4]}\n`), 0, Buffer.byteLength(`${all[4]}\n`));
  const forged = { ...first, data: { ...(first.data as object), inOwnWords: 'Something else' } };
  const rewritten = [...all];
  rewritten[4] = reencode({ ...forged, metadata: { ...forged.metadata, hash: eventHash(forged) } });
  save(dataDir, rewritten);
  const result = await checkAgainstCheckpoint(events(), checkpoint, key.publicKeyPem);
  t.equal(result.ok, false);
  t.match(result.summary, /rewritten/);

  // Removing events is caught too, and so is an edited statement.
  save(dataDir, all.slice(0, 4));
  t.match((await checkAgainstCheckpoint(events(), checkpoint, key.publicKeyPem)).summary, /removed/);
  const edited = { ...checkpoint, statement: { ...checkpoint.statement, size: 4 } };
  t.equal((await checkAgainstCheckpoint(events(), edited, key.publicKeyPem)).signatureValid, false);
});
