// The pieces around the command handler's core, each on its own: the folded-stream cache,
// the recorded time that never goes back, and the Idempotency-Key claim.
import t from 'tap';
import { emptyStream, foldEvents, FoldedStreamCache } from '../../src/application/folded-streams.js';
import { alreadyRecorded, RecentKeys, withClaimedKey } from '../../src/application/idempotency.js';
import { RecordedClock } from '../../src/application/recorded-clock.js';
import { deterministicEventId } from '../../src/events/event-ids.js';

type Counted = { type: 'ThingHappened'; data: { n: number } };
const evolve = (seen: number[], event: Counted): number[] => [...seen, event.data.n];
const stored = (n: number, revision: number, hash?: string) => ({ id: `e${n}`, type: 'ThingHappened', data: { n }, revision, metadata: { hash } });

t.test('folding: given a folded stream, when events follow, then the state, revision, last hash and ids follow them', async (t) => {
  const start = emptyStream<number[]>([]);
  t.equal(foldEvents(evolve, start, []), start, 'no events: the same stream');
  const once = foldEvents(evolve, start, [stored(1, 0, 'h0'), stored(2, 1, 'h1')]);
  t.same(once, { state: [1, 2], revision: 1, lastHash: 'h1', eventIds: ['e1', 'e2'] });
  const twice = foldEvents(evolve, once, [stored(3, 2)]);
  t.same(twice, { state: [1, 2, 3], revision: 2, lastHash: null, eventIds: ['e1', 'e2', 'e3'] }, 'an unchained event leaves no hash to chain to');
  t.same(once.state, [1, 2], 'the stream folded from is not changed');
});

t.test('the folded-stream cache answers only for the same evolve and a revision the store has reached', async (t) => {
  const cache = new FoldedStreamCache(10);
  const loaded = foldEvents(evolve, emptyStream<number[]>([]), [stored(1, 0, 'h0'), stored(2, 1, 'h1')]);
  cache.set('s', evolve, loaded);
  t.match(cache.get('s', evolve, 1), loaded, 'up to date');
  t.match(cache.get('s', evolve, 5), loaded, 'behind the store: usable, to be brought up to date');
  t.equal(cache.get('s', evolve, 0), undefined, 'ahead of the store: never trusted');
  t.equal(cache.get('s', (seen: number[]) => seen, 1), undefined, 'folded by another decider');
  t.equal(cache.get('other', evolve, 1), undefined);
  const none = new FoldedStreamCache(0);
  none.set('s', evolve, loaded);
  t.equal(none.get('s', evolve, 1), undefined, 'capacity 0 keeps nothing');
});

t.test('the recorded time never goes back from a time the store named', async (t) => {
  let now = new Date('2026-01-01T10:00:00.000Z');
  const clock = new RecordedClock(() => now);
  t.equal(clock.recordedAt(), '2026-01-01T10:00:00.000Z');
  clock.notBefore('2026-01-01T10:00:05.000Z');
  t.equal(clock.recordedAt(), '2026-01-01T10:00:05.000Z', 'the log is ahead of our clock: its time');
  now = new Date('2026-01-01T10:00:09.000Z');
  t.equal(clock.recordedAt(), '2026-01-01T10:00:09.000Z', 'our clock passed it: ours again');
});

t.test('an Idempotency-Key is claimed for one request, and released when its command is refused', async (t) => {
  const keys = new RecentKeys();
  const context = { commandId: 'key-1', requestFingerprint: 'fp-a' };
  t.equal(await withClaimedKey(keys, 'stream-a', context, async () => 'done'), 'done');
  await t.rejects(
    withClaimedKey(keys, 'stream-b', context, async () => 'never'),
    { code: 'PL_ERR_IDEMPOTENCY_KEY_REUSED' },
    'the same key for another record is refused',
  );
  await t.rejects(
    withClaimedKey(keys, 'stream-c', { commandId: 'key-2', requestFingerprint: 'fp-b' }, async () => {
      throw new Error('refused');
    }),
  );
  t.equal(await withClaimedKey(keys, 'stream-d', { commandId: 'key-2', requestFingerprint: 'fp-b' }, async () => 'again'), 'again', 'a refused command wrote nothing: its key is free');
  t.equal(await withClaimedKey(keys, 'stream-e', { commandId: 'no-key' }, async () => 'unkeyed'), 'unkeyed', 'no fingerprint, nothing claimed');
});

t.test('a command is already recorded when its first event id is in the stream', async (t) => {
  t.equal(alreadyRecorded([deterministicEventId('c1', 0), deterministicEventId('c1', 1)], 'c1'), true);
  t.equal(alreadyRecorded([deterministicEventId('c1', 1)], 'c1'), false);
  t.equal(alreadyRecorded([], 'c1'), false);
});
