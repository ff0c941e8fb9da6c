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

/**
 * `npm run demo` is read by a person at a terminal, not by a log collector: each request
 * becomes one short line (method, route pattern, status, time, role), anything else its
 * level and message. While `quiet` (from the start until the demo has printed its tokens)
 * only warnings and errors are shown, so the 75-odd requests that load the scenario do not
 * bury the tokens. It reads the lines createLogger wrote, so redaction has already applied,
 * and it shows no field but those named here.
 */
/** pino's own numbers for its standard levels. */
const WARN = 40;
const ERROR = 50;

export class DemoTerminal implements DestinationStream {
  quiet = true;
  readonly #out: (text: string) => void;

  constructor(out: (text: string) => void = (text) => process.stdout.write(text)) {
    this.#out = out;
  }

  write(line: string): void {
    const entry: unknown = JSON.parse(line);
    if (!isRecord(entry)) return;
    const level = typeof entry.level === 'number' ? entry.level : 0;
    if (this.quiet && level < WARN) return;
    this.#out(`${demoLine(entry, level)}\n`);
  }
}

function demoLine(entry: Record<string, unknown>, level: number): string {
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
  if (entry.msg === 'request') {
    const who = entry.role === undefined ? '' : `, ${text(entry.role)}`;
    return `${text(entry.method)} ${text(entry.route)} → ${text(entry.status)} (${text(entry.ms)} ms${who})`;
  }
  const label = level >= ERROR ? 'error: ' : level >= WARN ? 'warning: ' : '';
  const cause = isRecord(entry.err) && typeof entry.err.message === 'string' ? `: ${entry.err.message}` : '';
  return `${label}${text(entry.msg)}${cause}`;
}
