// One process owns a data folder: another process, or a second open in the same
// process, is refused with PL_ERR_STORE_LOCKED; a lock left by a dead process is taken over.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import t from 'tap';
import { z } from 'zod';
import { LOCK_FILE } from '../../src/store/embedded/data-folder-lock.js';
import { openEmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { startChildScript } from '../support/child-script.js';
import { memoryLogger } from '../support/silent-logger.js';
import { tempDir } from '../support/temp-dir.js';
import { testRegistry, thing } from '../support/test-events.js';

const { logger } = memoryLogger();
const open = (dataDir: string) => openEmbeddedStore({ dataDir, registry: testRegistry(), logger });

const openerReport = z.union([
  z.object({ folder: z.string(), opened: z.literal(true), pid: z.number().int() }),
  z.object({
    folder: z.string(),
    opened: z.literal(false),
    code: z.string(),
    message: z.string(),
    owner: z.object({ pid: z.number().int(), hostname: z.string(), since: z.string() }).optional(),
  }),
]);
const lockOwner = z.object({ pid: z.number().int(), hostname: z.string(), since: z.string() });

/** Runs the opener child to its end and returns what it reported. */
async function openInAnotherProcess(dataDir: string) {
  const child = startChildScript('./data-folder-opener.ts', ['try', dataDir]);
  const { code } = await child.closed;
  if (code !== 0 || child.messages.length !== 1) throw new Error(`the opener failed (${code}): ${child.stderr()}`);
  return openerReport.parse(child.messages[0]);
}

function lockOwnerIn(dataDir: string) {
  return lockOwner.parse(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')));
}

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const { pid, status } = spawnSync(process.execPath, ['-e', '']);
  if (pid === undefined || status !== 0) throw new Error('could not run a short-lived process');
  return pid;
}

t.test('another process is refused while this one holds the folder, with the folder and the owner named', async (t) => {
  const dataDir = tempDir(t);
  const store = await open(dataDir);
  t.teardown(() => store.close());

  const refused = await openInAnotherProcess(dataDir);
  t.match(refused, { opened: false, code: 'PL_ERR_STORE_LOCKED', owner: { pid: process.pid, hostname: hostname() } });
  t.ok(refused.opened === false && refused.message.includes(resolve(dataDir)), 'the message names the folder');
  t.ok(refused.opened === false && refused.message.includes(`process ${process.pid}`), 'the message names the owner pid');

  await store.append('lock-1', [thing(1)], { expectedRevision: 'no_stream' });
  t.equal(lockOwnerIn(dataDir).pid, process.pid, 'the refused process left the lock alone');
});

t.test('a second open in the same process is refused too', async (t) => {
  const dataDir = tempDir(t);
  const store = await open(dataDir);
  t.teardown(() => store.close());

  await t.rejects(open(dataDir), {
    code: 'PL_ERR_STORE_LOCKED',
    folder: resolve(dataDir),
    owner: { pid: process.pid },
    message: new RegExp(`${escapeRegExp(resolve(dataDir))}.*process ${process.pid}`),
  });
  t.equal(lockOwnerIn(dataDir).pid, process.pid, 'the refused open left the lock in place');
  const written = await store.append('lock-1', [thing(1)], { expectedRevision: 'no_stream' });
  t.equal(written.position, 1, 'the first store still writes');
});

t.test('once the owner closes, another process and then this one can open the folder', async (t) => {
  const dataDir = tempDir(t);
  const first = await open(dataDir);
  await first.append('lock-1', [thing(1)], { expectedRevision: 'no_stream' });
  await first.close();
  t.notOk(existsSync(join(dataDir, LOCK_FILE)), 'closing removed the lock file');

  const other = await openInAnotherProcess(dataDir);
  t.match(other, { opened: true }, 'another process opens it');
  t.notOk(existsSync(join(dataDir, LOCK_FILE)), 'and released it when it closed');

  const again = await open(dataDir);
  t.equal((await again.readStream('lock-1')).length, 1, 'this process opens it again and sees the data');
  await again.close();
});

t.test('a folder held by another process is refused here until that process lets go', async (t) => {
  const dataDir = tempDir(t);
  const holder = startChildScript('./data-folder-opener.ts', ['hold', dataDir]);
  t.teardown(() => holder.process.kill('SIGKILL'));
  await holder.waitFor((m) => openerReport.safeParse(m).data?.opened === true);

  await t.rejects(open(dataDir), {
    code: 'PL_ERR_STORE_LOCKED',
    owner: { pid: holder.process.pid },
    message: new RegExp(`${escapeRegExp(resolve(dataDir))}.*process ${holder.process.pid}`),
  });

  holder.process.stdin?.end();
  t.match(await holder.closed, { code: 0 }, 'the holder closed its store and exited');
  const store = await open(dataDir);
  t.equal(lockOwnerIn(dataDir).pid, process.pid, 'the lock is now ours');
  await store.close();
});

t.test('a lock left by a process killed while holding the folder is taken over', async (t) => {
  const dataDir = tempDir(t);
  const holder = startChildScript('./data-folder-opener.ts', ['hold', dataDir]);
  await holder.waitFor((m) => openerReport.safeParse(m).data?.opened === true);
  holder.process.kill('SIGKILL');
  t.match(await holder.closed, { signal: 'SIGKILL' });
  t.equal(lockOwnerIn(dataDir).pid, holder.process.pid, 'the dead holder left its lock');

  const store = await open(dataDir);
  t.equal(lockOwnerIn(dataDir).pid, process.pid, 'the lock now names this process');
  await store.close();
  t.notOk(existsSync(join(dataDir, LOCK_FILE)), 'and is removed on close');
});

t.test('a stale lock of a dead pid on this host is taken over', async (t) => {
  const dataDir = tempDir(t);
  const pid = deadPid();
  writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid, hostname: hostname(), since: '2020-01-01T00:00:00.000Z' }) + '\n');

  const store = await open(dataDir);
  const owner = lockOwnerIn(dataDir);
  t.equal(owner.pid, process.pid, 'the lock names this process');
  t.not(owner.since, '2020-01-01T00:00:00.000Z', 'with the time it was taken');
  const refused = await openInAnotherProcess(dataDir);
  t.match(refused, { opened: false, code: 'PL_ERR_STORE_LOCKED', owner: { pid: process.pid } }, 'and it holds');
  await store.close();
});

t.test('a half-written lock file (a crash while locking) is taken over', async (t) => {
  const dataDir = tempDir(t);
  writeFileSync(join(dataDir, LOCK_FILE), '{"pid":12');
  const store = await open(dataDir);
  t.equal(lockOwnerIn(dataDir).pid, process.pid);
  await store.close();
});

t.test('a lock taken on another host is respected, since its process cannot be checked from here', async (t) => {
  const dataDir = tempDir(t);
  const owner = { pid: deadPid(), hostname: `not-${hostname()}`, since: '2020-01-01T00:00:00.000Z' };
  writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify(owner) + '\n');
  await t.rejects(open(dataDir), { code: 'PL_ERR_STORE_LOCKED', owner });
  t.same(lockOwnerIn(dataDir), owner, 'the lock is untouched');
});

t.test('two processes taking over the same stale lock at the same moment: exactly one gets the folder', async (t) => {
  // Each trial is a folder with a stale lock; both processes open it at the same millisecond.
  const folders = Array.from({ length: 20 }, () => tempDir(t));
  const stale = JSON.stringify({ pid: deadPid(), hostname: hostname(), since: '2020-01-01T00:00:00.000Z' }) + '\n';
  for (const folder of folders) writeFileSync(join(folder, LOCK_FILE), stale);
  const at = String(Date.now() + 2500);
  const racers = [0, 1].map(() => startChildScript('./data-folder-opener.ts', ['race', at, ...folders]));
  t.teardown(() => racers.forEach((racer) => racer.process.kill('SIGKILL')));
  await Promise.all(racers.map((racer) => racer.waitFor(() => racer.messages.length === folders.length)));

  const reports = racers.flatMap((racer) => racer.messages.map((m) => openerReport.parse(m)));
  for (const [trial, folder] of folders.entries()) {
    const [first, second] = reports.filter((r) => r.folder === folder);
    const winners = [first, second].flatMap((r) => (r?.opened ? [r.pid] : []));
    t.equal(winners.length, 1, `trial ${trial + 1}: one process opened the folder (${winners.length} did)`);
    const loser = [first, second].find((r) => r?.opened === false);
    t.match(loser, { code: 'PL_ERR_STORE_LOCKED', owner: { pid: winners[0] } }, `trial ${trial + 1}: the other was refused, naming it`);
  }
  for (const racer of racers) racer.process.stdin?.end();
  await Promise.all(racers.map((racer) => racer.closed));
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
