// Keeps the read models current: one catch-up subscription to all events, from the
// oldest position among the projections, folding each event into every projection that
// has not seen it. Events are folded in batches, each committed to the read-model
// database in one transaction with the position it reflects (src/read-models/), so a
// restart resumes where the last commit stopped and nothing is folded twice. A projection
// whose version changed, or whose documents are damaged or belong to another log, is
// rebuilt from the start, with a log line saying why; a dropped subscription is resumed
// from the last committed position.
import type { Logger } from 'pino';
import type { Collections, Projection } from '../../projections/projection.js';
import { reads } from '../../projections/projection.js';
import type { EventStore, StoredEvent, Subscription } from '../store/event-store.js';
import { ReadModelDatabase } from '../read-models/read-model-database.js';
import { RunningProjection } from '../read-models/running-projection.js';

/** Events folded into one transaction at most: a catch-up commits every so many, a live server whenever the log goes quiet. */
export const DEFAULT_BATCH_SIZE = 20_000;

export interface CatchUpProgress {
  position: number;
  head: number;
}

export interface ProjectionRunnerOptions {
  store: EventStore;
  projections: readonly Projection[];
  /** The read-model database's folder (DATA_DIR/read-models). */
  folder: string;
  logger: Logger;
  batchSize?: number;
  /** Told after each commit while catching up with a log that was ahead at start. */
  onCatchUp?: (progress: CatchUpProgress) => void;
  /** Wait before resubscribing after the subscription dropped. */
  retryDelayMs?: number;
}

export class ProjectionRunner {
  readonly #options: ProjectionRunnerOptions;
  #database: ReadModelDatabase | undefined;
  #running: RunningProjection[] = [];
  /** The position every projection has committed. */
  #position = 0;
  /** The position of the last event folded, committed or not. */
  #folded = 0;
  #headAtStart = 0;
  /** Until the read models have reached the log's head as it was at start. */
  #catchingUp = false;
  #subscription: Subscription | undefined;
  #loop: Promise<void> | undefined;
  #commit: Promise<void> | undefined;
  #commitScheduled = false;
  #stopped = false;
  readonly #waiters = new Set<{ position: number; resolve: () => void }>();

  constructor(options: ProjectionRunnerOptions) {
    this.#options = options;
  }

  /** Opens the read models and starts following the log; resolves once subscribed (not caught up). */
  async start(): Promise<void> {
    const { store, projections, folder, logger } = this.#options;
    this.#database = ReadModelDatabase.open(folder, (reason) => logger.warn({ folder, reason }, 'the read models could not be opened: rebuilding them from the log'));
    this.#headAtStart = await store.headPosition();
    const eventAt = async (position: number) => {
      for await (const event of store.readAll({ after: position - 1, maxCount: 1 })) return event;
      return undefined;
    };
    for (const projection of projections) {
      const running = await RunningProjection.open(this.#database, projection, this.#headAtStart, eventAt);
      if (running.rebuildReason) logger.info({ projection: projection.name, reason: running.rebuildReason }, 'read model rebuilt from the start of the log');
      this.#running.push(running);
    }
    this.#position = this.#folded = Math.min(...this.#running.map((r) => r.committedPosition));
    this.#catchingUp = this.#position < this.#headAtStart;
    this.#loop = this.#follow();
  }

  /** The position of the last event every projection has folded and committed. */
  get position(): number {
    return this.#position;
  }

  /** The projection's committed documents, for queries. */
  state<State extends Collections<State>>(projection: Projection<State>): State {
    const running = this.#running.find((r) => r.projection.name === projection.name);
    if (!running) throw new Error(`Projection ${projection.name} is not run by this runner (or it has not started)`);
    // The running projection's collections were made from this projection's own collection specs.
    return running.reading as State;
  }

  /** Read-your-writes: resolves true once every projection has committed `position`, false after the timeout. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.#position >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        resolve(false);
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  /** Stops following, commits what was folded, closes the database. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#subscription?.close();
    await this.#loop;
    await this.#commit;
    await this.#commitNow();
    await this.#database?.close();
    for (const waiter of this.#waiters) waiter.resolve();
  }

  async #follow(): Promise<void> {
    const { store, logger } = this.#options;
    const batchSize = this.#options.batchSize ?? DEFAULT_BATCH_SIZE;
    while (!this.#stopped) {
      try {
        this.#subscription = store.subscribeToAll({ after: this.#position });
        for await (const event of this.#subscription) {
          // Nothing folds while a batch is being written: the batch is exactly what its position says.
          if (this.#commit) await this.#commit;
          this.#fold(event);
          if (this.#folded - this.#position >= batchSize) await this.#commitNow();
          else this.#commitWhenQuiet();
          if (this.#stopped) break;
        }
      } catch (err) {
        if (this.#stopped) break;
        // A fold or a commit failed half-way: forget the batch, and fold it again from the last commit.
        await this.#commit?.catch(() => undefined);
        for (const running of this.#running) running.discardBatch();
        this.#folded = this.#position;
        logger.warn({ err, position: this.#position }, 'projection subscription dropped; resubscribing');
        await new Promise((r) => setTimeout(r, this.#options.retryDelayMs ?? 1000));
      }
      if (!this.#stopped) await new Promise((r) => setTimeout(r, 10));
    }
  }

  #fold(event: StoredEvent): void {
    for (const running of this.#running) {
      if (event.position <= running.foldedPosition) continue;
      if (reads(running.projection, event)) running.projection.evolve(running.folding, event);
      running.folded(event);
    }
    this.#folded = event.position;
  }

  /** Commits once the events already read are folded (setImmediate runs when the loop waits for more). */
  #commitWhenQuiet(): void {
    if (this.#commitScheduled) return;
    this.#commitScheduled = true;
    setImmediate(() => {
      this.#commitScheduled = false;
      if (this.#commit) return;
      void this.#commitNow().catch((err: unknown) => {
        // A full disk, say: the batch stays folded and is written again shortly, with whatever came since.
        this.#options.logger.error({ err, position: this.#position }, 'read models could not be written; retrying');
        if (!this.#stopped) setTimeout(() => this.#commitWhenQuiet(), this.#options.retryDelayMs ?? 1000).unref();
      });
    });
  }

  async #commitNow(): Promise<void> {
    const position = this.#folded;
    if (position <= this.#position || !this.#database) return;
    const database = this.#database;
    const commit = database.commit(this.#running.flatMap((r) => r.changes()));
    this.#commit = commit;
    try {
      await commit;
    } finally {
      this.#commit = undefined;
    }
    this.#position = position;
    if (this.#catchingUp) {
      this.#options.onCatchUp?.({ position: Math.min(position, this.#headAtStart), head: this.#headAtStart });
      this.#catchingUp = position < this.#headAtStart;
    }
    for (const waiter of this.#waiters) {
      if (waiter.position <= position) {
        this.#waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }
}
