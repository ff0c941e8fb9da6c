// Who is asking: a Bearer token resolved to an actor before any route runs, and a
// preValidation check per route that checks the actor's role against the permissions matrix.
import type { FastifyInstance, FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import type { TokenStore } from '../auth/token-store.js';
import type { Actor, UserRole } from '../domain/actor.js';
import { PartnershipLogError } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

/** The one place an actor is found for a request (the pages' cookie session will join here). */
export function actorFromRequest(request: FastifyRequest, tokens: TokenStore): Actor | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ? tokens.authenticate(match[1]) : undefined;
}

export function registerAuthentication(app: FastifyInstance, tokens: TokenStore): void {
  app.addHook('onRequest', async (request) => {
    const actor = actorFromRequest(request, tokens);
    if (actor) request.actor = actor;
  });
}

/** The roles a route's check lets through, kept on the check so the role matrix can be listed. */
export type RoleCheck = preValidationAsyncHookHandler & { roles: readonly UserRole[] };

/** Runs before the body is validated, so a caller who may not do this learns nothing about its schema. */
export function requireRole(...roles: readonly UserRole[]): RoleCheck {
  const check: preValidationAsyncHookHandler = async function checkRole(request, reply) {
    const actor = request.actor;
    if (!actor) {
      void reply.header('www-authenticate', 'Bearer');
      throw new PartnershipLogError('PL_ERR_UNAUTHENTICATED', 'Send a valid token: Authorization: Bearer <token>. Ask an administrator for one.');
    }
    if (!roles.includes(actor.role)) {
      throw new PartnershipLogError('PL_ERR_FORBIDDEN', `A ${actor.role} may not do this; it is for: ${roles.join(', ')}.`);
    }
  };
  return Object.assign(check, { roles });
}

/** The roles a route admits, or undefined for a public route. */
export function rolesOf(hook: unknown): readonly UserRole[] | undefined {
  const hooks = Array.isArray(hook) ? hook : [hook];
  const check = hooks.find((h): h is RoleCheck => typeof h === 'function' && 'roles' in h);
  return check?.roles;
}
