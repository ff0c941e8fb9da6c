// Every /app address that is not found, forbidden or not open now answers a page in plain
// words with the site's navigation, never the API's JSON; the print stylesheet is served;
// the evidence pack and the export are reachable with the page session.
import t, { type Test } from 'tap';
import { COUNCIL } from '../../src/demo/demo-scenario.js';
import { csrfOf, FORM, signIn } from '../support/page-session.js';
import { hillsideProposal } from '../support/records.js';
import { testApp, type TestApp } from '../support/test-app.js';

const NAVIGATION = '<nav class="main" aria-label="Main">';

async function decided(t: Test, ctx: TestApp): Promise<string> {
  const { app, bearer } = ctx;
  const proposed = await app.inject({ method: 'POST', url: '/decisions', headers: bearer.commissioner, payload: hillsideProposal });
  const decisionId: string = proposed.json().decisionId;
  const decision = { outcome: 'agreed', reasons: 'The building closes.', decidedBy: [{ role: 'commissioner', organisation: COUNCIL }], claimedRung: 'consultation', reviewDate: '2027-06-30', answers: [] };
  const answer = await app.inject({ method: 'POST', url: `/decisions/${decisionId}/decision`, headers: bearer.commissioner, payload: decision });
  t.equal(answer.statusCode, 201, 'decided');
  return decisionId;
}

const isPage = (t: Test, answer: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number, words: RegExp) => {
  t.equal(answer.statusCode, status, `answers ${status}`);
  t.match(String(answer.headers['content-type']), /^text\/html/, 'an HTML page, not JSON');
  t.match(answer.body, words, 'in plain words');
  t.match(answer.body, /<a href="\/app">/, 'with a way to the start');
};

t.test('an unknown /app address is a page with navigation, signed in or not', async (t) => {
  const ctx = await testApp(t);
  const { cookie } = await signIn(ctx, ctx.secrets['self-advocate']);
  const signedIn = await ctx.app.inject({ url: '/app/nowhere/at/all', headers: { cookie } });
  isPage(t, signedIn, 404, /We could not find that page/);
  t.match(signedIn.body, NAVIGATION, 'the navigation of the signed-in person');
  t.match(signedIn.headers['content-security-policy'], /default-src 'none'/, 'under the pages’ CSP');
  const signedOut = await ctx.app.inject({ url: '/app/nowhere' });
  isPage(t, signedOut, 404, /We could not find that page/);
  const api = await ctx.app.inject({ url: '/nowhere', headers: ctx.bearer.commissioner });
  t.match(String(api.headers['content-type']), /problem\+json/, 'the API still answers JSON');
});

t.test('a record that does not exist, and a form that does not, are pages with navigation', async (t) => {
  const ctx = await testApp(t);
  const { cookie } = await signIn(ctx, ctx.secrets.commissioner);
  const missing = await ctx.app.inject({ url: '/app/decisions/7d2f0b8e-9c1a-4e0f-8a51-2b7c1f3e9d40', headers: { cookie } });
  isPage(t, missing, 404, /We could not find that/);
  t.match(missing.body, NAVIGATION);
  const decisionId = await decided(t, ctx);
  const noForm = await ctx.app.inject({ url: `/app/decisions/${decisionId}/no-such-form`, headers: { cookie } });
  isPage(t, noForm, 404, /We could not find that page/);
  t.match(noForm.body, NAVIGATION);
});

t.test('a form the role may not use is a 403 page with navigation', async (t) => {
  const ctx = await testApp(t);
  const decisionId = await decided(t, ctx);
  const { cookie } = await signIn(ctx, ctx.secrets['self-advocate']);
  const answer = await ctx.app.inject({ url: `/app/decisions/${decisionId}/decide`, headers: { cookie } });
  isPage(t, answer, 403, /You cannot do this/);
  t.match(answer.body, NAVIGATION);
});

t.test('a form that is not open for this decision says why, and what can be done instead', async (t) => {
  const ctx = await testApp(t);
  const decisionId = await decided(t, ctx);
  const { cookie } = await signIn(ctx, ctx.secrets['self-advocate']);
  const answer = await ctx.app.inject({ url: `/app/decisions/${decisionId}/view`, headers: { cookie } });
  isPage(t, answer, 403, /This decision has been made\./);
  t.match(answer.body, /So you cannot give your view now\./);
  t.notMatch(answer.body, /does not let you/, 'not told their sign-in is the problem');
  t.match(answer.body, `href="/app/decisions/${decisionId}/challenge"`, 'a link to what they can do: challenge it');
  t.match(answer.body, NAVIGATION);
});

t.test('stopping a sign-in card that is not there is a page with navigation, not the API’s JSON', async (t) => {
  const ctx = await testApp(t);
  const { cookie } = await signIn(ctx, ctx.secrets.commissioner);
  const cards = await ctx.app.inject({ url: '/app/sign-in-cards', headers: { cookie } });
  const payload = new URLSearchParams({ _csrf: csrfOf(cards.body) }).toString();
  const answer = await ctx.app.inject({ method: 'POST', url: '/app/sign-in-cards/no-such-card/stop', headers: { cookie, 'content-type': FORM }, payload });
  isPage(t, answer, 404, /We could not find that/);
  t.match(answer.body, NAVIGATION);
  t.match(answer.body, 'href="/app/sign-in-cards"', 'a way back to the sign-in cards');
});

t.test('the stylesheet has a print part, and the evidence pack and export open with the page session', async (t) => {
  const ctx = await testApp(t);
  const css = await ctx.app.inject({ url: '/app/assets/site.css' });
  t.match(css.body, /@media print/, 'a print stylesheet');
  t.match(css.body, /@media print[\s\S]*nav\.main[\s\S]*display: none/, 'which hides the navigation');
  const decisionId = await decided(t, ctx);

  const auditor = await signIn(ctx, ctx.secrets.auditor);
  const decisionPage = await ctx.app.inject({ url: `/app/decisions/${decisionId}`, headers: { cookie: auditor.cookie } });
  t.match(decisionPage.body, `href="/app/decisions/${decisionId}/evidence"`, 'the decision page links the evidence pack');
  t.match(decisionPage.body, `href="/app/audit/export?decision=${decisionId}"`, 'and, for an auditor, the export');
  const pack = await ctx.app.inject({ url: `/app/decisions/${decisionId}/evidence`, headers: { cookie: auditor.cookie } });
  t.equal(pack.statusCode, 200, 'the evidence pack opens with the page session');
  t.match(pack.body, /Hillside/, 'and is the pack');
  const exported = await ctx.app.inject({ url: `/app/audit/export?decision=${decisionId}`, headers: { cookie: auditor.cookie } });
  t.equal(exported.statusCode, 200, 'the export opens with the page session');
  t.match(String(exported.headers['content-disposition']), /attachment/);
  t.ok(exported.body.trim().split('\n').every((line) => JSON.parse(line)), 'JSON Lines');

  const selfAdvocate = await signIn(ctx, ctx.secrets['self-advocate']);
  const theirs = await ctx.app.inject({ url: `/app/decisions/${decisionId}`, headers: { cookie: selfAdvocate.cookie } });
  t.notMatch(theirs.body, '/app/audit/export', 'no export link for someone who may not export');
  const refused = await ctx.app.inject({ url: `/app/audit/export?decision=${decisionId}`, headers: { cookie: selfAdvocate.cookie } });
  isPage(t, refused, 403, /You cannot/);
  const signedOut = await ctx.app.inject({ url: `/app/decisions/${decisionId}/evidence` });
  t.equal(signedOut.statusCode, 303, 'signed out: off to sign in');
});
