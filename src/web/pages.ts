// The web pages, as one fastify plugin under /app (and / redirecting there). Cookies and
// urlencoded forms are parsed only inside this plugin, so the JSON API is unchanged; every
// POST here must carry the CSRF value of its session (or, for sign-in, of its sign-in cookie).
import { randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TokenStore } from '../auth/token-store.js';
import { PageReadError } from './api-client.js';
import { auditPages } from './audit-pages.js';
import { contractPages } from './contract-pages.js';
import { decisionPages } from './decision-pages.js';
import { EASY_READ_CSS } from './easy-read-view.js';
import { commandFormRoutes } from './forms/command-form-routes.js';
import { cannotSeePage, notFoundPage, plainPage, somethingWentWrongPage } from './dead-ends.js';
import { ASSETS_CSS } from './layout.js';
import { formValues, pageContext, sendPage, type PageDependencies } from './page-context.js';
import { evidencePages } from './evidence-pages.js';
import { personPages } from './person-pages.js';
import { reportPages } from './report-pages.js';
import { CSRF_FIELD, sameSecret, SESSION_COOKIE, SessionStore, SIGN_IN_COOKIE, signedCookie } from './session.js';
import { SignInAttempts } from './sign-in-attempts.js';
import { SIGN_IN_CARD_CSS } from './sign-in-cards.js';
import { askToSignInAgain, signInPages } from './sign-in-pages.js';
import { PendingForms } from './sign-in-pending.js';
import { SITE_CSS } from './styles.js';

export interface WebPagesOptions {
  /** The whole app, whose JSON API the pages call through inject(). */
  api: FastifyInstance;
  tokens: TokenStore;
  /** SIGN_IN_LINK_DAYS: how long a new sign-in card works. */
  signInLinkDays: number;
  /** The pages' clock (sessions, sign-in cards, kept forms); tests move it. */
  now?: () => number;
}

const SECURITY_HEADERS = {
  // No script at all, styles only from our own file, forms only to ourselves.
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  // Pages show personal information: never keep them in a shared cache.
  'cache-control': 'no-store',
};

export async function webPages(app: FastifyInstance, options: WebPagesOptions): Promise<void> {
  // Sessions live in this process's memory, so a restart ends them anyway: a cookie secret
  // made fresh for each process costs nothing more and never has to be stored or rotated.
  await app.register(fastifyCookie, { secret: randomBytes(32), hook: 'onRequest' });
  await app.register(fastifyFormbody, { bodyLimit: 64 * 1024 });
  const now = options.now ?? Date.now;
  const deps: PageDependencies = {
    api: options.api,
    tokens: options.tokens,
    sessions: new SessionStore(now),
    pendingForms: new PendingForms(now),
    signInAttempts: new SignInAttempts(now),
    signInLinkMs: options.signInLinkDays * 24 * 60 * 60 * 1000,
    now,
  };

  app.addHook('onSend', async (request, reply) => {
    if (request.url === '/' || (request.url.startsWith('/app') && !request.url.startsWith('/app/assets/'))) {
      // A page that set its own, narrower policy keeps it (the evidence pack allows its one inline stylesheet by hash).
      const own = reply.getHeader('content-security-policy');
      void reply.headers(SECURITY_HEADERS);
      if (typeof own === 'string') void reply.header('content-security-policy', own);
    }
  });

  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    const submitted = formValues(request.body)[CSRF_FIELD];
    const context = pageContext(request, deps);
    const expected = context ? context.session.csrf : request.url === '/app/sign-in' ? signedCookie(request, SIGN_IN_COOKIE) : undefined;
    // Signing out without a session has nothing to protect.
    if (!context && request.url === '/app/sign-out') return;
    if (expected && sameSecret(submitted, expected)) return;
    // The session ran out while a form was open: keep what was typed for its person and ask them to sign in again
    // (a form, that is: a POST whose address is also a page to come back to, not a lone button).
    const ended = context || request.url === '/app/sign-in' ? undefined : deps.sessions.endedFor(signedCookie(request, SESSION_COOKIE) ?? '');
    if (ended && app.hasRoute({ method: 'GET', url: request.routeOptions.url ?? '' })) return askToSignInAgain(request, reply, deps, ended);
    return sendPage(reply, plainPage({ title: 'This form has expired', sentences: ['We could not check where this form came from.', 'Nothing was saved.', 'Please go back, load the page again and try again.'] }), 403);
  });

  // Under /app every answer is a page with the navigation, never the API's JSON: an address
  // with nothing there (this prefix's own not-found handler), a record not there or not to be seen.
  const viewerOf = (request: FastifyRequest) => pageContext(request, deps)?.viewer;
  await app.register(async (pagesOnly) => {
    pagesOnly.setNotFoundHandler(async (request, reply) => sendPage(reply, notFoundPage(viewerOf(request)), 404));
  }, { prefix: '/app' });

  app.setErrorHandler(async (error, request, reply) => {
    if (error instanceof PageReadError) {
      const { status } = error.problem;
      // A 400 from a read is an id that cannot name anything (not a uuid): nothing there either.
      if (status === 404 || status === 400 || status === 410) return sendPage(reply, notFoundPage(viewerOf(request), 'record'), 404);
      if (status === 403) return sendPage(reply, cannotSeePage(viewerOf(request), error.problem.detail), 403);
    }
    request.log.error({ err: error }, 'page failed');
    return sendPage(reply, somethingWentWrongPage(viewerOf(request)), 500);
  });

  app.get(ASSETS_CSS, async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(SITE_CSS + SIGN_IN_CARD_CSS + EASY_READ_CSS));

  await signInPages(app, deps);
  await decisionPages(app, deps);
  evidencePages(app, deps);
  await contractPages(app, deps);
  await personPages(app, deps);
  commandFormRoutes(app, deps);
  await auditPages(app, deps);
  reportPages(app, deps);
}
