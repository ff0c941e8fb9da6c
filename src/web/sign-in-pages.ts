// Sign in with a staff token or a sign-in card's code, sign out, and the front door. The
// token is never put in the cookie: the cookie holds a random session id, signed, and the
// token (or the credential a card's code was exchanged for) stays on the server.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { codeIdOf, isStaffToken, normaliseSignInCode } from '../auth/sign-in-codes.js';
import type { Actor } from '../commands/domain-words.js';
import { html } from '../shared/html.js';
import { pageDocument } from './layout.js';
import { formValues, pageContext, queryValue, sendPage, signedIn, type PageDependencies } from './page-context.js';
import { heading } from './pictures.js';
import { clearCookie, cookieOptions, CSRF_FIELD, randomToken, SESSION_COOKIE, SIGN_IN_COOKIE, signedCookie } from './session.js';
import { CARDS_PATH, signInCardPages } from './sign-in-cards.js';

interface SignInPageOptions {
  error?: string;
  signedOut?: boolean;
  /** Where to go after signing in (already checked to be a page of ours). */
  next?: string;
  /** A form kept from a session that ran out. */
  pending?: string;
  /** A card's code from its link or QR code, shown in the plain field. */
  code?: string;
}

/**
 * Two fields, one filled: a password field password managers fill and save (staff keep
 * their token there), and, behind "Show the code as I type it", a plain text field for a
 * card's short code, which a person can see and check as they type. A <details> opens
 * without script under the CSP; a second field is the only way to show a code without
 * script (CSS cannot unmask a password field).
 */
function signInPage(csrf: string, options: SignInPageOptions = {}): string {
  const { error } = options;
  const body = html`${heading(1, 'key', 'Sign in')}
${options.signedOut ? html`<div class="notice" role="status"><p>You are signed out.</p></div>` : ''}
${options.pending ? html`<div class="notice" role="status"><p>You were signed out because you had not used Partnership Log for a while.</p><p>What you typed is kept. Sign in again to go back to your form.</p></div>` : ''}
${error
  ? html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title"><h2 id="error-summary-title">There is a problem</h2>
<ul><li><a href="#${options.code !== undefined ? 'f-code' : 'f-token'}">${error}</a></li></ul></div>`
  : ''}
<ul class="easy-read">
<li>You need a sign-in code.</li>
<li>Your code is on your sign-in card. It looks like ABCD-EFGH-JKMN.</li>
<li>Someone who looks after Partnership Log gives you the card.</li>
<li>Keep your code secret.</li>
</ul>
<form method="post" action="/app/sign-in" novalidate>
<input type="hidden" name="${CSRF_FIELD}" value="${csrf}">
${options.next ? html`<input type="hidden" name="next" value="${options.next}">` : ''}
${options.pending ? html`<input type="hidden" name="pending" value="${options.pending}">` : ''}
<div class="field${error && options.code === undefined ? ' has-error' : ''}">
<label for="f-token">Your sign-in code</label>
<p class="hint" id="f-token-hint">Type the code from your card, or paste your staff token.</p>
${error && options.code === undefined ? html`<p class="field-error" id="f-token-error">${error}</p>` : ''}
<input type="password" id="f-token" name="token" autocomplete="current-password" spellcheck="false" autocapitalize="none" aria-describedby="f-token-hint${error && options.code === undefined ? ' f-token-error' : ''}"${error && options.code === undefined ? html` aria-invalid="true"` : ''}>
</div>
<details class="show-code"${options.code !== undefined ? html` open` : ''}>
<summary>Show the code as I type it</summary>
<div class="field${error && options.code !== undefined ? ' has-error' : ''}">
<label for="f-code">Your sign-in code, where you can see it</label>
<p class="hint" id="f-code-hint">Capital or small letters are both fine. Spaces and dashes do not matter.</p>
${error && options.code !== undefined ? html`<p class="field-error" id="f-code-error">${error}</p>` : ''}
<input type="text" id="f-code" name="code" value="${options.code ?? ''}" autocomplete="one-time-code" spellcheck="false" autocapitalize="characters" aria-describedby="f-code-hint${error && options.code !== undefined ? ' f-code-error' : ''}"${error && options.code !== undefined ? html` aria-invalid="true"` : ''}>
</div>
</details>
<p><button type="submit">Sign in</button></p>
</form>`;
  return pageDocument({ title: error ? 'Error: Sign in' : 'Sign in', body });
}

/** A page of ours to go to after sign-in: a path under /app on this site, never another site or the sign-in itself. */
export function safeNext(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\/app(?:[/?]|$)/.test(value) || /[\\\s]|\/\//.test(value)) return undefined;
  const base = 'http://partnership-log.invalid';
  const url = new URL(value, base);
  // Checked again once resolved: /app/../elsewhere is not a page of ours.
  if (url.origin !== base || !/^\/app(?:\/|$)/.test(url.pathname) || /^\/app\/sign-(in|out)/.test(url.pathname)) return undefined;
  return url.pathname + url.search;
}

/** The sign-in page with a fresh CSRF value doubled in its signed cookie (before sign-in there is no session to hold one). */
function showSignIn(request: FastifyRequest, reply: FastifyReply, options: SignInPageOptions, status = 200): FastifyReply {
  const csrf = options.error ? (signedCookie(request, SIGN_IN_COOKIE) ?? randomToken()) : randomToken();
  void reply.setCookie(SIGN_IN_COOKIE, csrf, cookieOptions(request));
  return sendPage(reply, signInPage(csrf, options), status);
}

/** A form sent after its session ran out: keep what was typed and ask the person to sign in again. */
export function askToSignInAgain(request: FastifyRequest, reply: FastifyReply, deps: PageDependencies, who: string): FastifyReply {
  const pending = deps.pendingForms.keep(request.url, formValues(request.body), who);
  return showSignIn(request, reply, { pending }, 401);
}

type SignInResult = { secret: string; actor: Actor } | { error: string; status: number; codeId?: string };

const refusals = {
  unknown: 'That sign-in code did not work. Please check it and try again.',
  used: 'This sign-in card has been used already. Please ask for a new card.',
  expired: 'This sign-in card is too old. Please ask for a new card.',
  revoked: 'This sign-in card was stopped. Please ask for a new card.',
} as const;

async function checkSecret(typed: string, deps: PageDependencies): Promise<SignInResult> {
  if (isStaffToken(typed)) {
    const actor = deps.tokens.authenticate(typed);
    return actor ? { secret: typed, actor } : { error: refusals.unknown, status: 401 };
  }
  const code = normaliseSignInCode(typed);
  if (!code) return { error: refusals.unknown, status: 401 };
  const codeId = codeIdOf(code);
  if (deps.signInAttempts.cardBlocked(codeId)) {
    return { error: 'This sign-in code was typed wrongly too many times, so it does not work any more. Please ask for a new card.', status: 429 };
  }
  const redeemed = await deps.tokens.redeemSignInCode(code, new Date(deps.now()));
  return 'refused' in redeemed ? { error: refusals[redeemed.refused], status: 401, codeId } : redeemed;
}

export async function signInPages(app: FastifyInstance, deps: PageDependencies): Promise<void> {
  app.get('/', async (_request, reply) => reply.redirect('/app', 303));

  app.get('/app', async (request, reply) => {
    const context = signedIn(request, reply, deps);
    if (!context) return reply;
    if (context.viewer.actor.role !== 'admin') return reply.redirect('/app/decisions', 303);
    const body = html`${heading(1, 'key', 'Administrator')}
<ul class="easy-read">
<li>You are signed in as an administrator.</li>
<li>Administrators look after sign-in codes.</li>
<li>Make a sign-in card for a self-advocate on the <a href="${CARDS_PATH}">sign-in cards</a> page.</li>
<li>Use the API at /admin/tokens, or the command npm run token.</li>
<li>Administrators do not read the record.</li>
</ul>`;
    return sendPage(reply, pageDocument({ title: 'Administrator', body, viewer: context.viewer, current: 'home' }));
  });

  app.get('/app/sign-in', async (request, reply) => {
    const next = safeNext(queryValue(request.query, 'next'));
    if (pageContext(request, deps)) return reply.redirect(next ?? '/app', 303);
    const code = queryValue(request.query, 'code');
    return showSignIn(request, reply, {
      signedOut: queryValue(request.query, 'signedOut') === '1',
      ...(next ? { next } : {}),
      ...(code ? { code } : {}),
    });
  });

  app.post('/app/sign-in', async (request, reply) => {
    const values = formValues(request.body);
    const field = (name: string) => (typeof values[name] === 'string' ? values[name].trim() : '');
    const typedCode = field('code');
    const typed = typedCode || field('token');
    const next = safeNext(values.next);
    const pending = field('pending') || undefined;
    const again = { ...(next ? { next } : {}), ...(pending ? { pending } : {}), ...(typedCode ? { code: typedCode } : {}) };
    const client = request.ip;
    if (deps.signInAttempts.clientBlocked(client)) {
      return showSignIn(request, reply, { ...again, error: 'There were too many tries to sign in from here. Please wait 15 minutes and try again, or ask your supporter.' }, 429);
    }
    if (!typed) return showSignIn(request, reply, { ...again, error: 'Please type your sign-in code.' }, 401);
    const result = await checkSecret(typed, deps);
    if ('error' in result) {
      if (result.status === 401) deps.signInAttempts.failed(client, result.codeId);
      return showSignIn(request, reply, { ...again, error: result.error }, result.status);
    }
    const who = result.actor.personId ?? result.actor.id;
    const session = deps.sessions.create(result.secret, who);
    clearCookie(reply, SIGN_IN_COOKIE);
    void reply.setCookie(SESSION_COOKIE, session.id, cookieOptions(request));
    // A kept form goes back to the person it was typed by, and takes them to it.
    const form = pending ? deps.pendingForms.handOver(pending, who, session.id) : undefined;
    return reply.redirect(form ?? next ?? '/app', 303);
  });

  app.post('/app/sign-out', async (request, reply) => {
    const context = pageContext(request, deps);
    if (context) deps.sessions.delete(context.session.id);
    clearCookie(reply, SESSION_COOKIE);
    return reply.redirect('/app/sign-in?signedOut=1', 303);
  });

  signInCardPages(app, deps);
}
