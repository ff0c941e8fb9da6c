// Issue 12, item 9 and the token writes: a damaged tokens.json is a clear error (never an
// empty list, never overwritten), and a tokens.json that cannot be written is a 503 that
// says what was not saved, leaving the file as it was and no half-written file beside it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { TOKENS_FILE, TokenStore } from '../../src/auth/token-store.js';
import { startChildScript } from '../support/child-script.js';
import { makeReadOnly, whyNoReadOnly } from '../support/read-only-folder.js';
import { tempDir } from '../support/temp-dir.js';
import { testApp } from '../support/test-app.js';

const NOW = '2026-11-30T10:00:00Z';
const ADMIN = { role: 'admin', name: 'Records administrator' } as const;

/** Damaged files as they are found after a crash, a bad edit or a bad restore. */
const DAMAGED = {
  'empty (a crash before the first write reached the disk)': '',
  'cut short': '{"tokens":[{"id":"6f1c0a4e-',
  'not a tokens file': '{"people":[]}',
  'a token without its hash': '{"tokens":[{"id":"x","name":"n","role":"admin","createdAt":"2026-01-01T00:00:00Z"}]}',
};

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const { pid, status } = spawnSync(process.execPath, ['-e', '']);
  if (pid === undefined || status !== 0) throw new Error('could not run a short-lived process');
  return pid;
}

t.test('the lock between processes: a lock left by a dead process is taken over; a live one is waited for, then named', async (t) => {
  const dataDir = tempDir(t);
  const lock = join(dataDir, `${TOKENS_FILE}.lock`);
  const tokens = await TokenStore.open(dataDir, { lockWaitMs: 300 });

  // Given a lock left by a process that died (a crash, a SIGKILL), or one cut short,
  for (const [what, content] of [
    ['a dead process', JSON.stringify({ pid: deadPid(), hostname: hostname(), since: NOW, nonce: 'left-by-a-crash' })],
    ['unreadable', '{"pid":'],
  ] as const) {
    writeFileSync(lock, content);
    // when a token is made, then the lock is taken over and released.
    const { record } = await tokens.create(ADMIN, NOW);
    t.ok(tokens.list().some((r) => r.id === record.id), `${what}: the token was made`);
    t.notOk(existsSync(lock), `${what}: the lock was released`);
  }

  // Given a lock held by a live process (this one, as another writer in it would hold it),
  const held = JSON.stringify({ pid: process.pid, hostname: hostname(), since: NOW, nonce: 'held-by-a-live-writer' });
  writeFileSync(lock, held);
  const before = readFileSync(join(dataDir, TOKENS_FILE), 'utf8');
  // when a token is made, then it waits, and is then refused with the holder named, and nothing changes.
  await t.rejects(tokens.create(ADMIN, NOW), { code: 'PL_ERR_STORE_UNAVAILABLE', message: new RegExp(`being changed by another process.*process ${process.pid}.*Nothing was changed`) });
  t.equal(readFileSync(lock, 'utf8'), held, 'the live lock is left alone');
  t.equal(readFileSync(join(dataDir, TOKENS_FILE), 'utf8'), before);
  // and once the holder is done, the change goes through.
  const waiting = tokens.create(ADMIN, NOW);
  setTimeout(() => rmSync(lock), 50);
  const { record } = await waiting;
  t.ok(tokens.list().some((r) => r.id === record.id), 'made once the lock was free');
});

t.test('a damaged tokens.json is a clear error, not an empty list, and is never overwritten', async (t) => {
  for (const [what, content] of Object.entries(DAMAGED)) {
    // Given a folder whose tokens.json is damaged,
    const dataDir = tempDir(t);
    const file = join(dataDir, TOKENS_FILE);
    writeFileSync(file, content, { mode: 0o600 });
    // when the server starts, or a token is made or checked,
    await t.rejects(TokenStore.open(dataDir), { code: 'PL_ERR_TOKENS_DAMAGED', statusCode: 500, message: /tokens\.json is damaged.*nothing was changed/s }, `${what}: open`);

    // then each is refused with the same error, and the file is left as it was.
    writeFileSync(file, '{"tokens":[]}\n');
    const server = await TokenStore.open(dataDir);
    writeFileSync(file, content);
    await t.rejects(server.create(ADMIN, NOW), { code: 'PL_ERR_TOKENS_DAMAGED' }, `${what}: create`);
    t.throws(() => server.list(), { code: 'PL_ERR_TOKENS_DAMAGED' }, `${what}: list`);
    t.throws(() => server.authenticate(`pl_${'0'.repeat(32)}_${'a'.repeat(43)}`), { code: 'PL_ERR_TOKENS_DAMAGED' }, `${what}: authenticate`);
    t.equal(readFileSync(file, 'utf8'), content, `${what}: the damaged file was not overwritten`);
  }
});

t.test('a request with a token while tokens.json is damaged is answered 500 with the reason, not a 400 about the body', async (t) => {
  const { app, bearer, dataDir } = await testApp(t);
  writeFileSync(join(dataDir, TOKENS_FILE), '{"tokens":[{"id":');
  const response = await app.inject({ url: '/admin/tokens', headers: bearer.admin });
  t.equal(response.statusCode, 500);
  t.match(response.headers['content-type'], /application\/problem\+json/);
  t.match(response.json(), { code: 'PL_ERR_TOKENS_DAMAGED', detail: /tokens\.json is damaged/ });
});

t.test('when tokens.json cannot be written, making or revoking a token is a 503 that says so, and nothing changes', { skip: whyNoReadOnly() }, async (t) => {
  // Given a server with one token, on a folder that then becomes read-only,
  const { app, bearer, dataDir } = await testApp(t);
  const file = join(dataDir, TOKENS_FILE);
  const before = readFileSync(file, 'utf8');
  const folderBefore = readdirSync(dataDir).sort();
  const readOnly = makeReadOnly(t, dataDir);
  const someToken = JSON.parse(before).tokens[0].id;

  // when an administrator makes or revokes a token,
  const made = await app.inject({ method: 'POST', url: '/admin/tokens', headers: bearer.admin, payload: { role: 'auditor', name: 'Internal audit' } });
  const revoked = await app.inject({ method: 'DELETE', url: `/admin/tokens/${someToken}`, headers: bearer.admin });
  readOnly.restore();

  // then both are refused with 503 and a sentence about what was not saved,
  for (const [what, response] of [['make', made], ['revoke', revoked]] as const) {
    t.equal(response.statusCode, 503, `${what}: ${response.body}`);
    t.match(response.headers['content-type'], /application\/problem\+json/);
    t.match(response.json(), { code: 'PL_ERR_STORE_UNAVAILABLE', detail: /could not be saved.*tokens\.json.*nothing was changed/is });
  }
  // and the file is as it was, with nothing left beside it.
  t.equal(readFileSync(file, 'utf8'), before, 'tokens.json is unchanged');
  t.same(readdirSync(dataDir).sort(), folderBefore, 'no temporary or lock file is left');
  t.equal((await app.inject({ url: '/admin/tokens', headers: bearer.admin })).statusCode, 200, 'the tokens still work');
});

t.test('on a full disk (no byte may be written), making a token is refused with the same 503 error', async (t) => {
  // Given an empty folder and a process that may not write a single byte (as on a full disk),
  const dataDir = tempDir(t);
  const child = startChildScript('./token-writer.ts', ['create', dataDir, '1', '0'], { fileSizeLimitBlocks: 0 });
  const { code } = await child.closed;
  t.equal(code, 0, child.stderr());
  // then the token is refused, and no file is left behind.
  t.match(child.messages[0], { refused: true, code: 'PL_ERR_STORE_UNAVAILABLE', message: /could not be saved.*tokens\.json/s });
  t.same(readdirSync(dataDir), [], 'nothing was written');
});
