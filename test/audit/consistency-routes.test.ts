// GET /audit/consistency and /audit/inclusion: the proofs the server serves verify with
// the pure RFC 9162 verifier, against roots an auditor holds in signed checkpoints.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastify from 'fastify';
import t, { type Test } from 'tap';
import { readSigningKeyFile, signedCheckpoint } from '../../src/audit/checkpoint.js';
import { leafHash, verifyConsistency, verifyInclusion } from '../../src/audit/merkle-proofs.js';
import { TokenStore } from '../../src/auth/token-store.js';
import { appOptions, registerPlatform } from '../../src/http/platform.js';
import { auditRoutes } from '../../src/http/routes/audit-routes.js';
import { openEmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import type { EventStore } from '../../src/store/event-store.js';
import { chainedLogRegistry, writeChainedLog } from '../support/chained-log.js';
import { memoryLogger } from '../support/silent-logger.js';
import { tempDir } from '../support/temp-dir.js';
import { outsideCheckpointKey } from '../support/test-app.js';

const tokens = await TokenStore.open(mkdtempSync(join(tmpdir(), 'pl-proof-tokens-')));
const bearer = async (role: 'auditor' | 'commissioner') => ({
  authorization: `Bearer ${(await tokens.create({ role, name: `${role} for the proof tests` }, new Date().toISOString())).token}`,
});
const auditor = await bearer('auditor');
const commissioner = await bearer('commissioner');
const hex = (h: string) => Buffer.from(h, 'hex');

interface ConsistencyAnswer {
  from: number;
  to: number;
  fromRoot: string;
  toRoot: string;
  proof: string[];
}
interface InclusionAnswer {
  position: number;
  index: number;
  size: number;
  eventHash: string;
  leafHash: string;
  root: string;
  proof: string[];
}

async function appOn(t: Test, store: EventStore, treeFile?: string) {
  const app = fastify(appOptions);
  await registerPlatform(app, { tokens });
  await app.register(auditRoutes, { store, signingKey: readSigningKeyFile(outsideCheckpointKey(t)), treeFile });
  t.teardown(() => app.close());
  return app;
}

/** Given a log of 5 decisions with 4 views each (25 events), served. */
async function writtenLog(t: Test) {
  const dataDir = tempDir(t);
  const store = await openEmbeddedStore({ dataDir, registry: chainedLogRegistry(), logger: memoryLogger().logger });
  t.teardown(() => store.close());
  const { decisionIds } = await writeChainedLog(store, { decisions: 5, viewsPerDecision: 4 });
  return { dataDir, store, decisionIds, app: await appOn(t, store, join(dataDir, 'audit', 'merkle-tree.bin')) };
}

t.test('the proofs are for auditors only', async (t) => {
  const { app } = await writtenLog(t);
  for (const url of ['/audit/consistency?from=1', '/audit/inclusion?position=1']) {
    t.equal((await app.inject({ url })).statusCode, 401, `${url} without a sign-in`);
    t.equal((await app.inject({ url, headers: commissioner })).statusCode, 403, `${url} for a commissioner`);
  }
});

t.test('GET /audit/consistency: every proof between random sizes m ≤ n verifies', async (t) => {
  const { app, store, decisionIds } = await writtenLog(t);
  const whole = await app.inject({ url: '/audit/consistency?from=7', headers: auditor });
  t.equal(whole.statusCode, 200);
  t.match(whole.json(), { from: 7, to: 25 }, 'to defaults to the whole log');

  for (let i = 0; i < 40; i++) {
    const n = 1 + Math.floor(Math.random() * 25);
    const m = Math.floor(Math.random() * (n + 1));
    const answer = (await app.inject({ url: `/audit/consistency?from=${m}&to=${n}`, headers: auditor })).json<ConsistencyAnswer>();
    t.ok(verifyConsistency(m, n, hex(answer.fromRoot), hex(answer.toRoot), answer.proof.map(hex)), `m=${m}, n=${n}`);
  }

  // Events written after the first proof are in the next one, and the old root is kept.
  const before = (await app.inject({ url: '/audit/consistency?from=25', headers: auditor })).json<ConsistencyAnswer>();
  await writeChainedLog(store, { decisionIds: decisionIds.slice(0, 2), viewsPerDecision: 2 });
  const after = (await app.inject({ url: '/audit/consistency?from=25', headers: auditor })).json<ConsistencyAnswer>();
  t.equal(after.to, 29);
  t.equal(after.fromRoot, before.toRoot);
  t.ok(verifyConsistency(25, 29, hex(before.toRoot), hex(after.toRoot), after.proof.map(hex)));
});

t.test('GET /audit/inclusion: a view’s event is proved to be in the signed checkpoint', async (t) => {
  const { app, store, decisionIds } = await writtenLog(t);
  const checkpoint = signedCheckpoint.parse((await app.inject({ url: '/audit/checkpoint', headers: auditor })).json());
  await writeChainedLog(store, { decisionIds: decisionIds.slice(0, 1), viewsPerDecision: 3 });

  const events = [];
  for await (const event of store.readAll()) events.push(event);
  const view = events.find((e) => e.type === 'ViewRecorded' && e.position <= checkpoint.statement.size);
  if (view === undefined) throw new Error('the log has a view');
  const response = await app.inject({ url: `/audit/inclusion?position=${view.position}&size=${checkpoint.statement.size}`, headers: auditor });
  t.equal(response.statusCode, 200);
  const answer = response.json<InclusionAnswer>();
  t.match(answer, { position: view.position, index: view.position - 1, size: checkpoint.statement.size, eventHash: view.metadata.hash, root: checkpoint.statement.merkleRoot });
  t.equal(answer.leafHash, leafHash(hex(answer.eventHash)).toString('hex'));
  t.ok(verifyInclusion(hex(answer.leafHash), answer.index, answer.size, answer.proof.map(hex), hex(checkpoint.statement.merkleRoot)), 'verifies against the signed root');

  const now = (await app.inject({ url: `/audit/inclusion?position=${view.position}`, headers: auditor })).json<InclusionAnswer>();
  t.equal(now.size, 28, 'size defaults to the whole log');
  t.ok(verifyInclusion(hex(now.leafHash), now.index, now.size, now.proof.map(hex), hex(now.root)));
});

t.test('bad sizes and positions are refused, naming the parameter', async (t) => {
  const { app } = await writtenLog(t);
  const cases: [string, RegExp][] = [
    ['/audit/consistency', /from/],
    ['/audit/consistency?from=-1', /from/],
    ['/audit/consistency?from=abc', /from/],
    ['/audit/consistency?from=1.5', /from/],
    ['/audit/consistency?from=5&to=3', /from/],
    ['/audit/consistency?from=5&to=26', /to/],
    ['/audit/inclusion', /position/],
    ['/audit/inclusion?position=0', /position/],
    ['/audit/inclusion?position=26', /position/],
    ['/audit/inclusion?position=20&size=19', /size/],
    ['/audit/inclusion?position=2&size=26', /size/],
  ];
  for (const [url, names] of cases) {
    const response = await app.inject({ url, headers: auditor });
    t.equal(response.statusCode, 400, url);
    t.match(response.headers['content-type'], /application\/problem\+json/);
    t.match(response.json(), { code: 'PL_ERR_VALIDATION', detail: names }, url);
  }
});

t.test('the tree is saved when the server closes and loaded at the next start, 0600', async (t) => {
  const { app, store, dataDir } = await writtenLog(t);
  const first = (await app.inject({ url: '/audit/consistency?from=3', headers: auditor })).json<ConsistencyAnswer>();
  await app.close();
  const file = join(dataDir, 'audit', 'merkle-tree.bin');
  const { statSync } = await import('node:fs');
  t.equal(statSync(file).mode & 0o777, 0o600);
  const again = await appOn(t, store, file);
  const second = (await again.inject({ url: '/audit/consistency?from=3', headers: auditor })).json<ConsistencyAnswer>();
  t.same(second, first);
});
