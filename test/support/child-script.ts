// Runs a TypeScript script from test/support in a child Node process, for the fault
// tests that need a second process: one to kill, one to hold a lock, one under a limit.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface ChildScriptOptions {
  /** RLIMIT_FSIZE for the child, in 1024-byte blocks (bash `ulimit -f`). */
  fileSizeLimitBlocks?: number;
}

export interface ChildScript {
  process: ChildProcess;
  /** Every JSON line the child has written to stdout so far. */
  messages: unknown[];
  /** Resolves with the first message that matches. Rejects if the child ends first. */
  waitFor(match: (message: unknown) => boolean): Promise<unknown>;
  /** Resolves once the child has exited and its stdout has been read to the end. */
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

export function startChildScript(script: string, args: readonly string[], options: ChildScriptOptions = {}): ChildScript {
  const node = [process.execPath, '--import', 'tsx', fileURLToPath(new URL(script, import.meta.url)), ...args];
  // No tsx cache: the child must write no file but the store's own (the file size limit).
  const env = { ...process.env, TSX_DISABLE_CACHE: '1' };
  const child =
    options.fileSizeLimitBlocks === undefined
      ? spawn(node[0] ?? process.execPath, node.slice(1), { cwd: projectRoot, env, stdio: ['pipe', 'pipe', 'pipe'] })
      : spawn('bash', ['-c', 'ulimit -f "$0" && exec "$@"', String(options.fileSizeLimitBlocks), ...node], {
          cwd: projectRoot,
          env,
          stdio: ['pipe', 'pipe', 'pipe'],
        });

  const messages: unknown[] = [];
  const waiters = new Set<{ match: (m: unknown) => boolean; resolve: (m: unknown) => void }>();
  onLines(child.stdout, (line) => {
    const message: unknown = JSON.parse(line);
    messages.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.match(message)) {
        waiters.delete(waiter);
        waiter.resolve(message);
      }
    }
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  // 'close' comes after stdout has ended, so every line the child wrote has been seen.
  const closed = once(child, 'close').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));

  return {
    process: child,
    messages,
    closed,
    stderr: () => stderr,
    waitFor(match) {
      const seen = messages.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.add({ match, resolve });
        void closed.then(({ code, signal }) =>
          reject(new Error(`the child ended (code ${code}, signal ${signal}) before it said that:\n${stderr}`)),
        );
      });
    },
  };
}

/** Calls back with each whole line; a last line without its newline (cut off by a kill) is ignored. */
function onLines(stream: Readable | null, callback: (line: string) => void): void {
  let rest = '';
  stream?.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) if (line) callback(line);
  });
}
