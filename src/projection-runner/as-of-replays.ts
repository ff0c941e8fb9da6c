// As-of answers for the API. One decision's answer is folded from the few streams that
// concern it (decision-events.ts); a whole projection's, from the start of the log. Either
// way the server bounds them: at most `concurrent` at once (AS_OF_REPLAYS), a few more
// waiting their turn, the rest refused with PL_ERR_BUSY (503, Retry-After). And they share:
// a moment is resolved to a log position first, requests for the same position (and
// decision) share one replay, and the last few are kept (the log below a position never changes).
import type { Projection } from '../../projections/projection.js';
import { PartnershipLogError } from '../errors.js';
import { FifoCache } from '../shared/fifo-cache.js';
import type { EventStore, StoredEvent } from '../store/event-store.js';
import { happenedBy } from '../../projections/decision-facts-index.js';
import type { MentionsState } from '../../projections/mentions.js';
import { eventsConcerningDecision } from './decision-events.js';
import { replayProjections, type AsOf, type ReplayedMany } from './replay.js';

async function* asyncEvents(events: readonly StoredEvent[]): AsyncIterable<StoredEvent> {
  yield* events;
}

async function* eventsThatHappenedBy(store: EventStore, head: number, time: string): AsyncIterable<StoredEvent> {
  const happened = happenedBy(time);
  for await (const event of store.readAll()) {
    if (event.position > head) return;
    if (happened(event)) yield event;
  }
}

export interface AsOfReplayLimits {
  /** Replays running at once on this server. */
  concurrent: number;
  /** Replays that may wait for a turn; one more is refused with PL_ERR_BUSY. */
  waiting: number;
  /** Finished replays kept, by position. */
  kept: number;
  /** Told what becomes of each request: for tests and metrics. A start is awaited before the replay reads the log. */
  watch?: (event: ReplayWatchEvent) => void | Promise<void>;
}

export type ReplayWatchEvent =
  /** A replay starts; `running` counts it. */
  | { kind: 'started'; position: number; running: number }
  /** A new replay waits for a turn. */
  | { kind: 'waiting'; position: number }
  /** A request joins a replay of the same position, running or waiting. */
  | { kind: 'joined'; position: number }
  /** A request is answered from a kept replay. */
  | { kind: 'kept'; position: number }
  /** A request is refused with PL_ERR_BUSY. */
  | { kind: 'refused'; position: number };

export const DEFAULT_AS_OF_REPLAYS = 2;

export function asOfReplayLimits(given: Partial<AsOfReplayLimits> = {}): AsOfReplayLimits {
  const concurrent = given.concurrent ?? DEFAULT_AS_OF_REPLAYS;
  return { concurrent, waiting: given.waiting ?? 2 * concurrent, kept: given.kept ?? 2, ...(given.watch ? { watch: given.watch } : {}) };
}

export class AsOfReplays {
  readonly #store: EventStore;
  readonly #projections: readonly Projection[];
  readonly #limits: AsOfReplayLimits;
  readonly #kept: FifoCache<string, ReplayedMany>;
  /** Replays started or waiting, by key (a position, or a decision at a position): a second request for one joins it. */
  readonly #shared = new Map<string, Promise<ReplayedMany>>();
  readonly #queue: (() => void)[] = [];
  #running = 0;

  constructor(store: EventStore, projections: readonly Projection[], limits: Partial<AsOfReplayLimits> = {}) {
    this.#store = store;
    this.#projections = projections;
    this.#limits = asOfReplayLimits(limits);
    this.#kept = new FifoCache(this.#limits.kept);
  }

  /** The position of the last event in the log at that moment (0 when there was none). */
  async positionOf(asOf: AsOf): Promise<number> {
    return resolvePosition(this.#store, asOf);
  }

  /**
   * Every served projection's answer about one decision as it stood at a position: folded
   * from the few streams that concern it (decision-events.ts), not from the start of the
   * log. Bounded and shared like a whole replay, by decision and position.
   */
  async decisionAt(decisionId: string, position: number, mentions: MentionsState): Promise<ReplayedMany> {
    return this.#bounded(`${decisionId}@${position}`, position, async () => {
      const replayed = await replayProjections(asyncEvents(await eventsConcerningDecision(this.#store, mentions, decisionId, position)), this.#projections);
      // As of the position asked for, and when the log last grew by then, as a whole replay would say.
      return { ...replayed, position, lastRecordedAt: (await firstFrom(this.#store, position))?.recordedAt };
    });
  }

  /** The same for "what had happened by" a time: the decision's events recorded up to now that had happened by then. */
  async decisionHappenedBy(decisionId: string, time: string, mentions: MentionsState): Promise<ReplayedMany> {
    const head = await this.#store.headPosition();
    const happened = happenedBy(time);
    return this.#run(head, async () => {
      const replayed = await replayProjections(asyncEvents((await eventsConcerningDecision(this.#store, mentions, decisionId, head)).filter(happened)), this.#projections);
      return { ...replayed, position: head };
    });
  }

  /** Every served projection as it stood at a position (from positionOf): a replay from the start of the log. */
  async at(position: number): Promise<ReplayedMany> {
    return this.#bounded(String(position), position, () => replayProjections(this.#store, this.#projections, { position }));
  }

  /**
   * Every served projection folded from the events that had happened by a time (occurredAt, for
   * facts recorded after they happened), recorded up to now: "what had happened by", beside
   * `at` ("what the record said on"). Not kept: the answer changes as late records arrive.
   */
  async happenedBy(time: string): Promise<ReplayedMany> {
    const head = await this.#store.headPosition();
    return this.#run(head, () => replayProjections(eventsThatHappenedBy(this.#store, head, time), this.#projections));
  }

  /** A replay that is kept and shared by its key: a request for a key kept or under way joins it. */
  async #bounded(key: string, position: number, replay: () => Promise<ReplayedMany>): Promise<ReplayedMany> {
    const kept = this.#kept.get(key);
    if (kept) {
      void this.#limits.watch?.({ kind: 'kept', position });
      return kept;
    }
    const shared = this.#shared.get(key);
    if (shared) {
      void this.#limits.watch?.({ kind: 'joined', position });
      return shared;
    }
    const running = this.#run(position, replay)
      .then((replayed) => {
        this.#kept.set(key, replayed);
        return replayed;
      })
      .finally(() => this.#shared.delete(key));
    this.#shared.set(key, running);
    return running;
  }

  /** A replay within the bounds: run now, wait for a turn, or refused with PL_ERR_BUSY. */
  async #run(position: number, replay: () => Promise<ReplayedMany>): Promise<ReplayedMany> {
    if (this.#running >= this.#limits.concurrent && this.#queue.length >= this.#limits.waiting) {
      void this.#limits.watch?.({ kind: 'refused', position });
      throw new PartnershipLogError(
        'PL_ERR_BUSY',
        'The server is already replaying the record as it stood at other moments. Try again in a few seconds, or ask about the record as it stands now.',
      );
    }
    await this.#turn(position);
    try {
      await this.#limits.watch?.({ kind: 'started', position, running: this.#running });
      return await replay();
    } finally {
      this.#running--;
      this.#queue.shift()?.();
    }
  }

  /** Resolves when this replay may run; it then counts as running. */
  #turn(position: number): Promise<void> {
    if (this.#running < this.#limits.concurrent) {
      this.#running++;
      return Promise.resolve();
    }
    void this.#limits.watch?.({ kind: 'waiting', position });
    return new Promise((resolve) =>
      this.#queue.push(() => {
        this.#running++;
        resolve();
      }),
    );
  }
}

/**
 * A moment as a log position: a position as given (no further than the head), a time as the
 * last event recorded by then, found by halving (record times only go up with positions,
 * as `within` assumes), one event read per step, on any store.
 */
export async function resolvePosition(store: EventStore, asOf: AsOf): Promise<number> {
  const head = await store.headPosition();
  if ('position' in asOf) return Math.min(asOf.position, head);
  const until = Date.parse(asOf.time);
  let found = 0;
  let last = head;
  while (found < last) {
    const middle = found + Math.ceil((last - found) / 2);
    const event = await firstFrom(store, middle);
    if (event && event.position <= last && Date.parse(event.recordedAt) <= until) found = event.position;
    else last = middle - 1;
  }
  return found;
}

async function firstFrom(store: EventStore, position: number): Promise<StoredEvent | undefined> {
  for await (const event of store.readAll({ after: position - 1, maxCount: 1 })) return event;
  return undefined;
}
