// One way to turn a request into a command, for every command table entry: validate the
// params and body with the entry's zod schemas, check the caller's role, derive new ids
// from the command id (so a retry with the same Idempotency-Key gets the same answer),
// honour If-Match, run the entry and answer (201 with the new ids, the stream revision
// and an ETag, unless the entry says otherwise).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CommandContext } from '../application/command-handler.js';
import { requestFingerprint } from '../application/idempotency.js';
import type { CommandDependencies, CommandEntry } from '../commands/command-table.js';
import type { Actor } from '../domain/actor.js';
import { PartnershipLogError } from '../errors.js';
import { deterministicEventId } from '../events/event-ids.js';
import { requireRole } from './authentication.js';

export const commandHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8, 'an Idempotency-Key has at least 8 characters')
    .max(200)
    .optional()
    .describe('Makes a retried command safe: the same answer, no second event'),
  'if-match': z
    .string()
    .regex(/^(W\/)?"?\d+"?$/, 'If-Match takes the revision from the ETag, e.g. "3"')
    .optional()
    .describe('The revision you last read; if the record has changed since, the answer is 409'),
});

/** The new ids (decisionId, viewId, …) come beside these fields. */
export const commandAnswer = z
  .looseObject({
    revision: z.number().int().describe('The stream revision after the command (also the ETag)'),
    position: z.number().int().describe('The log position of the last event written'),
    replayed: z.boolean().describe('True when this retried a command already recorded'),
    events: z.array(z.object({ id: z.string(), type: z.string(), revision: z.number().int() })),
  });

/** A command answer's schema: the usual fields and the ids the command mints. */
function answerSchema(entry: CommandEntry) {
  return commandAnswer.extend(Object.fromEntries(entry.minted.map((key) => [key, z.string().describe(`The new ${key}`)])));
}

/** Registers one table entry's route: its role check, schemas and API document entry come from the entry. */
export function registerCommandRoute(app: FastifyInstance, entry: CommandEntry, deps: CommandDependencies): void {
  const response = entry.response ?? { status: 201, schema: answerSchema(entry) };
  app.route({
    method: entry.method,
    url: entry.path,
    schema: {
      summary: entry.summary,
      tags: [...entry.tags],
      // test/support/served-commands.ts finds the command routes by "Records <Command>.".
      description: `Roles: ${entry.roles.join(', ')}. ${entry.description ?? `Records ${entry.type}.`}`,
      params: entry.params,
      body: entry.body,
      headers: commandHeaders,
      response: { [response.status]: response.schema },
      security: [{ bearerAuth: [] }],
    },
    preValidation: requireRole(...entry.roles),
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const { params, body } = request;
      const context = commandContext(request, actor, { route: entry.path, params, body });
      const newId = (label: string) => deterministicEventId(`${context.commandId}/${label}`, 0);
      const outcome = await entry.execute({ params, body, actor, now: new Date().toISOString(), newId }, deps, context);
      void reply.code(outcome.status).header('etag', `"${outcome.revision}"`);
      return outcome.body;
    },
  });
}

/**
 * What a command request says besides its body: its command id (the caller's Idempotency-Key,
 * or a fresh one), the revision it expects (If-Match) and, with a key, what it asked for.
 * Every command route, POST or DELETE, takes these from here.
 */
export function commandContext(request: FastifyRequest, actor: Actor, asked: { route: string; params: unknown; body: unknown }): CommandContext {
  const key = headerValue(request.headers['idempotency-key']);
  return {
    commandId: key ? `${actor.id}:${key}` : randomUUID(),
    expectedRevision: parseIfMatch(headerValue(request.headers['if-match'])),
    requestId: request.id,
    ...(key ? { requestFingerprint: requestFingerprint(asked) } : {}),
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const digits = /\d+/.exec(header)?.[0];
  return digits === undefined ? undefined : Number(digits);
}

export function actorOf(request: FastifyRequest): Actor {
  const actor = request.actor;
  if (!actor) throw new PartnershipLogError('PL_ERR_UNAUTHENTICATED', 'Sign in with a token to do this.');
  return actor;
}
