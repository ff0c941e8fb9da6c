// No personal data and no tokens in the log output: one line per request through a whole
// scenario (the demo, subject access, evidence packs, refusals); redaction by path beneath
// it, for the keys we control; and what the log is for (errors, failure reasons) kept.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import t from 'tap';
import { demoPeople, loadDemoScenario } from '../../src/demo/demo-scenario.js';
import { CENSOR, createLogger } from '../../src/logger.js';
import { hillsideProposal } from '../support/records.js';
import { tempDir } from '../support/temp-dir.js';
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

/** A logger writing to memory through the product's own set-up, and its lines parsed. */
function memoryLog(): { logger: Logger; lines: () => Record<string, unknown>[]; text: () => string } {
  const chunks: string[] = [];
  const logger = createLogger({ destination: new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(chunk.toString()), done()) }) });
  const text = () => chunks.join('');
  return { logger, text, lines: () => text().trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
}

t.test('what a caller sent, a secret or a person’s details put under a key we control is redacted by its path', async (t) => {
  const { logger, text, lines } = memoryLog();
  logger.child({ reqId: 'r-1', actor: { id: 't-1', role: 'self-advocate', name: 'Nia Vale' } }).info(
    {
      token: 'tok-secret',
      headers: { authorization: 'Bearer tok-secret' },
      body: { name: 'Nia Vale' },
      query: { person: 'Nia Vale' },
      url: '/people?name=Nia%20Vale',
      req: { method: 'POST', url: '/people?name=Nia%20Vale', headers: { authorization: 'Bearer tok-secret', cookie: 'sid=tok-secret' }, body: { name: 'Nia Vale' }, query: { person: 'Nia Vale' } },
      command: { type: 'RecordView', data: { inOwnWords: 'my words', reason: 'my reason', by: { role: 'person-using-support', personId: 'P-NV0001' } } },
      event: { type: 'ChangeForPersonRecorded', position: 7, data: { before: 'before text', after: 'after text' } },
      person: { personId: 'P-NV0001', name: 'Nia Vale', contactDetails: '07700 900999', needsDetail: 'needs BSL', personal: { ciphertext: 'abc' } },
      route: '/people/:id',
      status: 200,
    },
    'request',
  );
  for (const secret of ['tok-secret', 'Nia Vale', 'Nia%20Vale', '07700 900999', 'needs BSL', 'abc', 'my words', 'my reason', 'before text', 'after text']) {
    t.notOk(text().includes(secret), `"${secret}" is redacted`);
  }
  const [line] = lines();
  t.match(line, { route: '/people/:id', status: 200, reqId: 'r-1' }, 'what is not personal stays');
  t.match(line, { actor: { id: 't-1', role: 'self-advocate', name: CENSOR } }, 'a child logger’s bindings are redacted by the same paths');
  t.match(line, { command: { type: 'RecordView', data: CENSOR }, event: { type: 'ChangeForPersonRecorded', position: 7, data: CENSOR } }, 'a command or an event keeps its type, never its data');
  t.match(line, { person: { personId: 'P-NV0001', name: CENSOR, contactDetails: CENSOR, needsDetail: CENSOR, personal: CENSOR } }, 'a person keeps only the pseudonymous id');
  t.match(line, { req: { method: 'POST' } }, 'a request is logged by its method');
  t.notOk(JSON.stringify(line).includes('/people?'), 'never by its address');
});

t.test('a logged error keeps its message, and read models that cannot be opened are logged with the reason', async (t) => {
  const { logger, lines } = memoryLog();
  logger.error({ err: new Error('the disk is full') }, 'request failed');
  logger.error(new Error('logged on its own'));
  // What crossed a thread as a plain object is an error all the same.
  logger.warn({ err: { type: 'Error', message: 'the worker ran out of memory', code: 'ERR_WORKER_OUT_OF_MEMORY' } }, 'worker stopped');
  logger.warn({ reason: 'EACCES: permission denied, open projections/decision-list.json.tmp', message: 'our own words' }, 'snapshot failed');
  const [withErr, alone, plain, reasoned] = lines();
  t.match(withErr, { err: { type: 'Error', message: 'the disk is full', stack: /the disk is full/ } });
  t.match(alone, { err: { message: 'logged on its own' }, msg: 'logged on its own' });
  t.match(plain, { err: { message: 'the worker ran out of memory', code: 'ERR_WORKER_OUT_OF_MEMORY' } });
  t.match(reasoned, { reason: /^EACCES/, message: 'our own words' }, 'a reason or a message is not taken for a person’s words');

  // A request the parser refused carries its raw bytes on the error: they never reach the log.
  const parseError = Object.assign(new Error('Parse Error: Invalid method encountered'), { code: 'HPE_INVALID_METHOD', rawPacket: Buffer.from('FROB / HTTP/1.1\r\nAuthorization: Bearer tok-raw\r\n\r\n') });
  logger.info({ err: parseError }, 'client error');
  const [, , , , raw] = lines();
  t.match(raw, { err: { message: 'Parse Error: Invalid method encountered', code: 'HPE_INVALID_METHOD' } });
  t.notOk(JSON.stringify(raw).includes('tok-raw') || JSON.stringify(raw).includes('rawPacket'), 'an error is logged by its message and code, not by whatever it carries');

  // The real app, with a file where the read-model folder should be: it is rebuilt, and says why.
  const dataDir = tempDir(t);
  writeFileSync(join(dataDir, 'read-models'), 'a file where the read-model folder should be');
  const { app, bearer, logText } = await testApp(t, dataDir);
  const proposed = await app.inject({ method: 'POST', url: '/decisions', headers: bearer.commissioner, payload: hillsideProposal });
  t.equal(proposed.statusCode, 201, 'and the app serves');
  const failure = logText()
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .find((l) => typeof l.msg === 'string' && l.msg.startsWith('the read models could not be opened'));
  t.ok(failure, 'the failure is logged');
  t.match(failure, { reason: /EEXIST|ENOTDIR|not a directory|file already exists/ }, `with its reason: ${String(failure?.reason)}`);
});

t.test('through fastify’s own logger too, a request is logged by its method and route pattern only', async (t) => {
  const { app, logText } = await testApp(t);
  const request = { id: 'r-2', method: 'POST', url: '/people?name=Nia%20Vale', headers: { authorization: 'Bearer tok-secret' }, body: { name: 'Nia Vale' }, routeOptions: { url: '/people' } };
  app.log.warn({ req: request, res: { statusCode: 400, headers: { 'set-cookie': 'sid=tok-secret' } } }, 'something to look at');
  const line = logText()
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .find((l) => l.msg === 'something to look at');
  t.same(line?.req, { id: 'r-2', method: 'POST', route: '/people' });
  t.same(line?.res, { statusCode: 400 });
  t.notOk(/Nia|tok-secret/.test(logText()), 'no address, header or body');
});
