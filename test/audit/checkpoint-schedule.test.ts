// CHECKPOINT_EVERY: a server with a signing key publishes its own checkpoints into the
// auditor's folder, each only when it extends the one before; a failed run is logged and
// tried again, never stopping the server. The configuration is refused when half given.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { parseDuration } from '../../src/audit/checkpoint-schedule.js';
import { readConfig } from '../../src/config.js';
import { hillsideProposal, viewOfHs01 } from '../support/records.js';
import { tempDir } from '../support/temp-dir.js';
import { testApp } from '../support/test-app.js';

const until = async (check: () => boolean, ms = 5000) => {
  for (const start = Date.now(); !check(); ) {
    if (Date.now() - start > ms) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
};

t.test('the server publishes a checkpoint at each tick, growing with the log', async (t) => {
  const folder = join(tempDir(t, 'pl-published-'), 'checkpoints');
  const ctx = await testApp(t, undefined, { checkpointSchedule: { everyMs: 100, folder } });
  const proposed = await ctx.app.inject({ method: 'POST', url: '/decisions', headers: ctx.bearer.commissioner, payload: hillsideProposal });
  const files = () => {
    try {
      return readdirSync(folder).filter((f) => f.endsWith('.json'));
    } catch {
      return [];
    }
  };
  t.ok(await until(() => files().length >= 1), 'a first checkpoint is published');
  await ctx.app.inject({ method: 'POST', url: `/decisions/${proposed.json().decisionId}/views`, headers: ctx.bearer.commissioner, payload: viewOfHs01('I want a say') });
  t.ok(
    await until(() => files().some((f) => JSON.parse(readFileSync(join(folder, f), 'utf8')).statement.size === 2)),
    'a later one covers the new event',
  );
  t.match(ctx.logText(), /published a checkpoint/);
});

t.test('a scheduled run that cannot publish is logged and the server goes on', async (t) => {
  const blocked = join(tempDir(t, 'pl-published-'), 'a-file');
  (await import('node:fs')).writeFileSync(blocked, 'not a folder');
  const ctx = await testApp(t, undefined, { checkpointSchedule: { everyMs: 50, folder: join(blocked, 'checkpoints') } });
  t.ok(await until(() => /a scheduled checkpoint was not published/.test(ctx.logText())), 'the failure is logged');
  t.equal((await ctx.app.inject({ url: '/health' })).statusCode, 200, 'the server still answers');
});

t.test('CHECKPOINT_EVERY is a duration, goes with CHECKPOINT_PUBLISH_DIR, and needs a key', async (t) => {
  t.equal(parseDuration('15m'), 900_000);
  t.equal(parseDuration('1h'), 3_600_000);
  t.equal(parseDuration('0s'), undefined);
  t.equal(parseDuration('soon'), undefined);
  t.throws(() => readConfig({ CHECKPOINT_EVERY: 'soon' }), { code: 'PL_ERR_CONFIG' });
  t.throws(() => readConfig({ CHECKPOINT_EVERY: '1h', CHECKPOINT_KEY_FILE: '/k.pem' }), { code: 'PL_ERR_CONFIG' }, 'without a folder');
  t.throws(() => readConfig({ CHECKPOINT_EVERY: '1h', CHECKPOINT_PUBLISH_DIR: '/p' }), { code: 'PL_ERR_CONFIG' }, 'without a key');
  t.match(readConfig({ CHECKPOINT_EVERY: '1h', CHECKPOINT_PUBLISH_DIR: '/p', CHECKPOINT_KEY_FILE: '/k.pem' }), { CHECKPOINT_EVERY: 3_600_000 });
});
