// Sessions for the pages: a random id in a signed cookie; the token it stands for, a
// CSRF secret and the expiry stay on the server, in memory. The token is checked again
// on every request, so revoking it ends the session at once. A restart signs everyone out.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
// Brings in the cookie decorations' types (request.cookies, unsignCookie, clearCookie).
import type {} from '@fastify/cookie';

export const SESSION_COOKIE = 'pl_session';
/** Before sign-in there is no session: the sign-in form's CSRF value is doubled in this cookie. */
export const SIGN_IN_COOKIE = 'pl_sign_in';
export const CSRF_FIELD = '_csrf';

const IDLE_MS = 2 * 60 * 60 * 1000;
const MAX_SESSIONS = 10_000;

export interface Session {
  id: string;
  token: string;
  /** Whom the session is for (a self-advocate's person id, else the token's id): a form kept when it ended returns only to them. */
  who: string;
  csrf: string;
  expiresAt: number;
}

export class SessionStore {
  readonly #sessions = new Map<string, Session>();
  /** Sessions that ran out of time lately, with whom they were for, so a form sent just after can be kept for them. */
  readonly #ended = new Map<string, string>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  create(token: string, who: string): Session {
    this.#sweep();
    const session = { id: randomToken(), token, who, csrf: randomToken(), expiresAt: this.#now() + IDLE_MS };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id, its expiry pushed back; expired ones are dropped. */
  get(id: string): Session | undefined {
    const session = this.#sessions.get(id);
    if (!session) return undefined;
    if (session.expiresAt <= this.#now()) {
      this.#end(session);
      return undefined;
    }
    session.expiresAt = this.#now() + IDLE_MS;
    return session;
  }

  delete(id: string): void {
    this.#sessions.delete(id);
  }

  /** Whom a session that ran out of time was for; undefined for one signed out, revoked, never made or forgotten. */
  endedFor(id: string): string | undefined {
    const live = this.#sessions.get(id);
    if (live && live.expiresAt <= this.#now()) this.#end(live);
    return this.#ended.get(id);
  }

  #end(session: Session): void {
    this.#sessions.delete(session.id);
    this.#ended.set(session.id, session.who);
    // Bounded like the sessions: the oldest are forgotten first.
    while (this.#ended.size > MAX_SESSIONS) {
      const oldest = this.#ended.keys().next().value;
      if (oldest === undefined) break;
      this.#ended.delete(oldest);
    }
  }

  #sweep(): void {
    const now = this.#now();
    for (const s of this.#sessions.values()) if (s.expiresAt <= now) this.#end(s);
    // A flood of sign-ins must not grow memory without end: the oldest go first.
    while (this.#sessions.size >= MAX_SESSIONS) {
      const oldest = this.#sessions.keys().next().value;
      if (oldest === undefined) break;
      this.#sessions.delete(oldest);
    }
  }
}

export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison of a submitted CSRF value with the expected one. */
export function sameSecret(submitted: unknown, expected: string): boolean {
  if (typeof submitted !== 'string') return false;
  const a = Buffer.from(submitted);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieOptions(request: FastifyRequest) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
    signed: true,
  };
}

/** The value of a signed cookie, or undefined when it is missing or its signature is wrong. */
export function signedCookie(request: FastifyRequest, name: string): string | undefined {
  const raw = request.cookies[name];
  if (!raw) return undefined;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid ? unsigned.value : undefined;
}

export function clearCookie(reply: FastifyReply, name: string): void {
  void reply.clearCookie(name, { path: '/' });
}
