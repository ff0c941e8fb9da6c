// The pages' session and CSRF rules, through inject(): fast, no browser.
import t from 'tap';
import { placeProblem, type Field } from '../../src/web/forms/form-kit.js';
import { csrfOf, FORM, signIn } from '../support/page-session.js';
import { testApp, type TestApp } from '../support/test-app.js';

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

// Sign-in cards, the next page, kept forms and the proxy setting (issue 16).
const cookiesOf = (header: string | string[] | undefined) => [header ?? []].flat().map((c) => String(c));
const cardCodeOf = (body: string) => /id="card-code">([A-Z0-9-]+)</.exec(body)?.[1] ?? '';

async function signInWith(ctx: TestApp, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const page = await ctx.app.inject({ url: '/app/sign-in', headers });
  const signInCookie = cookiesOf(page.headers['set-cookie'])[0]?.split(';')[0] ?? '';
  const answer = await ctx.app.inject({
    method: 'POST',
    url: '/app/sign-in',
    headers: { ...headers, cookie: signInCookie, 'content-type': form },
    payload: new URLSearchParams({ _csrf: csrfOf(page.body), ...fields }).toString(),
  });
  const sessionCookie = cookiesOf(answer.headers['set-cookie']).find((c) => c.startsWith('pl_session=')) ?? '';
  return { answer, sessionCookie, cookie: sessionCookie.split(';')[0] ?? '' };
}

async function makeCard(ctx: TestApp, token: string, personId = 'P-HS01') {
  const { cookie } = await signIn(ctx, token);
  const list = await ctx.app.inject({ url: '/app/sign-in-cards', headers: { cookie } });
  const card = await ctx.app.inject({
    method: 'POST',
    url: '/app/sign-in-cards',
    headers: { cookie, 'content-type': form },
    payload: new URLSearchParams({ _csrf: csrfOf(list.body), personId, name: 'Sam' }).toString(),
  });
  return { list, card, code: cardCodeOf(card.body), cookie };
}

t.test('a commissioner makes a sign-in card: a link, a QR code and a short code that signs the person in once', async (t) => {
  const ctx = await testApp(t);
  const { card, code } = await makeCard(ctx, ctx.secrets.commissioner);
  t.equal(card.statusCode, 200);
  t.match(code, /^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/, 'three groups of four, no look-alike characters');
  t.match(card.body, /<svg role="img" aria-label="[^"]+"/, 'the QR code is an inline, named SVG');
  t.match(card.body, new RegExp(`/app/sign-in\\?code=${code}`), 'the link carries the code');
  t.notMatch(ctx.logText(), new RegExp(code.replaceAll('-', '-?')), 'the code is never logged');
  t.notMatch(JSON.stringify(ctx.tokens.list()), new RegExp(code.replaceAll('-', '')), 'the code is not kept, only its hash');

  // Typed by a supporter: small letters, spaces for dashes.
  const typed = ` ${code.toLowerCase().replaceAll('-', ' ')} `;
  const first = await signInWith(ctx, { code: typed });
  t.equal(first.answer.statusCode, 303);
  t.equal(first.answer.headers.location, '/app');
  const page = await ctx.app.inject({ url: '/app/decisions', headers: { cookie: first.cookie } });
  t.equal(page.statusCode, 200);
  t.match(page.body, /Signed in as Sam \(self-advocate\)/);

  const second = await signInWith(ctx, { token: code });
  t.equal(second.answer.statusCode, 401, 'a card works once');
  t.match(second.answer.body, /This sign-in card has been used already/);
});

t.test('a provider cannot make sign-in cards', async (t) => {
  const ctx = await testApp(t);
  const { list, card } = await makeCard(ctx, ctx.secrets.provider);
  t.equal(list.statusCode, 403);
  t.equal(card.statusCode, 403);
  t.equal(ctx.tokens.list().filter((r) => r.kind === 'sign-in-link').length, 0);
});

t.test('a card no longer works after its days (SIGN_IN_LINK_DAYS)', async (t) => {
  let now = Date.now();
  const ctx = await testApp(t, undefined, { pagesClock: () => now, signInLinkDays: 7 });
  const { code } = await makeCard(ctx, ctx.secrets.commissioner);
  now += 7 * 24 * 60 * 60 * 1000 + 1000;
  const late = await signInWith(ctx, { code });
  t.equal(late.answer.statusCode, 401);
  t.match(late.answer.body, /This sign-in card is too old/);
});

t.test('stopping a card ends its session, and an unused stopped card does not sign in', async (t) => {
  const ctx = await testApp(t);
  const made = await makeCard(ctx, ctx.secrets.commissioner);
  const signedIn = await signInWith(ctx, { code: made.code });
  const unused = await makeCard(ctx, ctx.secrets.admin);
  const cardId = (code: string) => ctx.tokens.list().find((r) => r.kind === 'sign-in-link' && r.codeId === code.slice(0, 4))?.id ?? '';
  for (const code of [made.code, unused.code]) {
    const list = await ctx.app.inject({ url: '/app/sign-in-cards', headers: { cookie: made.cookie } });
    const stop = await ctx.app.inject({
      method: 'POST',
      url: `/app/sign-in-cards/${cardId(code)}/stop`,
      headers: { cookie: made.cookie, 'content-type': form },
      payload: `_csrf=${encodeURIComponent(csrfOf(list.body))}`,
    });
    t.equal(stop.statusCode, 303);
  }
  const after = await ctx.app.inject({ url: '/app/decisions', headers: { cookie: signedIn.cookie } });
  t.equal(after.statusCode, 303, 'the session from the stopped card has ended');
  const stopped = await signInWith(ctx, { code: unused.code });
  t.equal(stopped.answer.statusCode, 401);
  t.match(stopped.answer.body, /This sign-in card was stopped/);
});

t.test('guessing is limited: per card, then per client, in plain words, and no code is logged', async (t) => {
  const ctx = await testApp(t);
  const { code } = await makeCard(ctx, ctx.secrets.commissioner);
  const group = code.slice(0, 4);
  const wrong = (i: number) => `${group}-${'23456789AB'[i % 10]}${'CDEFGHJKMN'[i % 10]}22-2222`;
  for (let i = 0; i < 5; i++) t.equal((await signInWith(ctx, { code: wrong(i) })).answer.statusCode, 401);
  const blocked = await signInWith(ctx, { code });
  t.equal(blocked.answer.statusCode, 429, 'the card is locked after five wrong tries, even for the right code');
  t.match(blocked.answer.body, /typed wrongly too many times/);
  for (let i = 0; i < 5; i++) await signInWith(ctx, { code: `QQQQ-QQQQ-QQQ${'23456'[i]}` });
  const client = await signInWith(ctx, { token: ctx.secrets.commissioner });
  t.equal(client.answer.statusCode, 429, 'ten failures from one client: it must wait');
  t.match(client.answer.body, /Please wait 15 minutes/);
  // The codes as typed, and their groups with the dash, which no request id (a uuid in hex) can hold by chance.
  const typed = [code, ...Array.from({ length: 5 }, (_, i) => wrong(i)), 'QQQQ-QQQQ', '22-2222'];
  for (const text of typed) t.notOk(ctx.logText().includes(text), `no typed code in the log (${text.slice(0, 4)}…)`);
  t.notMatch(ctx.logText(), /QQQQ/, 'nor any part of one');
});

t.test('after sign-in people land on the page they were sent to, only if it is one of ours', async (t) => {
  const ctx = await testApp(t);
  const anonymous = await ctx.app.inject({ url: '/app/contracts' });
  t.equal(anonymous.headers.location, '/app/sign-in?next=%2Fapp%2Fcontracts');
  const page = await ctx.app.inject({ url: String(anonymous.headers.location) });
  t.match(page.body, /name="next" value="\/app\/contracts"/);
  t.equal((await signInWith(ctx, { token: ctx.secrets.commissioner, next: '/app/contracts' })).answer.headers.location, '/app/contracts');
  for (const next of ['//evil.example/app', 'https://evil.example/app', '/app\\@evil.example', '/application', '/app/sign-out', '/app/../admin/tokens', '/app/%2e%2e/admin/tokens']) {
    t.equal((await signInWith(ctx, { token: ctx.secrets.commissioner, next })).answer.headers.location, '/app', `${next} is not followed`);
  }
});

t.test('a session that ends while a form is open keeps what was typed, and returns to the form after sign-in', async (t) => {
  let now = Date.now();
  const ctx = await testApp(t, undefined, { pagesClock: () => now });
  const { cookie } = await signIn(ctx, ctx.secrets.commissioner);
  const open = await ctx.app.inject({ url: '/app/contracts/new', headers: { cookie } });
  t.equal(open.statusCode, 200);
  now += 3 * 60 * 60 * 1000;
  const before = await ctx.store.headPosition();
  const typed = { provider: 'Typed Provider', service: 'Words I typed', annualValue: '1234' };
  const sent = await ctx.app.inject({
    method: 'POST',
    url: '/app/contracts/new',
    headers: { cookie, 'content-type': form },
    payload: new URLSearchParams({ _csrf: csrfOf(open.body), ...typed }).toString(),
  });
  t.equal(sent.statusCode, 401);
  t.match(sent.body, /What you typed is kept/);
  t.equal(await ctx.store.headPosition(), before, 'nothing was saved');
  const pending = /name="pending" value="([^"]+)"/.exec(sent.body)?.[1] ?? '';
  t.ok(pending, 'the kept form is named in a hidden field');
  t.notMatch(ctx.logText(), /Words I typed/, 'what was typed is not logged');

  // Another person signing in on the same browser does not get it.
  const other = await signInWith(ctx, { token: ctx.secrets.admin, pending });
  t.equal(other.answer.headers.location, '/app');

  const again = await signInWith(ctx, { token: ctx.secrets.commissioner, pending });
  t.equal(again.answer.headers.location, '/app/contracts/new');
  const restored = await ctx.app.inject({ url: '/app/contracts/new', headers: { cookie: again.cookie } });
  t.match(restored.body, /value="Words I typed"/);
  t.match(restored.body, /value="Typed Provider"/);
  const stale = await ctx.app.inject({
    method: 'POST',
    url: '/app/contracts/new',
    headers: { cookie: again.cookie, 'content-type': form },
    payload: new URLSearchParams({ _csrf: csrfOf(open.body), ...typed }).toString(),
  });
  t.equal(stale.statusCode, 403, 'CSRF is still checked on the final submit');
  const once = await ctx.app.inject({ url: '/app/contracts/new', headers: { cookie: again.cookie } });
  t.notMatch(once.body, /Words I typed/, 'the kept values are shown once');
});

t.test('behind a TLS-terminating proxy (TRUST_PROXY) the session cookie is Secure', async (t) => {
  const proxied = { 'x-forwarded-proto': 'https' };
  const trusting = await testApp(t, undefined, { trustProxy: true });
  t.match((await signInWith(trusting, { token: trusting.secrets.commissioner }, proxied)).sessionCookie, /Secure/);
  const plain = await testApp(t);
  t.notMatch((await signInWith(plain, { token: plain.secrets.commissioner }, proxied)).sessionCookie, /Secure/, 'an untrusted header is ignored');
});

t.test('the sign-in fields let password managers work and can show the code', async (t) => {
  const ctx = await testApp(t);
  const page = await ctx.app.inject({ url: '/app/sign-in?code=ABCD-EFGH-JKMN' });
  t.match(page.body, /type="password" id="f-token" name="token" autocomplete="current-password"/);
  t.notMatch(page.body, /autocomplete="off"|data-lpignore|data-1p-ignore/);
  t.match(page.body, /<details class="show-code" open>/);
  t.match(page.body, /type="text" id="f-code" name="code" value="ABCD-EFGH-JKMN" autocomplete="one-time-code" spellcheck="false"/);
});

t.test('a card without a person id or a name is not made, and the form says which', async (t) => {
  const ctx = await testApp(t);
  const { cookie } = await signIn(ctx, ctx.secrets.commissioner);
  for (const [fields, field] of [[{ personId: 'Sam Smith', name: 'Sam' }, 'personId'], [{ personId: 'P-HS01', name: ' ' }, 'name']] as const) {
    const list = await ctx.app.inject({ url: '/app/sign-in-cards', headers: { cookie } });
    const answer = await ctx.app.inject({
      method: 'POST',
      url: '/app/sign-in-cards',
      headers: { cookie, 'content-type': form },
      payload: new URLSearchParams({ _csrf: csrfOf(list.body), ...fields }).toString(),
    });
    t.equal(answer.statusCode, 400);
    t.match(answer.body, new RegExp(`<a href="#f-${field}">`));
    t.match(answer.body, new RegExp(`id="f-${field}"[^>]*aria-invalid="true"`));
  }
  t.equal(ctx.tokens.list().filter((r) => r.kind === 'sign-in-link').length, 0);
});
