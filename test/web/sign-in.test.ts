// The pages' session and CSRF rules, through inject(): fast, no browser.
import t from 'tap';
import { placeProblem, type Field } from '../../src/web/forms/form-kit.js';
import { csrfOf, FORM, signIn } from '../support/page-session.js';
import { testApp } from '../support/test-app.js';

const form = FORM;

t.test('signing in sets a signed, httpOnly, SameSite=Lax session cookie and never the token', async (t) => {
  const ctx = await testApp(t);
  const { answer, sessionCookie, cookie } = await signIn(ctx, ctx.secrets.commissioner);
  t.equal(answer.statusCode, 303);
  t.match(sessionCookie, /HttpOnly/);
  t.match(sessionCookie, /SameSite=Lax/);
  t.notMatch(sessionCookie, /Secure/, 'not Secure over plain HTTP');
  t.notMatch(sessionCookie, new RegExp(ctx.secrets.commissioner), 'the token is not in the cookie');
  const list = await ctx.app.inject({ url: '/app/decisions', headers: { cookie } });
  t.equal(list.statusCode, 200);
  t.match(list.headers['content-security-policy'], /default-src 'none'/);
});

t.test('a wrong token is refused on the page, in plain words', async (t) => {
  const ctx = await testApp(t);
  const { answer } = await signIn(ctx, 'pl_not-a-token');
  t.equal(answer.statusCode, 401);
  t.match(answer.body, /That sign-in code did not work/);
});

t.test('sign-in without its CSRF value is refused', async (t) => {
  const ctx = await testApp(t);
  const answer = await ctx.app.inject({ method: 'POST', url: '/app/sign-in', headers: { 'content-type': form }, payload: `token=${ctx.secrets.commissioner}` });
  t.equal(answer.statusCode, 403);
});

t.test('a POST with a wrong CSRF value is 403 and saves nothing; signing out ends the session', async (t) => {
  const ctx = await testApp(t);
  const { cookie } = await signIn(ctx, ctx.secrets.commissioner);
  const before = await ctx.store.headPosition();
  const forged = await ctx.app.inject({
    method: 'POST',
    url: '/app/contracts/new',
    headers: { cookie, 'content-type': form },
    payload: new URLSearchParams({ _csrf: 'forged', provider: 'X', type: 'block', service: 'Y', annualValue: '10', start: '2026-01-01' }).toString(),
  });
  t.equal(forged.statusCode, 403);
  t.match(forged.body, /Nothing was saved/);
  t.equal(await ctx.store.headPosition(), before);

  const page = await ctx.app.inject({ url: '/app/decisions', headers: { cookie } });
  const out = await ctx.app.inject({ method: 'POST', url: '/app/sign-out', headers: { cookie, 'content-type': form }, payload: `_csrf=${encodeURIComponent(csrfOf(page.body))}` });
  t.equal(out.statusCode, 303);
  const after = await ctx.app.inject({ url: '/app/decisions', headers: { cookie } });
  t.equal(after.statusCode, 303, 'the old cookie no longer opens a page');
  t.equal(after.headers.location, '/app/sign-in');
});

t.test('the API’s field errors are placed beside the form field they are about', async (t) => {
  const fields: Field[] = [
    { name: 'by', label: 'Who', kind: 'radios' },
    { name: 'amount', label: 'Amount', kind: 'money', api: ['money.amount', 'money'] },
    { name: 'people', label: 'People', kind: 'text', api: ['affects.people'] },
  ];
  const placed = placeProblem(fields, {
    status: 400,
    code: 'PL_ERR_VALIDATION',
    detail: '…',
    errors: [
      { field: 'body.by', message: 'Invalid input: expected object, received undefined' },
      { field: 'body.money.amount', message: 'money cannot be negative' },
      { field: 'body.affects.people.0', message: 'a person id looks like P-7K2Q9M (pseudonymous; never a name)' },
      { field: 'body', message: 'something about the whole record' },
    ],
  });
  t.same(placed.byField, {
    by: ['Please choose.'],
    amount: ['Money cannot be negative.'],
    people: ['A person id looks like P-7K2Q9M (pseudonymous; never a name).'],
  });
  t.same(placed.general, ['Something about the whole record.']);
});
