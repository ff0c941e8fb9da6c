// The projection runner: catches up and follows the log, saves snapshots so a restart
// does not replay everything, rebuilds a projection whose version changed, distrusts a
// snapshot from another log, and resubscribes after the subscription drops.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import type { Projection } from '../../projections/projection.js';
import { ProjectionRunner } from '../../src/projection-runner/projection-runner.js';
import { fileSnapshotStore, type Snapshot, type SnapshotStore } from '../../src/projection-runner/snapshot-store.js';
import { openEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import type { EventStore, StoredEvent, Subscription } from '../../src/store/event-store.js';
import { memoryLogger } from '../support/silent-logger.js';
import { tempDir } from '../support/temp-dir.js';
import { testRegistry, things } from '../support/test-events.js';

interface Tally {
  sum: number;
  positions: number[];
}

/** Adds up the things' numbers, and counts every event it is shown. */
function tallyProjection(version = 1): Projection<Tally> & { folded: number } {
  const projection = {
    name: 'tally',
    version,
    streamPrefixes: ['thing-'],
    folded: 0,
    initialState: (): Tally => ({ sum: 0, positions: [] }),
    evolve(state: Tally, event: StoredEvent): Tally {
      projection.folded++;
      const n = (event.data as { n: number }).n;
      return { sum: state.sum + n, positions: [...state.positions, event.position] };
    },
  };
  return projection;
}

function memorySnapshots(): SnapshotStore & { saved: Map<string, Snapshot>; saves: number } {
  const saved = new Map<string, Snapshot>();
  const store = {
    saved,
    saves: 0,
    load: async (name: string) => structuredClone(saved.get(name)),
    save: async (name: string, snapshot: Snapshot) => {
      store.saves++;
      saved.set(name, structuredClone(snapshot));
    },
  };
  return store;
}

async function storeWith(t: Test, batches: number[]): Promise<EmbeddedStore> {
  const store = await openEmbeddedStore({ dataDir: tempDir(t), registry: testRegistry(), logger: memoryLogger().logger });
  t.teardown(() => store.close());
  let n = 1;
  for (const count of batches) {
    await store.append(`thing-${n}`, things(n, count), { expectedRevision: 'no_stream' });
    n += count;
  }
  return store;
}

const sumTo = (n: number) => (n * (n + 1)) / 2;

t.test('catches up from nothing, then follows new events; waitFor resolves once they are folded', async (t) => {
  const store = await storeWith(t, [3, 2]);
  const tally = tallyProjection();
  const runner = new ProjectionRunner({ store, projections: [tally], logger: memoryLogger().logger });
  await runner.start();
  t.equal(await runner.waitFor(5, 2000), true);
  t.equal(runner.state(tally).sum, sumTo(5));
  await store.append('thing-6', things(6, 4), { expectedRevision: 'no_stream' });
  t.equal(await runner.waitFor(9, 2000), true);
  t.same(runner.state(tally).positions, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  t.equal(await runner.waitFor(100, 50), false, 'a position never reached times out');
  await runner.stop();
});

t.test('a restart loads the snapshot and folds only what came after it', async (t) => {
  const store = await storeWith(t, [4, 4]);
  const snapshots = memorySnapshots();
  const first = new ProjectionRunner({ store, projections: [tallyProjection()], snapshots, logger: memoryLogger().logger });
  await first.start();
  await first.waitFor(8, 2000);
  await first.stop();
  t.same(snapshots.saved.get('tally')?.position, 8, 'stop saves the snapshot with its position');

  await store.append('thing-9', things(9, 2), { expectedRevision: 'no_stream' });
  const tally = tallyProjection();
  const second = new ProjectionRunner({ store, projections: [tally], snapshots, logger: memoryLogger().logger });
  await second.start();
  t.equal(second.position, 8, 'starts at the snapshot');
  await second.waitFor(10, 2000);
  t.equal(tally.folded, 2, 'only the two new events were folded');
  t.equal(second.state(tally).sum, sumTo(10));
  await second.stop();
});

t.test('a projection whose version changed is rebuilt from the start, and says so', async (t) => {
  const store = await storeWith(t, [5]);
  const snapshots = memorySnapshots();
  snapshots.saved.set('tally', { version: 1, position: 5, state: { sum: -1, positions: [] } });
  const tally = tallyProjection(2);
  const { logger, lines } = memoryLogger();
  const runner = new ProjectionRunner({ store, projections: [tally], snapshots, logger });
  await runner.start();
  await runner.waitFor(5, 2000);
  t.equal(tally.folded, 5, 'every event folded again');
  t.equal(runner.state(tally).sum, sumTo(5), 'the old state was not used');
  t.ok(lines().some((l) => l.msg === 'projection version changed: rebuilding from the start' && l.from === 1 && l.to === 2));
  await runner.stop();
  t.equal(snapshots.saved.get('tally')?.version, 2, 'the new version is saved');
});

t.test('a snapshot ahead of the log (another log, a restore) is not trusted', async (t) => {
  const store = await storeWith(t, [3]);
  const snapshots = memorySnapshots();
  snapshots.saved.set('tally', { version: 1, position: 99, state: { sum: 1000, positions: [] } });
  const tally = tallyProjection();
  const runner = new ProjectionRunner({ store, projections: [tally], snapshots, logger: memoryLogger().logger });
  await runner.start();
  await runner.waitFor(3, 2000);
  t.equal(runner.state(tally).sum, sumTo(3));
  await runner.stop();
});

t.test('a damaged snapshot file is only a cache: the projection is rebuilt from the log', async (t) => {
  const store = await storeWith(t, [3]);
  const folder = tempDir(t);
  writeFileSync(join(folder, 'tally.json'), '{"version":1,"position":3,"state":{"sum":');
  const tally = tallyProjection();
  const runner = new ProjectionRunner({ store, projections: [tally], snapshots: fileSnapshotStore(folder), logger: memoryLogger().logger });
  await runner.start();
  await runner.waitFor(3, 2000);
  t.equal(runner.state(tally).sum, sumTo(3));
  await runner.stop();
  const reloaded = await fileSnapshotStore(folder).load('tally');
  t.same(reloaded, { version: 1, position: 3, state: runner.state(tally) }, 'and a whole snapshot replaces it');
});

t.test('snapshots are saved only when both the count and the interval have passed', async (t) => {
  const store = await storeWith(t, [10]);
  const snapshots = memorySnapshots();
  const rare = new ProjectionRunner({ store, projections: [tallyProjection()], snapshots, logger: memoryLogger().logger, snapshotEvery: 2, snapshotIntervalMs: 60_000 });
  await rare.start();
  await rare.waitFor(10, 2000);
  t.equal(snapshots.saves, 0, 'the interval has not passed: no save while running');
  await rare.stop();
  t.equal(snapshots.saves, 1, 'one save on stop');

  await store.append('thing-11', things(11, 10), { expectedRevision: 'no_stream' });
  const often = new ProjectionRunner({ store, projections: [tallyProjection()], snapshots, logger: memoryLogger().logger, snapshotEvery: 2, snapshotIntervalMs: 0 });
  await often.start();
  await often.waitFor(20, 2000);
  t.ok(snapshots.saves >= 5, `saved every 2 events when the interval allows (${snapshots.saves - 1} saves)`);
  await often.stop();
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

t.test('a dropped subscription is resumed from the last folded position, with nothing folded twice', async (t) => {
  const store = await storeWith(t, [6]);
  const flaky = droppingOnce(store, 3);
  const tally = tallyProjection();
  const { logger, lines } = memoryLogger();
  const runner = new ProjectionRunner({ store: flaky, projections: [tally], logger, retryDelayMs: 10 });
  await runner.start();
  t.equal(await runner.waitFor(6, 2000), true);
  t.same(runner.state(tally).positions, [1, 2, 3, 4, 5, 6], 'each event once, in order');
  t.equal(flaky.subscriptions, 2, 'subscribed again');
  t.ok(lines().some((l) => l.msg === 'projection subscription dropped; resubscribing' && l.position === 3));
  await runner.stop();
});
