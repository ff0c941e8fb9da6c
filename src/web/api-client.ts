// The pages read and write only through the JSON API of the same app (inject: no
// network), with the signed-in person's own token. So validation, permissions, the
// domain's rules and the event log are exactly the API's, and nothing is duplicated here.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';

export interface ApiAnswer {
  status: number;
  body: unknown;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export interface Problem {
  status: number;
  code: string;
  detail: string;
  errors: FieldProblem[];
}

export class ApiClient {
  constructor(
    private readonly app: FastifyInstance,
    private readonly token: string,
  ) {}

  async get(url: string): Promise<ApiAnswer> {
    const response = await this.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${this.token}`, accept: 'application/json' } });
    return { status: response.statusCode, body: parse(response.body) };
  }

  async post(url: string, payload: unknown): Promise<ApiAnswer> {
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json', accept: 'application/json' },
      payload: JSON.stringify(payload),
    });
    return { status: response.statusCode, body: parse(response.body) };
  }

  /** A DELETE with a JSON body (forgetting a person names its reason). */
  async delete(url: string, payload: unknown): Promise<ApiAnswer> {
    const response = await this.app.inject({
      method: 'DELETE',
      url,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json', accept: 'application/json' },
      payload: JSON.stringify(payload),
    });
    return { status: response.statusCode, body: parse(response.body) };
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The problem+json fields the pages use, read defensively. */
export function problemOf(answer: ApiAnswer): Problem {
  const body = isRecord(answer.body) ? answer.body : {};
  const errors = Array.isArray(body.errors)
    ? body.errors.flatMap((e) => (isRecord(e) && typeof e.field === 'string' && typeof e.message === 'string' ? [{ field: e.field, message: e.message }] : []))
    : [];
  return {
    status: answer.status,
    code: typeof body.code === 'string' ? body.code : 'PL_ERR_UNKNOWN',
    detail: typeof body.detail === 'string' ? body.detail : 'Something went wrong. Please try again.',
    errors,
  };
}

/** Thrown by a page when a read it needs is refused; the pages' error handler shows it. */
export class PageReadError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

/**
 * A successful JSON read, parsed with the read model's own schema (the one the API
 * serialised it with), or a PageReadError with the API's words.
 */
export async function read<Schema extends z.ZodType>(api: ApiClient, url: string, schema: Schema): Promise<z.output<Schema>> {
  const answer = await api.get(url);
  if (answer.status >= 200 && answer.status < 300) return schema.parse(answer.body);
  throw new PageReadError(problemOf(answer));
}
