// One handler turns every refusal into application/problem+json (RFC 9457) with a
// stable code and a sentence a user understands. Bad input is never a 5xx.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorCatalogue, InvalidEventError, PartnershipLogError, WrongExpectedRevisionError, type ErrorCode } from '../errors.js';

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

/** Fastify's own errors for what a client sent, as our codes. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PL_ERR_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'PL_ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'PL_ERR_BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'PL_ERR_BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'PL_ERR_BAD_REQUEST',
};

export function problemFor(error: unknown, requestId: string): Problem {
  const problem = (code: ErrorCode, detail: string): Problem => ({
    type: `https://partnership-log.example/problems/${code}`,
    title: errorCatalogue[code].title,
    status: errorCatalogue[code].status,
    code,
    detail,
    instance: requestId,
  });
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
  const fastifyError = error as Partial<FastifyError>;
  const code = fastifyError.code ? fastifyCodes[fastifyError.code] : undefined;
  if (code) return problem(code, fastifyError.message ?? errorCatalogue[code].title);
  if (error instanceof SyntaxError) return problem('PL_ERR_BAD_REQUEST', 'The body is not valid JSON.');
  return problem('PL_ERR_INTERNAL', 'Something went wrong on our side. The request id helps us find it.');
}

export function registerProblemDetails(app: FastifyInstance): void {
  app.setErrorHandler(async (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const problem = problemFor(error, request.id);
    if (problem.status >= 500) request.log.error({ err: error, reqId: request.id }, 'request failed');
    if (problem.code === 'PL_ERR_NOT_CAUGHT_UP') void reply.header('retry-after', '1');
    if (typeof problem.currentRevision === 'number') void reply.header('etag', `"${problem.currentRevision}"`);
    return reply.code(problem.status).type('application/problem+json').send(problem);
  });
  app.setNotFoundHandler(async (request, reply) => {
    const problem = problemFor(new PartnershipLogError('PL_ERR_NOT_FOUND', `Nothing answers ${request.method} at this address; see /docs.`), request.id);
    return reply.code(404).type('application/problem+json').send(problem);
  });
}
