// Snapshots of the embedded log's projections, made on a worker thread that follows the
// log file on its own, read-only, as the auditors' tools do. Saving means serialising
// every state — seconds at a million events — and on the server's thread that would stop
// every request while it ran. The cost is a second copy of the states in memory and a
// second fold of each event on the other core. The server's runner only loads the
// snapshots when it starts.
import type { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { startModuleWorker } from '../shared/module-worker.js';

export type WorkerRequest = { flush: number } | { stop: true };
export type WorkerReply = { ready: true } | { flushed: number } | { stopped: true } | { failed: string };

export interface BackgroundSnapshotOptions {
  /** The embedded log's data folder. */
  dataDir: string;
  /** Where the snapshots are kept (the runner loads them from there). */
  folder: string;
  /** How often the worker folds what is new and saves what changed. */
  intervalMs: number;
  logger: Logger;
}

export class BackgroundSnapshots {
  readonly #worker: Worker;
  readonly #flushes = new Map<number, () => void>();
  readonly #ready: Promise<void>;
  readonly #exited: Promise<void>;
  #stopped: Promise<void> | undefined;
  #nextFlush = 0;

  private constructor(options: BackgroundSnapshotOptions) {
    const { dataDir, folder, intervalMs, logger } = options;
    this.#worker = startModuleWorker(import.meta.url, 'snapshot-worker', { dataDir, folder, intervalMs });
    // Idle, it must not keep the process alive (a server that is closing stops it first);
    // while someone waits for it, it must.
    this.#worker.unref();
    let ready: () => void = () => {};
    this.#ready = new Promise((resolve) => (ready = resolve));
    this.#exited = new Promise((resolve) =>
      this.#worker.once('exit', () => {
        // Nothing more will be saved: let whoever waits go on.
        ready();
        for (const flushed of this.#flushes.values()) flushed();
        resolve();
      }),
    );
    this.#worker.on('message', (message: WorkerReply) => {
      if ('ready' in message) ready();
      if ('flushed' in message) this.#flushes.get(message.flushed)?.();
      if ('failed' in message) logger.warn({ reason: message.failed }, 'background snapshot failed; it is tried again at the next interval');
    });
    this.#worker.on('error', (err) => logger.warn({ err }, 'the background snapshot worker stopped; restarts will replay more of the log'));
  }

  static start(options: BackgroundSnapshotOptions): BackgroundSnapshots {
    return new BackgroundSnapshots(options);
  }

  /** Folds what the log holds now into the worker's states and saves every changed one. */
  async flush(): Promise<void> {
    this.#worker.ref();
    await this.#ready;
    const id = this.#nextFlush++;
    const flushed = new Promise<void>((resolve) => this.#flushes.set(id, resolve));
    this.#worker.postMessage({ flush: id } satisfies WorkerRequest);
    await Promise.race([flushed, this.#exited]);
    this.#flushes.delete(id);
    if (this.#flushes.size === 0 && !this.#stopped) this.#worker.unref();
  }

  /** A last cycle and save, then the worker ends. */
  stop(): Promise<void> {
    this.#stopped ??= (async () => {
      this.#worker.ref();
      await this.#ready;
      this.#worker.postMessage({ stop: true } satisfies WorkerRequest);
      await this.#exited;
    })();
    return this.#stopped;
  }
}
