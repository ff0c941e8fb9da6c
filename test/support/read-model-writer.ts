// Child process of test/projection-runner/kill-nine.test.ts. Opens the embedded store and a
// projection runner (small batches, so commits come often) on the folders given, says
// {"ready":true}, then appends events to random streams forever while the runner folds
// them: the parent kills it with SIGKILL at a random moment.
//
//   node --import tsx test/support/read-model-writer.ts <data folder> <read-model folder> <seed>
import pino from 'pino';
import { ProjectionRunner } from '../../src/projection-runner/projection-runner.js';
import { openEmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { tallyProjection } from './tally-projection.js';
import { testRegistry, things } from './test-events.js';

const [dataDir = '', folder = '', seedArg = '1'] = process.argv.slice(2);
const logger = pino({ level: 'warn' }, pino.destination(2));
const store = await openEmbeddedStore({ dataDir, registry: testRegistry(), logger });
const runner = new ProjectionRunner({ store, projections: [tallyProjection(1, 7)], folder, logger, batchSize: 37 });
await runner.start();
process.stdout.write(JSON.stringify({ ready: true }) + '\n');

let seed = Number(seedArg);
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
let n = (await store.headPosition()) + 1;
for (;;) {
  const stream = `thing-${1 + Math.floor(random() * 40)}`;
  const count = 1 + Math.floor(random() * 5);
  const revision = await store.streamRevision(stream);
  await store.append(stream, things(n, count), { expectedRevision: revision === -1 ? 'no_stream' : revision });
  n += count;
}
