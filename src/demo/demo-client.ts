// How the demo's stories post through the API: every event carries its actor and passes
// the same checks as real use.
import type { FastifyInstance } from 'fastify';

export type Body = Record<string, unknown>;
export type Post = (token: string, url: string, body: Body) => Promise<Record<string, unknown>>;

/** Posts through the API and fails loudly: a demo that does not load is a bug. */
export function client(app: FastifyInstance): Post {
  return async function post(token: string, url: string, body: Body): Promise<Record<string, unknown>> {
    const response = await app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload: body });
    if (response.statusCode !== 201) throw new Error(`demo: POST ${url} answered ${response.statusCode}: ${response.body}`);
    return response.json<Record<string, unknown>>();
  };
}

export function idOf(answer: Record<string, unknown>, key: string): string {
  const value = answer[key];
  if (typeof value !== 'string') throw new Error(`demo: the answer has no ${key}`);
  return value;
}
