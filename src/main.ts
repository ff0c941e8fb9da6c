// `npm start`: open the store named by the configuration and serve the API.
import { readConfig } from './config.js';
import { buildApp } from './http/app.js';
import { createLogger } from './logger.js';
import { createRegistry } from './registry.js';
import { openStore } from './store/open-store.js';

const config = readConfig();
const logger = createLogger({ level: config.LOG_LEVEL });
const store = await openStore({
  dataDir: config.DATA_DIR,
  eventStoreUrl: config.EVENTSTORE_URL,
  registry: createRegistry(),
  logger,
});
const app = await buildApp({ store, logger });
const url = await app.listen({ host: config.HOST, port: config.PORT });
console.log(`Partnership Log is serving ${url} (store: ${store.kind})`);

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
