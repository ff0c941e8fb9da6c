// Every refusal is application/problem+json with a stable code, whoever raises it: our
// routes, fastify (bad bodies, bad addresses, other methods) or node's HTTP parser before
// fastify sees the request. None echoes the address, its query or the request. Where
// inject() cannot send what a broken client sends, a real socket does.
import { connect } from 'node:net';
import t, { type Test } from 'tap';
import { hillsideProposal as proposal } from '../support/records.js';
import { testApp, type TestApp } from '../support/test-app.js';

const information = {
  sharedWith: [{ role: 'person-using-support', personId: 'P-HS01' }],
  format: 'easy-read',
  timing: 'before-asking-for-views',
  sharedAt: '2026-03-01T10:00:00+00:00',
  description: 'Easy-read papers about the change',
};
/** A name in the query string: it must never come back in an answer. */
const QUERY = '?person=Ophelia%20Brightwater';
const PROBLEM_FIELDS = ['type', 'title', 'status', 'detail', 'code'];

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** True when the server closed the connection after answering. */
  closed: boolean;
}

/** Sends bytes as they are over a real socket and reads one answer (and whether the server then closed). */
function sendRaw(port: number, request: string, options: { halfClose?: boolean } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    let text = '';
    let answered: RawAnswer | undefined;
    const parse = (): RawAnswer | undefined => {
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return undefined;
      const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      const body = text.slice(end + 4);
      if (body.length < Number(headers['content-length'] ?? 0)) return undefined;
      return { status: Number(statusLine.split(' ')[1]), headers, body, closed: false };
    };
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within 5 s; received: ${JSON.stringify(text.slice(0, 300))}`));
    }, 5000);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
      answered ??= parse();
      // A kept-alive connection stays open: wait a moment for a close that would follow an answer.
      if (answered) setTimeout(() => socket.destroy(), 300);
    });
    socket.on('end', () => {
      if (answered) answered.closed = true;
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const answer = answered ?? parse();
      if (answer) resolve({ ...answer, closed: answered?.closed ?? true });
      else reject(new Error(`the connection closed without an answer; received: ${JSON.stringify(text.slice(0, 300))}`));
    });
    socket.on('error', () => undefined);
    socket.write(request);
    if (options.halfClose) socket.end();
  });
}

async function listening(t: Test): Promise<TestApp & { port: number; auth: string }> {
  const ctx = await testApp(t);
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const address = ctx.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on a port');
  return { ...ctx, port: address.port, auth: ctx.bearer.commissioner.authorization };
}

/** The answer is problem+json with every field, the expected status and code, and none of the given words. */
function isProblem(t: Test, answer: { status: number; headers: Record<string, string | string[] | number | undefined>; body: string }, status: number, code: string, secrets: string[]): void {
  t.equal(answer.status, status, `status ${status}`);
  t.match(String(answer.headers['content-type']), /^application\/problem\+json/, 'problem+json');
  const problem: unknown = JSON.parse(answer.body);
  t.match(problem, { status, code, type: `https://partnership-log.example/problems/${code}` }, `code ${code}`);
  for (const field of PROBLEM_FIELDS) t.ok(typeof problem === 'object' && problem !== null && field in problem, `has ${field}`);
  for (const secret of secrets) t.notOk(answer.body.includes(secret), `does not echo ${JSON.stringify(secret.slice(0, 40))}`);
}

t.test('an impossible date or a title with nothing visible is refused 400, naming the field, and nothing is written', async (t) => {
  const { app, bearer, store } = await testApp(t);
  const proposed = await app.inject({ method: 'POST', url: '/decisions', headers: bearer.commissioner, payload: proposal });
  const decisionId: string = proposed.json().decisionId;
  const head = await store.headPosition();
  const refusals = [
    { what: 'a day not on the calendar', field: 'body.sharedAt', url: `/decisions/${decisionId}/information`, payload: { ...information, sharedAt: '2026-02-30T10:00:00+00:00' } },
    { what: 'an offset beyond +14:00', field: 'body.sharedAt', url: `/decisions/${decisionId}/information`, payload: { ...information, sharedAt: '2026-03-01T10:00:00+15:00' } },
    { what: 'a title of zero-width and direction controls', field: 'body.title', url: '/decisions', payload: { ...proposal, title: '\u200B\u202E\u2066\u2069\uFEFF' } },
    { what: 'an invisible easy-read sentence', field: 'body.easyReadSummary.0', url: '/decisions', payload: { ...proposal, easyReadSummary: ['\u200B\u200D'] } },
    { what: 'a description of bidi embeddings', field: 'body.description', url: `/decisions/${decisionId}/information`, payload: { ...information, description: '\u202A\u202B\u202C' } },
  ];
  for (const { what, field, url, payload } of refusals) {
    const answer = await app.inject({ method: 'POST', url, headers: bearer.commissioner, payload });
    t.test(what, async (t) => {
      isProblem(t, { status: answer.statusCode, headers: answer.headers, body: answer.body }, 400, 'PL_ERR_VALIDATION', []);
      t.match(answer.json().errors, [{ field }], `names ${field}`);
    });
  }
  t.equal(await store.headPosition(), head, 'nothing was written');
});

t.test('a body that is not JSON, or not as long as its Content-Length says, is problem+json 400', async (t) => {
  const { app, port, auth, bearer } = await listening(t);
  const notJson = await app.inject({ method: 'POST', url: '/decisions', headers: { ...bearer.commissioner, 'content-type': 'application/json' }, payload: '{"title": "Ophelia Brightwater' });
  isProblem(t, { status: notJson.statusCode, headers: notJson.headers, body: notJson.body }, 400, 'PL_ERR_BAD_REQUEST', ['Ophelia']);

  const body = '{"title":"Ophelia Brightwater"}';
  const head = (length: number) => `POST /decisions${QUERY} HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${auth}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;
  const shorter = await sendRaw(port, head(body.length + 40) + body, { halfClose: true });
  isProblem(t, shorter, 400, 'PL_ERR_BAD_REQUEST', ['Ophelia', auth]);
  const longer = await sendRaw(port, head(5) + body);
  isProblem(t, longer, 400, 'PL_ERR_BAD_REQUEST', ['Ophelia', auth]);
  t.ok(longer.closed, 'and the connection is closed: what follows cannot be trusted');
});

t.test('an address too long or badly encoded is problem+json, and never echoed', async (t) => {
  const { port, auth } = await listening(t);
  const longId = 'a'.repeat(300);
  const tooLong = await sendRaw(port, `GET /decisions/${longId}${QUERY} HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${auth}\r\n\r\n`);
  isProblem(t, tooLong, 414, 'PL_ERR_URI_TOO_LONG', [longId.slice(0, 50), 'Ophelia', '/decisions']);
  const badlyEncoded = await sendRaw(port, `GET /decisions/%zz-Ophelia${QUERY} HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${auth}\r\n\r\n`);
  isProblem(t, badlyEncoded, 400, 'PL_ERR_BAD_REQUEST', ['Ophelia', '%zz', '/decisions']);
  const hugeAddress = `/decisions${QUERY}&x=${'b'.repeat(20 * 1024)}`;
  const overflow = await sendRaw(port, `GET ${hugeAddress} HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${auth}\r\n\r\n`);
  isProblem(t, overflow, 431, 'PL_ERR_HEADERS_TOO_LARGE', ['Ophelia', 'bbbbbbbbbb', auth]);
  t.ok(overflow.closed, 'the parser gave up on the request: the connection is closed');
});

t.test('another method at a known address is 405 with Allow; an unknown method is 400; all problem+json', async (t) => {
  const { app, port, auth, bearer, logText } = await listening(t);
  const patch = await app.inject({ method: 'PATCH', url: `/decisions${QUERY}`, headers: bearer.commissioner, payload: {} });
  isProblem(t, { status: patch.statusCode, headers: patch.headers, body: patch.body }, 405, 'PL_ERR_METHOD_NOT_ALLOWED', ['Ophelia']);
  t.equal(patch.headers.allow, 'GET, HEAD, POST', 'Allow names the methods this address takes');
  const del = await app.inject({ method: 'DELETE', url: '/decisions/00000000-0000-4000-8000-000000000009/views', headers: bearer.commissioner });
  t.equal(del.statusCode, 405, 'an address with a parameter is known too');
  t.equal(del.headers.allow, 'POST');
  const nowhere = await app.inject({ method: 'PATCH', url: '/nowhere', headers: bearer.commissioner });
  t.equal(nowhere.statusCode, 404, 'an address nothing answers is still 404');

  // QUERY is a method node knows and fastify routes, but refuses without a Content-Type.
  const query = await sendRaw(port, `QUERY /decisions${QUERY} HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${auth}\r\nContent-Length: 0\r\n\r\n`);
  isProblem(t, query, 405, 'PL_ERR_METHOD_NOT_ALLOWED', ['Ophelia']);
  const unknown = await sendRaw(port, `FROB /decisions${QUERY} HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${auth}\r\n\r\n`);
  isProblem(t, unknown, 400, 'PL_ERR_BAD_REQUEST', ['Ophelia', 'FROB', auth]);
  t.ok(unknown.closed, 'and closed');
  const tunnel = await sendRaw(port, `CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\nAuthorization: ${auth}\r\n\r\n`);
  isProblem(t, tunnel, 405, 'PL_ERR_METHOD_NOT_ALLOWED', ['example.org', auth]);
  t.ok(tunnel.closed, 'and closed');
  t.notOk(logText().includes(auth.slice('Bearer '.length)), 'no token reached the log from a request the parser refused');
});

t.test('a request the HTTP parser cannot read gets a minimal problem+json 400 and a closed connection', async (t) => {
  const { port, auth, logText } = await listening(t);
  const garbled = {
    'a broken request line': `GET /decisions${QUERY} HTTP/9\r\nAuthorization: ${auth}\r\n\r\n`,
    'a header without a colon': `GET /decisions${QUERY} HTTP/1.1\r\nHost: localhost\r\nAuthorization ${auth}\r\n\r\n`,
    'a body both chunked and with a length': `POST /decisions${QUERY} HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${auth}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    'a control character in the address': `GET /decisions\u0001${QUERY} HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${auth}\r\n\r\n`,
  };
  for (const [what, request] of Object.entries(garbled)) {
    const answer = await sendRaw(port, request);
    t.test(what, async (t) => {
      isProblem(t, answer, 400, 'PL_ERR_BAD_REQUEST', ['Ophelia', auth, '/decisions']);
      t.ok(answer.closed, 'the connection is closed');
    });
  }
  const lines = logText().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  t.ok(lines.some((l) => l.msg === 'request not read' && l.status === 400 && typeof l.reqId === 'string'), 'each is logged by its request id and status');
  t.notOk(logText().includes(auth.slice('Bearer '.length)), 'and not with the request: no token in the log');
  t.notOk(logText().includes('Ophelia'), 'no query string in the log');
});
