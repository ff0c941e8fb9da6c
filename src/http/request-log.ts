// One log line per request: who (token id and role), which route pattern, the status
// and how long. Never the token, a header, the body, the query string or the raw URL:
// those can hold secrets and free text about people.
import type { FastifyInstance } from 'fastify';

export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        reqId: request.id,
        actor: request.actor?.id,
        role: request.actor?.role,
        method: request.method,
        route: request.routeOptions.url ?? '(no route)',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
  });
}
