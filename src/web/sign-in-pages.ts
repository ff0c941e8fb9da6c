// Sign in with a token, sign out, and the front door. The token is never put in the
// cookie: the cookie holds a random session id, signed, and the token stays on the server.
import type { FastifyInstance } from 'fastify';
import { html } from '../shared/html.js';
import { pageDocument } from './layout.js';
import { formValues, pageContext, sendPage, signedIn, type PageDependencies } from './page-context.js';
import { heading } from './pictures.js';
import { clearCookie, cookieOptions, CSRF_FIELD, randomToken, SESSION_COOKIE, SIGN_IN_COOKIE, signedCookie } from './session.js';

function signInPage(csrf: string, options: { error?: string; signedOut?: boolean } = {}): string {
  const { error } = options;
  const body = html`${heading(1, 'key', 'Sign in')}
${options.signedOut ? html`<div class="notice" role="status"><p>You are signed out.</p></div>` : ''}
${error
  ? html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title"><h2 id="error-summary-title">There is a problem</h2>
<ul><li><a href="#f-token">${error}</a></li></ul></div>`
  : ''}
<ul class="easy-read">
<li>You need a sign-in code.</li>
<li>Someone who looks after Partnership Log gives you the code.</li>
<li>Keep your code secret.</li>
</ul>
<form method="post" action="/app/sign-in" novalidate>
<input type="hidden" name="${CSRF_FIELD}" value="${csrf}">
<div class="field${error ? ' has-error' : ''}">
<label for="f-token">Your sign-in code</label>
<p class="hint" id="f-token-hint">It starts with “pl_”.</p>
${error ? html`<p class="field-error" id="f-token-error">${error}</p>` : ''}
<input type="password" id="f-token" name="token" autocomplete="off" spellcheck="false" aria-describedby="f-token-hint${error ? ' f-token-error' : ''}"${error ? html` aria-invalid="true"` : ''}>
</div>
<p><button type="submit">Sign in</button></p>
</form>`;
  return pageDocument({ title: error ? 'Error: Sign in' : 'Sign in', body });
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
<li>Use the API at /admin/tokens, or the command npm run token.</li>
<li>Administrators do not read the record.</li>
</ul>`;
    return sendPage(reply, pageDocument({ title: 'Administrator', body, viewer: context.viewer, current: 'home' }));
  });

  app.get('/app/sign-in', async (request, reply) => {
    if (pageContext(request, deps)) return reply.redirect('/app', 303);
    // Before sign-in there is no session to hold a CSRF secret: the value goes in a signed cookie and in the form.
    const csrf = randomToken();
    void reply.setCookie(SIGN_IN_COOKIE, csrf, cookieOptions(request));
    const signedOut = (request.query as Record<string, unknown>).signedOut === '1';
    return sendPage(reply, signInPage(csrf, { signedOut }));
  });

  app.post('/app/sign-in', async (request, reply) => {
    const token = formValues(request.body).token;
    const secret = typeof token === 'string' ? token.trim() : '';
    const actor = secret ? deps.tokens.authenticate(secret) : undefined;
    if (!actor) {
      const csrf = signedCookie(request, SIGN_IN_COOKIE) ?? randomToken();
      void reply.setCookie(SIGN_IN_COOKIE, csrf, cookieOptions(request));
      const error = secret ? 'That sign-in code did not work. Please check it and try again.' : 'Please type your sign-in code.';
      return sendPage(reply, signInPage(csrf, { error }), 401);
    }
    const session = deps.sessions.create(secret);
    clearCookie(reply, SIGN_IN_COOKIE);
    void reply.setCookie(SESSION_COOKIE, session.id, cookieOptions(request));
    return reply.redirect('/app', 303);
  });

  app.post('/app/sign-out', async (request, reply) => {
    const context = pageContext(request, deps);
    if (context) deps.sessions.delete(context.session.id);
    clearCookie(reply, SESSION_COOKIE);
    return reply.redirect('/app/sign-in?signedOut=1', 303);
  });
}
