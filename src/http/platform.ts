// Everything around the domain routes, in the order fastify needs it: zod compilers,
// the OpenAPI document (before any route), problem details, authentication, the
// one-line request log and the token administration routes.
import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { TokenStore } from '../auth/token-store.js';
import { registerAuthentication } from './authentication.js';
import { registerOpenApi } from './openapi.js';
import { answerClientError, answerConnect, answerFrameworkError, registerProblemDetails } from './problem-details.js';
import { registerRequestLog } from './request-log.js';
import { tokenRoutes } from './routes/token-routes.js';

export const BODY_LIMIT_BYTES = 256 * 1024;

export const appOptions = {
  // Our own one-line request log replaces fastify's (which would log raw URLs).
  logController: new LogController({ disableRequestLogging: true }),
  bodyLimit: BODY_LIMIT_BYTES,
  requestIdHeader: false,
  genReqId: () => randomUUID(),
  // Refusals fastify and node make before a route runs are problem+json too, and never quote the request.
  frameworkErrors: answerFrameworkError,
  clientErrorHandler: answerClientError,
} satisfies FastifyServerOptions;

export async function registerPlatform(app: FastifyInstance, options: { tokens: TokenStore }): Promise<void> {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await registerOpenApi(app);
  registerProblemDetails(app);
  app.server.on('connect', (_request: unknown, socket: Duplex) => answerConnect(app, socket));
  registerAuthentication(app, options.tokens);
  registerRequestLog(app);
  await app.register(tokenRoutes, { tokens: options.tokens });
}
