// Checks, event by event in log order, that nothing was altered, removed or
// reordered: positions only go up (and, in the embedded log, by one), each stream's
// revisions follow on, each event's previousHash is the hash of the stream's previous
// event, and its own hash matches its content. Stops at the first broken place.
import type { EventMetadata } from '../store/event-store.js';
import { eventHash } from './event-hash.js';

export interface VerifiableEvent {
  position: number;
  stream: string;
  revision: number;
  id: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
}

/** What the chain checks need of an event besides its content. */
export interface ChainLink {
  position: number;
  stream: string;
  revision: number;
  hash?: string | undefined;
  previousHash?: string | null | undefined;
}

/** A link with the hash of its content as stored: all that verification and checkpoints need. */
export interface HashedLink extends ChainLink {
  contentHash: string;
}

export function hashedLink(event: VerifiableEvent): HashedLink {
  const { position, stream, revision } = event;
  const { hash, previousHash } = event.metadata;
  return { position, stream, revision, hash, previousHash, contentHash: eventHash(event) };
}

export async function* linksOf(events: AsyncIterable<VerifiableEvent>): AsyncGenerator<HashedLink> {
  for await (const event of events) yield hashedLink(event);
}

export interface BrokenPlace {
  stream?: string;
  revision?: number;
  position?: number;
  byteOffset?: number;
  problem: string;
}

export interface VerificationReport {
  ok: boolean;
  events: number;
  streams: number;
  lastPosition: number;
  /** Events written without a hash chain (for example by the benchmark): counted, not failed. */
  unchained: number;
  firstBroken?: BrokenPlace;
  /** A plain-words summary for people. */
  summary: string;
}

export class ChainVerifier {
  readonly #contiguous: boolean;
  readonly #streams = new Map<string, { revision: number; hash: string | null }>();
  #lastPosition = 0;
  #events = 0;
  #unchained = 0;
  #broken: BrokenPlace | undefined;

  /** contiguous: positions must go up by exactly one (true for the embedded log). */
  constructor(options: { contiguous: boolean }) {
    this.#contiguous = options.contiguous;
  }

  get broken(): BrokenPlace | undefined {
    return this.#broken;
  }

  get lastPosition(): number {
    return this.#lastPosition;
  }

  /** Returns false once something is broken (later events are not checked). */
  add(event: VerifiableEvent): boolean {
    const { position, stream, revision } = event;
    const { hash, previousHash } = event.metadata;
    return this.addLink({ position, stream, revision, hash, previousHash }, () => eventHash(event));
  }

  /**
   * The same checks for an event known by its place and hashes; contentHash gives the
   * hash of its content as stored, and is called only for a chained event.
   */
  addLink(link: ChainLink, contentHash: () => string): boolean {
    if (this.#broken) return false;
    const { position, stream, revision, hash, previousHash } = link;
    const fail = (problem: string) => {
      this.#broken = { stream, revision, position, problem };
      return false;
    };
    if (position <= this.#lastPosition) {
      return fail(`position ${position} comes after position ${this.#lastPosition}: events were reordered`);
    }
    if (this.#contiguous && position !== this.#lastPosition + 1) {
      return fail(`position ${position} follows position ${this.#lastPosition}: ${position - this.#lastPosition - 1} event(s) are missing`);
    }
    const previous = this.#streams.get(stream);
    const expectedRevision = (previous?.revision ?? -1) + 1;
    if (revision !== expectedRevision) {
      return fail(
        revision > expectedRevision
          ? `stream ${stream} jumps from revision ${expectedRevision - 1} to ${revision}: event(s) were removed`
          : `stream ${stream} repeats or reorders revision ${revision}`,
      );
    }
    if (hash === undefined) {
      this.#unchained++;
    } else {
      if ((previousHash ?? null) !== (previous?.hash ?? null)) {
        return fail(`the event does not point to the hash of the stream's previous event: the history before it was changed`);
      }
      if (contentHash() !== hash) return fail(`the event's content does not match its hash: it was altered after it was written`);
    }
    this.#streams.set(stream, { revision, hash: hash ?? null });
    this.#lastPosition = position;
    this.#events++;
    return true;
  }

  /** Marks a break found outside the chain (a bad checksum, an unreadable line). */
  fail(place: BrokenPlace): void {
    this.#broken ??= place;
  }

  report(): VerificationReport {
    const base = {
      events: this.#events,
      streams: this.#streams.size,
      lastPosition: this.#lastPosition,
      unchained: this.#unchained,
    };
    if (this.#broken) {
      const where = [
        this.#broken.stream && `stream ${this.#broken.stream}`,
        this.#broken.revision !== undefined && `revision ${this.#broken.revision}`,
        this.#broken.position !== undefined && `position ${this.#broken.position}`,
        this.#broken.byteOffset !== undefined && `byte ${this.#broken.byteOffset}`,
      ]
        .filter(Boolean)
        .join(', ');
      return {
        ok: false,
        ...base,
        firstBroken: this.#broken,
        summary: `The log has been altered. First broken place: ${where}. ${this.#broken.problem}. ${this.#events} event(s) before it were intact.`,
      };
    }
    return {
      ok: true,
      ...base,
      summary: `All ${this.#events} event(s) in ${this.#streams.size} stream(s) are intact: every checksum, hash chain and position checks out.`,
    };
  }
}
