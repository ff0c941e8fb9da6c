// The full record and the evidence pack as a self-advocate reaches them: Easy Read (their own
// person is "you", nobody else an id, words not codes, no "(s)"), people's own words kept as they
// said them, and the links back. Staff keep the record's own words and ids.
import t from 'tap';
import { loadDemoScenario } from '../../src/demo/demo-scenario.js';
import { apiCodes } from '../../src/web/easy-read-codes.js';
import { pageFigures } from '../../src/web/easy-read.js';
import { signIn } from '../support/page-session.js';
import { testApp } from '../support/test-app.js';

const ctx = await testApp(t);
await loadDemoScenario(ctx.app, ctx.secrets);
await ctx.app.ready();
const codes = apiCodes(ctx.app.swagger());
const selfAdvocate = await signIn(ctx, ctx.secrets['self-advocate']);
const commissioner = await signIn(ctx, ctx.secrets.commissioner);
const page = async (url: string, cookie: string) => ctx.app.inject({ url, headers: { cookie } });

const { decisions } = (await ctx.app.inject({ url: '/decisions', headers: ctx.bearer['self-advocate'] })).json() as { decisions: { decisionId: string; title: string }[] };
const hillside = decisions.find((d) => d.title.startsWith('Turn the Hillside'))?.decisionId ?? '';
// P-HS01's own view and a family carer's reason, in the demo: long sentences, kept word for word.
const THEIR_VIEW = 'I want to go swimming with my friend on Tuesdays, not sit at the centre all day.';
const CARERS_REASON = 'Managing a budget would fall on me, and the risks and the time this takes have not been acknowledged.';

for (const part of ['record', 'evidence'] as const) {
  t.test(`a self-advocate's ${part} page is Easy Read, with people's own words as they said them`, async (t) => {
    const answer = await page(`/app/decisions/${hillside}/${part}`, selfAdvocate.cookie);
    t.equal(answer.statusCode, 200);
    t.match(String(answer.headers['content-type']), /text\/html/);
    const f = pageFigures(answer.body, codes);
    t.same(f.ids, [], 'no pseudonymous ids');
    t.same(f.codes, [], 'no codes');
    t.same(f.plurals, [], 'no "(s)"');
    t.ok(f.shareOverLimit <= 0.05, `at least 95% of sentences have 15 words or fewer (${f.overLimit} of ${f.sentences} over)`);
    t.ok(answer.body.includes(THEIR_VIEW), 'their own view, word for word');
    t.ok(answer.body.includes(CARERS_REASON), 'someone else’s reason, word for word');
    t.match(answer.body, /You said you agree\./, 'their view is theirs: "you"');
    t.match(answer.body, /You said this is right on /, 'what they confirmed, said to them');
    t.match(answer.body, new RegExp(`href="/app/decisions/${hillside}/easy-read"`), 'a link to the Easy Read page');
    t.match(answer.body, /href="\/app\/decisions"/, 'and back to all decisions');
  });
}

t.test('the self-advocate’s record says each timeline step in words, once, with how many times', async (t) => {
  const body = (await page(`/app/decisions/${hillside}/record`, selfAdvocate.cookie)).body;
  t.match(body, /added a person to the register\. This happened 8 times\./);
  t.notMatch(body, /recorded a view \(/, 'no stance code in brackets');
});

t.test('the self-advocate’s evidence page links the full record, and prints as a page of the site', async (t) => {
  const body = (await page(`/app/decisions/${hillside}/evidence`, selfAdvocate.cookie)).body;
  t.match(body, new RegExp(`href="/app/decisions/${hillside}/record"`));
  t.match(body, /<h1[^>]*>[\s\S]*Evidence pack/);
  t.match(body, /<nav class="main"/, 'with the navigation (hidden when printed)');
});

t.test('staff keep the record’s own words and ids on both pages', async (t) => {
  const record = (await page(`/app/decisions/${hillside}/record`, commissioner.cookie)).body;
  t.match(record, /P-HS01 \(a person who uses support\)/);
  t.match(record, /evidence 1 for check 1/);
  const pack = (await page(`/app/decisions/${hillside}/evidence`, commissioner.cookie)).body;
  t.match(pack, /People who use support are shown by their pseudonymous id\./, 'the auditors’ pack, as the API gives it');
});
