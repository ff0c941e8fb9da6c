// No personal data and no tokens in the log output: one line per request through a whole
// scenario (the demo, subject access, evidence packs, refusals), and redaction beneath it.
import { Writable } from 'node:stream';
import t from 'tap';
import { demoPeople, loadDemoScenario } from '../../src/demo/demo-scenario.js';
import { CENSOR, createLogger } from '../../src/logger.js';
import { testApp } from '../support/test-app.js';

/** Free text from the demo's views, changes and risks, in people's own words. */
const DEMO_FREE_TEXT = [
  'I want to go swimming with my friend on Tuesdays',
  'I do not want to lose my friends from the centre',
  'The centre gives our family a break',
  'I want to join the choir at church',
  'I like my support worker',
  'I go swimming with my friend on Tuesdays and to the library on Fridays',
  'People may lose touch with friends',
  'This was lip service',
];

t.test('a whole scenario leaves no token, name or view in the log output', async (t) => {
  const { app, bearer, secrets, logText } = await testApp(t);
  await loadDemoScenario(app, secrets);
  let requests = 0;
  const get = async (url: string, headers: Record<string, string>) => {
    requests++;
    return app.inject({ url, headers });
  };
  for (const p of demoPeople) {
    await get(`/people/${p.personId}`, bearer.commissioner);
    await get(`/people/${p.personId}/subject-access`, bearer.auditor);
    await get(`/people/${p.personId}/subject-access?format=html`, bearer.commissioner);
  }
  await get('/people/P-HS01/subject-access', bearer['self-advocate']);
  await get('/people/P-HS02/subject-access', bearer['self-advocate']); // refused
  const decisions: { decisionId: string }[] = (await get('/decisions', bearer.provider)).json().decisions;
  for (const { decisionId } of decisions) {
    for (const role of ['commissioner', 'provider', 'self-advocate', 'auditor'] as const) await get(`/decisions/${decisionId}/evidence`, bearer[role]);
    await get(`/decisions/${decisionId}`, bearer.provider);
  }
  await get('/audit/export', bearer.auditor);
  // Refusals whose requests carry personal data: a bad body, a bad token, a query with a name.
  requests++;
  const bad = await app.inject({ method: 'POST', url: '/people', headers: bearer.commissioner, payload: { personId: 'not an id', name: 'Ophelia Brightwater-Stokes', contactDetails: '01632 960123' } });
  t.equal(bad.statusCode, 400);
  await get('/projections/changes-for-people?person=Ophelia%20Brightwater', bearer.commissioner);
  await get('/decisions/not-a-uuid/evidence', { authorization: 'Bearer not-a-real-token-but-secret-looking' });

  const text = logText();
  const lines = text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  const requestLines = lines.filter((l) => l.msg === 'request');
  t.ok(requestLines.length >= requests, `one line per request (${requestLines.length} lines, at least ${requests} requests)`);
  t.ok(requestLines.every((l) => typeof l.route === 'string' && typeof l.status === 'number' && typeof l.reqId === 'string'), 'each names its route pattern and status');
  t.ok(requestLines.some((l) => l.route === '/people/:id/subject-access'), 'subject access is logged by its pattern');
  t.ok(requestLines.some((l) => l.route === '/decisions/:id/evidence'), 'evidence packs are logged by their pattern');

  for (const [role, token] of Object.entries(secrets)) t.notOk(text.includes(token), `no ${role} token`);
  t.notOk(text.includes('not-a-real-token'), 'not even a token that failed');
  t.notOk(/bearer/i.test(text), 'no authorization header');
  for (const p of demoPeople) {
    t.notOk(text.includes(p.name), `no name: ${p.name}`);
    t.notOk(text.includes(p.contact), `no contact details of ${p.personId}`);
  }
  t.notOk(text.includes('Ophelia') || text.includes('01632 960123'), 'nothing from a refused body or a query string');
  for (const words of DEMO_FREE_TEXT) t.notOk(text.includes(words), `no free text: "${words}"`);
  t.notOk(/P-HS0\d/.test(text), 'not even a pseudonymous id: routes are logged by their pattern');
});

t.test('redaction is the net beneath: secrets and personal fields at any depth', async (t) => {
  const chunks: string[] = [];
  const logger = createLogger({ destination: new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(chunk.toString()), done()) }) });
  const child = logger.child({ reqId: 'r-1' });
  child.info(
    {
      token: 'tok-secret',
      req: { headers: { authorization: 'Bearer tok-secret', cookie: 'sid=tok-secret' }, body: { name: 'Nia Vale' }, query: { person: 'Nia Vale' } },
      actor: { id: 't-1', role: 'self-advocate', name: 'Nia Vale' },
      command: {
        data: { personId: 'P-NV0001', name: 'Nia Vale', contactDetails: '07700 900999', needsDetail: 'needs BSL', personal: { ciphertext: 'abc' } },
        views: [{ inOwnWords: 'my words', reason: 'my reason', by: { role: 'person-using-support', personId: 'P-NV0001' } }],
        changes: [{ before: 'before text', after: 'after text' }],
        deep: { a: { b: { c: { d: { comments: 'deep comment', howSupported: 'deep support' } } } } },
      },
      route: '/people/:id',
      status: 200,
    },
    'request',
  );
  const line = chunks.join('');
  for (const secret of ['tok-secret', 'Nia Vale', '07700 900999', 'needs BSL', 'abc', 'my words', 'my reason', 'before text', 'after text', 'deep comment', 'deep support']) {
    t.notOk(line.includes(secret), `"${secret}" is redacted`);
  }
  const parsed = JSON.parse(line);
  t.equal(parsed.route, '/people/:id', 'what is not personal stays');
  t.equal(parsed.status, 200);
  t.equal(parsed.reqId, 'r-1');
  t.equal(parsed.actor.role, 'self-advocate');
  t.equal(parsed.actor.name, CENSOR);
  t.equal(parsed.command.views[0].by.personId, 'P-NV0001', 'pseudonymous ids stay');
  t.equal(parsed.command.views[0].inOwnWords, CENSOR);

  chunks.length = 0;
  logger.child({ name: 'Nia Vale', contactDetails: '07700 900999' }).error({ err: new Error('something broke') }, 'request failed');
  const errorLine = JSON.parse(chunks.join(''));
  t.equal(errorLine.err.message, 'something broke', 'errors keep their message (the product’s own words)');
  t.equal(errorLine.name, CENSOR, 'a child logger’s bindings are censored too');
  t.equal(errorLine.contactDetails, CENSOR);
});
