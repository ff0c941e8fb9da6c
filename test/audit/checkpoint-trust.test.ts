// Checkpoints an insider cannot forge: the signing key lives outside DATA_DIR, the server
// never makes one beside the log, and verify trusts only the key the auditor pinned
// (or a key that key announced in a checkpoint it signed).
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { readOnlyLogSource, signCheckpoint } from '../../src/audit/audit-source.js';
import { keyFingerprint, makeCheckpoint, readSigningKeyFile, signedCheckpoint } from '../../src/audit/checkpoint.js';
import { eventHash } from '../../src/events/event-hash.js';
import { embeddedLinks, verifyEmbeddedLog } from '../../src/audit/verify-log.js';
import { buildApp } from '../../src/app.js';
import { LOG_FILE, openEmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { encodeRecord, parseRecord, type LogRecord } from '../../src/store/embedded/log-record.js';
import { openStore } from '../../src/store/open-store.js';
import { chainedLogRegistry, writeChainedLog } from '../support/chained-log.js';
import { memoryLogger } from '../support/silent-logger.js';
import { runCli } from '../support/cli-runner.js';
import { tempDir } from '../support/temp-dir.js';
import { testApp } from '../support/test-app.js';

const now = '2026-03-02T10:00:00+00:00';
const later = '2026-03-09T10:00:00+00:00';


/** Writes `decisions` decisions with `views` views each to the embedded log in dataDir (adding views when given ids). */
async function write(dataDir: string, options: { decisions?: number; viewsPerDecision: number; decisionIds?: string[] }) {
  const store = await openStore({ dataDir, registry: chainedLogRegistry(), logger: memoryLogger().logger });
  try {
    return await writeChainedLog(store, options);
  } finally {
    await store.close();
  }
}

async function* linksIn(dataDir: string) {
  for await (const links of embeddedLinks(dataDir, () => {})) yield* links;
}

const source = (dataDir: string) => readOnlyLogSource(dataDir, chainedLogRegistry());
const signingKeyOf = (privateKey: KeyObject) => {
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, publicKeyPem, fingerprint: keyFingerprint(publicKeyPem) };
};
const freshKey = () => signingKeyOf(generateKeyPairSync('ed25519').privateKey);
const writeJson = (file: string, value: unknown) => writeFileSync(file, JSON.stringify(value));

/** The auditor's key, made with the CLI in their own folder, outside the data folder. */
async function auditorKey(home: string, dataDir: string) {
  const file = join(home, 'checkpoint-key.pem');
  const made = await runCli('checkpoint', ['--new-key', file], dataDir);
  if (made.code !== 0) throw new Error(made.stderr);
  const key = readSigningKeyFile(file);
  const publicFile = join(home, 'checkpoint-key.pub.pem');
  writeFileSync(publicFile, key.publicKeyPem);
  return { file, publicFile, key, printed: made.stdout };
}

/**
 * What an insider with write access to DATA_DIR does: rewrites the event at `position`,
 * then recomputes its hash and every later hash and link of its stream, and each record's
 * checksum, with the product's own code, so that every chain checks out again.
 */
function rewriteConsistently(dataDir: string, position: number): void {
  const file = join(dataDir, LOG_FILE);
  const records = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => parseRecord(Buffer.from(`${line}\n`), 0, Buffer.byteLength(`${line}\n`)));
  const target = records.find((r) => r.position === position);
  if (!target) throw new Error(`no event at ${position}`);
  const rehashed = new Map<string, string>();
  const out = records.map((record): LogRecord => {
    if (record.stream !== target.stream || record.position < position) return record;
    const data = record.position === position ? { ...(record.data as object), inOwnWords: 'Something I never said' } : record.data;
    const previousHash = rehashed.get(record.stream) ?? record.metadata.previousHash;
    const changed = { ...record, data, metadata: { ...record.metadata, previousHash } };
    const hash = eventHash(changed);
    rehashed.set(record.stream, hash);
    return { ...changed, metadata: { ...changed.metadata, hash } };
  });
  writeFileSync(file, out.map((r) => encodeRecord(r).toString('utf8')).join(''));
}

/** Every file under the folder that holds a private key an insider could sign with. */
function keyFilesUnder(folder: string): string[] {
  const found: string[] = [];
  const visit = (path: string) => {
    if (lstatSync(path).isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
      return;
    }
    try {
      createPrivateKey(readFileSync(path));
      found.push(path);
    } catch {
      // Not a private key.
    }
  };
  visit(folder);
  return found;
}

const filesUnder = (folder: string): string[] =>
  readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((entry) => !lstatSync(join(folder, entry)).isDirectory())
    .sort();

t.test('a consistent rewrite re-signed with every key under DATA_DIR is refused against the auditor’s pinned key', async (t) => {
  const dataDir = tempDir(t);
  const home = tempDir(t, 'pl-auditor-');
  const auditor = await auditorKey(home, dataDir);
  t.match(auditor.printed, auditor.key.fingerprint, 'the new key’s fingerprint is printed');
  t.match(auditor.printed, /BEGIN PUBLIC KEY/, 'and its public key');
  t.equal(statSync(auditor.file).mode & 0o777, 0o600, 'the new key file is private');

  // Given: the auditor's checkpoints at 6 and at 12 events, and an old data folder's key left beside the log.
  const { decisionIds } = await write(dataDir, { decisions: 3, viewsPerDecision: 1 });
  writeJson(join(home, 'a.json'), await signCheckpoint(source(dataDir), auditor.key, now));
  await write(dataDir, { decisionIds, viewsPerDecision: 2 });
  writeJson(join(home, 'b.json'), await signCheckpoint(source(dataDir), auditor.key, later));
  mkdirSync(join(dataDir, 'audit'), { recursive: true });
  writeFileSync(join(dataDir, 'audit', 'checkpoint-signing-key.pem'), generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));

  // When: an insider rewrites position 8 with every chain recomputed, and re-signs with every key they can reach.
  rewriteConsistently(dataDir, 8);
  t.equal((await verifyEmbeddedLog(dataDir)).ok, true, 'the chains alone cannot see a consistent rewrite');
  const reachable = keyFilesUnder(dataDir);
  t.ok(reachable.length >= 1, `${reachable.length} key file(s) under DATA_DIR`);
  for (const [n, file] of reachable.entries()) {
    const key = signingKeyOf(createPrivateKey(readFileSync(file)));
    const forged = join(home, `forged-${n}.json`);
    writeJson(forged, await makeCheckpoint(linksIn(dataDir), key, 'embedded', later));
    const run = await runCli('verify', ['--against', forged, '--public-key', auditor.publicFile], dataDir);
    t.equal(run.code, 2, `the checkpoint re-signed with ${file} is refused`);
    t.match(run.stdout, `checkpoint signed by key ${key.fingerprint}, which is not the key you trust (${auditor.key.fingerprint})`);
  }

  // Then: the auditor's own checkpoints say where the history stops matching.
  const run = await runCli('verify', ['--against', join(home, 'a.json'), '--against', join(home, 'b.json'), '--fingerprint', auditor.key.fingerprint], dataDir);
  t.equal(run.code, 2, run.stdout + run.stderr);
  t.match(run.stdout, /a\.json: The log still holds the 6 events signed/);
  t.match(run.stdout, /b\.json: NOT MATCHED\. .*rewritten at or after position 7 \(the first position not covered by a matching checkpoint\), and at or before position 12/);
});

t.test('a checkpoint forged with a fresh key: verify will not compare without a trusted key, and refuses it with one', async (t) => {
  const dataDir = tempDir(t);
  const home = tempDir(t, 'pl-auditor-');
  const auditor = await auditorKey(home, dataDir);
  await write(dataDir, { decisions: 2, viewsPerDecision: 1 });
  const forger = freshKey();
  const forged = await makeCheckpoint(linksIn(dataDir), forger, 'embedded', now);
  writeJson(join(home, 'forged.json'), forged);

  const untrusted = await runCli('verify', ['--against', join(home, 'forged.json')], dataDir);
  t.equal(untrusted.code, 3, 'a distinct exit code: the comparison was not run');
  t.match(untrusted.stderr, /--public-key .*--fingerprint/);
  t.notMatch(untrusted.stdout, /Checkpoint/, 'nothing was compared');

  const pinned = await runCli('verify', ['--against', join(home, 'forged.json'), '--public-key', auditor.publicFile], dataDir);
  t.equal(pinned.code, 2);
  t.match(pinned.stdout, `checkpoint signed by key ${forger.fingerprint}, which is not the key you trust (${auditor.key.fingerprint})`);

  // The forger claims the auditor's key in the checkpoint: the signature gives it away.
  writeJson(join(home, 'claimed.json'), { ...forged, publicKey: auditor.key.publicKeyPem });
  const claimed = await runCli('verify', ['--against', join(home, 'claimed.json'), '--fingerprint', auditor.key.fingerprint], dataDir);
  t.equal(claimed.code, 2);
  t.match(claimed.stdout, /signature does not match/);

  const bad = await runCli('verify', ['--against', join(home, 'forged.json'), '--fingerprint', 'abc'], dataDir);
  t.equal(bad.code, 1, 'a fingerprint that is not 64 hex digits is wrong usage');
});

t.test('the server signs only with a key configured outside DATA_DIR, and never makes one', async (t) => {
  t.test('no CHECKPOINT_KEY_FILE: 503 on /audit/checkpoint, 404 on /audit/public-key, no file made', async (t) => {
    const dataDir = tempDir(t);
    const ctx = await testApp(t, dataDir, { checkpointKeyFile: null });
    const before = filesUnder(dataDir);
    const response = await ctx.app.inject({ url: '/audit/checkpoint', headers: ctx.bearer.auditor });
    t.equal(response.statusCode, 503);
    t.match(response.json(), { code: 'PL_ERR_NO_SIGNING_KEY', detail: /CHECKPOINT_KEY_FILE.*npm run checkpoint -- --key/ });
    const key = await ctx.app.inject({ url: '/audit/public-key' });
    t.equal(key.statusCode, 404);
    t.same(filesUnder(dataDir), before, 'no file was created under DATA_DIR');
    t.notOk(existsSync(join(dataDir, 'audit', 'checkpoint-signing-key.pem')));
  });

  t.test('a key inside DATA_DIR, even through a symlink, is refused at start-up naming both paths', async (t) => {
    const dataDir = tempDir(t);
    const outside = tempDir(t, 'pl-auditor-');
    const inside = join(dataDir, 'my-key.pem');
    writeFileSync(inside, freshKey().privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const link = join(outside, 'looks-outside.pem');
    symlinkSync(inside, link);
    const { logger } = memoryLogger();
    const store = await openEmbeddedStore({ dataDir, registry: chainedLogRegistry(), logger });
    t.teardown(() => store.close());
    for (const keyFile of [inside, link]) {
      await t.rejects(buildApp({ store, registry: chainedLogRegistry(), logger, dataDir, checkpointKeyFile: keyFile }), {
        code: 'PL_ERR_CONFIG',
        message: new RegExp(`${keyFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
      });
    }
    const cli = await runCli('checkpoint', ['--new-key', join(dataDir, 'another.pem')], dataDir);
    t.equal(cli.code, 1, 'the CLI will not make a key inside DATA_DIR either');
    t.notOk(existsSync(join(dataDir, 'another.pem')));
  });

  t.test('a key outside DATA_DIR signs; a readable key file and a key left beside the log are warned about', async (t) => {
    const dataDir = tempDir(t);
    const home = tempDir(t, 'pl-auditor-');
    const keyFile = join(home, 'server-key.pem');
    const key = freshKey();
    writeFileSync(keyFile, key.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    chmodSync(keyFile, 0o640);
    mkdirSync(join(dataDir, 'audit'), { recursive: true });
    writeFileSync(join(dataDir, 'audit', 'checkpoint-signing-key.pem'), freshKey().privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const ctx = await testApp(t, dataDir, { checkpointKeyFile: keyFile });
    t.match(ctx.logText(), /group or others/, 'a group-readable key is warned about');
    t.match(ctx.logText(), /checkpoint-signing-key\.pem.*no longer used/, 'the old key beside the log is warned about');
    const response = await ctx.app.inject({ url: '/audit/checkpoint', headers: ctx.bearer.auditor });
    t.equal(response.statusCode, 200, response.body);
    const checkpoint = signedCheckpoint.parse(response.json());
    t.equal(checkpoint.publicKey, key.publicKeyPem, 'signed with the configured key');
    t.equal((await ctx.app.inject({ url: '/audit/public-key' })).body, key.publicKeyPem);
  });
});

t.test('rotation: a checkpoint signed by the old key announces the new one', async (t) => {
  const dataDir = tempDir(t);
  const home = tempDir(t, 'pl-auditor-');
  const old = await auditorKey(home, dataDir);
  const next = join(home, 'next-key.pem');
  t.equal((await runCli('checkpoint', ['--new-key', next], dataDir)).code, 0);
  t.equal((await runCli('checkpoint', ['--new-key', next], dataDir)).code, 1, 'an existing key file is never overwritten');
  const nextKey = readSigningKeyFile(next);

  const { decisionIds } = await write(dataDir, { decisions: 2, viewsPerDecision: 1 });
  const announcing = await runCli('checkpoint', ['--key', old.file, '--announce', next, '--out', join(home, '1-announce.json')], dataDir);
  t.equal(announcing.code, 0, announcing.stderr);
  t.equal(signedCheckpoint.parse(JSON.parse(readFileSync(join(home, '1-announce.json'), 'utf8'))).statement.nextPublicKey, nextKey.publicKeyPem);
  writeJson(join(home, 'plain.json'), await signCheckpoint(source(dataDir), old.key, now));
  await write(dataDir, { decisionIds, viewsPerDecision: 1 });
  const signed = await runCli('checkpoint', ['--key', next, '--out', join(home, '2-new.json')], dataDir);
  t.equal(signed.code, 0, signed.stderr);

  const chain = await runCli('verify', ['--against', join(home, '1-announce.json'), '--against', join(home, '2-new.json'), '--public-key', old.publicFile], dataDir);
  t.equal(chain.code, 0, chain.stdout + chain.stderr);
  t.match(chain.stdout, `announces the next key ${nextKey.fingerprint}`);

  const alone = await runCli('verify', ['--against', join(home, '2-new.json'), '--public-key', old.publicFile], dataDir);
  t.equal(alone.code, 2, 'the new key is trusted only through the announcing checkpoint');
  t.match(alone.stdout, `checkpoint signed by key ${nextKey.fingerprint}, which is not the key you trust (${old.key.fingerprint})`);

  const unannounced = await runCli('verify', ['--against', join(home, 'plain.json'), '--against', join(home, '2-new.json'), '--public-key', old.publicFile], dataDir);
  t.equal(unannounced.code, 2, 'a checkpoint of the old key that announces nothing passes on no trust');

  const folder = join(home, 'chain');
  mkdirSync(folder);
  for (const name of ['1-announce.json', '2-new.json']) writeFileSync(join(folder, name), readFileSync(join(home, name)));
  const fromFolder = await runCli('verify', ['--against', folder, '--fingerprint', old.key.fingerprint], dataDir);
  t.equal(fromFolder.code, 0, fromFolder.stdout + fromFolder.stderr);
});
