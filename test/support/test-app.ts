// The whole app on a temporary data folder, with a token for each role and the raw log
// text kept in memory (through the real logger, redaction included) for tests to read.
import { Writable } from 'node:stream';
import type { Test } from 'tap';
import { createDemoTokens, type DemoTokens } from '../../src/demo/demo-scenario.js';
import { buildApp, type App, type AppOptions } from '../../src/http/app.js';
import { createLogger } from '../../src/logger.js';
import { createRegistry } from '../../src/registry.js';
import type { EventRegistry } from '../../src/store/event-registry.js';
import type { Logger } from 'pino';
import { openEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { tempDir } from './temp-dir.js';

export interface TestApp extends App {
  store: EmbeddedStore;
  registry: EventRegistry;
  logger: Logger;
  dataDir: string;
  tokens: App['tokens'];
  /** A token per role: commissioner (Leeds City Council), provider (Hillside Support), self-advocate (P-HS01), auditor, admin. */
  bearer: Record<keyof DemoTokens, { authorization: string }>;
  secrets: DemoTokens;
  logText: () => string;
}

/** `options`: the few settings a test may change (the bounds on as-of replays). */
export async function testApp(t: Test, dataDir = tempDir(t), options: Pick<AppOptions, 'asOfReplays'> = {}): Promise<TestApp> {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  const logger = createLogger({ level: 'info', destination });
  const registry = createRegistry();
  const store = await openEmbeddedStore({ dataDir, registry, logger });
  const built = await buildApp({ store, registry, logger, dataDir, ...options });
  t.teardown(async () => {
    await built.app.close();
    await store.close();
  });
  const secrets = await createDemoTokens(built.tokens, new Date().toISOString());
  const bearer = Object.fromEntries(Object.entries(secrets).map(([role, token]) => [role, { authorization: `Bearer ${token}` }])) as TestApp['bearer'];
  return { ...built, store, registry, logger, dataDir, bearer, secrets, logText: () => chunks.join('') };
}
