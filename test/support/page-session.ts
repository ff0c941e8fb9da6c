// Signing in to the pages through inject(): the sign-in page's CSRF value, then the session cookie.
import type { TestApp } from './test-app.js';

export const FORM = 'application/x-www-form-urlencoded';
export const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
const cookiesOf = (header: string | string[] | undefined) => [header ?? []].flat().map((c) => String(c));

export async function signIn(ctx: TestApp, token: string) {
  const page = await ctx.app.inject({ url: '/app/sign-in' });
  const signInCookie = cookiesOf(page.headers['set-cookie'])[0]?.split(';')[0] ?? '';
  const answer = await ctx.app.inject({
    method: 'POST',
    url: '/app/sign-in',
    headers: { cookie: signInCookie, 'content-type': FORM },
    payload: new URLSearchParams({ _csrf: csrfOf(page.body), token }).toString(),
  });
  const sessionCookie = cookiesOf(answer.headers['set-cookie']).find((c) => c.startsWith('pl_session=')) ?? '';
  return { answer, sessionCookie, cookie: sessionCookie.split(';')[0] ?? '' };
}
