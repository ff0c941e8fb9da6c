// Child process of test/integration/data-folder-lock.test.ts: another process that
// opens the embedded store on data folders.
//
//   node --import tsx test/support/data-folder-opener.ts try <folder>
//     opens, reports, closes, exits
//   node --import tsx test/support/data-folder-opener.ts hold <folder>
//     opens, reports, and keeps the folder until its stdin ends
//   node --import tsx test/support/data-folder-opener.ts race <epoch ms> <folder>…
//     opens folder k at exactly <epoch ms> + k × 25 ms (to meet another process doing
//     the same), reports each, and keeps what it opened until its stdin ends
//
//   stdout, per folder: {"folder":…,"opened":true,"pid":…}
//                    or {"folder":…,"opened":false,"code":…,"message":…,"owner":{…}}
import pino from 'pino';
import { PartnershipLogError, StoreLockedError } from '../../src/errors.js';
import { openEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { testRegistry } from './test-events.js';

const RACE_SPACING_MS = 25;
const [mode = 'try', ...args] = process.argv.slice(2);
const logger = pino({ level: 'warn' }, pino.destination(2));

function report(message: object): void {
  process.stdout.write(JSON.stringify(message) + '\n');
}

async function tryOpen(folder: string): Promise<EmbeddedStore | undefined> {
  try {
    const store = await openEmbeddedStore({ dataDir: folder, registry: testRegistry(), logger });
    report({ folder, opened: true, pid: process.pid });
    return store;
  } catch (err) {
    if (!(err instanceof PartnershipLogError)) throw err;
    const owner = err instanceof StoreLockedError ? { owner: err.owner } : {};
    report({ folder, opened: false, code: err.code, message: err.message, ...owner });
    return undefined;
  }
}

const stores: EmbeddedStore[] = [];
if (mode === 'race') {
  const [at = '0', ...folders] = args;
  for (const [k, folder] of folders.entries()) {
    const start = Number(at) + k * RACE_SPACING_MS;
    while (Date.now() < start) {
      // spin rather than sleep: a timer would wake too late to meet the other process
    }
    const store = await tryOpen(folder);
    if (store) stores.push(store);
  }
} else {
  const store = await tryOpen(args[0] ?? '');
  if (store) stores.push(store);
}
if (mode !== 'try') {
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.on('end', resolve));
}
for (const store of stores) await store.close();
