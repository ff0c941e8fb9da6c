// The auditor's commands, run as an auditor runs them: separate Node processes reading
// DATA_DIR, here while the test process still holds the data folder open (and locked).
import { createPublicKey } from 'node:crypto';
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { createSigningKeyFile } from '../../src/audit/checkpoint.js';
import { eventHash } from '../../src/events/event-hash.js';
import { progressBar, progressLine } from '../../src/shared/progress.js';
import { decisionStream } from '../../src/domain/decisions/decision-events.js';
import { LOG_FILE } from '../../src/store/embedded/embedded-store.js';
import { encodeRecord, parseRecord } from '../../src/store/embedded/log-record.js';
import { openStore } from '../../src/store/open-store.js';
import { chainedLogRegistry, writeChainedLog } from '../support/chained-log.js';
import { memoryLogger } from '../support/silent-logger.js';
import { runCli, type CliRun } from '../support/cli-runner.js';
import { tempDir } from '../support/temp-dir.js';

const DECISIONS = 12;
const VIEWS = 9;
const EVENTS = DECISIONS * (1 + VIEWS);
const ESCAPE = '\x1b';

type Run = CliRun;


async function openLog(dataDir: string) {
  return openStore({ dataDir, registry: chainedLogRegistry(), logger: memoryLogger().logger });
}

/** A log of DECISIONS decisions with VIEWS views each, left open (the data folder stays locked) until the test ends. */
async function openWrittenLog(t: Test) {
  const dataDir = tempDir(t, 'pl-cli-');
  const store = await openLog(dataDir);
  t.teardown(() => store.close());
  const { decisionIds } = await writeChainedLog(store, { decisions: DECISIONS, viewsPerDecision: VIEWS });
  return { dataDir, store, decisionIds };
}

/** The auditor's key, in a folder of its own apart from the data folder, and its public half beside it. */
function auditorKey(t: Test) {
  const home = tempDir(t, 'pl-auditor-');
  const file = join(home, 'checkpoint-key.pem');
  const { publicKeyPem, fingerprint } = createSigningKeyFile(file, []);
  const publicFile = join(home, 'checkpoint-key.pub.pem');
  writeFileSync(publicFile, publicKeyPem);
  return { file, publicFile, fingerprint };
}

const logLines = (dataDir: string) => readFileSync(join(dataDir, LOG_FILE), 'utf8').split('\n').filter(Boolean);
const saveLines = (dataDir: string, lines: string[]) => writeFileSync(join(dataDir, LOG_FILE), lines.map((l) => `${l}\n`).join(''));
const jsonLines = (text: string) => text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);

t.test('the progress bar redraws one line on a terminal, at most ten times a second, and writes nothing when piped', async (t) => {
  t.equal(
    progressLine({ label: 'verify', total: 1_000_000, positionsCountEvents: true }, 612_000, 612_000, 2.14),
    'verify ▕████████████░░░░░░░░▏ 61% 612,000 / 1,000,000 events  2.1 s',
  );
  t.equal(progressLine({ label: 'export', total: 5000, positionsCountEvents: false }, 3, 2500, 0), 'export ▕██████████░░░░░░░░░░▏ 50% 3 events  0.0 s');
  t.equal(progressLine({ label: 'verify', total: 0, positionsCountEvents: false }, 70_000, 70_000, 1.25), 'verify 70,000 events  1.3 s', 'no bar without a known end');

  const written: string[] = [];
  let now = 0;
  const terminal = { isTTY: true, write: (text: string) => written.push(text) > 0 };
  const bar = progressBar({ label: 'verify', total: 100, positionsCountEvents: true, output: terminal, clock: () => now });
  bar.update(1);
  now = 50;
  bar.update(2);
  now = 120;
  bar.update(3);
  bar.finish();
  t.equal(written.length, 3, 'two draws (the second update came too soon) and one clear');
  t.match(written[0], /^\r\x1b\[2Kverify ▕.*▏ 1% 1 \/ 100 events {2}0\.0 s$/);
  t.match(written[1], /3% 3 \/ 100 events {2}0\.1 s$/);
  t.equal(written[2], '\r\x1b[2K', 'cleared at the end');

  const narrow: string[] = [];
  progressBar({ label: 'verify', total: 100, positionsCountEvents: true, output: { isTTY: true, columns: 30, write: (text) => narrow.push(text) > 0 } }).update(1);
  t.equal(narrow[0]?.length, '\r\x1b[2K'.length + 29, 'never wider than the terminal');

  const piped: string[] = [];
  const quiet = progressBar({ label: 'verify', total: 100, positionsCountEvents: true, output: { isTTY: false, write: (text) => piped.push(text) > 0 } });
  quiet.update(50);
  quiet.finish();
  t.same(piped, []);
});

t.test('verify: an intact log passes while the server still holds the data folder', async (t) => {
  const { dataDir } = await openWrittenLog(t);
  const run = await runCli('verify', [], dataDir);
  t.equal(run.code, 0, run.stderr);
  t.equal(run.stdout, `Verified ${EVENTS} events in ${DECISIONS} streams: nothing altered, removed or reordered.\n`);
  t.notOk(run.stderr.includes(ESCAPE), 'no progress bar when stderr is piped');

  const json = await runCli('verify', ['--json'], dataDir);
  t.equal(json.code, 0);
  t.match(JSON.parse(json.stdout), { ok: true, store: 'embedded', verification: { ok: true, events: EVENTS, streams: DECISIONS, unchained: 0 } });
});

t.test('verify: a flipped byte exits 2 and names the broken place', async (t) => {
  const { dataDir, store } = await openWrittenLog(t);
  await store.close();
  const lines = logLines(dataDir);
  lines[40] = (lines[40] ?? '').replace('I like it', 'I like iT');
  saveLines(dataDir, lines);

  const run = await runCli('verify', [], dataDir);
  t.equal(run.code, 2);
  t.match(run.stdout, /BROKEN/);
  t.match(run.stdout, /First broken place: position 41 \(byte [\d,]+ of the log file\)\./);
  t.match(run.stdout, /What is wrong: .*checksum/);
  t.match(run.stdout, /The 40 events before it are intact\./);

  const json = await runCli('verify', ['--json'], dataDir);
  t.equal(json.code, 2);
  t.match(JSON.parse(json.stdout), { ok: false, verification: { ok: false, firstBroken: { position: 41 } } });
});

t.test('verify: an altered event with a recomputed checksum is named by stream and revision', async (t) => {
  const { dataDir, store, decisionIds } = await openWrittenLog(t);
  await store.close();
  const lines = logLines(dataDir);
  const line = `${lines[30]}\n`;
  const record = parseRecord(Buffer.from(line), 0, Buffer.byteLength(line));
  lines[30] = encodeRecord({ ...record, data: { ...(record.data as object), inOwnWords: 'I hate it' } }).toString('utf8').trimEnd();
  saveLines(dataDir, lines);

  const run = await runCli('verify', [], dataDir);
  t.equal(run.code, 2);
  // Position 31 is the second round's view on the seventh decision: its revision 2.
  t.match(run.stdout, `First broken place: stream ${decisionStream(decisionIds[6] ?? '')}, revision 2, position 31`);
  t.match(run.stdout, /altered after it was written/);
});

t.test('verify: usage errors exit 1', async (t) => {
  const dataDir = tempDir(t, 'pl-cli-');
  const unknown = await runCli('verify', ['--frobnicate'], dataDir);
  t.equal(unknown.code, 1);
  t.match(unknown.stderr, /Usage: npm run verify/);
  const noLog = await runCli('verify', [], join(dataDir, 'nowhere'));
  t.equal(noLog.code, 1);
  t.match(noLog.stderr, /There is no event log in/);
  const noCheckpoint = await runCli('verify', ['--against', join(dataDir, 'missing.json')], dataDir);
  t.equal(noCheckpoint.code, 1);
  t.match(noCheckpoint.stderr, /could not be read/);
});

t.test('checkpoint, then verify --against it: passes as the log grows, fails after a rewrite', async (t) => {
  const { dataDir, store, decisionIds } = await openWrittenLog(t);
  const key = auditorKey(t);
  const printed = await runCli('checkpoint', ['--key', key.file], dataDir);
  t.equal(printed.code, 0, printed.stderr);
  t.match(JSON.parse(printed.stdout), { statement: { kind: 'partnership-log-checkpoint', size: EVENTS, lastPosition: EVENTS, store: 'embedded' } });

  const file = join(dataDir, 'checkpoint.json');
  const written = await runCli('checkpoint', ['--key', key.file, '--out', file], dataDir);
  t.equal(written.code, 0, written.stderr);
  t.match(written.stderr, `Signed a checkpoint of ${EVENTS} events`);
  const checkpoint = JSON.parse(readFileSync(file, 'utf8')) as { publicKey: string };
  const signingKey = createPublicKey(readFileSync(key.file, 'utf8'));
  t.equal(checkpoint.publicKey, signingKey.export({ type: 'spki', format: 'pem' }).toString(), 'signed with the auditor’s key');

  await writeChainedLog(store, { decisionIds: decisionIds.slice(0, 2), viewsPerDecision: 1 });
  const grown = await runCli('verify', ['--against', file, '--public-key', key.publicFile], dataDir);
  t.equal(grown.code, 0, grown.stdout + grown.stderr);
  t.match(grown.stdout, /Checkpoint: The log still holds the 120 events signed at .*; 2 event\(s\) were added since\./);

  // A careful forger rewrites a view and recomputes its hash and checksum: every chain still holds…
  await store.close();
  const lines = logLines(dataDir);
  // The last view of a stream that did not grow, so no later hash points at it.
  const index = lines.findIndex((l) => l.includes(`"stream":"${decisionStream(decisionIds[5] ?? '')}","revision":${VIEWS},`));
  t.not(index, -1);
  const line = `${lines[index]}\n`;
  const record = parseRecord(Buffer.from(line), 0, Buffer.byteLength(line));
  const forged = { ...record, data: { ...(record.data as object), inOwnWords: 'Something else' } };
  lines[index] = encodeRecord({ ...forged, metadata: { ...forged.metadata, hash: eventHash(forged) } }).toString('utf8').trimEnd();
  saveLines(dataDir, lines);
  t.equal((await runCli('verify', [], dataDir)).code, 0, 'the chains alone cannot see it');
  // …but not the checkpoint.
  const rewritten = await runCli('verify', ['--against', file, '--fingerprint', key.fingerprint], dataDir);
  t.equal(rewritten.code, 2);
  t.match(rewritten.stdout, /Checkpoint: NOT MATCHED\. .*rewritten/);
});

t.test('checkpoint: a log that does not verify is not signed', async (t) => {
  const { dataDir, store } = await openWrittenLog(t);
  await store.close();
  const lines = logLines(dataDir);
  saveLines(dataDir, lines.filter((_, i) => i !== 20));
  const run = await runCli('checkpoint', ['--key', auditorKey(t).file], dataDir);
  t.equal(run.code, 2);
  t.equal(run.stdout, '');
  t.match(run.stderr, /No checkpoint was signed/);
});

t.test('export: every event, or one decision, as JSON Lines', async (t) => {
  const { dataDir, decisionIds } = await openWrittenLog(t);
  const all = await runCli('export', [], dataDir);
  t.equal(all.code, 0, all.stderr);
  t.notOk(all.stderr.includes(ESCAPE), 'no progress bar when stderr is piped');
  const events = jsonLines(all.stdout);
  t.equal(events.length, EVENTS);
  t.same(Object.keys(events[0] ?? {}), ['id', 'stream', 'revision', 'position', 'type', 'schemaVersion', 'data', 'metadata', 'recordedAt']);
  t.same(events.map((e) => e.position), Array.from({ length: EVENTS }, (_, i) => i + 1), 'in log order');

  const decision = decisionIds[3] ?? '';
  const one = await runCli('export', ['--decision', decision], dataDir);
  t.equal(one.code, 0, one.stderr);
  const mine = jsonLines(one.stdout);
  t.equal(mine.length, 1 + VIEWS);
  t.ok(mine.every((e) => e.stream === decisionStream(decision)));
  t.same(mine.map((e) => e.revision), Array.from({ length: 1 + VIEWS }, (_, i) => i));

  const file = join(dataDir, 'evidence.jsonl');
  const toFile = await runCli('export', ['--decision', decision, '--out', file], dataDir);
  t.equal(toFile.code, 0);
  t.equal(readFileSync(file, 'utf8'), one.stdout);

  const missing = await runCli('export', ['--decision', '00000000-0000-4000-8000-000000000000'], dataDir);
  t.equal(missing.code, 1);
  t.match(missing.stderr, /There is no decision/);
  const notAnId = await runCli('export', ['--decision', 'nope'], dataDir);
  t.equal(notAnId.code, 1);
  t.match(notAnId.stderr, /uuid/);
});

t.test('export: a record still being written at the end of the file is not exported yet', async (t) => {
  const { dataDir, store } = await openWrittenLog(t);
  await store.close();
  appendFileSync(join(dataDir, LOG_FILE), '{"position":121,"stream":"decision-');
  const run = await runCli('export', [], dataDir);
  t.equal(run.code, 0, run.stderr);
  t.equal(jsonLines(run.stdout).length, EVENTS);
});

t.test('replay: a projection as of a log position leaves out later events', async (t) => {
  const { dataDir, decisionIds } = await openWrittenLog(t);
  // Positions 1..12 propose the decisions: as of 5, only the first five exist.
  const early = await runCli('replay', ['--projection', 'decision-list', '--as-of', '5'], dataDir);
  t.equal(early.code, 0, early.stderr);
  const then = JSON.parse(early.stdout) as { position: number; events: number; state: { decisions: Record<string, unknown> } };
  t.match(then, { projection: 'decision-list', asOf: { position: 5 }, position: 5, events: 5 });
  t.same(Object.keys(then.state.decisions).sort(), decisionIds.slice(0, 5).sort());

  const whole = await runCli('replay', ['--projection', 'decision-list'], dataDir);
  t.equal(whole.code, 0, whole.stderr);
  const now = JSON.parse(whole.stdout) as { position: number; state: { decisions: Record<string, unknown> } };
  t.equal(now.position, EVENTS);
  t.equal(Object.keys(now.state.decisions).length, DECISIONS);
  t.notOk(whole.stderr.includes(ESCAPE));

  const views = await runCli('replay', ['--projection', 'you-said-we-did', '--as-of', String(DECISIONS + 3)], dataDir);
  t.equal(views.code, 0, views.stderr);
  t.match(JSON.parse(views.stdout), { position: DECISIONS + 3, events: DECISIONS + 3 });

  const unknown = await runCli('replay', ['--projection', 'nope'], dataDir);
  t.equal(unknown.code, 1);
  t.match(unknown.stderr, /There is no projection called "nope"\. The projections are: decision-list, /);
  const badTime = await runCli('replay', ['--projection', 'timeline', '--as-of', 'yesterday'], dataDir);
  t.equal(badTime.code, 1);
  t.match(badTime.stderr, /asOf must be a log position/);
  const noName = await runCli('replay', [], dataDir);
  t.equal(noName.code, 1);
  t.match(noName.stderr, /--projection/);
});

/** A careful forger's rewrite of the last view of decision 5: its hash and checksum recomputed, so every chain still holds. */
function forgeView(dataDir: string, decisionId: string) {
  const lines = logLines(dataDir);
  const index = lines.findIndex((l) => l.includes(`"stream":"${decisionStream(decisionId)}","revision":${VIEWS},`));
  const line = `${lines[index]}\n`;
  const record = parseRecord(Buffer.from(line), 0, Buffer.byteLength(line));
  const forged = { ...record, data: { ...(record.data as object), inOwnWords: 'Something else' } };
  lines[index] = encodeRecord({ ...forged, metadata: { ...forged.metadata, hash: eventHash(forged) } }).toString('utf8').trimEnd();
  saveLines(dataDir, lines);
}

t.test('checkpoint --publish appends to the auditor’s folder, then verify --witness checks the log against every checkpoint in it', async (t) => {
  const { dataDir, store, decisionIds } = await openWrittenLog(t);
  const key = auditorKey(t);
  const folder = join(tempDir(t, 'pl-published-'), 'checkpoints');

  const first = await runCli('checkpoint', ['--key', key.file, '--publish', folder], dataDir);
  t.equal(first.code, 0, first.stderr);
  await writeChainedLog(store, { decisionIds: decisionIds.slice(0, 2), viewsPerDecision: 1 });
  const second = await runCli('checkpoint', ['--key', key.file, '--publish', folder], dataDir);
  t.equal(second.code, 0, second.stderr);
  const files = readdirSync(folder).sort();
  t.equal(files.length, 2);
  t.match(files[0], /^000000000120-.*\.json$/, 'named by the zero-padded size, then the time');
  t.match(files[1], /^000000000122-.*\.json$/);

  const witnessed = await runCli('verify', ['--witness', folder, '--public-key', key.publicFile], dataDir);
  t.equal(witnessed.code, 0, witnessed.stdout + witnessed.stderr);
  t.match(witnessed.stdout, /000000000120-.*The log still holds the 120 events/);
  t.equal((await runCli('verify', ['--witness', folder], dataDir)).code, 3, 'not without a trusted key');

  await store.close();
  forgeView(dataDir, decisionIds[5] ?? '');
  const rewritten = await runCli('verify', ['--witness', folder, '--fingerprint', key.fingerprint], dataDir);
  t.equal(rewritten.code, 2);
  t.match(rewritten.stdout, /First failing checkpoint: .*000000000120-.*rewritten/);
});

t.test('checkpoint --publish refuses a checkpoint not consistent with the latest in the folder', async (t) => {
  const { dataDir, store, decisionIds } = await openWrittenLog(t);
  const key = auditorKey(t);
  const folder = tempDir(t, 'pl-published-');
  t.equal((await runCli('checkpoint', ['--key', key.file, '--publish', folder], dataDir)).code, 0);
  const published = readdirSync(folder);

  await store.close();
  forgeView(dataDir, decisionIds[5] ?? '');
  const refused = await runCli('checkpoint', ['--key', key.file, '--publish', folder], dataDir);
  t.equal(refused.code, 2, refused.stderr);
  t.match(refused.stderr, /not published.*not consistent with .*000000000120-/s);
  t.same(readdirSync(folder), published, 'nothing was added');
});
