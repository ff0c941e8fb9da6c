// What a page handler knows about the person asking: their session, who they are (their
// token checked again on this request) and an API client that acts with their token.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TokenStore } from '../auth/token-store.js';
import { ApiClient } from './api-client.js';
import type { Values } from './forms/form-kit.js';
import type { Viewer } from './layout.js';
import { signedCookie, SESSION_COOKIE, type Session, type SessionStore } from './session.js';
import type { SignInAttempts } from './sign-in-attempts.js';
import type { PendingForms } from './sign-in-pending.js';

export interface PageContext {
  session: Session;
  viewer: Viewer;
  api: ApiClient;
  /** What was typed into this form before the last session ran out (GET of that form only, once). */
  restored?: Values;
}

export interface PageDependencies {
  /** The whole app: pages call its JSON API through inject(). */
  api: FastifyInstance;
  tokens: TokenStore;
  sessions: SessionStore;
  /** Forms sent after their session ran out, kept until their person signs in again. */
  pendingForms: PendingForms;
  signInAttempts: SignInAttempts;
  /** How long a new sign-in card works (SIGN_IN_LINK_DAYS). */
  signInLinkMs: number;
  /** The pages' clock (sessions, cards, kept forms): tests move it. */
  now: () => number;
}

/** The signed-in person's context, or undefined (no cookie, a forged one, expired, or the token revoked). */
export function pageContext(request: FastifyRequest, deps: PageDependencies): PageContext | undefined {
  const id = signedCookie(request, SESSION_COOKIE);
  const session = id ? deps.sessions.get(id) : undefined;
  if (!session) return undefined;
  const actor = deps.tokens.authenticate(session.token);
  if (!actor) {
    deps.sessions.delete(session.id);
    return undefined;
  }
  return { session, viewer: { actor, csrf: session.csrf }, api: new ApiClient(deps.api, session.token) };
}

/** The context, or a redirect to sign in that comes back to this page (and undefined, so the handler stops). */
export function signedIn(request: FastifyRequest, reply: FastifyReply, deps: PageDependencies): PageContext | undefined {
  const context = pageContext(request, deps);
  if (!context) {
    // The start and the decision list are where everyone lands anyway: no `next` needed.
    const comesBack = request.method === 'GET' && request.url !== '/app' && request.url !== '/app/decisions';
    void reply.redirect(comesBack ? `/app/sign-in?next=${encodeURIComponent(request.url)}` : '/app/sign-in', 303);
    return undefined;
  }
  if (request.method !== 'GET') return context;
  const restored = deps.pendingForms.take(context.session.id, request.url);
  return restored ? { ...context, restored } : context;
}

/** A urlencoded body as the form's values: strings, and arrays of strings for repeated names. */
export function formValues(body: unknown): Values {
  const values: Values = {};
  if (typeof body !== 'object' || body === null) return values;
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') values[name] = value;
    else if (Array.isArray(value)) values[name] = value.filter((v): v is string => typeof v === 'string');
  }
  return values;
}

/** Values from a query string, for links that pre-fill a form or keep a filter. */
export function queryValue(query: unknown, name: string): string | undefined {
  if (typeof query !== 'object' || query === null) return undefined;
  const value: unknown = (query as Record<string, unknown>)[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function sendPage(reply: FastifyReply, page: string, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(page);
}
