// `npm run token`: the token is the last line, only its hash is kept, and list and
// revoke work beside a server that is running on the same folder.
import { execFile } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { TokenStore } from '../../src/auth/token-store.js';
import { tempDir } from '../support/temp-dir.js';

const run = promisify(execFile);
const token = (dataDir: string, ...args: string[]) =>
  run(process.execPath, ['--import=tsx', 'src/cli/token.ts', ...args], { env: { ...process.env, DATA_DIR: dataDir } });

t.test('create prints the token last; the server-side store accepts it; list and revoke', async (t) => {
  const dataDir = tempDir(t);
  const server = await TokenStore.open(dataDir);
  const created = await token(dataDir, 'create', '--role', 'provider', '--name', 'Hillside manager', '--org', 'Hillside Support');
  const secret = created.stdout.trim().split('\n').at(-1) ?? '';
  t.match(secret, /^pl_[0-9a-f]{32}_/);
  t.match(server.authenticate(secret), { role: 'provider', organisation: 'Hillside Support', name: 'Hillside manager' }, 'a running server sees the new token');
  const file = join(dataDir, 'tokens.json');
  t.notOk(readFileSync(file, 'utf8').includes(secret), 'only a hash is stored');
  t.equal(statSync(file).mode & 0o777, 0o600);

  const listed = await token(dataDir, 'list');
  t.match(listed.stdout, /Hillside manager\s+provider\s+Hillside Support/);
  t.notOk(listed.stdout.includes(secret.slice(36)), 'list never shows a secret');

  const id = server.authenticate(secret)?.id ?? '';
  await token(dataDir, 'revoke', id);
  t.equal(server.authenticate(secret), undefined, 'revoked without a restart');
});

t.test('bad input is one clear line and exit code 1', async (t) => {
  const dataDir = tempDir(t);
  for (const [args, message] of [
    [['create', '--role', 'wizard', '--name', 'x'], /--role must be one of/],
    [['create', '--role', 'provider', '--name', 'x'], /provider token is bound to its organisation/],
    [['create', '--role', 'self-advocate', '--name', 'x', '--person', 'Aisha'], /person id looks like/],
    [['revoke', '00000000-0000-4000-8000-000000000000'], /There is no token/],
  ] as const) {
    const failed = await token(dataDir, ...args).then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    );
    t.equal(failed?.code, 1, args.join(' '));
    t.match(failed?.stderr, message);
    t.notMatch(failed?.stderr, /at .*\.ts:\d+/, 'no stack trace');
  }
});

t.test('a damaged tokens.json: every command says so in one line, exit code 1, and the file is left as it was', async (t) => {
  const dataDir = tempDir(t);
  const file = join(dataDir, 'tokens.json');
  const damaged = '{"tokens":[{"id":"6f1c0a4e-';
  writeFileSync(file, damaged);
  for (const args of [['list'], ['create', '--role', 'auditor', '--name', 'Internal audit'], ['revoke', '00000000-0000-4000-8000-000000000000']]) {
    const failed = await token(dataDir, ...args).then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    );
    t.equal(failed?.code, 1, args.join(' '));
    t.match(failed?.stderr, /tokens\.json is damaged.*nothing was changed/s, args.join(' '));
    t.notMatch(failed?.stderr, /at .*\.ts:\d+/, 'no stack trace');
  }
  t.equal(readFileSync(file, 'utf8'), damaged, 'the damaged file was not overwritten with an empty list');
});
