// The projection runner over the read-model database: catches up and follows the log,
// commits each batch with its position so a restart folds only what came after, rebuilds
// (and says why) a read model of another version, another log or with damaged files, and
// resubscribes after the subscription drops with nothing folded twice.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { foldEvents } from '../../projections/projection.js';
import { ProjectionRunner } from '../../src/projection-runner/projection-runner.js';
import { openEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import type { EventStore, StoredEvent, Subscription } from '../../src/store/event-store.js';
import { memoryLogger } from '../support/silent-logger.js';
import { tallyOf, tallyProjection, type CountingProjection } from '../support/tally-projection.js';
import { tempDir } from '../support/temp-dir.js';
import { testRegistry, things } from '../support/test-events.js';

async function storeWith(t: Test, batches: number[], dataDir = tempDir(t)): Promise<EmbeddedStore> {
  const store = await openEmbeddedStore({ dataDir, registry: testRegistry(), logger: memoryLogger().logger });
  t.teardown(() => store.close());
  let n = 1;
  for (const count of batches) {
    await store.append(`thing-${n}`, things(n, count), { expectedRevision: 'no_stream' });
    n += count;
  }
  return store;
}

async function everyEvent(store: EventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

const sumTo = (n: number) => (n * (n + 1)) / 2;
const total = (tally: [string, { sum: number }][]) => tally.reduce((sum, [, t]) => sum + t.sum, 0);

function runnerFor(store: EventStore, folder: string, projection = tallyProjection(), logger = memoryLogger().logger, batchSize?: number) {
  return new ProjectionRunner({ store, projections: [projection], folder, logger, retryDelayMs: 10, ...(batchSize ? { batchSize } : {}) });
}

t.test('catches up from nothing, then follows new events; waitFor resolves once they are committed', async (t) => {
  const store = await storeWith(t, [3, 2]);
  const tally = tallyProjection();
  const runner = runnerFor(store, tempDir(t), tally);
  await runner.start();
  t.equal(await runner.waitFor(5, 2000), true);
  t.equal(total(tallyOf(runner.state(tally))), sumTo(5));
  await store.append('thing-6', things(6, 4), { expectedRevision: 'no_stream' });
  t.equal(await runner.waitFor(9, 2000), true);
  t.same(runner.state(tally).streams.get('thing-6')?.positions, [6, 7, 8, 9]);
  t.same(runner.state(tally).streams.withIndex('parity', 'odd').length, 1, 'found through an index: 1+2+3 is even, 4+5 odd, 6+7+8+9 even');
  t.equal(await runner.waitFor(100, 50), false, 'a position never reached times out');
  await runner.stop();
});

t.test('a restart resumes from the committed position and folds only what came after', async (t) => {
  const store = await storeWith(t, [4, 4]);
  const folder = tempDir(t);
  const first = runnerFor(store, folder);
  await first.start();
  await first.waitFor(8, 2000);
  await first.stop();

  await store.append('thing-9', things(9, 2), { expectedRevision: 'no_stream' });
  const tally = tallyProjection();
  const { logger, lines } = memoryLogger();
  const second = runnerFor(store, folder, tally, logger);
  await second.start();
  t.equal(second.position, 8, 'starts where the last commit stopped');
  await second.waitFor(10, 2000);
  t.equal(tally.folded, 2, 'only the two new events were folded');
  t.same(tallyOf(second.state(tally)), tallyOf(foldEvents(tally, await everyEvent(store))), 'the same as a fold from zero');
  t.notOk(lines().some((l) => l.msg === 'read model rebuilt from the start of the log'), 'nothing rebuilt');
  await second.stop();
});

t.test('a projection whose version changed is rebuilt from the start, and says so', async (t) => {
  const store = await storeWith(t, [5]);
  const folder = tempDir(t);
  const first = runnerFor(store, folder, tallyProjection(1));
  await first.start();
  await first.waitFor(5, 2000);
  await first.stop();

  const tally = tallyProjection(2);
  const { logger, lines } = memoryLogger();
  const runner = runnerFor(store, folder, tally, logger);
  await runner.start();
  await runner.waitFor(5, 2000);
  t.equal(tally.folded, 5, 'every event folded again');
  t.equal(total(tallyOf(runner.state(tally))), sumTo(5), 'nothing of the old documents left');
  t.ok(lines().some((l) => l.msg === 'read model rebuilt from the start of the log' && l.projection === 'tally' && l.reason === 'another version'));
  await runner.stop();
});

t.test('read models of another log (ahead of it, or naming another event at their position) are rebuilt', async (t) => {
  const folder = tempDir(t);
  const longer = await storeWith(t, [6]);
  const first = runnerFor(longer, folder);
  await first.start();
  await first.waitFor(6, 2000);
  await first.stop();

  const shorter = await storeWith(t, [3]);
  const { logger, lines } = memoryLogger();
  const tally = tallyProjection();
  const second = runnerFor(shorter, folder, tally, logger);
  await second.start();
  await second.waitFor(3, 2000);
  t.equal(total(tallyOf(second.state(tally))), sumTo(3));
  t.ok(lines().some((l) => l.reason === 'ahead of the log'));
  await second.stop();

  const sameLength = await storeWith(t, [3]);
  const log = memoryLogger();
  const third = runnerFor(sameLength, folder, tallyProjection(), log.logger);
  await third.start();
  await third.waitFor(3, 2000);
  t.ok(log.lines().some((l) => l.reason === 'another log'), 'a restore of another log of the same length is noticed by the event id');
  await third.stop();
});

t.test('damaged read-model files are removed and rebuilt from the log, with a line saying why', async (t) => {
  const store = await storeWith(t, [3]);
  const folder = tempDir(t);
  const first = runnerFor(store, folder);
  await first.start();
  await first.waitFor(3, 2000);
  await first.stop();
  writeFileSync(join(folder, 'data.mdb'), 'not a database at all');

  const tally = tallyProjection();
  const { logger, lines } = memoryLogger();
  const runner = runnerFor(store, folder, tally, logger);
  await runner.start();
  await runner.waitFor(3, 2000);
  t.equal(total(tallyOf(runner.state(tally))), sumTo(3));
  const damaged = lines().find((l) => l.msg === 'the read models could not be opened: rebuilding them from the log');
  t.ok(damaged, 'said once');
  t.type(damaged?.reason, 'string', `with the reason: ${String(damaged?.reason)}`);
  await runner.stop();
});

t.test('batches: a long catch-up commits every batchSize events, and each commit is whole', async (t) => {
  const store = await storeWith(t, [50, 50, 50]);
  const folder = tempDir(t);
  const tally = tallyProjection();
  const runner = runnerFor(store, folder, tally, memoryLogger().logger, 20);
  await runner.start();
  await runner.waitFor(150, 5000);
  t.same(tallyOf(runner.state(tally)), tallyOf(foldEvents(tally, await everyEvent(store))));
  await runner.stop();
});

/** The store, except that the first subscription breaks after `after` events. */
function droppingOnce(store: EventStore, after: number): EventStore & { subscriptions: number } {
  let subscriptions = 0;
  return {
    kind: store.kind,
    append: (...args) => store.append(...args),
    readStream: (...args) => store.readStream(...args),
    readAll: (...args) => store.readAll(...args),
    streamRevision: (...args) => store.streamRevision(...args),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
    get subscriptions() {
      return subscriptions;
    },
    subscribeToAll(options): Subscription {
      const inner = store.subscribeToAll(options);
      if (subscriptions++ > 0) return inner;
      return {
        close: () => inner.close(),
        async *[Symbol.asyncIterator]() {
          let seen = 0;
          for await (const event of inner) {
            if (seen++ === after) throw new Error('connection reset');
            yield event;
          }
        },
      };
    },
  };
}

t.test('a dropped subscription is resumed from the last commit, with nothing folded twice', async (t) => {
  const store = await storeWith(t, [6]);
  const flaky = droppingOnce(store, 3);
  const tally = tallyProjection();
  const { logger, lines } = memoryLogger();
  const runner = runnerFor(flaky, tempDir(t), tally, logger);
  await runner.start();
  t.equal(await runner.waitFor(6, 2000), true);
  t.same(runner.state(tally).streams.get('thing-1')?.positions, [1, 2, 3, 4, 5, 6], 'each event once, in order');
  t.equal(flaky.subscriptions, 2, 'subscribed again');
  t.ok(lines().some((l) => l.msg === 'projection subscription dropped; resubscribing'));
  await runner.stop();
});

t.test('a fold that throws half-way through a batch: the batch is forgotten and folded again, once', async (t) => {
  const store = await storeWith(t, [6]);
  const tally = tallyProjection();
  const evolve = tally.evolve.bind(tally);
  let failures = 1;
  tally.evolve = (state, event) => {
    if (event.position === 4 && failures-- > 0) throw new Error('a bug in a projection');
    evolve(state, event);
  };
  const runner = runnerFor(store, tempDir(t), tally);
  await runner.start();
  t.equal(await runner.waitFor(6, 2000), true);
  t.same(runner.state(tally).streams.get('thing-1')?.positions, [1, 2, 3, 4, 5, 6]);
  await runner.stop();
});

t.test('one process keeps a folder of read models: a second is refused in a sentence, and nothing is removed', async (t) => {
  const store = await storeWith(t, [3]);
  const folder = tempDir(t);
  const first = runnerFor(store, folder);
  await first.start();
  await first.waitFor(3, 2000);
  const second = runnerFor(store, folder);
  await t.rejects(second.start(), { code: 'PL_ERR_CONFIG', message: /Another Partnership Log process \(\d+ on .+\) keeps the read models in .+: give each server its own DATA_DIR/ });
  t.equal(total(tallyOf(first.state(tallyProjection()))), sumTo(3), 'the first still reads its documents');
  await first.stop();
  const third = runnerFor(store, folder, tallyProjection(), memoryLogger().logger);
  await third.start();
  t.equal(third.position, 3, 'once the first has stopped, the next resumes where it committed');
  await third.stop();
});

t.test('a commit that fails (a full disk, say) is logged and written again, with nothing lost or folded twice', async (t) => {
  const store = await storeWith(t, [4]);
  // The index is computed inside the commit's transaction: throwing there fails the whole commit.
  let failures = 1;
  const counted = tallyProjection();
  const tally: CountingProjection = {
    ...counted,
    collections: {
      streams: {
        indexes: {
          parity: (doc) => {
            if (failures-- > 0) throw new Error('ENOSPC: no space left on device');
            return [doc.sum % 2 === 0 ? 'even' : 'odd'];
          },
        },
      },
    },
  };
  const { logger, lines } = memoryLogger();
  const runner = runnerFor(store, tempDir(t), tally, logger);
  await runner.start();
  t.equal(await runner.waitFor(4, 5000), true, 'committed in the end');
  t.same(runner.state(tally).streams.get('thing-1')?.positions, [1, 2, 3, 4], 'each event once');
  t.ok(lines().some((l) => l.msg === 'read models could not be written; retrying' || l.msg === 'projection subscription dropped; resubscribing'), 'the failure is logged');
  await runner.stop();
});
