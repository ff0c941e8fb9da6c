// The HTTP API as users meet it: answers, ETags, If-Match, Idempotency-Key, refusals as
// problem+json with nothing written, read-your-writes, the person read rules and the log.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { COUNCIL, DAY_SERVICE_PROVIDER } from '../../src/demo/demo-scenario.js';
import { testApp, type TestApp } from '../support/test-app.js';
import { registerTestProviders } from '../support/providers.js';

const proposal = {
  kind: 'commissioning',
  title: 'Change the day service at Hillside',
  summary: 'Move from a block-funded day centre to support in the community.',
  easyReadSummary: ['We want to change the day service.', 'We want to hear what you think.'],
  proposedBy: { role: 'commissioner', organisation: COUNCIL },
  affects: { people: ['P-HS01', 'P-HS02'], groups: [] },
  organisations: [DAY_SERVICE_PROVIDER],
};
const SECRET_VIEW = 'I like the swimming pool on Tuesdays with Bernadette Quill';
const view = { by: { role: 'person-using-support', personId: 'P-HS01' }, stance: 'supports', inOwnWords: SECRET_VIEW };

async function proposed(t: Test): Promise<TestApp & { decisionId: string }> {
  const ctx = await testApp(t);
  await registerTestProviders(t, ctx);
  const response = await ctx.app.inject({ method: 'POST', url: '/decisions', headers: ctx.bearer.commissioner, payload: proposal });
  t.equal(response.statusCode, 201, 'proposed');
  return { ...ctx, decisionId: response.json().decisionId };
}

t.test('a command answers 201 with the new ids, the revision, the position and an ETag', async (t) => {
  const { app, bearer, decisionId } = await proposed(t);
  const response = await app.inject({ method: 'POST', url: `/decisions/${decisionId}/views`, headers: bearer['self-advocate'], payload: view });
  t.equal(response.statusCode, 201);
  t.equal(response.headers.etag, '"1"');
  t.match(response.json(), { decisionId, viewId: /^[0-9a-f-]{36}$/, revision: 1, replayed: false, events: [{ type: 'ViewRecorded', revision: 1 }] });
  const history = await app.inject({ url: `/decisions/${decisionId}/events`, headers: bearer.auditor });
  t.same(history.json().events.map((e: { type: string }) => e.type), ['DecisionProposed', 'ViewRecorded']);
  t.match(history.json().events[1].metadata, { actor: { role: 'self-advocate', name: /Speaking Up Together/ }, hash: /^[0-9a-f]{64}$/, previousHash: /^[0-9a-f]{64}$/ });
});

t.test('If-Match with a stale revision is 409 with the current revision, and writes nothing', async (t) => {
  const { app, bearer, decisionId, store } = await proposed(t);
  const stale = { ...bearer.commissioner, 'if-match': '"0"' };
  t.equal((await app.inject({ method: 'POST', url: `/decisions/${decisionId}/views`, headers: stale, payload: view })).statusCode, 201);
  const head = await store.headPosition();
  const conflict = await app.inject({ method: 'POST', url: `/decisions/${decisionId}/views`, headers: stale, payload: view });
  t.equal(conflict.statusCode, 409);
  t.match(conflict.headers['content-type'], /application\/problem\+json/);
  t.match(conflict.json(), { code: 'PL_ERR_WRONG_EXPECTED_REVISION', currentRevision: 1 });
  t.equal(conflict.headers.etag, '"1"');
  t.equal(await store.headPosition(), head);
});

t.test('a retry with the same Idempotency-Key gets the same answer and no second event', async (t) => {
  const { app, bearer, decisionId, store } = await proposed(t);
  const headers = { ...bearer.commissioner, 'idempotency-key': 'view-from-the-meeting-1' };
  const first = await app.inject({ method: 'POST', url: `/decisions/${decisionId}/views`, headers, payload: view });
  const second = await app.inject({ method: 'POST', url: `/decisions/${decisionId}/views`, headers, payload: view });
  t.equal(second.statusCode, 201);
  t.equal(second.json().viewId, first.json().viewId);
  t.equal(second.json().replayed, true);
  t.equal((await store.readStream(`decision-${decisionId}`)).length, 2, 'one view, not two');
});

t.test('refusals are problem+json with a stable code, and write nothing', async (t) => {
  const { app, bearer, decisionId, store, tokens } = await proposed(t);
  const head = await store.headPosition();
  const post = (url: string, payload: unknown, headers: Record<string, string> = bearer.commissioner) =>
    app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/json' }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });

  const bad = await post(`/decisions/${decisionId}/views`, { by: { role: 'person-using-support' }, stance: 'opposes', inOwnWords: '' });
  t.equal(bad.statusCode, 400);
  t.match(bad.headers['content-type'], /application\/problem\+json/);
  const fields = bad.json().errors.map((e: { field: string }) => e.field);
  t.ok(fields.includes('body.by.personId') && fields.includes('body.inOwnWords'), `names each bad field: ${fields.join(', ')}`);

  const concern = await post(`/decisions/${decisionId}/views`, { ...view, stance: 'has-concerns' });
  t.match(concern.json(), { status: 400, errors: [{ field: 'body.reason', message: /must give its reason/ }] });

  t.match((await post(`/decisions/${decisionId}/views`, '{"by":')).json(), { status: 400, code: 'PL_ERR_BAD_REQUEST' });
  t.match((await post('/decisions/00000000-0000-4000-8000-000000000009/views', view)).json(), { status: 404, code: 'PL_ERR_DECISION_NOT_FOUND' });
  t.match((await post(`/decisions/not-an-id/views`, view)).json(), { status: 400, errors: [{ field: 'params.id' }] });
  const huge = await post(`/decisions/${decisionId}/views`, { ...view, inOwnWords: 'x'.repeat(300 * 1024) });
  t.match(huge.json(), { status: 413, code: 'PL_ERR_BODY_TOO_LARGE' });
  const answerToNothing = await post(`/decisions/${decisionId}/decision`, {
    outcome: 'agreed',
    reasons: 'Because.',
    decidedBy: [{ role: 'commissioner', organisation: COUNCIL }],
    claimedRung: 'co-production',
    reviewDate: '2027-06-30',
    answers: [{ viewId: '00000000-0000-4000-8000-000000000009', answer: 'Yes.' }],
  });
  t.match(answerToNothing.json(), { status: 422, code: 'PL_ERR_VIEW_NOT_FOUND', detail: /no recorded view/ });
  const otherProvider = await tokens.create({ role: 'provider', name: 'Other Care', organisation: 'Other Care Ltd' }, new Date().toISOString());
  const notTheirs = await post(`/decisions/${decisionId}/views`, { ...view, by: { role: 'provider', organisation: 'Other Care Ltd' } }, { authorization: `Bearer ${otherProvider.token}` });
  t.match(notTheirs.json(), { status: 403, code: 'PL_ERR_NOT_OWN_ORGANISATION' });
  t.match((await post(`/decisions/${decisionId}/views`, view, { authorization: 'Bearer pl_nonsense' })).json(), { status: 401, code: 'PL_ERR_UNAUTHENTICATED' });
  t.match((await app.inject({ url: '/nowhere' })).json(), { status: 404, code: 'PL_ERR_NOT_FOUND' });
  t.equal(await store.headPosition(), head, 'nothing was written');
});

t.test('a read after a write reflects it (read-your-writes), and as-of replay shows the past', async (t) => {
  const { app, bearer, decisionId } = await proposed(t);
  const before = await app.inject({ url: `/projections/you-said-we-did?decision=${decisionId}`, headers: bearer.commissioner });
  const written = await app.inject({ method: 'POST', url: `/decisions/${decisionId}/views`, headers: bearer.commissioner, payload: view });
  const after = await app.inject({ url: `/projections/you-said-we-did?decision=${decisionId}`, headers: bearer.commissioner });
  t.equal(after.json().views.length, 1, 'the view is there at once');
  t.ok(after.json().asOfPosition >= written.json().position);
  const past = await app.inject({ url: `/projections/you-said-we-did?decision=${decisionId}&asOf=${before.json().asOfPosition}`, headers: bearer.auditor });
  t.equal(past.json().views.length, 0, 'as of the earlier position there was no view');
  const decision = await app.inject({ url: `/decisions/${decisionId}`, headers: bearer.provider });
  t.match(decision.json(), { status: 'proposed', youSaidWeDid: [{ youSaid: SECRET_VIEW }], coproductionReview: { checks: Array }, involvement: Object });
  t.equal((await app.inject({ url: '/projections/nope', headers: bearer.auditor })).json().code, 'PL_ERR_PROJECTION_NOT_FOUND');
});

t.test('a name is read only by those the register allows', async (t) => {
  const ctx = await testApp(t);
  await registerTestProviders(t, ctx);
  const { app, bearer, tokens, dataDir } = ctx;
  const register = await app.inject({
    method: 'POST',
    url: '/people',
    headers: bearer.commissioner,
    payload: { personId: 'P-HS01', name: 'Bernadette Quill', contactDetails: '0113 496 0000', communicationNeeds: [{ need: 'easy-read' }], supportedBy: [DAY_SERVICE_PROVIDER] },
  });
  t.equal(register.statusCode, 201);
  const now = new Date().toISOString();
  const stranger = await tokens.create({ role: 'provider', name: 'Other Care', organisation: 'Other Care Ltd' }, now);
  const otherPerson = await tokens.create({ role: 'self-advocate', name: 'Someone else', personId: 'P-HS02' }, now);
  for (const [who, headers] of Object.entries({ commissioner: bearer.commissioner, auditor: bearer.auditor, 'supporting provider': bearer.provider, 'the person': bearer['self-advocate'] })) {
    const read = await app.inject({ url: '/people/P-HS01', headers });
    t.match(read.json(), { name: 'Bernadette Quill', communicationNeeds: [{ need: 'easy-read' }] }, `${who} reads the name`);
  }
  for (const [who, token] of Object.entries({ 'another provider': stranger.token, 'another self-advocate': otherPerson.token })) {
    const read = await app.inject({ url: '/people/P-HS01', headers: { authorization: `Bearer ${token}` } });
    t.equal(read.statusCode, 403, `${who} does not`);
    t.notMatch(read.body, /Bernadette/);
  }
  const changes = await app.inject({ url: '/projections/changes-for-people?person=P-HS01', headers: { authorization: `Bearer ${stranger.token}` } });
  t.equal(changes.statusCode, 403, 'nor what changed for them');

  const decisionId = (await app.inject({ method: 'POST', url: '/decisions', headers: bearer.commissioner, payload: proposal })).json().decisionId;
  const needsSeenBy = async (headers: { authorization: string }) => (await app.inject({ url: `/decisions/${decisionId}`, headers })).json().people;
  t.match(await needsSeenBy(bearer.provider), [{ personId: 'P-HS01', visible: true, communicationNeeds: [{ need: 'easy-read' }] }, { personId: 'P-HS02', visible: false, communicationNeeds: [] }], 'a decision shows the needs of the people it affects to those who may see them');
  t.match(await needsSeenBy({ authorization: `Bearer ${stranger.token}` }), [{ personId: 'P-HS01', visible: false, communicationNeeds: [] }, { visible: false }], 'and to no one else');

  const forget = await app.inject({ method: 'DELETE', url: '/people/P-HS01/personal-data', headers: bearer.commissioner, payload: { reason: 'the-person-asked' } });
  t.match(forget.json(), { forgotten: true, keyDestroyed: true });
  t.match((await app.inject({ url: '/people/P-HS01', headers: bearer.commissioner })).json(), { forgotten: true, name: 'forgotten person', contactDetails: null });
  const again = await app.inject({ method: 'POST', url: '/people/P-HS01/communication-needs', headers: bearer.commissioner, payload: { communicationNeeds: [] } });
  t.equal(again.json().code, 'PL_ERR_PERSON_FORGOTTEN');

  const reRegister = await app.inject({
    method: 'POST',
    url: '/people',
    headers: bearer.commissioner,
    payload: { personId: 'P-HS01', name: 'Bernadette Quill', communicationNeeds: [], supportedBy: [] },
  });
  t.equal(reRegister.json().code, 'PL_ERR_PERSON_FORGOTTEN', 'a forgotten id is not registered again');
  t.notOk(existsSync(join(dataDir, 'keys', 'P-HS01.key')) || readdirSync(join(dataDir, 'keys')).some((f) => f.includes('P-HS01')), 'and no new key is made for it');
});

t.test('one log line per request, without tokens or free text about people', async (t) => {
  const { app, bearer, decisionId, logText, secrets } = await proposed(t);
  await app.inject({ method: 'POST', url: `/decisions/${decisionId}/views`, headers: bearer.commissioner, payload: view });
  await app.inject({ method: 'POST', url: `/decisions/${decisionId}/views`, headers: bearer.commissioner, payload: { ...view, stance: 'opposes' } });
  await app.inject({ method: 'POST', url: '/people', headers: bearer.commissioner, payload: { personId: 'P-HS09', name: 'Bernadette Quill', communicationNeeds: [], supportedBy: [] } });
  await app.inject({ url: `/decisions/${decisionId}?q=${encodeURIComponent(SECRET_VIEW)}`, headers: bearer.provider });
  const text = logText();
  const requests = text.split('\n').filter(Boolean).map((line) => JSON.parse(line)).filter((line) => line.msg === 'request');
  t.equal(requests.length, 5, 'one line for each request');
  t.match(requests[1], { reqId: String, actor: String, role: 'commissioner', method: 'POST', route: '/decisions/:id/views', status: 201, ms: Number });
  t.match(requests[2], { status: 400 });
  for (const secret of [...Object.values(secrets), SECRET_VIEW, 'Bernadette', 'Quill', 'swimming']) t.notOk(text.includes(secret), `the log holds no ${secret.slice(0, 12)}…`);
});
