// One way to turn a POST into a command: validate the body with the command's zod
// schema, check the caller's role, derive new ids from the command id (so a retry
// with the same Idempotency-Key gets the same answer), honour If-Match, run the
// command handler and answer 201 with the new ids, the stream revision and an ETag.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CommandContext, CommandHandler, CommandResult } from '../application/command-handler.js';
import { requestFingerprint } from '../application/idempotency.js';
import type { Actor } from '../domain/actor.js';
import type { Command, Decider, DomainEvent } from '../domain/decider.js';
import { commandPermissions, type CommandType } from '../domain/permissions.js';
import { PartnershipLogError } from '../errors.js';
import { deterministicEventId } from '../store/event-ids.js';
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

export interface CommandInput<Body, Params> {
  body: Body;
  params: Params;
  actor: Actor;
  /** When the command was issued. */
  now: string;
  /** A new id that is the same when the command is retried with the same Idempotency-Key. */
  newId: (label: string) => string;
}

export interface CommandRoute<
  BodySchema extends z.ZodType,
  ParamsSchema extends z.ZodType,
  State,
  Cmd extends Command,
  Event extends DomainEvent,
  Type extends CommandType,
> {
  url: string;
  command: Type;
  summary: string;
  tags: string[];
  params: ParamsSchema;
  body: BodySchema;
  decider: Decider<State, Cmd, Event>;
  stream: (input: CommandInput<z.output<BodySchema>, z.output<ParamsSchema>>) => string;
  /** Builds the command; may read other streams for context (e.g. the contract a decision concerns). */
  toCommand: (input: CommandInput<z.output<BodySchema>, z.output<ParamsSchema>>) => Promise<Cmd>;
  /** The ids a user needs back (e.g. { viewId }). */
  answer: (input: CommandInput<z.output<BodySchema>, z.output<ParamsSchema>>, result: CommandResult<State>) => Record<string, string>;
  /** Wraps building and handling the command: e.g. to undo what toCommand made when the command is refused. */
  around?: (input: CommandInput<z.output<BodySchema>, z.output<ParamsSchema>>, run: () => Promise<CommandResult<State>>) => Promise<CommandResult<State>>;
}

export function registerCommandRoute<
  BodySchema extends z.ZodType,
  ParamsSchema extends z.ZodType,
  State,
  Cmd extends Command,
  Event extends DomainEvent,
  Type extends CommandType,
>(
  app: FastifyInstance,
  handler: CommandHandler,
  route: CommandRoute<BodySchema, ParamsSchema, State, Cmd, Event, Type>,
): void {
  app.route({
    method: 'POST',
    url: route.url,
    schema: {
      summary: route.summary,
      tags: route.tags,
      description: `Roles: ${commandPermissions[route.command].join(', ')}. Records ${route.command}.`,
      params: route.params,
      body: route.body,
      headers: commandHeaders,
      response: { 201: commandAnswer },
      security: [{ bearerAuth: [] }],
    },
    preValidation: requireRole(...commandPermissions[route.command]),
    handler: async (request, reply) => {
      const actor = actorOf(request);
      // Fastify has validated both with these schemas; parsing again gives their types here.
      const body = route.body.parse(request.body);
      const params = route.params.parse(request.params);
      const context = commandContext(request, actor, { route: route.url, params, body });
      const input = {
        body,
        params,
        actor,
        now: new Date().toISOString(),
        newId: (label: string) => deterministicEventId(`${context.commandId}/${label}`, 0),
      };
      const run = async () => handler.handle(route.decider, route.stream(input), await route.toCommand(input), context);
      const result = await (route.around ? route.around(input, run) : run());
      return answer(reply, result, route.answer(input, result));
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

function answer<State>(reply: FastifyReply, result: CommandResult<State>, ids: Record<string, string>) {
  void reply.code(201).header('etag', `"${result.revision}"`);
  return { ...ids, revision: result.revision, position: result.position, replayed: result.replayed, events: result.events };
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
