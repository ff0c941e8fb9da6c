// `npm start`: open the store named by the configuration and serve the API.
// `npm run demo` (`--demo`): the same, on ./data-demo unless DATA_DIR is set; an empty
// log is first filled with the demo scenario, and a fresh token is printed for each role.
import { readConfig } from './config.js';
import { prepareDataFolders } from './data-folders.js';
import { createDemoTokens, loadDemoScenario } from './demo/demo-scenario.js';
import { PartnershipLogError } from './errors.js';
import { buildApp } from './app.js';
import { createLogger, DemoTerminal } from './logger.js';
import { createRegistry } from './registry.js';
import { progressBar, type Progress } from './shared/progress.js';
import type { CatchUpProgress } from './projection-runner/projection-runner.js';
import { openStore } from './store/open-store.js';

const demo = process.argv.includes('--demo');
// The demo is read at a terminal: short lines, none while it loads (npm start keeps JSON lines).
const demoTerminal = demo ? new DemoTerminal() : undefined;
const { config, store, app, tokens } = await start().catch(refuseToStart);

async function start() {
  const config = readConfig(demo ? { DATA_DIR: './data-demo', ...process.env } : process.env);
  const logger = createLogger({ level: config.LOG_LEVEL, ...(demoTerminal ? { destination: demoTerminal } : {}) });
  prepareDataFolders({ dataDir: config.DATA_DIR, keysDir: config.KEYS_DIR }, logger);
  const registry = createRegistry();
  const store = await openStore({ dataDir: config.DATA_DIR, eventStoreUrl: config.EVENTSTORE_URL, registry, logger });
  try {
    const { app, tokens } = await buildApp({
      store,
      registry,
      logger,
      dataDir: config.DATA_DIR,
      keysDir: config.KEYS_DIR,
      checkpointKeyFile: config.CHECKPOINT_KEY_FILE,
      checkpointSchedule:
        config.CHECKPOINT_EVERY !== undefined && config.CHECKPOINT_PUBLISH_DIR !== undefined
          ? { everyMs: config.CHECKPOINT_EVERY, folder: config.CHECKPOINT_PUBLISH_DIR }
          : undefined,
      asOfReplays: { concurrent: config.AS_OF_REPLAYS },
      trustProxy: config.TRUST_PROXY,
      signInLinkDays: config.SIGN_IN_LINK_DAYS,
      onCatchUp: readModelsProgress(store.kind === 'embedded'),
    });
    return { config, store, app, tokens };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/** A progress bar on a terminal while the read models catch up with the log (a rebuild after an upgrade); nothing when piped. */
function readModelsProgress(positionsCountEvents: boolean): (progress: CatchUpProgress) => void {
  let bar: Progress | undefined;
  return ({ position, head }) => {
    bar ??= progressBar({ label: 'read models', total: head, positionsCountEvents });
    bar.update(position);
    if (position >= head) bar.finish();
  };
}

/** What the operator can put right (the configuration, a locked or damaged log) is said in a sentence; a stack trace would bury it. */
function refuseToStart(err: unknown): never {
  if (!(err instanceof PartnershipLogError)) throw err;
  console.error(`Partnership Log did not start. ${err.code}: ${err.message}`);
  process.exit(1);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void app
      .close()
      .then(() => store.close())
      .then(() => process.exit(0));
  });
}

if (demo) {
  const demoTokens = await createDemoTokens(tokens, new Date().toISOString());
  if ((await store.headPosition()) === 0) {
    const started = performance.now();
    const { events } = await loadDemoScenario(app, demoTokens);
    console.log(`Loaded the demo scenario: ${events} events in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  } else {
    console.log('The data folder already holds a record: the demo scenario was not loaded again.');
  }
  console.log('Demo tokens (shown once; send as "Authorization: Bearer <token>"):');
  for (const [role, token] of Object.entries(demoTokens)) console.log(`  ${role.padEnd(14)} ${token}`);
}

const url = await app.listen({ host: config.HOST, port: config.PORT });
console.log(`Partnership Log is serving ${url} (store: ${store.kind}, data: ${config.DATA_DIR}). Pages: ${url}/app (sign in with a token). API documentation: ${url}/docs`);
// From here each request is a line of its own (fastify's "Server listening" line said nothing the line above does not).
if (demoTerminal) demoTerminal.quiet = false;
