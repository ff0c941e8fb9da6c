// `npm run demo` is read by a person: nothing but readable lines before the tokens it
// prints (no JSON log lines burying them), and at most one short line per request after.
// `npm start` keeps its JSON lines (test/integration/file-modes.test.ts reads them).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { createLogger, DemoTerminal } from '../../src/logger.js';
import { tempDir } from '../support/temp-dir.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

t.test('the demo terminal: one short line per request, nothing but warnings while quiet', async (t) => {
  const written: string[] = [];
  const terminal = new DemoTerminal((text) => written.push(text));
  const logger = createLogger({ level: 'info', destination: terminal });
  logger.info({ reqId: 'r-1', actor: 'tok-1', role: 'commissioner', method: 'POST', route: '/decisions', status: 201, ms: 12.5 }, 'request');
  logger.info('projection version changed: rebuilding from the start');
  logger.warn({ reason: 'EACCES' }, 'background snapshot failed');
  t.same(written, ['warning: background snapshot failed\n'], 'quiet until the demo is loaded, warnings aside');
  terminal.quiet = false;
  logger.info({ reqId: 'r-2', actor: 'tok-1', role: 'commissioner', method: 'GET', route: '/decisions/:id', status: 200, ms: 3 }, 'request');
  logger.info({ body: { name: 'Nia Vale' } }, 'something else');
  t.equal(written.length, 3, 'one line each');
  t.equal(written[1], 'GET /decisions/:id → 200 (3 ms, commissioner)\n');
  t.equal(written[2], 'something else\n');
  t.notOk(written.join('').includes('Nia'), 'only the message: no field of the line');
});

t.test('the warnings a quiet demo still shows are one line each too', async (t) => {
  const written: string[] = [];
  const logger = createLogger({ level: 'info', destination: new DemoTerminal((text) => written.push(text)) });
  logger.warn({ reason: 'EACCES' }, 'background snapshot failed');
  logger.error({ err: new Error('disk full') }, 'could not save');
  t.same(written, ['warning: background snapshot failed\n', 'error: could not save: disk full\n']);
});

t.test('npm run demo: the tokens are not buried, and each request is one line', async (t) => {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: tempDir(t), HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', TSX_DISABLE_CACHE: '1' };
  for (const name of ['EVENTSTORE_URL', 'KEYS_DIR', 'CHECKPOINT_KEY_FILE', 'CHECKPOINT_EVERY', 'CHECKPOINT_PUBLISH_DIR']) delete env[name];
  // Through env -u: tap adds its process tracking to NODE_OPTIONS at every spawn.
  const child = spawn('env', ['-u', 'NODE_OPTIONS', process.execPath, '--import=tsx', 'src/main.ts', '--demo'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  // Stopped and waited for before the data folder is removed (and on a failure too).
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  t.teardown(stop);
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const serving = /Partnership Log is serving (http:\/\/\S+) /.exec(stdout);
      if (serving?.[1]) resolve(serving[1]);
    });
    child.on('close', (code) => reject(new Error(`the demo ended (code ${code}) before it served:\n${stdout}\n${stderr}`)));
  });
  const lines = stdout.trimEnd().split('\n');
  t.notOk(
    lines.some((line) => line.trimStart().startsWith('{')),
    `no JSON log line before the tokens:\n${stdout}`,
  );
  t.match(stdout, /Loaded the demo scenario: \d+ events/);
  t.ok(lines.length <= 12, `a screenful: the load, the tokens and where it serves (${lines.length} lines)`);
  const tokenAt = lines.findIndex((line) => line.startsWith('Demo tokens'));
  t.ok(tokenAt >= 0 && lines.length - tokenAt <= 7, 'the tokens are the last thing before it serves');

  const before = stdout.length;
  for (const path of ['/health', '/health', '/nowhere']) await fetch(`${url}${path}`);
  await new Promise<void>((resolve) => {
    const check = () => (stdout.slice(before).split('\n').filter(Boolean).length >= 3 ? resolve() : setTimeout(check, 20));
    check();
  });
  await new Promise((r) => setTimeout(r, 200));
  const after = stdout.slice(before).split('\n').filter(Boolean);
  t.equal(after.length, 3, `one line per request:\n${after.join('\n')}`);
  t.match(after, [/^GET \/health → 200 \([\d.]+ ms\)$/, /^GET \/health → 200 /, /^GET \(no route\) → 404 /]);
  t.equal(stderr, '', 'nothing on stderr');
  await stop();
});
