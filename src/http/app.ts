// Builds the fastify app. A separate entry (src/main.ts) only listens, so tests use inject().
import fastify from 'fastify';
import type { Logger } from 'pino';
import type { EventStore } from '../store/event-store.js';

export interface AppOptions {
  store: EventStore;
  logger: Logger;
}

export async function buildApp(options: AppOptions) {
  const app = fastify({ loggerInstance: options.logger });

  app.get('/health', async () => ({
    status: 'ok',
    store: options.store.kind,
    lastPosition: await options.store.headPosition(),
  }));

  return app;
}
