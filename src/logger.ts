// pino, set up so that personal data and secrets cannot reach the log. The product logs
// what it chose to log under keys it controls (one line per request: see
// src/http/request-log.ts); nothing guesses which words are personal. Two layers:
// - by construction: a request is logged as its method and route pattern, a reply as its
//   status, an error as its type, message, code and stack; nothing else they carry (a URL,
//   headers, a body, the raw bytes a parser refused) is ever serialised;
// - by path: the containers we control that hold what a caller sent, a secret or a person's
//   details are redacted where they sit, whatever is put inside them.
// Keys outside these paths are logged as they are: a failure's `reason`, an error's `message`.
import pino, { type DestinationStream, type Logger } from 'pino';

export const CENSOR = '[redacted]';

/** Every path pino redacts, each a key we control (or its part that is personal). */
export const redactedPaths = [
  // Secrets.
  'token',
  'password',
  'secret',
  'authorization',
  'cookie',
  'headers',
  // What a caller sent: a body, a query string, route parameters (person ids), a raw address.
  'body',
  'query',
  'params',
  'url',
  // What a command carries and what the log holds: logged by type and position, never their data.
  'payload',
  'data',
  'command.data',
  'event.data',
  'events',
  // Who did it: a token's name is free text an administrator typed.
  'actor.name',
  'actorName',
  // A person in the register: only the pseudonymous id is loggable.
  'person.name',
  'person.contactDetails',
  'person.needsDetail',
  'person.personal',
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A request (fastify's or node's) as its id, method and route pattern: never its address, headers or body. */
function requestSummary(request: unknown): Record<string, unknown> {
  if (!isRecord(request)) return {};
  const routeOptions = request.routeOptions;
  return {
    id: typeof request.id === 'string' ? request.id : undefined,
    method: typeof request.method === 'string' ? request.method : undefined,
    route: isRecord(routeOptions) && typeof routeOptions.url === 'string' ? routeOptions.url : undefined,
  };
}

/** A reply as its status. */
function replySummary(reply: unknown): Record<string, unknown> {
  return { statusCode: isRecord(reply) && typeof reply.statusCode === 'number' ? reply.statusCode : undefined };
}

const ERROR_FIELDS = ['type', 'message', 'stack', 'code', 'statusCode', 'errno', 'syscall'] as const;

/**
 * An error as its type, message, code and stack (with its causes, as pino writes them). Its other
 * properties are left out: node's parser errors carry the raw request (`rawPacket`, tokens
 * included) and other libraries attach what they were given.
 */
function errorSummary(error: unknown): unknown {
  const serialized: unknown = error instanceof Error ? pino.stdSerializers.err(error) : error;
  if (!isRecord(serialized)) return serialized;
  const summary: Record<string, unknown> = {};
  for (const field of ERROR_FIELDS) if (serialized[field] !== undefined) summary[field] = serialized[field];
  const inner = error instanceof AggregateError ? error.errors : serialized.aggregateErrors;
  if (Array.isArray(inner)) summary.aggregateErrors = inner.map(errorSummary);
  return summary;
}

export const serializers = { req: requestSummary, res: replySummary, err: errorSummary };

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: redactedPaths, censor: CENSOR },
      serializers,
    },
    options.destination,
  );
}
