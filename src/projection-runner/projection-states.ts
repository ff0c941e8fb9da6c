// The states a runner keeps, one per projection, and what is done to them: loaded from
// snapshots (or started afresh), folded event by event, saved when changed. Shared by the
// in-process runner and the background snapshot worker, so that both fold alike.
import type { Projection } from '../../projections/projection.js';
import type { StoredEvent } from '../events/event.js';
import type { SnapshotStore } from './snapshot-store.js';

interface Running {
  projection: Projection<unknown>;
  state: unknown;
  /** The position of the last event folded into `state`. */
  position: number;
  dirty: boolean;
}

export type VersionChangeListener = (change: { projection: string; from: number; to: number }) => void;

export class ProjectionStates {
  readonly #running = new Map<string, Running>();

  private constructor() {}

  /**
   * Each projection from its snapshot when that is of its version and not ahead of the
   * log (a snapshot ahead belongs to another log, a restore); otherwise from the start.
   */
  static async load(
    projections: readonly Projection<unknown>[],
    snapshots: SnapshotStore | undefined,
    head: number,
    onVersionChange?: VersionChangeListener,
  ): Promise<ProjectionStates> {
    const states = new ProjectionStates();
    for (const projection of projections) {
      const snapshot = await snapshots?.load(projection.name);
      const usable = snapshot && snapshot.version === projection.version && snapshot.position <= head;
      if (snapshot && snapshot.version !== projection.version) onVersionChange?.({ projection: projection.name, from: snapshot.version, to: projection.version });
      states.#running.set(projection.name, {
        projection,
        state: usable ? snapshot.state : projection.initialState(),
        position: usable ? snapshot.position : 0,
        dirty: !usable,
      });
    }
    return states;
  }

  /** The position every projection has folded up to. */
  get oldestPosition(): number {
    return Math.min(...[...this.#running.values()].map((r) => r.position));
  }

  has(name: string): boolean {
    return this.#running.has(name);
  }

  state(name: string): unknown {
    return this.#running.get(name)?.state;
  }

  /** Folds the event into every projection that has not seen it and reads its stream. */
  fold(event: StoredEvent): void {
    for (const running of this.#running.values()) {
      if (event.position <= running.position) continue;
      const prefixes = running.projection.streamPrefixes;
      if (!prefixes || prefixes.some((p) => event.stream.startsWith(p))) {
        running.state = running.projection.evolve(running.state, event);
      }
      running.position = event.position;
      running.dirty = true;
    }
  }

  /** Saves every state changed since its last save. */
  async saveChanged(snapshots: SnapshotStore): Promise<void> {
    for (const running of this.#running.values()) {
      if (!running.dirty) continue;
      await snapshots.save(running.projection.name, { version: running.projection.version, position: running.position, state: running.state });
      running.dirty = false;
    }
  }
}
