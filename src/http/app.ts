// Builds the fastify app with everything it needs; src/main.ts only listens, so tests
// and the benchmark build the same app and use inject() or a port of their own.
import { dirname, join } from 'node:path';
import fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { servedProjections } from '../../projections/queries.js';
import { CommandHandler } from '../application/command-handler.js';
import { TokenStore } from '../auth/token-store.js';
import type { UserRole } from '../domain/actor.js';
import { PersonKeys } from '../privacy/person-keys.js';
import { BackgroundSnapshots } from '../projection-runner/background-snapshots.js';
import { ProjectionRunner, SNAPSHOT_INTERVAL_MS } from '../projection-runner/projection-runner.js';
import { fileSnapshotStore } from '../projection-runner/snapshot-store.js';
import type { EventRegistry } from '../store/event-registry.js';
import { EmbeddedStore } from '../store/embedded/embedded-store.js';
import type { EventStore } from '../store/event-store.js';
import { webPages } from '../web/pages.js';
import { ContractLookup, DecisionLookup } from './lookups.js';
import { rolesOf } from './authentication.js';
import { PersonAccess } from './person-access.js';
import { appOptions, registerPlatform } from './platform.js';
import { auditRoutes } from './routes/audit-routes.js';
import { contractRoutes } from './routes/contract-routes.js';
import { decisionRoutes } from './routes/decision-routes.js';
import { evidenceRoutes } from './routes/evidence-routes.js';
import { personRoutes } from './routes/person-routes.js';
import { projectionRoutes } from './routes/projection-routes.js';
import { subjectAccessRoutes } from './routes/subject-access-routes.js';

export interface AppOptions {
  store: EventStore;
  registry: EventRegistry;
  logger: Logger;
  /** Tokens, person keys, audit keys and projection snapshots live here. */
  dataDir: string;
  /** Where each person's key is kept (default DATA_DIR/keys). */
  keysDir?: string | undefined;
}

export interface App {
  app: FastifyInstance;
  runner: ProjectionRunner;
  /** The worker that saves the projections' snapshots, when the store is the embedded log. */
  snapshots: BackgroundSnapshots | undefined;
  handler: CommandHandler;
  tokens: TokenStore;
  /** Every route with the roles it admits: the authorization matrix as served. */
  routes: readonly RouteEntry[];
}

export interface RouteEntry {
  method: string;
  url: string;
  roles: readonly UserRole[] | 'public';
}

export async function buildApp(options: AppOptions): Promise<App> {
  const { store, registry, logger, dataDir } = options;
  // Typed with fastify's base logger, so route plugins take a plain FastifyInstance.
  const loggerInstance: FastifyBaseLogger = logger;
  const app: FastifyInstance = fastify({ ...appOptions, loggerInstance });
  const tokens = await TokenStore.open(dataDir);
  const keys = await PersonKeys.open(options.keysDir ?? join(dataDir, 'keys'));
  const handler = new CommandHandler(store, registry);
  const snapshotFolder = join(dataDir, 'projections');
  // The embedded log can be followed from its file by a worker, which then makes the snapshots off this thread.
  const background =
    store instanceof EmbeddedStore
      ? BackgroundSnapshots.start({ dataDir: dirname(store.file), folder: snapshotFolder, intervalMs: SNAPSHOT_INTERVAL_MS, logger })
      : undefined;
  const runner = new ProjectionRunner({
    store,
    projections: servedProjections,
    snapshots: fileSnapshotStore(snapshotFolder),
    saveSnapshots: background === undefined,
    logger,
  });
  const people = new PersonAccess(runner);

  const routes: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) if (method !== 'HEAD') routes.push({ method, url: route.url, roles: rolesOf(route.preValidation) ?? 'public' });
  });
  await registerPlatform(app, { tokens });
  app.get('/health', { schema: { summary: 'Is the service up, on which store, at which position', tags: ['health'] } }, async () => ({
    status: 'ok',
    store: store.kind,
    lastPosition: await store.headPosition(),
    projectionsAt: runner.position,
  }));
  const contracts = new ContractLookup(handler);
  const decisions = new DecisionLookup(handler);
  await app.register(decisionRoutes, { store, handler, runner, contracts, people });
  await app.register(contractRoutes, { handler, decisions, runner, people });
  await app.register(personRoutes, { handler, keys });
  await app.register(projectionRoutes, { store, runner, people });
  await app.register(auditRoutes, { store, dataDir, registry });
  await app.register(subjectAccessRoutes, { store, handler, runner, keys });
  await app.register(evidenceRoutes, { store, handler, runner, people });
  await app.register(webPages, { api: app, tokens });

  await runner.start();
  app.addHook('onClose', async () => {
    await runner.stop();
    await background?.stop();
  });
  return { app, runner, snapshots: background, handler, tokens, routes };
}
