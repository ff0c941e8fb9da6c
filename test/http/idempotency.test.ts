// Issue 12, items 1 and 2: an Idempotency-Key makes a retry safe, even when the copies
// arrive at once, and can never be reused for a different request. The hash chain stays
// whole whatever the race: verify passes and a checkpoint can be signed after it.
import t from 'tap';
import { verifyEmbeddedLog } from '../../src/audit/verify-log.js';
import { hillsideProposal, viewOfHs01 } from '../support/records.js';
import { tempDir } from '../support/temp-dir.js';
import { testApp, type TestApp } from '../support/test-app.js';

async function proposed(ctx: TestApp): Promise<string> {
  const response = await ctx.app.inject({ method: 'POST', url: '/decisions', headers: ctx.bearer.commissioner, payload: hillsideProposal });
  if (response.statusCode !== 201) throw new Error(`the proposal was refused: ${response.body}`);
  return response.json().decisionId;
}

const viewUrl = (decisionId: string) => `/decisions/${decisionId}/views`;

t.test('item 1: concurrent retries with one Idempotency-Key write one event, and the chain stays whole', async (t) => {
  const ctx = await testApp(t);
  const decisionId = await proposed(ctx);
  for (let round = 0; round < 6; round++) {
    const headers = { ...ctx.bearer.commissioner, 'idempotency-key': `meeting-view-round-${round}` };
    const payload = viewOfHs01(`What I said at meeting ${round}`);
    const [a, b] = await Promise.all([
      ctx.app.inject({ method: 'POST', url: viewUrl(decisionId), headers, payload }),
      ctx.app.inject({ method: 'POST', url: viewUrl(decisionId), headers, payload }),
    ]);
    t.equal(a.statusCode, 201, `round ${round}: the first copy is answered`);
    t.equal(b.statusCode, 201, `round ${round}: the second copy is answered`);
    t.equal(a.json().viewId, b.json().viewId, `round ${round}: both answers name one view`);
    t.same([a.json().replayed, b.json().replayed].sort(), [false, true], `round ${round}: exactly one answer was written, the other replayed`);
    // An ordinary write after the race chains to what is in the log.
    const next = await ctx.app.inject({ method: 'POST', url: viewUrl(decisionId), headers: ctx.bearer.commissioner, payload: viewOfHs01(`A later view ${round}`) });
    t.equal(next.statusCode, 201);
  }
  const events = await ctx.store.readStream(`decision-${decisionId}`);
  t.equal(events.length, 1 + 6 * 2, 'one view per round and one later view');
  const report = await verifyEmbeddedLog(ctx.dataDir, undefined, { threads: false });
  t.ok(report.ok, report.summary);
  const checkpoint = await ctx.app.inject({ url: '/audit/checkpoint', headers: ctx.bearer.auditor });
  t.equal(checkpoint.statusCode, 200, 'a checkpoint can be signed after the races');
});

t.test('item 1: 64 concurrent clients each retrying every request with its key leave a log that verifies', async (t) => {
  const ctx = await testApp(t);
  const decisionId = await proposed(ctx);
  const clients = Array.from({ length: 64 }, (_, client) => async () => {
    const headers = { ...ctx.bearer.commissioner, 'idempotency-key': `client-${client}-view` };
    const payload = viewOfHs01(`Client ${client} says this`);
    // Each client sends its request and, at once, a retry of it (as a client timing out would).
    return Promise.all([
      ctx.app.inject({ method: 'POST', url: viewUrl(decisionId), headers, payload }),
      ctx.app.inject({ method: 'POST', url: viewUrl(decisionId), headers, payload }),
    ]);
  });
  const answers = (await Promise.all(clients.map((client) => client()))).flat();
  t.ok(answers.every((a) => a.statusCode === 201), 'every request and retry is answered 201');
  t.equal(answers.filter((a) => a.json().replayed === false).length, 64, 'one written answer per client');
  t.equal((await ctx.store.readStream(`decision-${decisionId}`)).length, 65, 'one view per client');
  const report = await verifyEmbeddedLog(ctx.dataDir, undefined, { threads: false });
  t.ok(report.ok, report.summary);
  const checkpoint = await ctx.app.inject({ url: '/audit/checkpoint', headers: ctx.bearer.auditor });
  t.equal(checkpoint.statusCode, 200, 'a checkpoint can be signed');
});

t.test('item 2: 64 concurrent duplicates of one request: exactly one answer says it was written', async (t) => {
  const ctx = await testApp(t);
  const decisionId = await proposed(ctx);
  const headers = { ...ctx.bearer.commissioner, 'idempotency-key': 'one-view-sent-64-times' };
  const payload = viewOfHs01('I want to choose who supports me');
  const answers = await Promise.all(Array.from({ length: 64 }, () => ctx.app.inject({ method: 'POST', url: viewUrl(decisionId), headers, payload })));
  t.ok(answers.every((a) => a.statusCode === 201), 'all answered 201');
  t.equal(answers.filter((a) => a.json().replayed === false).length, 1, 'one says replayed: false');
  t.equal(new Set(answers.map((a) => a.json().viewId)).size, 1, 'all name the same view');
  t.equal((await ctx.store.readStream(`decision-${decisionId}`)).length, 2);
});

t.test('item 2: the same Idempotency-Key with another body, or on another route, is refused and writes nothing', async (t) => {
  const ctx = await testApp(t);
  const decisionId = await proposed(ctx);
  const otherDecisionId = await proposed(ctx);
  const headers = { ...ctx.bearer.commissioner, 'idempotency-key': 'key-used-once' };
  const first = await ctx.app.inject({ method: 'POST', url: viewUrl(decisionId), headers, payload: viewOfHs01('First words') });
  t.equal(first.statusCode, 201);
  const head = await ctx.store.headPosition();

  const cases = {
    'another body': { url: viewUrl(decisionId), payload: viewOfHs01('Different words') },
    'another route on the same decision': {
      url: `/decisions/${decisionId}/options`,
      payload: { title: 'Keep the centre', description: 'Keep things as they are', putForwardBy: { role: 'commissioner', organisation: 'Leeds City Council' } },
    },
    'the same route on another decision': { url: viewUrl(otherDecisionId), payload: viewOfHs01('First words') },
  };
  for (const [name, request] of Object.entries(cases)) {
    const reused = await ctx.app.inject({ method: 'POST', url: request.url, headers, payload: request.payload });
    t.equal(reused.statusCode, 422, `${name}: refused`);
    t.match(reused.headers['content-type'], /application\/problem\+json/);
    t.equal(reused.json().code, 'PL_ERR_IDEMPOTENCY_KEY_REUSED', name);
    t.equal(await ctx.store.headPosition(), head, `${name}: nothing written`);
  }
  const again = await ctx.app.inject({ method: 'POST', url: viewUrl(decisionId), headers, payload: viewOfHs01('First words') });
  t.equal(again.statusCode, 201, 'the same request is still answered');
  t.equal(again.json().replayed, true);
});

t.test('item 2: the key is checked against the stored request after a restart too', async (t) => {
  const dataDir = tempDir(t);
  const first = await testApp(t, dataDir);
  const decisionId = await proposed(first);
  const key = { 'idempotency-key': 'survives-a-restart' };
  t.equal((await first.app.inject({ method: 'POST', url: viewUrl(decisionId), headers: { ...first.bearer.commissioner, ...key }, payload: viewOfHs01('Before') })).statusCode, 201);
  await first.app.close();
  await first.store.close();
  const second = await testApp(t, dataDir);
  // The first commissioner token is still in the data folder: the same actor, so the same key.
  const reused = await second.app.inject({ method: 'POST', url: viewUrl(decisionId), headers: { ...first.bearer.commissioner, ...key }, payload: viewOfHs01('After') });
  t.equal(reused.statusCode, 422);
  t.equal(reused.json().code, 'PL_ERR_IDEMPOTENCY_KEY_REUSED');
});
