// Child process of test/integration/crash.test.ts. Opens the embedded store on the
// data folder given as argument and appends to several streams at once, forever, one
// event at a time with the exact expected revision, so appends meet in group commits.
// Each append is reported on stdout only after append() resolved: the parent kills
// this process with SIGKILL and then checks that every reported event survived.
//
//   node --import tsx test/support/crash-writer.ts <data folder> <writers>
//   stdout: {"stream":"crash-0","revision":3,"position":17,"id":"…"} per acknowledged event
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { openEmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { testRegistry } from './test-events.js';

const [dataDir = '', writersArg = '8'] = process.argv.slice(2);
const store = await openEmbeddedStore({
  dataDir,
  registry: testRegistry(),
  logger: pino({ level: 'warn' }, pino.destination(2)),
});

async function write(stream: string): Promise<never> {
  const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
  let revision = last?.revision ?? -1;
  for (;;) {
    const id = randomUUID();
    // The data is the event's own revision, so the parent can tell a misplaced event.
    const result = await store.append(stream, [{ id, type: 'ThingHappened', data: { n: revision + 1 } }], {
      expectedRevision: revision === -1 ? 'no_stream' : revision,
    });
    revision = result.nextExpectedRevision;
    // stdout is a pipe: on Linux this write is synchronous, so the line is out before the next append.
    process.stdout.write(JSON.stringify({ stream, revision, position: result.position, id }) + '\n');
  }
}

await Promise.all(Array.from({ length: Number(writersArg) }, (_, i) => write(`crash-${i}`)));
