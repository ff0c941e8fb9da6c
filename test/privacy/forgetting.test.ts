// Forgetting a person (crypto-shredding): once their key is destroyed, their name,
// contact details and needs detail are nowhere — not in any file of the data folder
// (log, read models, tokens, keys), not in an export, not in any answer of the API, not in
// the log output — they are shown as "forgotten person", and the log still verifies.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import t from 'tap';
import { readOnlyLogSource } from '../../src/audit/audit-source.js';
import { exportLines } from '../../src/audit/export.js';
import { verifyEmbeddedLog } from '../../src/audit/verify-log.js';
import { COUNCIL, loadDemoScenario } from '../../src/demo/demo-scenario.js';
import { createRegistry } from '../../src/registry.js';
import { testApp } from '../support/test-app.js';

const PERSON = 'P-ZQ7X9K';
const NAME = 'Zephyrine Quillfeather';
const CONTACT = 'zephyrine.q@example.org or 07700 900777';
const NEEDS_DETAIL = 'Prefers Makaton signs with pictures, mornings only';
/** Each on its own too, so a partial leak (a first name in a token, a number) is caught. */
const SECRETS = [NAME, 'Zephyrine', 'Quillfeather', CONTACT, 'zephyrine.q@example.org', '07700 900777', NEEDS_DETAIL, 'Makaton'];

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

t.test('a forgotten person is nowhere, and the log still verifies', async (t) => {
  const ctx = await testApp(t);
  const { app, bearer, secrets, dataDir } = ctx;
  await loadDemoScenario(app, secrets);
  const post = async (url: string, payload: object, headers = bearer.commissioner) => {
    const response = await app.inject({ method: 'POST', url, headers, payload });
    t.equal(response.statusCode, 201, `POST ${url}: ${response.body.slice(0, 300)}`);
    return response.json();
  };
  const get = (url: string, headers = bearer.commissioner) => app.inject({ url, headers });

  // Someone with a name that appears nowhere else, and a record about them.
  await post('/people', {
    personId: PERSON,
    name: NAME,
    contactDetails: CONTACT,
    communicationNeeds: [{ need: 'easy-read' }],
    supportedBy: ['Hillside Support'],
  });
  await post(`/people/${PERSON}/communication-needs`, { communicationNeeds: [{ need: 'easy-read', flag: 'EASY-READ' }, { need: 'other' }], needsDetail: NEEDS_DETAIL });
  const me = { role: 'person-using-support', personId: PERSON };
  const council = { role: 'commissioner', organisation: COUNCIL };
  const { decisionId } = await post('/decisions', {
    kind: 'commissioning',
    title: 'A supported living place closer to family',
    summary: 'Commission a supported living place in the person’s home town.',
    easyReadSummary: ['You could live closer to your family.'],
    proposedBy: council,
    affects: { people: [PERSON], groups: [] },
    organisations: [],
  });
  const on = (path: string) => `/decisions/${decisionId}/${path}`;
  await post(on('involvement'), { participant: me, stage: 'designing-options', rung: 'co-design', support: ['advocate'] });
  const { viewId } = await post(on('views'), { by: me, stance: 'supports', inOwnWords: 'I want to live near my sister and walk to the shops.' });
  const { riskId } = await post(on('risks'), { description: 'Loneliness in the first months in a new place.', fallsOn: [me], likelihood: 'medium', impact: 'medium' });
  await post(`${on('risks')}/${riskId}/acceptance`, { acceptedBy: [me, council], whyWorthTaking: 'Being near family matters most.', mitigations: ['Weekly check-in'], reviewDate: '2027-09-01' });
  await post(on('decision'), { outcome: 'agreed', reasons: 'The person chose it.', decidedBy: [council], claimedRung: 'co-design', reviewDate: '2027-12-01', answers: [{ viewId, answer: 'The place is ten minutes’ walk from your sister.' }] });
  await post(on('changes'), { personId: PERSON, area: 'home', before: 'Lived an hour from family.', after: 'Walks to the shops and sees family each week.', direction: 'better', inPersonsOwnWords: false });

  // Before: the name is readable through the register, and only there.
  t.equal((await get(`/people/${PERSON}`)).json().name, NAME);
  t.equal((await get(`/people/${PERSON}/subject-access`)).json().person.needsDetail, NEEDS_DETAIL);
  const exportBefore = (await get('/audit/export', bearer.auditor)).body;
  t.ok(exportBefore.includes(PERSON) && exportBefore.includes('"ciphertext"'), 'the export holds the person’s sealed entry');
  for (const secret of SECRETS) t.notOk(exportBefore.includes(secret), `before forgetting, the export holds "${secret}" only as ciphertext`);

  // Forget them.
  const forgotten = await app.inject({ method: 'DELETE', url: `/people/${PERSON}/personal-data`, headers: bearer.commissioner, payload: { reason: 'the-person-asked' } });
  t.equal(forgotten.statusCode, 200, forgotten.body);
  t.match(forgotten.json(), { forgotten: true, keyDestroyed: true });

  // Every answer of the API.
  const answers: Record<string, string> = {};
  const collect = async (url: string, headers = bearer.commissioner) => {
    const response = await get(url, headers);
    t.equal(response.statusCode, 200, `GET ${url}`);
    answers[url] = response.body;
    return response;
  };
  const person = (await collect(`/people/${PERSON}`)).json();
  t.match(person, { forgotten: true, name: 'forgotten person', contactDetails: null, needsDetail: null });
  const access = (await collect(`/people/${PERSON}/subject-access`)).json();
  t.match(access, { forgotten: true, name: 'forgotten person' });
  t.ok(access.register.every((r: { personal: unknown }) => r.personal === null), 'no register entry can be opened');
  t.match(access.register.at(-1), { type: 'PersonalDataErased', reason: 'the-person-asked' });
  t.match(access.views, [{ youSaid: /live near my sister/ }], 'what they said stays, under the pseudonymous id');
  t.match((await collect(`/people/${PERSON}/subject-access?format=html`)).body, /forgotten person/);
  const decisions: { decisionId: string }[] = (await collect('/decisions')).json().decisions;
  for (const { decisionId: id } of decisions) {
    await collect(`/decisions/${id}`);
    await collect(`/decisions/${id}/events`);
    await collect(`/decisions/${id}/evidence`);
    await collect(`/decisions/${id}/evidence`, bearer.auditor);
  }
  t.match(answers[`/decisions/${decisionId}/evidence`], /<td>forgotten person<\/td>/, 'the evidence pack shows them as forgotten');
  for (const { name } of (await collect('/projections')).json().projections as { name: string }[]) {
    await collect(`/projections/${name}`);
    await collect(`/projections/${name}?person=${PERSON}`);
    await collect(`/projections/${name}?asOf=1`, bearer.auditor);
  }
  const verify = (await collect('/audit/verify', bearer.auditor)).json();
  t.equal(verify.ok, true, verify.verification.summary);
  await collect('/audit/export', bearer.auditor);
  await collect(`/audit/export?decision=${decisionId}`, bearer.auditor);
  await collect('/health');
  for (const [url, body] of Object.entries(answers)) {
    for (const secret of SECRETS) t.notOk(body.includes(secret), `GET ${url} does not hold "${secret}"`);
  }

  // Stop cleanly, so the read models' last batch is written, then read every file as bytes.
  await app.close();
  await ctx.store.close();
  const files = filesUnder(dataDir);
  t.ok(files.some((f) => f.includes(`${join(dataDir, 'read-models')}`)), `the read models were written (${files.map((f) => relative(dataDir, f)).join(', ')})`);
  t.notOk(files.some((f) => f.includes(PERSON)), 'the key file is gone');
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const secret of SECRETS) t.equal(bytes.indexOf(Buffer.from(secret, 'utf8')), -1, `${relative(dataDir, file)} does not hold "${secret}"`);
  }
  t.ok(readFileSync(join(dataDir, 'read-models', 'data.mdb')).includes(Buffer.from('live near my sister', 'utf8')), 'the read models were searched (they hold the views)');

  // `npm run export` reads the log file itself.
  let exported = '';
  for await (const line of exportLines(readOnlyLogSource(dataDir, createRegistry()))) exported += line;
  t.ok(exported.includes('PersonalDataErased'));
  for (const secret of SECRETS) t.notOk(exported.includes(secret), `npm run export does not hold "${secret}"`);

  // The log output of the whole run.
  const logText = ctx.logText();
  t.ok(logText.length > 0);
  for (const secret of SECRETS) t.notOk(logText.includes(secret), `the log output does not hold "${secret}"`);

  // And the hash chain, which covers the ciphertext, still verifies from the file.
  const report = await verifyEmbeddedLog(dataDir);
  t.equal(report.ok, true, report.summary);
});

t.test('forgetting people of the demo leaves their names nowhere: not in tokens, labels or answers', async (t) => {
  const ctx = await testApp(t);
  const { app, bearer, secrets, dataDir } = ctx;
  await loadDemoScenario(app, secrets);
  // P-HS01 is the person the demo's self-advocate token speaks for; P-HS04's sister is a family carer in the record.
  const forget = { 'P-HS01': ['Aisha Khan', 'Aisha', 'Khan'], 'P-HS04': ['Daniel Price', 'Daniel', 'Ruth Price', 'Ruth'] };
  for (const personId of Object.keys(forget)) {
    const response = await app.inject({ method: 'DELETE', url: `/people/${personId}/personal-data`, headers: bearer.commissioner, payload: { reason: 'the-person-asked' } });
    t.equal(response.statusCode, 200, response.body);
  }
  const names = Object.values(forget).flat();
  const bodies = [
    (await app.inject({ url: '/audit/export', headers: bearer.auditor })).body,
    (await app.inject({ url: '/projections/timeline', headers: bearer.auditor })).body,
    (await app.inject({ url: '/people/P-HS01/subject-access', headers: bearer['self-advocate'] })).body,
  ];
  for (const { decisionId } of (await app.inject({ url: '/decisions', headers: bearer.commissioner })).json().decisions as { decisionId: string }[]) {
    bodies.push((await app.inject({ url: `/decisions/${decisionId}`, headers: bearer.commissioner })).body);
    bodies.push((await app.inject({ url: `/decisions/${decisionId}/evidence`, headers: bearer.commissioner })).body);
  }
  for (const name of names) t.notOk(bodies.some((body) => body.includes(name)), `no answer holds "${name}"`);
  await app.close();
  await ctx.store.close();
  for (const file of filesUnder(dataDir)) {
    const bytes = readFileSync(file);
    for (const name of names) t.equal(bytes.indexOf(Buffer.from(name, 'utf8')), -1, `${relative(dataDir, file)} does not hold "${name}"`);
  }
});
