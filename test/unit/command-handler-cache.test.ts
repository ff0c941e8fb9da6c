// The command handler keeps folded streams in memory. A cached state must never be stale:
// a write by another handler (another node, on EventStoreDB) is folded in on the next
// load, and a retried command still finds its own events.
import t from 'tap';
import { CommandHandler } from '../../src/application/command-handler.js';
import type { Decider } from '../../src/domain/decider.js';
import { createLogger } from '../../src/logger.js';
import { FifoCache } from '../../src/shared/fifo-cache.js';
import { openEmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { testRegistry } from '../support/test-events.js';
import { tempDir } from '../support/temp-dir.js';

type Counted = { type: 'ThingHappened'; data: { n: number } };
type Count = { type: 'Count'; data: { n: number }; actor: { id: string; role: 'commissioner'; name: string }; now: string };
const counter: Decider<number[], Count, Counted> = {
  initialState: () => [],
  evolve: (seen, event) => [...seen, event.data.n],
  decide: (command) => [{ type: 'ThingHappened', data: { n: command.data.n } }],
};
const count = (n: number): Count => ({ type: 'Count', data: { n }, actor: { id: 'a', role: 'commissioner', name: 'Test' }, now: new Date().toISOString() });

t.test('a cached stream is brought up to date with what another writer appended', async (t) => {
  const store = await openEmbeddedStore({ dataDir: tempDir(t), registry: testRegistry(), logger: createLogger({ level: 'silent' }) });
  t.teardown(() => store.close());
  const mine = new CommandHandler(store, testRegistry());
  const theirs = new CommandHandler(store, testRegistry());

  await mine.handle(counter, 'counter-1', count(1), { commandId: 'c1' });
  t.same((await mine.load(counter, 'counter-1')).state, [1]);
  await theirs.handle(counter, 'counter-1', count(2), { commandId: 'c2' });
  const loaded = await mine.load(counter, 'counter-1');
  t.same(loaded.state, [1, 2], 'the other writer’s event is folded in');
  t.equal(loaded.revision, 1);
  t.equal(loaded.lastHash, (await store.readStream('counter-1')).at(-1)?.metadata.hash, 'the chain goes on from the last stored hash');

  const third = await mine.handle(counter, 'counter-1', count(3), { commandId: 'c3' });
  t.same(third.state, [1, 2, 3], 'decided on the fresh state, not the cached one');
  const retried = await mine.handle(counter, 'counter-1', count(3), { commandId: 'c3' });
  t.equal(retried.replayed, true, 'a retry finds its own events through the cached ids');
  t.equal(await store.streamRevision('counter-1'), 2, 'and writes nothing');
  t.same((await theirs.load(counter, 'counter-1')).state, [1, 2, 3]);
});

t.test('a FIFO cache keeps at most its capacity and forgets the oldest first', async (t) => {
  const cache = new FifoCache<number, string>(2);
  cache.set(1, 'one');
  cache.set(2, 'two');
  cache.set(1, 'uno');
  t.equal(cache.get(1), 'uno', 'setting a key again replaces its value in place');
  cache.set(3, 'three');
  t.equal(cache.get(1), undefined, 'the oldest went');
  t.equal(cache.get(2), 'two');
  t.equal(cache.get(3), 'three');
  const none = new FifoCache<number, string>(0);
  none.set(1, 'one');
  t.equal(none.get(1), undefined, 'capacity 0 keeps nothing');
});

t.test('two nodes racing one command: the one answered as a retry uses what the store kept, and the chain stays whole', async (t) => {
  const { verifyStore } = await import('../../src/audit/verify-log.js');
  const store = await openEmbeddedStore({ dataDir: tempDir(t), registry: testRegistry(), logger: createLogger({ level: 'silent' }) });
  t.teardown(() => store.close());
  for (let round = 0; round < 10; round++) {
    // Two handlers are two nodes: neither queues behind the other, so both decide and append.
    const nodeA = new CommandHandler(store, testRegistry());
    const nodeB = new CommandHandler(store, testRegistry());
    const stream = `counter-race-${round}`;
    await nodeA.handle(counter, stream, count(0), { commandId: `first-${round}` });
    await nodeB.load(counter, stream);
    const context = (requestId: string) => ({ commandId: `same-${round}`, requestId });
    const [a, b] = await Promise.all([nodeA.handle(counter, stream, count(1), context('req-a')), nodeB.handle(counter, stream, count(1), context('req-b'))]);
    t.same([a.replayed, b.replayed].sort(), [false, true], `round ${round}: one written, one replayed`);
    // Each node's next write must chain to the hash that is in the log, not to the copy it built.
    await nodeA.handle(counter, stream, count(2), { commandId: `after-a-${round}` });
    await nodeB.handle(counter, stream, count(3), { commandId: `after-b-${round}` });
  }
  const report = await verifyStore(store);
  t.ok(report.ok, report.summary);
});

t.test('a KeyedQueue runs the tasks of one key in turn and of different keys at once', async (t) => {
  const { KeyedQueue } = await import('../../src/shared/keyed-queue.js');
  const queue = new KeyedQueue();
  const order: string[] = [];
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const first = queue.run('a', async () => {
    await gate;
    order.push('a1');
  });
  const second = queue.run('a', async () => {
    order.push('a2');
    throw new Error('a2 failed');
  });
  const third = queue.run('a', async () => order.push('a3'));
  await queue.run('b', async () => order.push('b1'));
  t.same(order, ['b1'], 'another key does not wait');
  release();
  await first;
  await t.rejects(second, /a2 failed/);
  await third;
  t.same(order, ['b1', 'a1', 'a2', 'a3'], 'one key in arrival order, a failure does not stop the next');
});
