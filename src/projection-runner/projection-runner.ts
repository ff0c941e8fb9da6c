// Keeps the read models current: one catch-up subscription to all events, from the
// oldest checkpoint among the projections, folding each event into every projection
// that has not seen it. Checkpoints and snapshots are saved now and then (by this
// runner, or for the embedded log by the background snapshot worker), so a restart does
// not replay everything; a projection whose version changed is rebuilt from the start;
// a dropped subscription is resumed from the last position.
import type { Logger } from 'pino';
import type { Projection } from '../../projections/projection.js';
import type { EventStore, StoredEvent, Subscription } from '../store/event-store.js';
import { ProjectionStates, type VersionChangeListener } from './projection-states.js';
import type { SnapshotStore } from './snapshot-store.js';

/**
 * A save serialises every state (about 1 s per 100,000 events on the benchmark machine),
 * stalling the thread that does it, so saves are minutes apart; a restart replays what
 * came since. (For the embedded log the app saves them on a worker thread instead.)
 */
export const SNAPSHOT_INTERVAL_MS = 5 * 60_000;

export interface ProjectionRunnerOptions {
  store: EventStore;
  projections: readonly Projection<unknown>[];
  snapshots?: SnapshotStore;
  logger: Logger;
  /**
   * Save snapshots once this many events have been folded since the last save and
   * snapshotIntervalMs has passed, and on stop. Both bounds matter: a snapshot is a
   * synchronous JSON.stringify of every state, so saving by count alone would cost
   * O(events²) over a rebuild of millions of events and stall requests on a busy server.
   */
  snapshotEvery?: number;
  snapshotIntervalMs?: number;
  /**
   * False when snapshots are made elsewhere (the background snapshot worker follows the
   * embedded log on its own thread): this runner then only loads them at start.
   */
  saveSnapshots?: boolean;
  /** Wait before resubscribing after the subscription dropped. */
  retryDelayMs?: number;
}

export class ProjectionRunner {
  readonly #options: ProjectionRunnerOptions;
  #states: ProjectionStates | undefined;
  #position = 0;
  #subscription: Subscription | undefined;
  #loop: Promise<void> | undefined;
  #stopped = false;
  #sinceSnapshot = 0;
  #lastSnapshotAt = Date.now();
  readonly #waiters = new Set<{ position: number; resolve: () => void }>();

  constructor(options: ProjectionRunnerOptions) {
    this.#options = options;
  }

  /** Loads snapshots and starts following the log; resolves once subscribed (not caught up). */
  async start(): Promise<void> {
    const { store, projections, snapshots, logger } = this.#options;
    const onVersionChange: VersionChangeListener = (change) => logger.info(change, 'projection version changed: rebuilding from the start');
    this.#states = await ProjectionStates.load(projections, snapshots, await store.headPosition(), onVersionChange);
    this.#position = this.#states.oldestPosition;
    this.#loop = this.#follow();
  }

  /** The position of the last event every projection has folded. */
  get position(): number {
    return this.#position;
  }

  state<State>(projection: Projection<State>): State {
    if (!this.#states?.has(projection.name)) throw new Error(`Projection ${projection.name} is not run by this runner (or it has not started)`);
    // The runner holds one state per projection, folded only from events of that projection's contract.
    return this.#states.state(projection.name) as State;
  }

  /** Read-your-writes: resolves true once every projection has passed `position`, false after the timeout. */
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

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#subscription?.close();
    await this.#loop;
    await this.#saveSnapshots();
    for (const waiter of this.#waiters) waiter.resolve();
  }

  async #follow(): Promise<void> {
    const { store, logger } = this.#options;
    while (!this.#stopped) {
      try {
        this.#subscription = store.subscribeToAll({ after: this.#position });
        for await (const event of this.#subscription) {
          this.#apply(event);
          if (++this.#sinceSnapshot >= (this.#options.snapshotEvery ?? 10_000) && this.#snapshotIsDue()) await this.#saveSnapshots();
          if (this.#stopped) break;
        }
      } catch (err) {
        if (this.#stopped) break;
        logger.warn({ err, position: this.#position }, 'projection subscription dropped; resubscribing');
        await new Promise((r) => setTimeout(r, this.#options.retryDelayMs ?? 1000));
      }
      if (!this.#stopped) await new Promise((r) => setTimeout(r, 10));
    }
  }

  #apply(event: StoredEvent): void {
    this.#states?.fold(event);
    this.#position = event.position;
    for (const waiter of this.#waiters) {
      if (waiter.position <= this.#position) {
        this.#waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  #snapshotIsDue(): boolean {
    return Date.now() - this.#lastSnapshotAt >= (this.#options.snapshotIntervalMs ?? SNAPSHOT_INTERVAL_MS);
  }

  async #saveSnapshots(): Promise<void> {
    this.#sinceSnapshot = 0;
    this.#lastSnapshotAt = Date.now();
    const snapshots = this.#options.snapshots;
    if (snapshots && this.#states && this.#options.saveSnapshots !== false) await this.#states.saveChanged(snapshots);
  }
}
