// One handler turns every refusal into application/problem+json (RFC 9457) with a
// stable code and a sentence a user understands, whoever raised it: a route, fastify
// (bad body, bad address, another method) or node's HTTP parser before fastify sees the
// request. Bad input is never a 5xx, and no answer quotes the address, its query or what
// was sent: fastify's own messages do, so its errors are answered in our words.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorCatalogue, InvalidEventError, PartnershipLogError, WrongExpectedRevisionError, type ErrorCode } from '../errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  instance: string;
  errors?: { field: string; message: string }[];
  currentRevision?: number | 'no_stream';
}

export function problemOf(code: ErrorCode, detail: string, instance: string): Problem {
  return {
    type: `https://partnership-log.example/problems/${code}`,
    title: errorCatalogue[code].title,
    status: errorCatalogue[code].status,
    code,
    detail,
    instance,
  };
}

/** Fastify's own errors for what a client sent, as our codes and sentences. */
const fastifyProblems: Readonly<Record<string, { code: ErrorCode; detail: string }>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PL_ERR_BODY_TOO_LARGE', detail: 'What was sent is larger than this service accepts.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'PL_ERR_UNSUPPORTED_MEDIA_TYPE', detail: 'Send the body as JSON, with the header Content-Type: application/json.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'PL_ERR_BAD_REQUEST', detail: 'The body is not as long as its Content-Length header says.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'PL_ERR_BAD_REQUEST', detail: 'The body is empty, but its Content-Type says it is JSON.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'PL_ERR_BAD_REQUEST', detail: 'The body is not valid JSON.' },
  FST_ERR_BAD_URL: { code: 'PL_ERR_BAD_REQUEST', detail: 'The address is not valid: check how it is %-encoded.' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'PL_ERR_URI_TOO_LONG', detail: 'A part of the address is longer than any id this service gives.' },
};

/** The `code` and `statusCode` fastify's errors carry, read without trusting the shape of what was thrown. */
function fastifyErrorOf(error: unknown): { code: string; statusCode: number | undefined } | undefined {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string' || !error.code.startsWith('FST_ERR')) return undefined;
  const statusCode = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : undefined;
  return { code: error.code, statusCode };
}

/** How long to wait before asking again, for refusals that pass (PL_ERR_BUSY: as-of replays at their limit). */
const retryAfterSeconds: Partial<Record<ErrorCode, number>> = { PL_ERR_NOT_CAUGHT_UP: 1, PL_ERR_BUSY: 5 };

export function problemFor(error: unknown, requestId: string): Problem {
  const problem = (code: ErrorCode, detail: string): Problem => problemOf(code, detail, requestId);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((v) => ({
      field: [error.validationContext ?? 'body', ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'is not valid',
    }));
    return { ...problem('PL_ERR_VALIDATION', errors.map((e) => `${e.field}: ${e.message}`).join('; ')), errors };
  }
  if (error instanceof WrongExpectedRevisionError) {
    const current = error.actual === 'no_stream' ? 'no_stream' : error.actual;
    return { ...problem(error.code, `This record is now at revision ${String(current)}; read it again, then retry with If-Match: "${String(current)}".`), currentRevision: current };
  }
  if (error instanceof InvalidEventError) {
    return { ...problem(error.code, error.message), errors: error.issues.map((i) => ({ field: i.path || 'body', message: i.message })) };
  }
  if (error instanceof PartnershipLogError) return problem(error.code, error.message);
  const fastifyError = fastifyErrorOf(error);
  const known = fastifyError && fastifyProblems[fastifyError.code];
  if (known) return problem(known.code, known.detail);
  // Any other refusal fastify makes of what a client sent is still the client's, never a 5xx.
  if (fastifyError?.statusCode !== undefined && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return problem('PL_ERR_BAD_REQUEST', 'The request could not be read as it was sent.');
  }
  if (error instanceof SyntaxError) return problem('PL_ERR_BAD_REQUEST', 'The body is not valid JSON.');
  return problem('PL_ERR_INTERNAL', 'Something went wrong on our side. The request id helps us find it.');
}

/**
 * Which methods each route takes, to tell "nothing here" (404) from "not this way" (405).
 * Route patterns become regular expressions once, as routes are added.
 */
class RouteMethods {
  readonly #routes: { pattern: RegExp; method: string }[] = [];

  add(method: string, url: string): void {
    const segments = url.split('/').map((segment) => {
      if (segment === '*') return '.*';
      // A parameter (":id", or several in one segment) takes anything up to the next slash.
      if (segment.includes(':')) return '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    });
    this.#routes.push({ pattern: new RegExp(`^${segments.join('/')}$`), method });
  }

  /** The methods some route takes at this path, sorted. */
  at(path: string): string[] {
    const methods = new Set(this.#routes.filter((route) => route.pattern.test(path)).map((route) => route.method));
    return [...methods].sort();
  }
}

/** The answer for a request no route matched: 405 with Allow when the address takes other methods, else 404. */
function unmatched(request: FastifyRequest, routes: RouteMethods): { problem: Problem; allow?: string } {
  const path = request.url.split('?')[0] ?? '';
  const allowed = routes.at(path).filter((method) => method !== request.method);
  if (allowed.length > 0) {
    const allow = allowed.join(', ');
    return { problem: problemOf('PL_ERR_METHOD_NOT_ALLOWED', `This address takes ${allow}, not ${request.method}; see /docs.`, request.id), allow };
  }
  return { problem: problemOf('PL_ERR_NOT_FOUND', `Nothing answers ${request.method} at this address; see /docs.`, request.id) };
}

function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

export function registerProblemDetails(app: FastifyInstance): void {
  const routes = new RouteMethods();
  app.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) routes.add(method, route.url);
  });
  app.setErrorHandler(async (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    // A request no route matched is answered about its address (404 or 405), not about its body.
    if (request.is404) {
      const { problem, allow } = unmatched(request, routes);
      if (allow) void reply.header('allow', allow);
      return sendProblem(reply, problem);
    }
    const problem = problemFor(error, request.id);
    if (problem.status >= 500) request.log.error({ err: error, reqId: request.id }, 'request failed');
    const retryAfter = retryAfterSeconds[problem.code];
    if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
    if (typeof problem.currentRevision === 'number') void reply.header('etag', `"${problem.currentRevision}"`);
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler(async (request, reply) => {
    const { problem, allow } = unmatched(request, routes);
    if (allow) void reply.header('allow', allow);
    return sendProblem(reply, problem);
  });
}

/**
 * Fastify's `frameworkErrors`: an address it cannot route (badly %-encoded, or a part longer
 * than maxParamLength). Fastify's default answer quotes the whole address, query included.
 */
export function answerFrameworkError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  void sendProblem(reply, problemFor(error, request.id));
}

/** A whole HTTP/1.1 answer with a problem, for a socket no fastify reply owns; the connection is closed after it. */
export function rawProblemAnswer(problem: Problem, headers: Readonly<Record<string, string>> = {}): string {
  const body = JSON.stringify(problem);
  const lines = [
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? ''}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** Node's parser errors for what a client sent, as our codes and sentences; anything else is a 400. */
const clientErrorProblems: Readonly<Record<string, { code: ErrorCode; detail: string }>> = {
  HPE_HEADER_OVERFLOW: { code: 'PL_ERR_HEADERS_TOO_LARGE', detail: 'The address or the headers are longer than this service reads.' },
  ERR_HTTP_REQUEST_TIMEOUT: { code: 'PL_ERR_REQUEST_TIMEOUT', detail: 'The request did not arrive in time; send it again.' },
};

/**
 * Fastify's `clientErrorHandler`: node's HTTP parser refused the bytes before any request
 * existed (a broken request line or header, an unknown method, a body longer or shorter than
 * its Content-Length). The answer is a minimal problem and the connection is closed, since
 * nothing after the fault can be trusted. The error is logged by its code only: it carries the
 * raw request (`rawPacket`), tokens included.
 */
export function answerClientError(this: FastifyInstance, error: Error & { code?: unknown }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = typeof error.code === 'string' ? clientErrorProblems[error.code] : undefined;
  const problem = problemOf(known?.code ?? 'PL_ERR_BAD_REQUEST', known?.detail ?? 'The request could not be read as HTTP.', randomUUID());
  this.log.info({ reqId: problem.instance, status: problem.status, code: typeof error.code === 'string' ? error.code : undefined }, 'request not read');
  closeWithProblem(socket, problem);
}

/** Answers CONNECT (a proxy tunnel, which this service is not) instead of dropping the connection unanswered. */
export function answerConnect(app: FastifyInstance, socket: Duplex): void {
  const problem = problemOf('PL_ERR_METHOD_NOT_ALLOWED', 'This service is not a proxy: it does not take CONNECT.', randomUUID());
  app.log.info({ reqId: problem.instance, status: problem.status, method: 'CONNECT' }, 'request not read');
  // An empty Allow: a tunnel's target is no resource of ours, so no method applies to it.
  closeWithProblem(socket, problem, { Allow: '' });
}

function closeWithProblem(socket: Duplex, problem: Problem, headers: Readonly<Record<string, string>> = {}): void {
  if (socket.writable) socket.end(rawProblemAnswer(problem, headers), () => socket.destroy());
  else socket.destroy();
}
