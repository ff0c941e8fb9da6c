// For the embedded log the app's snapshots are made by a worker thread that follows the
// log file itself: they must hold exactly what the server's runner folded, keep up as the
// log grows, be written on close, and let a restart begin where they end.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { servedProjections } from '../../projections/queries.js';
import { buildApp } from '../../src/app.js';
import { hillsideProposal, viewOfHs01 } from '../support/records.js';
import { testApp, type TestApp } from '../support/test-app.js';

async function propose(ctx: TestApp, views: number): Promise<void> {
  const proposed = await ctx.app.inject({ method: 'POST', url: '/decisions', headers: ctx.bearer.commissioner, payload: hillsideProposal });
  const { decisionId } = proposed.json() as { decisionId: string };
  for (let n = 0; n < views; n++) {
    const view = viewOfHs01(`View ${n}`);
    await ctx.app.inject({ method: 'POST', url: `/decisions/${decisionId}/views`, headers: ctx.bearer['self-advocate'], payload: view });
  }
}

const snapshotOf = (ctx: TestApp, name: string) =>
  JSON.parse(readFileSync(join(ctx.dataDir, 'projections', `${name}.json`), 'utf8')) as { version: number; position: number; state: unknown };

async function sameAsRunner(t: Test, ctx: TestApp): Promise<void> {
  const head = await ctx.store.headPosition();
  await ctx.runner.waitFor(head, 2000);
  for (const projection of servedProjections) {
    const snapshot = snapshotOf(ctx, projection.name);
    t.equal(snapshot.position, head, `${projection.name}: saved up to the head of the log`);
    t.same(snapshot.state, JSON.parse(JSON.stringify(ctx.runner.state(projection))), `${projection.name}: the state the server folded`);
  }
}

t.test('the worker saves what the server folded, keeps up, and a restart starts where it ends', async (t) => {
  const ctx = await testApp(t, undefined, { snapshotWorker: true });
  t.ok(ctx.snapshots, 'the embedded store gets a background snapshot worker');
  await propose(ctx, 2);
  await ctx.snapshots?.flush();
  await sameAsRunner(t, ctx);

  await propose(ctx, 3);
  await ctx.snapshots?.flush();
  await sameAsRunner(t, ctx);

  await propose(ctx, 1);
  const head = await ctx.store.headPosition();
  await ctx.app.close();
  t.equal(snapshotOf(ctx, 'decision-list').position, head, 'closing the app saves the last events too');

  const restarted = await buildApp({ store: ctx.store, registry: ctx.registry, logger: ctx.logger, dataDir: ctx.dataDir });
  t.teardown(() => restarted.app.close());
  t.equal(restarted.runner.position, head, 'the restarted runner begins at the snapshots, with nothing to replay');
});

t.test('without the worker (the HTTP tests’ default) the runner saves the snapshots itself when the app closes', async (t) => {
  const ctx = await testApp(t, undefined, { snapshotWorker: false });
  t.equal(ctx.snapshots, undefined, 'no worker thread');
  await propose(ctx, 1);
  const head = await ctx.store.headPosition();
  await ctx.runner.waitFor(head, 2000);
  await ctx.app.close();
  t.equal(snapshotOf(ctx, 'decision-list').position, head, 'closing the app saved the snapshots');
});
