// The data folder holds what people said about their lives, their keys and the tokens that
// let people in: only the user that runs Partnership Log may read it. Every folder in
// DATA_DIR and KEYS_DIR is 0700 and every file 0600, as it is created (whatever the umask)
// and, for a folder made readable by an older version or by hand, from the next start.
// A data folder that cannot be written stops the start with a sentence, not a stack trace.
import { spawn } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { TokenStore } from '../../src/auth/token-store.js';
import { prepareDataFolders } from '../../src/data-folders.js';
import { PersonKeys } from '../../src/privacy/person-keys.js';
import { READ_MODELS_FOLDER, ReadModelDatabase } from '../../src/read-models/read-model-database.js';
import { openEmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { memoryLogger } from '../support/silent-logger.js';
import { tempDir } from '../support/temp-dir.js';
import { testRegistry, thing } from '../support/test-events.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const PERSON = 'P-7K2Q9M';

/** Every folder and file under `root` whose mode is not 0700 or 0600, as "path mode" (an empty list when all is private). */
function notPrivate(root: string): string[] {
  const wrong: string[] = [];
  const visit = (path: string) => {
    const stat = lstatSync(path);
    const mode = stat.mode & 0o777;
    const expected = stat.isDirectory() ? 0o700 : 0o600;
    if (mode !== expected) wrong.push(`${relative(root, path) || '.'} ${mode.toString(8)}`);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
  };
  visit(root);
  return wrong;
}

/** Gives every folder under `root` mode 0755 and every file 0644, as an older version (or a copy) left them; returns how many paths. */
function makeReadableByAll(root: string): number {
  let count = 0;
  const visit = (path: string) => {
    const isFolder = lstatSync(path).isDirectory();
    chmodSync(path, isFolder ? 0o755 : 0o644);
    count++;
    if (isFolder) for (const entry of readdirSync(path)) visit(join(path, entry));
  };
  visit(root);
  return count;
}

/** Writes through every part of the product that creates files in the data folder; the store is returned open (its lock held). */
async function useEveryKindOfFile(dataDir: string, keysDir: string) {
  const store = await openEmbeddedStore({ dataDir, registry: testRegistry(), logger: memoryLogger().logger });
  await store.append('things', [thing(0)], { expectedRevision: 'no_stream' });
  const tokens = await TokenStore.open(dataDir);
  await tokens.create({ role: 'auditor', name: 'Internal audit' }, '2026-03-02T10:00:00Z');
  const keys = await PersonKeys.open(keysDir);
  keys.create(PERSON);
  const readModels = ReadModelDatabase.open(join(dataDir, READ_MODELS_FOLDER), () => undefined);
  await readModels.close();
  return store;
}

t.test('new folders are made 0700 and new files 0600, with the usual umask 022', async (t) => {
  const previous = process.umask(0o022);
  t.teardown(() => void process.umask(previous));
  const root = tempDir(t);
  const dataDir = join(root, 'data', 'partnership-log');
  const keysDir = join(root, 'keys-volume', 'keys');

  const store = await useEveryKindOfFile(dataDir, keysDir);
  t.teardown(() => store.close());
  t.same(notPrivate(dataDir), [], 'the data folder, the log, its lock, tokens and the read models (the checkpoint key is never made here)');
  t.same(notPrivate(join(root, 'data')), [], 'and the folder made above it');
  t.same(notPrivate(join(root, 'keys-volume')), [], 'the keys folder elsewhere, and the folder made above it');
});

t.test('an existing folder readable by others is made private at start-up, with one log line that names no file', async (t) => {
  const root = tempDir(t);
  const dataDir = join(root, 'data');
  const keysDir = join(root, 'keys');
  const store = await useEveryKindOfFile(dataDir, keysDir);
  await store.close();
  const opened = makeReadableByAll(dataDir) + makeReadableByAll(keysDir);
  t.not(notPrivate(dataDir), [], 'the folder starts readable by everyone');

  const { logger, lines } = memoryLogger();
  prepareDataFolders({ dataDir, keysDir }, logger);
  t.same(notPrivate(dataDir), [], 'every folder in DATA_DIR is now 0700 and every file 0600');
  t.same(notPrivate(keysDir), [], 'and in KEYS_DIR');
  const logged = lines();
  t.equal(logged.length, 1, 'one log line');
  t.match(logged[0], { level: 40, fixed: opened, folders: [dataDir, keysDir] }, 'saying how many paths were fixed');
  t.notOk(JSON.stringify(logged).includes(PERSON), 'no file is named (a key file is named after its person)');

  const again = memoryLogger();
  prepareDataFolders({ dataDir, keysDir }, again.logger);
  t.same(again.lines(), [], 'nothing to fix the next time, nothing logged');
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node --import=tsx src/main.ts` with the given environment, until it serves (then SIGTERM) or ends on its own. */
function runMain(env: Record<string, string>, options: { uid?: number } = {}): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', TSX_DISABLE_CACHE: '1', ...env };
  delete childEnv.EVENTSTORE_URL;
  if (!env.KEYS_DIR) delete childEnv.KEYS_DIR;
  const ids = options.uid === undefined ? {} : { uid: options.uid, gid: options.uid };
  // Through env -u: tap adds its process tracking to NODE_OPTIONS at every spawn, and it would write into the project as nobody.
  const node = ['-u', 'NODE_OPTIONS', process.execPath, '--import=tsx', 'src/main.ts'];
  const child = spawn('env', node, { cwd: projectRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], ...ids });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (stdout.includes('Partnership Log is serving')) child.kill('SIGTERM');
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

t.test('npm start makes an existing data folder private before it serves', async (t) => {
  const root = tempDir(t);
  const dataDir = join(root, 'data');
  const keysDir = join(root, 'keys');
  const store = await useEveryKindOfFile(dataDir, keysDir);
  await store.close();
  const opened = makeReadableByAll(dataDir) + makeReadableByAll(keysDir);

  const run = await runMain({ DATA_DIR: dataDir, KEYS_DIR: keysDir });
  t.equal(run.code, 0, `it served, and stopped when asked: ${run.stderr}`);
  t.match(run.stdout, /Partnership Log is serving/);
  t.same(notPrivate(dataDir), [], 'DATA_DIR is private');
  t.same(notPrivate(keysDir), [], 'KEYS_DIR is private');
  const fixed = run.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => 'fixed' in line);
  t.match(fixed, [{ fixed: opened }], 'one log line says how many paths were fixed');
});

/** How a refusal to start must read: the code, the folder, what to do, and no stack trace. */
function refusedToStart(t: Test, run: Run, message: RegExp): void {
  t.not(run.code, 0, 'the start failed');
  t.notMatch(run.stdout, /serving/, 'nothing was served');
  t.match(run.stderr, /PL_ERR_CONFIG/, `the code is PL_ERR_CONFIG: ${run.stderr}`);
  t.match(run.stderr, message);
  t.notMatch(run.stderr, /^\s+at /m, 'no stack trace');
}

t.test('a DATA_DIR that cannot be created stops the start with PL_ERR_CONFIG, naming the folder', async (t) => {
  const root = tempDir(t);
  writeFileSync(join(root, 'a-file'), 'not a folder');
  const dataDir = join(root, 'a-file', 'data');
  const run = await runMain({ DATA_DIR: dataDir });
  refusedToStart(t, run, new RegExp(`DATA_DIR ${dataDir} cannot be created \\(ENOTDIR\\)`));
});

t.test('a KEYS_DIR that cannot be created stops the start the same way', async (t) => {
  const root = tempDir(t);
  writeFileSync(join(root, 'a-file'), 'not a folder');
  const keysDir = join(root, 'a-file', 'keys');
  const run = await runMain({ DATA_DIR: join(root, 'data'), KEYS_DIR: keysDir });
  refusedToStart(t, run, new RegExp(`KEYS_DIR ${keysDir} cannot be created \\(ENOTDIR\\)`));
});

t.test('a DATA_DIR that is not writable stops the start with PL_ERR_CONFIG, naming the folder and what to do', async (t) => {
  const root = tempDir(t);
  const dataDir = join(root, 'data');
  mkdirSync(dataDir);
  // As root every folder is writable, so the server runs as nobody there; otherwise the folder is made read-only.
  const asRoot = process.getuid?.() === 0;
  chmodSync(root, 0o755);
  chmodSync(dataDir, asRoot ? 0o755 : 0o500);
  t.teardown(() => chmodSync(dataDir, 0o700));
  const run = await runMain({ DATA_DIR: dataDir }, asRoot ? { uid: 65534 } : {});
  refusedToStart(t, run, new RegExp(`DATA_DIR ${dataDir} is not writable \\((EACCES|EROFS|EPERM)\\): .*(writable|another folder)`));
});
