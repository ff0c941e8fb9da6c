// One decision as of a moment is folded from the few streams that concern it
// (src/projection-runner/decision-events.ts), not from the start of the log. Property:
// at random positions of the demo's log, for every decision, its answer is identical to
// the one a replay of the whole log from zero gives — and so is "what had happened by".
import t from 'tap';
import { decisionDetail } from '../../projections/decision-detail.js';
import { decisionList, listDecisions } from '../../projections/decision-list.js';
import { happenedBy } from '../../projections/decision-facts-index.js';
import { mentions } from '../../projections/mentions.js';
import { peopleDirectory } from '../../projections/people-directory.js';
import { servedProjections } from '../../projections/queries.js';
import { loadDemoScenario } from '../../src/demo/demo-scenario.js';
import { AsOfReplays } from '../../src/projection-runner/as-of-replays.js';
import { replayProjections, stateOfReplay, type ReplayedMany } from '../../src/projection-runner/replay.js';
import type { StoredEvent } from '../../src/store/event-store.js';
import { testApp } from '../support/test-app.js';

/** A small seeded generator, so a failure names positions that can be tried again. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function detailFrom(replayed: ReplayedMany, decisionId: string, now: string) {
  const stateOf = stateOfReplay(replayed);
  return decisionDetail({ decisionId, stateOf, directory: stateOf(peopleDirectory), now, readable: 'everyone' });
}

async function* upTo(events: readonly StoredEvent[]): AsyncIterable<StoredEvent> {
  yield* events;
}

t.test('as of random positions, each decision folded from its own streams equals a replay of the whole log', async (t) => {
  const ctx = await testApp(t);
  await loadDemoScenario(ctx.app, ctx.secrets);
  const head = await ctx.store.headPosition();
  await ctx.runner.waitFor(head, 10_000);
  const decisionIds = listDecisions(ctx.runner.state(decisionList)).map((d) => d.decisionId);
  t.ok(decisionIds.length >= 3, `${decisionIds.length} decisions, ${head} events`);
  const scoped = new AsOfReplays(ctx.store, servedProjections, { concurrent: 4, waiting: 100, kept: 0 });
  const every: StoredEvent[] = [];
  for await (const event of ctx.store.readAll()) every.push(event);

  const random = seeded(20261129);
  const positions = [1, head, ...Array.from({ length: 30 }, () => 1 + Math.floor(random() * head))];
  let compared = 0;
  for (const position of positions) {
    const whole = await replayProjections(upTo(every.filter((e) => e.position <= position)), servedProjections);
    const now = every[position - 1]?.recordedAt ?? new Date().toISOString();
    for (const decisionId of decisionIds) {
      const fromZero = detailFrom(whole, decisionId, now);
      const own = detailFrom(await scoped.decisionAt(decisionId, position, ctx.runner.state(mentions)), decisionId, now);
      if (!t.same(own, fromZero, `decision ${decisionId} at position ${position}`)) return;
      compared++;
    }
  }
  t.ok(compared >= 90, `${compared} answers compared`);

  // What had happened by a time: the same filter over the whole log and over the decision's streams.
  const times = Array.from({ length: 10 }, () => every[Math.floor(random() * every.length)]?.recordedAt ?? '');
  for (const time of times) {
    const whole = await replayProjections(upTo(every.filter(happenedBy(time))), servedProjections);
    for (const decisionId of decisionIds) {
      const own = detailFrom(await scoped.decisionHappenedBy(decisionId, time, ctx.runner.state(mentions)), decisionId, time);
      if (!t.same(own, detailFrom(whole, decisionId, time), `decision ${decisionId}, what had happened by ${time}`)) return;
    }
  }
});
