// The whole app on a temporary data folder, with a token for each role and the raw log
// text kept in memory (through the real logger, redaction included) for tests to read.
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Test } from 'tap';
import { createDemoTokens, type DemoTokens } from '../../src/demo/demo-scenario.js';
import { buildApp, type App, type AppOptions } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { createRegistry } from '../../src/registry.js';
import type { EventRegistry } from '../../src/events/event-registry.js';
import type { Logger } from 'pino';
import { openEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { tempDir } from './temp-dir.js';

/** A new ed25519 key file (0600) in a folder of its own, apart from the data folder. */
export function outsideCheckpointKey(t: Test): string {
  const file = join(tempDir(t, 'pl-checkpoint-key-'), 'checkpoint-key.pem');
  writeFileSync(file, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  return file;
}

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

export interface TestAppOptions extends Pick<AppOptions, 'asOfReplays' | 'checkpointSchedule' | 'trustProxy' | 'signInLinkDays' | 'pagesClock'> {
  /** The checkpoint key: by default a fresh one in its own folder outside the data folder, as an operator would keep it; null for none. */
  checkpointKeyFile?: string | null;
}

/** `options`: the few settings a test may change (the bounds on as-of replays, the checkpoint key). */
export async function testApp(t: Test, dataDir = tempDir(t), options: TestAppOptions = {}): Promise<TestApp> {
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
  const { checkpointKeyFile = outsideCheckpointKey(t), ...rest } = options;
  const built = await buildApp({ store, registry, logger, dataDir, ...rest, checkpointKeyFile: checkpointKeyFile ?? undefined });
  t.teardown(async () => {
    await built.app.close();
    await store.close();
  });
  const secrets = await createDemoTokens(built.tokens, new Date().toISOString());
  const bearer = Object.fromEntries(Object.entries(secrets).map(([role, token]) => [role, { authorization: `Bearer ${token}` }])) as TestApp['bearer'];
  return { ...built, store, registry, logger, dataDir, bearer, secrets, logText: () => chunks.join('') };
}
