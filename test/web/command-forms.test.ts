// The forms made from the command table: the ones the pages lacked before (registering a
// person, communication needs, reviewing a risk, resolving a challenge, forgetting) save
// through the API, and forgetting asks for confirmation on a page of its own.
import t, { type Test } from 'tap';
import { commandEntries } from '../../src/commands/command-tables.js';
import { COUNCIL } from '../../src/demo/demo-scenario.js';
import { everyCommandForm } from '../../src/web/forms/command-forms.js';
import { csrfOf, FORM, signIn } from '../support/page-session.js';
import { hillsideProposal } from '../support/records.js';
import { testApp, type TestApp } from '../support/test-app.js';
import { registerTestProviders } from '../support/providers.js';

const PERSON = 'P-HS01';

t.test('every command has a form on the pages of its record, each under its own address', async (t) => {
  const commissioner = { actor: { id: 'officer', role: 'commissioner' as const, name: 'Council officer', organisation: COUNCIL }, csrf: '' };
  const forms = everyCommandForm(commissioner);
  t.equal(forms.length, commandEntries.length, 'one form for each command in the tables');
  for (const kind of ['decisions', 'contracts', 'people'] as const) {
    const slugs = forms.filter((f) => f.kind === kind).map((f) => (f.starts ? 'new' : f.spec.slug));
    t.same([...new Set(slugs)].sort(), [...slugs].sort(), `${kind}: no two forms share a slug`);
    t.same(slugs.filter((s) => s === 'new').length, 1, `${kind}: one form starts a record`);
  }
});

async function withPerson(t: Test): Promise<TestApp> {
  const ctx = await testApp(t);
  await registerTestProviders(t, ctx);
  const registered = await ctx.app.inject({
    method: 'POST',
    url: '/people',
    headers: ctx.bearer.commissioner,
    payload: { personId: PERSON, name: 'Aisha Khan', communicationNeeds: [{ need: 'easy-read' }], supportedBy: ['Hillside Support'] },
  });
  t.equal(registered.statusCode, 201, 'the person is registered');
  return ctx;
}

/** Opens the form page as this token's holder and sends it with these values; answers both. */
async function fill(ctx: TestApp, token: string, url: string, values: Record<string, string | string[]>) {
  const { cookie } = await signIn(ctx, token);
  const page = await ctx.app.inject({ url, headers: { cookie } });
  const body = new URLSearchParams({ _csrf: csrfOf(page.body) });
  for (const [name, value] of Object.entries(values)) for (const v of [value].flat()) body.append(name, v);
  const sent = await ctx.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': FORM }, payload: body.toString() });
  return { page, sent, cookie };
}

t.test('forgetting a person asks on its own page, with what will happen, a reason, a confirm button and a way back', async (t) => {
  const ctx = await withPerson(t);
  const url = `/app/people/${PERSON}/forget`;
  const { page, sent, cookie } = await fill(ctx, ctx.secrets.commissioner, url, { reason: 'the-person-asked' });
  t.equal(page.statusCode, 200);
  t.match(page.body, /destroyed for good/, 'it says what will happen');
  t.match(page.body, /This cannot be undone/);
  t.match(page.body, /value="the-person-asked"/, 'a reason from the fixed list');
  t.match(page.body, /Yes, forget this person<\/button>/, 'a confirm button');
  t.match(page.body, new RegExp(`href="/app/people/${PERSON}">No, go back</a>`), 'a cancel link back to the person');
  t.equal(sent.statusCode, 303);
  t.equal(sent.headers.location, `/app/people/${PERSON}?saved=forget`);
  const after = await ctx.app.inject({ url: `/app/people/${PERSON}?saved=forget`, headers: { cookie } });
  t.match(after.body, /The person is forgotten/);
  t.notMatch(after.body, /Aisha Khan/, 'the name is gone');
  const again = await ctx.app.inject({ url, headers: { cookie } });
  t.equal(again.statusCode, 403, 'someone forgotten is not offered to be forgotten again');
});

t.test('forgetting without a reason is refused beside the reason, and nothing is forgotten', async (t) => {
  const ctx = await withPerson(t);
  const { sent } = await fill(ctx, ctx.secrets.commissioner, `/app/people/${PERSON}/forget`, {});
  t.equal(sent.statusCode, 400);
  t.match(sent.body, /id="f-reason-error"/);
  const entry = await ctx.app.inject({ url: `/people/${PERSON}`, headers: ctx.bearer.commissioner });
  t.equal(entry.json().name, 'Aisha Khan');
});

t.test('only a commissioner is offered the register’s forms', async (t) => {
  const ctx = await withPerson(t);
  const { cookie } = await signIn(ctx, ctx.secrets.provider);
  for (const url of [`/app/people/${PERSON}/forget`, `/app/people/${PERSON}/supporting-providers`, '/app/people/new']) {
    const page = await ctx.app.inject({ url, headers: { cookie } });
    t.equal(page.statusCode, 403, `${url} is refused to a provider`);
  }
});

t.test('a commissioner registers a person from the page and lands on their entry', async (t) => {
  const ctx = await testApp(t);
  await registerTestProviders(t, ctx);
  const { sent, cookie } = await fill(ctx, ctx.secrets.commissioner, '/app/people/new', {
    personId: 'P-NEW001',
    name: 'Ruth Price',
    communicationNeeds: ['easy-read', 'british-sign-language'],
    supportedBy: 'Hillside Support\nNorthfield Care',
  });
  t.equal(sent.statusCode, 303, sent.body.slice(0, 300));
  t.equal(sent.headers.location, '/app/people/P-NEW001?saved=new');
  const entry = (await ctx.app.inject({ url: '/people/P-NEW001', headers: ctx.bearer.commissioner })).json();
  t.same(entry.communicationNeeds, [{ need: 'easy-read' }, { need: 'british-sign-language' }]);
  t.same(entry.supportedBy, ['Hillside Support', 'Northfield Care']);
  const page = await ctx.app.inject({ url: '/app/people/P-NEW001?saved=new', headers: { cookie } });
  t.match(page.body, /The person is registered/);
  t.match(page.body, /British Sign Language/);
});

t.test('a self-advocate records their own communication needs in easy-read words', async (t) => {
  const ctx = await withPerson(t);
  const { page, sent } = await fill(ctx, ctx.secrets['self-advocate'], `/app/people/${PERSON}/communication-needs`, { communicationNeeds: ['large-print', 'audio'] });
  t.match(page.body, /How I like information/, 'the self-advocate’s title');
  t.match(page.body, /Save my needs/);
  t.equal(sent.statusCode, 303, sent.body.slice(0, 300));
  const entry = (await ctx.app.inject({ url: `/people/${PERSON}`, headers: ctx.bearer.commissioner })).json();
  t.same(entry.communicationNeeds, [{ need: 'large-print' }, { need: 'audio' }]);
});

t.test('a risk accepted on a decision is reviewed from its form, the risk chosen by its id in the path', async (t) => {
  const ctx = await testApp(t);
  await registerTestProviders(t, ctx);
  const proposed = await ctx.app.inject({ method: 'POST', url: '/decisions', headers: ctx.bearer.commissioner, payload: hillsideProposal });
  const decisionId: string = proposed.json().decisionId;
  const council = { role: 'commissioner', organisation: COUNCIL };
  const risk = await ctx.app.inject({
    method: 'POST',
    url: `/decisions/${decisionId}/risks`,
    headers: ctx.bearer.commissioner,
    payload: { description: 'Fewer staff on trips', fallsOn: [council], likelihood: 'low', impact: 'medium' },
  });
  const riskId: string = risk.json().riskId;
  const decisionPage = async (cookie: string) => (await ctx.app.inject({ url: `/app/decisions/${decisionId}`, headers: { cookie } })).body;
  const { cookie } = await signIn(ctx, ctx.secrets.commissioner);
  t.notMatch(await decisionPage(cookie), /\/risk-review"/, 'no review is offered before a risk is accepted');
  await ctx.app.inject({
    method: 'POST',
    url: `/decisions/${decisionId}/risks/${riskId}/acceptance`,
    headers: ctx.bearer.commissioner,
    payload: { acceptedBy: [council], whyWorthTaking: 'People want the trips.', reviewDate: '2027-01-01' },
  });
  t.match(await decisionPage(cookie), /\/risk-review"/, 'then the review is offered');
  const { sent } = await fill(ctx, ctx.secrets.commissioner, `/app/decisions/${decisionId}/risk-review`, {
    riskId,
    outcome: 'mitigated',
    notes: 'A second driver joins every trip.',
  });
  t.equal(sent.statusCode, 303, sent.body.slice(0, 300));
  const decision = (await ctx.app.inject({ url: `/decisions/${decisionId}`, headers: ctx.bearer.commissioner })).json();
  t.match(decision.risks[0].reviews, [{ outcome: 'mitigated', notes: 'A second driver joins every trip.' }]);
});

t.test('a challenge is resolved from its form; an unchanged decision sends no revision', async (t) => {
  const ctx = await testApp(t);
  await registerTestProviders(t, ctx);
  const proposed = await ctx.app.inject({ method: 'POST', url: '/decisions', headers: ctx.bearer.commissioner, payload: hillsideProposal });
  const decisionId: string = proposed.json().decisionId;
  const challenged = await ctx.app.inject({
    method: 'POST',
    url: `/decisions/${decisionId}/challenges`,
    headers: ctx.bearer['self-advocate'],
    payload: { by: { role: 'person-using-support', personId: PERSON }, reason: 'Nobody asked us.' },
  });
  t.equal(challenged.statusCode, 201, challenged.body);
  const { page, sent } = await fill(ctx, ctx.secrets.commissioner, `/app/decisions/${decisionId}/challenge-resolution`, {
    challengeId: challenged.json().challengeId,
    panel: `commissioner:${COUNCIL}`,
    finding: 'not-upheld',
    reasons: 'People were asked at two meetings.',
  });
  t.match(page.body, /Nobody asked us/, 'the challenge is offered in its own words');
  t.equal(sent.statusCode, 303, sent.body.slice(0, 300));
  const decision = (await ctx.app.inject({ url: `/decisions/${decisionId}`, headers: ctx.bearer.commissioner })).json();
  t.equal(decision.challenges[0].resolution.finding, 'not-upheld');
  t.notOk(decision.challenges[0].resolution.revision, 'no revision was sent');
});
