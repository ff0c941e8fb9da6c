// Child process of test/integration/write-failure.test.ts, started under a file size
// limit (RLIMIT_FSIZE): writers append to the embedded store until the log cannot grow,
// each stopping at its first refused append. Then it reads the log back and closes.
//
//   node --import tsx test/support/write-until-full.ts <data folder> <writers> <note length>
//   stdout: {"kind":"acknowledged","stream":…,"revision":…,"position":…,"id":…}
//           {"kind":"refused","stream":…,"code":…,"message":…}
//           {"kind":"read back","head":…,"ids":[…]}  then  {"kind":"closed"}
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { PartnershipLogError } from '../../src/errors.js';
import { openEmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { testRegistry } from './test-events.js';

// Node ignores SIGXFSZ already (so a write past the limit fails with EFBIG); say so here too.
process.on('SIGXFSZ', () => {});

const [dataDir = '', writersArg = '1', noteLengthArg = '100'] = process.argv.slice(2);
const note = 'x'.repeat(Number(noteLengthArg));
const store = await openEmbeddedStore({
  dataDir,
  registry: testRegistry(),
  logger: pino({ level: 'warn' }, pino.destination(2)),
});

function report(message: object): void {
  process.stdout.write(JSON.stringify(message) + '\n');
}

async function write(stream: string): Promise<void> {
  let revision = -1;
  for (;;) {
    const id = randomUUID();
    try {
      const result = await store.append(stream, [{ id, type: 'ThingHappened', data: { n: revision + 1, note } }], {
        expectedRevision: revision === -1 ? 'no_stream' : revision,
      });
      revision = result.nextExpectedRevision;
      report({ kind: 'acknowledged', stream, revision, position: result.position, id });
    } catch (err) {
      if (!(err instanceof PartnershipLogError)) throw err;
      report({ kind: 'refused', stream, code: err.code, message: err.message });
      return;
    }
  }
}

await Promise.all(Array.from({ length: Number(writersArg) }, (_, i) => write(`full-${i}`)));
const ids: string[] = [];
for await (const event of store.readAll()) ids.push(event.id);
report({ kind: 'read back', head: await store.headPosition(), ids });
await store.close();
report({ kind: 'closed' });
