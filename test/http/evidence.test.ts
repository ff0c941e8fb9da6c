// GET /decisions/:id/evidence: the printable evidence pack for one decision.
import t from 'tap';
import { loadDemoScenario } from '../../src/demo/demo-scenario.js';
import { testApp } from '../support/test-app.js';

const DISAGGREGATION = 'Turn the Hillside day centre block contract into Individual Service Funds';
const CONNECTIONS = 'Help people build community connections so they rely less on paid staff';

t.test('the evidence pack', async (t) => {
  const { app, bearer, secrets } = await testApp(t);
  await loadDemoScenario(app, secrets);
  const decisions: { decisionId: string; title: string }[] = (await app.inject({ url: '/decisions', headers: bearer.auditor })).json().decisions;
  const idOf = (title: string) => decisions.find((d) => d.title === title)?.decisionId ?? '';
  const pack = (id: string, headers: Record<string, string> = bearer.auditor) => app.inject({ url: `/decisions/${id}/evidence`, headers });

  t.test('what it holds', async (t) => {
    const response = await pack(idOf(DISAGGREGATION));
    t.equal(response.statusCode, 200, response.body.slice(0, 300));
    t.match(response.headers['content-type'], /^text\/html/);
    const page = response.body;
    t.match(page, /^<!doctype html>/);
    t.match(page, `<h1>Evidence pack: ${DISAGGREGATION}</h1>`);
    t.match(page, /<th scope="row">Kind<\/th><td>disaggregation<\/td>/);
    t.match(page, /<th scope="row">Outcome<\/th><td>agreed-with-changes<\/td>/);
    t.match(page, /In easy read/);
    t.match(page, /<li>We want to give each person their own budget\.<\/li>/, 'the easy-read summary');
    t.match(page, /Timeline: who did what, when/);
    t.match(page, /Jo Fielding, commissioning manager, commissioner, Leeds City Council<\/td><td>made the decision: agreed-with-changes/, 'the timeline names the actor');
    t.match(page, /People who use support took part before the decision was made\./, 'involvement');
    t.match(page, /People may lose touch with friends they made at the centre\./, 'risks');
    t.match(page, /Friendships can grow outside the centre too/, 'why the risk is worth taking');
    t.match(page, /Works two mornings a week at the garden centre café/, 'changes for people');
    t.match(page, /The nine checks/);
    t.equal((page.match(/<td class="(pass|fail|not-yet)"><strong>/g) ?? []).length, 9, 'nine checks, each pass, fail or not yet');
    t.match(page, /I want to go swimming with my friend on Tuesdays/, 'you said');
    t.match(page, /Your budget can pay for support to go swimming on Tuesdays\./, 'we did');
    t.match(page, /We helped design the options, but the council decided the timetable without us\./, 'the self-advocates’ verdict');
    const head = (await app.inject({ url: '/health' })).json().lastPosition;
    t.match(page, `The whole log (embedded): verified up to position ${head}.`, 'the whole log verified, with its position');
    t.match(page, /This decision’s record: intact\./);
    t.match(page, /<th>Person<\/th><th>Communication needs<\/th>/);
    t.match(page, /<td>P-HS03<\/td><td>british-sign-language<\/td>/, 'each affected person’s needs, for a reader who may see everyone');
    t.notMatch(page, /Aisha Khan|Grace Okafor/, 'names stay in the register');
    t.equal(response.headers['cache-control'], 'no-store');
  });

  t.test('parties and money in the same words as the pages', async (t) => {
    const page = (await pack(idOf(DISAGGREGATION))).body;
    t.match(page, /<th scope="row">Proposed by<\/th><td>Leeds City Council \(commissioner\), /);
    t.match(page, /<th scope="row">Money<\/th><td>£332,800\.00: /);
  });

  t.test('free text is escaped', async (t) => {
    const id = idOf(CONNECTIONS);
    const view = await app.inject({
      method: 'POST',
      url: `/decisions/${id}/views`,
      headers: bearer.commissioner,
      payload: { by: { role: 'person-using-support', personId: 'P-HS05' }, stance: 'supports', inOwnWords: '<script>alert("hi")</script> & I’d like <b>that</b>' },
    });
    t.equal(view.statusCode, 201, view.body);
    const page = (await pack(id)).body;
    t.notMatch(page, /<script>/, 'no script element from a view');
    t.notMatch(page, /<b>that<\/b>/);
    t.match(page, '&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; &amp; I’d like &lt;b&gt;that&lt;/b&gt;');
  });

  t.test('what each reader sees about people', async (t) => {
    const id = idOf(DISAGGREGATION);
    const own = await pack(id, bearer['self-advocate']);
    t.equal(own.statusCode, 200);
    t.match(own.body, /I go swimming with my friend on Tuesdays and to the library on Fridays\./, 'their own change');
    t.notMatch(own.body, /garden centre café/, 'not someone else’s change');
    t.match(own.body, /Only changes for people you may see are shown\./);
    t.match(own.body, /<td>P-HS01<\/td><td>easy-read<\/td>/, 'their own needs');
    t.notMatch(own.body, /british-sign-language<\/td>/, 'not someone else’s needs');
    t.match(own.body, /7 more people are affected whose details you may not see\./);
    const provider = await pack(id, bearer.provider);
    t.equal(provider.statusCode, 200);
    t.match(provider.body, /garden centre café/, 'a provider sees the changes of the people it supports');
  });

  t.test('who may read it', async (t) => {
    const id = idOf(DISAGGREGATION);
    for (const role of ['commissioner', 'provider', 'self-advocate', 'auditor'] as const) t.equal((await pack(id, bearer[role])).statusCode, 200, role);
    const admin = await pack(id, bearer.admin);
    t.equal(admin.statusCode, 403);
    t.equal(admin.json().code, 'PL_ERR_FORBIDDEN');
    t.equal((await pack(id, {})).statusCode, 401);
    const unknown = await pack('00000000-0000-4000-8000-000000000000');
    t.equal(unknown.statusCode, 404);
    t.match(unknown.headers['content-type'], /application\/problem\+json/);
    t.equal(unknown.json().code, 'PL_ERR_DECISION_NOT_FOUND');
    t.equal((await pack('not-a-uuid')).statusCode, 400);
  });

  t.test('it is in the OpenAPI document', async (t) => {
    const doc = (await app.inject({ url: '/docs/json' })).json();
    t.ok(doc.paths['/decisions/{id}/evidence']?.get, 'documented');
  });
});
