// The people pages, the contract page and the forms as a self-advocate meets them: "you"
// for themself, counts and words for everyone else, never a pseudonymous id. Staff keep
// the record's own words and ids.
import t from 'tap';
import { loadDemoScenario } from '../../src/demo/demo-scenario.js';
import { pageFigures, visibleText } from '../../src/web/easy-read.js';
import { partyChoices } from '../../src/web/forms/party-choices.js';
import { decisionOffer } from '../../src/web/forms/record-choices.js';
import { decisionDetailAnswer, decisionListAnswer } from '../../projections/decision-detail.js';
import { signIn } from '../support/page-session.js';
import { testApp } from '../support/test-app.js';

const ME = 'P-HS01';
const ctx = await testApp(t);
await loadDemoScenario(ctx.app, ctx.secrets);
await ctx.app.ready();
const selfAdvocate = await signIn(ctx, ctx.secrets['self-advocate']);
const commissioner = await signIn(ctx, ctx.secrets.commissioner);
const pageFor = async (who: { cookie: string }, url: string) => (await ctx.app.inject({ url, headers: { cookie: who.cookie } })).body;
const ids = (page: string) => pageFigures(page, []).ids;
const contractUrl = /href="(\/app\/contracts\/[0-9a-f-]{36})"/.exec(await pageFor(commissioner, '/app/contracts'))?.[1] ?? '';

t.test('the people list: a self-advocate finds their own page and a count of the others', async (t) => {
  const page = await pageFor(selfAdvocate, '/app/people');
  t.same(ids(page), [], 'no ids');
  t.match(page, new RegExp(`<a href="/app/people/${ME}">Your page</a>`), 'a link to their own page');
  t.match(visibleText(page), /7 other people are in the decisions\./, 'the others counted, not named');
  t.notMatch(page, /href="\/app\/people\/P-HS02"/, 'no link to a page they may not read');
  const staff = await pageFor(commissioner, '/app/people');
  for (const person of ['P-HS01', 'P-HS08']) t.match(staff, new RegExp(`<a href="/app/people/${person}">${person}</a>`), `staff see ${person} by id`);
});

t.test('a self-advocate’s own page says "you" and never their id; staff see the name and id', async (t) => {
  const page = await pageFor(selfAdvocate, `/app/people/${ME}`);
  t.same(ids(page), [], 'no ids');
  const text = visibleText(page);
  t.match(text, /Aisha Khan/, 'their name');
  t.match(text, /How you like information/);
  t.match(text, /Who supports you/);
  t.match(visibleText(await pageFor(commissioner, `/app/people/${ME}`)), /Aisha Khan \(P-HS01\)/, 'staff: the name and the id');
});

t.test('the communication needs form is about "You" for a self-advocate, about the id for staff', async (t) => {
  const page = await pageFor(selfAdvocate, `/app/people/${ME}/communication-needs`);
  t.same(ids(page), [], 'no ids');
  t.match(page, /<strong>About:<\/strong> You</);
  t.match(await pageFor(commissioner, `/app/people/${ME}/communication-needs`), /<strong>About:<\/strong> P-HS01</);
});

t.test('the contract page shows a self-advocate their own budget and counts for the others', async (t) => {
  t.ok(contractUrl, 'the demo has a contract');
  const page = await pageFor(selfAdvocate, contractUrl);
  t.same(ids(page), [], 'no ids');
  const text = visibleText(page);
  t.match(text, /Your budget/);
  t.match(text, /£41,600\.00/, 'the amount of their own budget');
  t.match(text, /You are planned to move on 1 February 2027\./);
  t.match(text, /6 people are planned to move\./);
  t.match(text, /7 other people have a budget\./, 'the others counted, not named');
  const staff = visibleText(await pageFor(commissioner, contractUrl));
  for (const person of ['P-HS01', 'P-HS07', 'P-HS08']) t.match(staff, new RegExp(`${person}\\n`), `staff see ${person}’s budget by id`);
  t.match(staff, /P-HS01 on 1 February 2027/, 'staff see who is planned to move, by id');
});

t.test('a self-advocate not bound to a person is offered no one to name, and no id', async (t) => {
  const unbound = { role: 'self-advocate' as const, id: 'group', name: 'Speaking Up Together' };
  t.same(partyChoices(unbound, { people: [ME, 'P-HS02'], organisations: ['Hillside Support'], commissioners: ['Council'] }).map((c) => c.value), [
    'group:self-advocacy-group',
    'group:family-carers',
    'group:advocate',
    'group:partnership-board',
    'group:care-manager',
  ], 'only the groups: a self-advocate may name no one else');
  const { decisions } = decisionListAnswer.parse((await ctx.app.inject({ url: '/decisions', headers: ctx.bearer.commissioner })).json());
  for (const { decisionId } of decisions) {
    const detail = decisionDetailAnswer.parse((await ctx.app.inject({ url: `/decisions/${decisionId}`, headers: ctx.bearer.commissioner })).json());
    const offer = decisionOffer(detail, { actor: unbound, csrf: '' });
    for (const source of ['people', 'factsToAnswer', 'parties', 'authors'] as const) {
      t.same(offer.choices(source).filter((c) => /P-[A-Z0-9]{4}/.test(c.label)), [], `${source}: no id in any choice`);
    }
  }
});
