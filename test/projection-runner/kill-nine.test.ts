// Kill -9 at random moments while read models are being updated, 20 rounds: a writer
// process appends events while its runner folds and commits them in small batches; after
// each SIGKILL the next start resumes from what was committed, and every document (and
// every index) equals a fold of the log from zero — nothing lost, nothing folded twice.
import t from 'tap';
import { foldEvents } from '../../projections/projection.js';
import { ProjectionRunner } from '../../src/projection-runner/projection-runner.js';
import { openEmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import type { StoredEvent } from '../../src/store/event-store.js';
import { startChildScript } from '../support/child-script.js';
import { memoryLogger } from '../support/silent-logger.js';
import { tallyOf, tallyProjection } from '../support/tally-projection.js';
import { tempDir } from '../support/temp-dir.js';
import { testRegistry } from '../support/test-events.js';

const ROUNDS = 20;

t.test(`${ROUNDS} rounds of kill -9 while the read models are updated: after each restart they equal a rebuild from zero`, async (t) => {
  const dataDir = tempDir(t);
  const folder = tempDir(t);
  let lastHead = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    const writer = startChildScript('./read-model-writer.ts', [dataDir, folder, String(round)]);
    await writer.waitFor((m) => typeof m === 'object' && m !== null && 'ready' in m);
    await new Promise((resolve) => setTimeout(resolve, 50 + ((round * 137) % 400)));
    writer.process.kill('SIGKILL');
    const { signal } = await writer.closed;
    t.equal(signal, 'SIGKILL', `round ${round}: killed`);

    const { logger, lines } = memoryLogger();
    const store = await openEmbeddedStore({ dataDir, registry: testRegistry(), logger });
    const head = await store.headPosition();
    const tally = tallyProjection(1, 7);
    const runner = new ProjectionRunner({ store, projections: [tally], folder, logger, batchSize: 37 });
    await runner.start();
    const resumedAt = runner.position;
    t.ok(await runner.waitFor(head, 20_000), `round ${round}: caught up with ${head} events, resuming at ${resumedAt}`);
    const events: StoredEvent[] = [];
    for await (const event of store.readAll()) events.push(event);
    const fromZero = foldEvents(tally, events);
    const folded = tallyOf(runner.state(tally));
    if (!t.same(folded, tallyOf(fromZero), `round ${round}: every document equals a fold from zero`)) break;
    t.same(runner.state(tally).streams.withIndex('parity', 'odd'), fromZero.streams.withIndex('parity', 'odd'), `round ${round}: and so does the index`);
    t.notOk(lines().some((l) => l.msg === 'read model rebuilt from the start of the log' && round > 1), `round ${round}: resumed, not rebuilt`);
    t.ok(head > lastHead, `round ${round}: the log grew (${lastHead} → ${head})`);
    lastHead = head;
    await runner.stop();
    await store.close();
  }
});
