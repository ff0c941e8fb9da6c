// Keeps the read models current: one catch-up subscription to all events, from the
// oldest checkpoint among the projections, folding each event into every projection
// that has not seen it. Checkpoints and snapshots are saved now and then, so a
// restart does not replay everything; a projection whose version changed is rebuilt
// from the start; a dropped subscription is resumed from the last position.
import type { Logger } from 'pino';
import type { Projection } from '../../projections/projection.js';
import type { EventStore, StoredEvent, Subscription } from '../store/event-store.js';
import type { SnapshotStore } from './snapshot-store.js';

/**
 * A save stalls the event loop while it serialises every state (about 1 s per 100,000 events
 * on the benchmark machine), so saves are minutes apart; a restart replays what came since.
 */
const SNAPSHOT_INTERVAL_MS = 5 * 60_000;

interface Running {
  projection: Projection<unknown>;
  state: unknown;
  /** The position of the last event folded into `state`. */
  position: number;
  dirty: boolean;
}

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
  /** Wait before resubscribing after the subscription dropped. */
  retryDelayMs?: number;
}

export class ProjectionRunner {
  readonly #options: ProjectionRunnerOptions;
  readonly #running = new Map<string, Running>();
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
    const head = await this.#options.store.headPosition();
    for (const projection of this.#options.projections) {
      const snapshot = await this.#options.snapshots?.load(projection.name);
      // A snapshot ahead of the log belongs to another log (a restore): it cannot be trusted.
      const usable = snapshot && snapshot.version === projection.version && snapshot.position <= head;
      if (snapshot && !usable) {
        this.#options.logger.info(
          { projection: projection.name, from: snapshot.version, to: projection.version },
          'projection version changed: rebuilding from the start',
        );
      }
      this.#running.set(projection.name, {
        projection,
        state: usable ? snapshot.state : projection.initialState(),
        position: usable ? snapshot.position : 0,
        dirty: !usable,
      });
    }
    this.#position = Math.min(...[...this.#running.values()].map((r) => r.position));
    this.#loop = this.#follow();
  }

  /** The position of the last event every projection has folded. */
  get position(): number {
    return this.#position;
  }

  state<State>(projection: Projection<State>): State {
    const running = this.#running.get(projection.name);
    if (!running) throw new Error(`Projection ${projection.name} is not run by this runner`);
    // The runner holds one state per projection, folded only from events of that projection's contract.
    return running.state as State;
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
    for (const running of this.#running.values()) {
      if (event.position <= running.position) continue;
      const prefixes = running.projection.streamPrefixes;
      if (!prefixes || prefixes.some((p) => event.stream.startsWith(p))) {
        running.state = running.projection.evolve(running.state, event);
      }
      running.position = event.position;
      running.dirty = true;
    }
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
    if (!snapshots) return;
    for (const running of this.#running.values()) {
      if (!running.dirty) continue;
      await snapshots.save(running.projection.name, {
        version: running.projection.version,
        position: running.position,
        state: running.state,
      });
      running.dirty = false;
    }
  }
}
