// The way out for a log damaged by the concurrent-retry defect (issue 12, item 1): verify
// names the break and what it may be; an administrator acknowledges it with an event
// (never a rewrite); verify then passes and lists the acknowledged link, and a checkpoint
// can be signed. A break without the defect's signature cannot be acknowledged.
import { randomBytes, randomUUID } from 'node:crypto';
import t, { type Test } from 'tap';
import { eventHash } from '../../src/events/event-hash.js';
import { verifyEmbeddedLog } from '../../src/audit/verify-log.js';
import type { NewEvent } from '../../src/store/event-store.js';
import { hillsideProposal, viewOfHs01 } from '../support/records.js';
import { testApp, type TestApp } from '../support/test-app.js';

/**
 * A decision whose stream holds, after a view sent with an Idempotency-Key (or without one),
 * an event chained to a hash that is not in the log: what the old handler wrote after losing the race.
 */
async function damagedLog(t: Test, keyed: boolean): Promise<TestApp & { stream: string; brokenRevision: number }> {
  const ctx = await testApp(t);
  const proposed = await ctx.app.inject({ method: 'POST', url: '/decisions', headers: ctx.bearer.commissioner, payload: hillsideProposal });
  const stream = `decision-${proposed.json().decisionId}`;
  const headers = keyed ? { ...ctx.bearer.commissioner, 'idempotency-key': 'the-racing-view' } : ctx.bearer.commissioner;
  const view = await ctx.app.inject({ method: 'POST', url: `/decisions/${proposed.json().decisionId}/views`, headers, payload: viewOfHs01('I want to go swimming') });
  t.equal(view.statusCode, 201);
  const [previous] = await ctx.store.readStream(stream, { direction: 'backwards', maxCount: 1 });
  if (!previous) throw new Error('no view was stored');
  const revision = previous.revision + 1;
  const id = randomUUID();
  const data = { ...viewOfHs01('A later view'), viewId: randomUUID(), decisionId: proposed.json().decisionId, at: new Date().toISOString() };
  const metadata = { actor: { id: 'token-1', role: 'commissioner', name: 'Commissioning team' }, correlationId: id, previousHash: randomBytes(32).toString('hex') };
  const { schemaVersion, data: encoded } = ctx.registry.encode('ViewRecorded', data);
  const hash = eventHash({ stream, revision, id, type: 'ViewRecorded', schemaVersion, data: encoded, metadata });
  const event: NewEvent = { id, type: 'ViewRecorded', data: encoded, metadata: { ...metadata, hash } };
  await ctx.store.append(stream, [event], { expectedRevision: previous.revision });
  return { ...ctx, stream, brokenRevision: revision };
}

t.test('a link broken by the retry defect is named, acknowledged by an administrator, then reported as acknowledged', async (t) => {
  const ctx = await damagedLog(t, true);
  const before = await ctx.app.inject({ url: '/audit/verify', headers: ctx.bearer.auditor });
  t.equal(before.json().ok, false, 'verify fails on the broken link');
  t.match(before.json().verification.firstBroken, { stream: ctx.stream, revision: ctx.brokenRevision, problem: /concurrent-retry defect/, link: { stream: ctx.stream } });
  t.equal((await ctx.app.inject({ url: '/audit/checkpoint', headers: ctx.bearer.auditor })).statusCode, 500, 'no checkpoint is signed');

  const acknowledge = (headers: Record<string, string>, revision = ctx.brokenRevision) =>
    ctx.app.inject({ method: 'POST', url: '/admin/chain-breaks', headers, payload: { stream: ctx.stream, revision } });
  t.equal((await acknowledge(ctx.bearer.auditor)).statusCode, 403, 'auditors write nothing');
  t.equal((await acknowledge(ctx.bearer.admin, ctx.brokenRevision - 1)).statusCode, 400, 'only the break verify reports');
  const acknowledged = await acknowledge(ctx.bearer.admin);
  t.equal(acknowledged.statusCode, 201, acknowledged.body);

  const after = await ctx.app.inject({ url: '/audit/verify', headers: ctx.bearer.auditor });
  t.equal(after.json().ok, true, after.json().verification.summary);
  t.match(after.json().verification.acknowledged, [{ stream: ctx.stream, revision: ctx.brokenRevision }]);
  t.match(after.json().verification.summary, /acknowledged by an administrator/);
  t.equal((await ctx.app.inject({ url: '/audit/checkpoint', headers: ctx.bearer.auditor })).statusCode, 200, 'a checkpoint can be signed');
  t.equal((await acknowledge(ctx.bearer.admin)).statusCode, 400, 'nothing left to acknowledge');

  for (const segments of [2, 3, 5]) {
    const report = await verifyEmbeddedLog(ctx.dataDir, undefined, { segments, threads: false });
    t.equal(report.ok, true, `${segments} segments agree`);
    t.equal(report.acknowledged.length, 1);
  }
});

t.test('a break without the defect’s signature cannot be acknowledged', async (t) => {
  const ctx = await damagedLog(t, false);
  const refused = await ctx.app.inject({ method: 'POST', url: '/admin/chain-breaks', headers: ctx.bearer.admin, payload: { stream: ctx.stream, revision: ctx.brokenRevision } });
  t.equal(refused.statusCode, 400);
  t.match(refused.json().detail, /treat it as tampering/);
  t.equal((await ctx.app.inject({ url: '/audit/verify', headers: ctx.bearer.auditor })).json().ok, false, 'the log still fails');
});
