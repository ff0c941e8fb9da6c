// GET /people/:id/subject-access: who may ask, what the answer holds, and the printable page.
import t from 'tap';
import { loadDemoScenario } from '../../src/demo/demo-scenario.js';
import { testApp } from '../support/test-app.js';

const ME = 'P-HS01';

t.test('subject access', async (t) => {
  const ctx = await testApp(t);
  const { app, bearer, secrets, tokens } = ctx;
  await loadDemoScenario(app, secrets);
  const otherSelfAdvocate = (await tokens.create({ role: 'self-advocate', name: 'Self-advocate for P-HS02', personId: 'P-HS02' }, new Date().toISOString())).token;
  const ask = (id: string, headers: Record<string, string>, query = '') => app.inject({ url: `/people/${id}/subject-access${query}`, headers });

  t.test('who may ask', async (t) => {
    for (const role of ['commissioner', 'auditor', 'self-advocate'] as const) {
      const response = await ask(ME, bearer[role]);
      t.equal(response.statusCode, 200, `${role}: ${response.body.slice(0, 200)}`);
    }
    const other = await ask(ME, { authorization: `Bearer ${otherSelfAdvocate}` });
    t.equal(other.statusCode, 403, 'another person’s self-advocate token');
    t.equal(other.json().code, 'PL_ERR_NOT_OWN_PERSON');
    t.match(other.headers['content-type'], /application\/problem\+json/);
    const provider = await ask(ME, bearer.provider);
    t.equal(provider.statusCode, 403, 'a provider, even one that supports the person');
    t.equal(provider.json().code, 'PL_ERR_FORBIDDEN');
    t.equal((await ask(ME, bearer.admin)).statusCode, 403, 'an administrator');
    t.equal((await ask(ME, {})).statusCode, 401, 'no token');
    t.equal((await ask('P-NOBODY1', bearer.commissioner)).json().code, 'PL_ERR_PERSON_NOT_FOUND');
    t.equal((await ask('P-NOBODY1', bearer['self-advocate'])).statusCode, 404, 'not found before not yours, as GET /people/:id');
    t.equal((await ask('not-a-person', bearer.commissioner)).statusCode, 400);
  });

  t.test('the answer holds everything the log holds about the person', async (t) => {
    const report = (await ask(ME, bearer['self-advocate'])).json();
    t.match(report, {
      personId: ME,
      forgotten: false,
      name: 'Aisha Khan',
      person: { name: 'Aisha Khan', contactDetails: 'via Hillside Support', supportedBy: ['Hillside Support'] },
      communicationNeeds: [{ need: 'easy-read' }],
    });
    t.match(report.register, [{ type: 'PersonRegistered', personal: { name: 'Aisha Khan', contactDetails: 'via Hillside Support' }, communicationNeeds: [{ need: 'easy-read' }] }]);
    t.equal(report.register[0].recordedBy.role, 'commissioner');
    t.notOk('name' in report.register[0].recordedBy, 'staff token names are not part of the answer');

    const titles = report.decisions.map((d: { title: string }) => d.title);
    t.ok(titles.includes('Turn the Hillside day centre block contract into Individual Service Funds'), 'the decision that names them as affected');
    t.ok(titles.includes('Re-tender the short breaks (respite) service'), 'the decision they challenged (on their behalf) is there too');
    t.same(
      report.decisions.filter((d: { listedAsAffected: boolean }) => d.listedAsAffected).map((d: { title: string }) => d.title),
      ['Turn the Hillside day centre block contract into Individual Service Funds'],
    );
    t.match(report.views, [{ youSaid: /swimming with my friend/, weDid: /swimming on Tuesdays/ }]);
    t.match(report.changes, [{ area: 'community', after: /library on Fridays/, direction: 'better' }]);
    t.same(report.risks, [], 'no risk falls on them');
    t.match(
      report.budgets.map((b: { type: string }) => b.type),
      ['ContractRegistered', 'IndividualBudgetAllocated', 'PersonMovedToNewArrangement'],
    );
    t.match(report.budgets[1], { amount: 4_160_000, route: 'individual-service-fund', heldBy: 'Hillside Support' });
    const types = report.records.map((r: { type: string }) => r.type);
    for (const type of ['DecisionProposed', 'InformationShared', 'ParticipantInvolved', 'ViewRecorded', 'FeedbackGiven', 'ChangeForPersonRecorded', 'DecisionChallenged', 'CoproductionReviewed']) {
      t.ok(types.includes(type), `a ${type} that names them is listed`);
    }
    t.ok(report.asOfPosition > 0);
    t.equal(JSON.stringify(report).includes('Tom Barker'), false, 'no one else’s name');
  });

  t.test('risks they bear', async (t) => {
    const report = (await ask('P-HS02', bearer.commissioner)).json();
    t.match(report.risks, [{ description: /lose touch with friends/, status: 'accepted' }]);
    t.match(report.views, [{ stance: 'has-concerns', reason: /only see them there/ }]);
  });

  t.test('a readable page', async (t) => {
    const page = await ask(ME, { ...bearer['self-advocate'], accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
    t.equal(page.statusCode, 200);
    t.match(page.headers['content-type'], /^text\/html/);
    t.match(page.body, /^<!doctype html>/);
    t.match(page.body, /Aisha Khan/);
    t.match(page.body, /What they said, and what was done/);
    t.match(page.body, /I want to go swimming with my friend on Tuesdays/);
    t.match(page.body, /£41,600\.00/);
    t.equal(page.headers['cache-control'], 'no-store');
    const asked = await ask(ME, bearer.auditor, '?format=html');
    t.match(asked.headers['content-type'], /^text\/html/, '?format=html');
    const json = await ask(ME, { ...bearer.auditor, accept: 'application/json, text/html;q=0.9' });
    t.match(json.headers['content-type'], /^application\/json/, 'JSON when it is preferred');
    const forced = await ask(ME, { ...bearer.auditor, accept: 'text/html' }, '?format=json');
    t.match(forced.headers['content-type'], /^application\/json/, '?format=json wins');
  });

  t.test('the register entry shows communication needs to those allowed to see the person', async (t) => {
    await app.inject({ method: 'POST', url: '/people/P-HS03/communication-needs', headers: bearer.commissioner, payload: { communicationNeeds: [{ need: 'british-sign-language', flag: 'BSL' }], needsDetail: 'A BSL interpreter at meetings' } });
    const entry = await app.inject({ url: '/people/P-HS03', headers: bearer.provider });
    t.equal(entry.statusCode, 200, 'a provider that supports them');
    t.match(entry.json(), { communicationNeeds: [{ need: 'british-sign-language', flag: 'BSL' }], needsDetail: 'A BSL interpreter at meetings' });
    t.equal(entry.headers['cache-control'], 'no-store');
    t.equal((await app.inject({ url: '/people/P-HS03', headers: bearer['self-advocate'] })).statusCode, 403, 'not another person’s self-advocate');
    const report = (await ask('P-HS03', bearer.auditor)).json();
    t.match(report.communicationNeeds, [{ need: 'british-sign-language', flag: 'BSL' }]);
    t.match(report.register.at(-1), { type: 'CommunicationNeedsRecorded', personal: { name: 'Grace Okafor', needsDetail: 'A BSL interpreter at meetings' } });
  });

  t.test('it is in the OpenAPI document', async (t) => {
    const doc = (await app.inject({ url: '/docs/json' })).json();
    t.ok(doc.paths['/people/{id}/subject-access']?.get, 'documented');
  });
});
