// The /audit routes on a small app of their own, with the real platform (tokens,
// authentication, problem details): what each answers, and which role each demands.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import fastify from 'fastify';
import t, { type Test } from 'tap';
import { linksOf } from '../../src/audit/chain-verifier.js';
import { checkAgainstCheckpoint, readSigningKeyFile, signedCheckpoint } from '../../src/audit/checkpoint.js';
import { eventHash } from '../../src/events/event-hash.js';
import { decisionStream } from '../../src/domain/decisions/decision-events.js';
import { TokenStore } from '../../src/auth/token-store.js';
import { appOptions, registerPlatform } from '../../src/http/platform.js';
import { auditRoutes } from '../../src/http/routes/audit-routes.js';
import { LOG_FILE, openEmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { encodeRecord, parseRecord } from '../../src/store/embedded/log-record.js';
import type { EventStore } from '../../src/store/event-store.js';
import { chainedLogRegistry, writeChainedLog } from '../support/chained-log.js';
import { memoryLogger } from '../support/silent-logger.js';
import { tempDir } from '../support/temp-dir.js';
import { outsideCheckpointKey } from '../support/test-app.js';

const tokens = await TokenStore.open(mkdtempSync(join(tmpdir(), 'pl-audit-tokens-')));
const bearer = async (role: 'auditor' | 'commissioner') => ({
  authorization: `Bearer ${(await tokens.create({ role, name: `${role} for the audit tests` }, new Date().toISOString())).token}`,
});
const auditor = await bearer('auditor');
const commissioner = await bearer('commissioner');

/** The routes with a checkpoint key kept apart from the data folder, as CHECKPOINT_KEY_FILE gives it. */
async function appOn(t: Test, store: EventStore, signingKey = readSigningKeyFile(outsideCheckpointKey(t))) {
  const app = fastify(appOptions);
  await registerPlatform(app, { tokens });
  await app.register(auditRoutes, { store, signingKey });
  t.teardown(() => app.close());
  return app;
}

async function writtenLog(t: Test) {
  const dataDir = tempDir(t);
  const store = await openEmbeddedStore({ dataDir, registry: chainedLogRegistry(), logger: memoryLogger().logger });
  t.teardown(() => store.close());
  const { decisionIds } = await writeChainedLog(store, { decisions: 4, viewsPerDecision: 3 });
  return { dataDir, store, decisionIds, app: await appOn(t, store) };
}

t.test('every route but the public key is for auditors only', async (t) => {
  const { app } = await writtenLog(t);
  for (const url of ['/audit/verify', '/audit/checkpoint', '/audit/export']) {
    t.equal((await app.inject({ url })).statusCode, 401, `${url} without a sign-in`);
    const forbidden = await app.inject({ url, headers: commissioner });
    t.equal(forbidden.statusCode, 403, `${url} for a commissioner`);
  }
  const key = await app.inject({ url: '/audit/public-key' });
  t.equal(key.statusCode, 200, 'the public key is public');
});

t.test('GET /audit/verify reports an intact log, and the first broken place of an altered one', async (t) => {
  const { app } = await writtenLog(t);
  const intact = await app.inject({ url: '/audit/verify', headers: auditor });
  t.equal(intact.statusCode, 200);
  t.match(intact.json(), { ok: true, store: 'embedded', verification: { ok: true, events: 16, streams: 4, unchained: 0 } });

  // Altered with its checksum recomputed, so the store still opens it; the hash gives it away.
  const dataDir = tempDir(t);
  const store = await openEmbeddedStore({ dataDir, registry: chainedLogRegistry(), logger: memoryLogger().logger });
  const { decisionIds } = await writeChainedLog(store, { decisions: 2, viewsPerDecision: 2 });
  await store.close();
  const file = join(dataDir, LOG_FILE);
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const line = `${lines[3]}\n`;
  const record = parseRecord(Buffer.from(line), 0, Buffer.byteLength(line));
  lines[3] = encodeRecord({ ...record, data: { ...(record.data as object), inOwnWords: 'Changed' } }).toString('utf8').trimEnd();
  writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
  const reopened = await openEmbeddedStore({ dataDir, registry: chainedLogRegistry(), logger: memoryLogger().logger });
  t.teardown(() => reopened.close());
  const app2 = await appOn(t, reopened);
  const broken = await app2.inject({ url: '/audit/verify', headers: auditor });
  t.equal(broken.statusCode, 200);
  t.match(broken.json(), {
    ok: false,
    verification: { ok: false, events: 3, firstBroken: { stream: decisionStream(decisionIds[1] ?? ''), revision: 1, position: 4, problem: /altered/ } },
  });
  const refused = await app2.inject({ url: '/audit/checkpoint', headers: auditor });
  t.equal(refused.statusCode, 500);
  t.match(refused.json(), { code: 'PL_ERR_STORE_CORRUPT', detail: /No checkpoint was signed/ });
});

t.test('GET /audit/checkpoint signs the log with the key published at /audit/public-key', async (t) => {
  const { app, store, dataDir, decisionIds } = await writtenLog(t);
  const response = await app.inject({ url: '/audit/checkpoint', headers: auditor });
  t.equal(response.statusCode, 200);
  const checkpoint = signedCheckpoint.parse(response.json());
  t.match(checkpoint.statement, { size: 16, lastPosition: 16, store: 'embedded' });

  const key = await app.inject({ url: '/audit/public-key' });
  t.match(key.headers['content-type'], /application\/x-pem-file/);
  t.equal(key.body, checkpoint.publicKey);
  t.notOk(existsSync(join(dataDir, 'audit', 'checkpoint-signing-key.pem')), 'no key is made beside the log');

  await writeChainedLog(store, { decisionIds: decisionIds.slice(0, 1), viewsPerDecision: 1 });
  const later = await checkAgainstCheckpoint(linksOf(store.readAll()), checkpoint, key.body);
  t.equal(later.ok, true, later.summary);
  t.equal(later.currentSize, 17);
});

t.test('GET /audit/export streams JSON Lines of everything or of one decision', async (t) => {
  const { app, store, decisionIds } = await writtenLog(t);
  const all = await app.inject({ url: '/audit/export', headers: auditor });
  t.equal(all.statusCode, 200);
  t.match(all.headers['content-type'], /^application\/x-ndjson/);
  t.match(all.headers['content-disposition'], /attachment; filename="partnership-log\.jsonl"/);
  const events = all.body.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { position: number; metadata: { hash?: string } });
  t.equal(events.length, 16);
  const stored = [];
  for await (const event of store.readAll()) stored.push(event);
  t.same(events, stored, 'each line is the stored event');
  t.ok(stored.every((e) => e.metadata.hash === eventHash(e)), 'with the hashes that cover it');

  const decision = decisionIds[2] ?? '';
  const one = await app.inject({ url: `/audit/export?decision=${decision}`, headers: auditor });
  t.equal(one.statusCode, 200);
  t.equal(one.body.split('\n').filter(Boolean).length, 4);
  t.match(one.headers['content-disposition'], `decision-${decision}.jsonl`);

  const missing = await app.inject({ url: '/audit/export?decision=00000000-0000-4000-8000-000000000000', headers: auditor });
  t.equal(missing.statusCode, 404);
  t.match(missing.json(), { code: 'PL_ERR_DECISION_NOT_FOUND' });
  const notAnId = await app.inject({ url: '/audit/export?decision=nope', headers: auditor });
  t.equal(notAnId.statusCode, 400);
});
