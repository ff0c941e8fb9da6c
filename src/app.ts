// Builds the fastify app with everything it needs; src/main.ts only listens, so tests
// and the benchmark build the same app and use inject() or a port of their own.
import { join } from 'node:path';
import fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { z } from 'zod';
import { servedProjections } from '../projections/queries.js';
import { CommandHandler } from './application/command-handler.js';
import type { CheckpointSchedule } from './audit/checkpoint-schedule.js';
import { openServerSigningKey } from './audit/checkpoint.js';
import { TREE_FILE } from './audit/log-tree.js';
import { READ_MODELS_FOLDER } from './read-models/read-model-database.js';
import { TokenStore } from './auth/token-store.js';
import type { UserRole } from './domain/actor.js';
import { personDecider } from './domain/people/decide.js';
import { personStream } from './domain/people/person-events.js';
import { Erasures } from './privacy/erasures.js';
import { PersonKeys } from './privacy/person-keys.js';
import { AsOfReplays, type AsOfReplayLimits } from './projection-runner/as-of-replays.js';
import { ProjectionRunner, type CatchUpProgress } from './projection-runner/projection-runner.js';
import { KeyedQueue } from './shared/keyed-queue.js';
import type { EventRegistry } from './events/event-registry.js';
import type { EventStore, StoreKind } from './store/event-store.js';
import { webPages } from './web/pages.js';
import { rolesOf } from './http/authentication.js';
import { commandRoutes } from './http/command-routes.js';
import { PersonAccess } from './http/person-access.js';
import { readYourWrites } from './http/read-your-writes.js';
import { appOptions, registerPlatform } from './http/platform.js';
import { auditRoutes } from './http/routes/audit-routes.js';
import { chainBreakRoutes } from './http/routes/chain-break-routes.js';
import { contractRoutes } from './http/routes/contract-routes.js';
import { decisionRoutes } from './http/routes/decision-routes.js';
import { evidenceRoutes } from './http/routes/evidence-routes.js';
import { personRoutes } from './http/routes/person-routes.js';
import { projectionRoutes } from './http/routes/projection-routes.js';
import { reportRoutes } from './http/routes/report-routes.js';
import { subjectAccessRoutes } from './http/routes/subject-access-routes.js';

// Keyed by the store kinds, so a new adapter is a type error here rather than a 500 on /health.
const storeKinds: Record<StoreKind, StoreKind> = { embedded: 'embedded', eventstoredb: 'eventstoredb' };

/** What GET /health answers. */
const healthAnswer = z.object({
  status: z.literal('ok'),
  store: z.enum(storeKinds),
  /** The log's last position, and the position the projections have reached. */
  lastPosition: z.number().int(),
  projectionsAt: z.number().int(),
  /** People forgotten whose key is not yet destroyed: how many for anyone, who (pseudonymous ids) for staff with a token. */
  pendingErasures: z.number().int(),
  pendingErasurePeople: z.array(z.string()).optional(),
});

export interface AppOptions {
  store: EventStore;
  registry: EventRegistry;
  logger: Logger;
  /** Tokens, person keys and the read models live here (never the checkpoint key). */
  dataDir: string;
  /** Where each person's key is kept (default DATA_DIR/keys). */
  keysDir?: string | undefined;
  /** CHECKPOINT_KEY_FILE: the key the server signs checkpoints with, outside DATA_DIR and KEYS_DIR; without it the server does not sign. */
  checkpointKeyFile?: string | undefined;
  /** CHECKPOINT_EVERY and CHECKPOINT_PUBLISH_DIR: publish a signed checkpoint on a schedule (needs the key). */
  checkpointSchedule?: CheckpointSchedule | undefined;
  /** Bounds on as-of replays (AS_OF_REPLAYS); tests pass a hook to watch them. */
  asOfReplays?: Partial<AsOfReplayLimits> | undefined;
  /** Told as the read models catch up with a log that was ahead of them at start (main.ts draws a progress bar). */
  onCatchUp?: ((progress: CatchUpProgress) => void) | undefined;
  /** TRUST_PROXY: the TLS-terminating proxy whose X-Forwarded-* headers are believed (fastify's trustProxy). */
  trustProxy?: boolean | number | string | undefined;
  /** SIGN_IN_LINK_DAYS: how long a sign-in card works before it is used. */
  signInLinkDays?: number | undefined;
  /** The pages' clock (sessions, sign-in cards, kept forms); tests move it to make a session run out. */
  pagesClock?: (() => number) | undefined;
}

export interface App {
  app: FastifyInstance;
  runner: ProjectionRunner;
  handler: CommandHandler;
  tokens: TokenStore;
  /** Erasures left half-done (a key not destroyed) completed at start-up: settles once each was tried. */
  erasuresReconciled: Promise<void>;
  /** Every route with the roles it admits: the authorization matrix as served. */
  routes: readonly RouteEntry[];
}

export interface RouteEntry {
  method: string;
  url: string;
  roles: readonly UserRole[] | 'public';
}

/** TRUST_PROXY as fastify's trustProxy: which proxy's X-Forwarded-* headers to believe. */
function trustedProxy(setting: boolean | number | string | undefined): Pick<FastifyServerOptions, 'trustProxy'> {
  if (setting === undefined) return {};
  // A number of hops: fastify accepts it but its types do not, so it is the function fastify would make of it.
  return { trustProxy: typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting };
}

export async function buildApp(options: AppOptions): Promise<App> {
  const { store, registry, logger, dataDir } = options;
  // First, so a key in the wrong place stops the start before anything is made.
  const checkpointKey = openServerSigningKey({ keyFile: options.checkpointKeyFile, dataDir, keysDir: options.keysDir }, (message) => logger.warn(message));
  // Typed with fastify's base logger, so route plugins take a plain FastifyInstance.
  const loggerInstance: FastifyBaseLogger = logger;
  const app: FastifyInstance = fastify({ ...appOptions, loggerInstance, ...trustedProxy(options.trustProxy) });
  const tokens = await TokenStore.open(dataDir);
  const keys = await PersonKeys.open(options.keysDir ?? join(dataDir, 'keys'), { logger });
  const erasures = new Erasures(keys, logger);
  const handler = new CommandHandler(store, registry);
  // Each node keeps its own read models, built from the store (embedded or EventStoreDB).
  const runner = new ProjectionRunner({
    store,
    projections: servedProjections,
    folder: join(dataDir, READ_MODELS_FOLDER),
    logger,
    ...(options.onCatchUp ? { onCatchUp: options.onCatchUp } : {}),
  });
  const people = new PersonAccess(runner);
  // One per server: the decision and projection routes share its limits and its replays.
  const asOf = new AsOfReplays(store, servedProjections, options.asOfReplays);

  const routes: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) if (method !== 'HEAD') routes.push({ method, url: route.url, roles: rolesOf(route.preValidation) ?? 'public' });
  });
  await registerPlatform(app, { tokens });
  const health = { summary: 'Is the service up, on which store, at which position; erasures whose key is not yet destroyed', tags: ['health'], response: { 200: healthAnswer } };
  app.withTypeProvider<ZodTypeProvider>().get('/health', { schema: health }, async (request): Promise<z.infer<typeof healthAnswer>> => ({
    status: 'ok',
    store: store.kind,
    lastPosition: await store.headPosition(),
    projectionsAt: runner.position,
    // How many for anyone; who (pseudonymous ids) for staff with a token.
    pendingErasures: erasures.pending.length,
    ...(request.actor && ['admin', 'commissioner', 'auditor'].includes(request.actor.role) ? { pendingErasurePeople: erasures.pending } : {}),
  }));
  await app.register(commandRoutes, {
    handler,
    keys,
    erasures,
    registrations: new KeyedQueue(),
    // A provider names the people it supports, read once the register's projection has caught up (a change of supporters counts at once).
    supportedPeople: async (actor) => {
      if (actor.role !== 'provider') return [];
      await readYourWrites(store, runner);
      return people.supportedPeople(actor);
    },
  });
  await app.register(decisionRoutes, { store, handler, runner, people, asOf });
  await app.register(contractRoutes, { store, runner, people });
  await app.register(personRoutes, { handler, keys });
  await app.register(projectionRoutes, { store, runner, people, asOf });
  await app.register(auditRoutes, { store, signingKey: checkpointKey, treeFile: join(dataDir, TREE_FILE), publish: options.checkpointSchedule });
  await app.register(chainBreakRoutes, { store, handler });
  await app.register(subjectAccessRoutes, { store, handler, runner, keys });
  await app.register(evidenceRoutes, { store, handler, runner, people });
  await app.register(reportRoutes, { store, runner, people, asOf, signingKey: checkpointKey });
  await app.register(webPages, { api: app, tokens, signInLinkDays: options.signInLinkDays ?? 7, ...(options.pagesClock ? { now: options.pagesClock } : {}) });

  await runner.start();
  // Forgetting left half-done (a key that could not be destroyed, a crash in between) is completed now, beside serving.
  const erasuresReconciled = erasures
    .reconcile(async (personId) => (await handler.load(personDecider, personStream(personId))).state.status === 'forgotten')
    .catch((err: unknown) => logger.error({ err }, 'recorded erasures could not be checked at start-up; they will be on the next'));
  app.addHook('onClose', async () => {
    await erasuresReconciled;
    await runner.stop();
  });
  return { app, runner, handler, tokens, erasuresReconciled, routes };
}
