// What the chain checks read of each event (its place, its hashes, its recorded time),
// what they report, and the small rules they share: kept apart from ChainVerifier so the
// verifier itself reads as the checks in order.
import { acknowledgedBy, type AcknowledgedLink } from './chain-break.js';
import { eventHash, type HashedContent } from '../events/event-hash.js';

export type { AcknowledgedLink } from './chain-break.js';

/** What the hash covers, and where the event stands in the log and when it was recorded. */
export interface VerifiableEvent extends HashedContent {
  recordedAt?: string;
  position: number;
}

/** What the chain checks need of an event besides its content. */
export interface ChainLink {
  position: number;
  stream: string;
  revision: number;
  hash?: string | undefined;
  previousHash?: string | null | undefined;
  /** When the store recorded it, and the time in its metadata, which its hash covers (absent in logs written before issue 13). */
  recordedAt?: string | undefined;
  coveredRecordedAt?: string | undefined;
  /** Set when the event is a ChainBreakAcknowledged: the link it acknowledges. */
  acknowledges?: AcknowledgedLink | undefined;
}

/** A link break noted while checking goes on, with what the report needs if it is not acknowledged. */
export interface SuspectLink extends AcknowledgedLink {
  position: number;
  byteOffset?: number | undefined;
  /** How many events were intact before it. */
  eventsBefore: number;
}

/** A link with the hash of its content as stored: all that verification and checkpoints need. */
export interface HashedLink extends ChainLink {
  contentHash: string;
}

export function hashedLink(event: VerifiableEvent): HashedLink {
  const { position, stream, revision } = event;
  const { hash, previousHash, recordedAt: coveredRecordedAt } = event.metadata;
  const { recordedAt } = event;
  return { position, stream, revision, hash, previousHash, recordedAt, coveredRecordedAt, contentHash: eventHash(event), acknowledges: acknowledgedBy(event) };
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
  /** When the break is a link to a hash not in the log between intact events: the link, as an acknowledgement would name it. */
  link?: AcknowledgedLink;
}

export interface VerificationReport {
  ok: boolean;
  events: number;
  streams: number;
  lastPosition: number;
  /** Events written without a hash chain (for example by the benchmark): counted, not failed, in a log with no chained event. */
  unchained: number;
  /** Chained events whose recorded time their hash does not cover (written before issue 13). */
  timesNotCovered: number;
  /** Links broken by the concurrent-retry defect and acknowledged by an administrator (see ChainBreakAcknowledged). */
  acknowledged: (AcknowledgedLink & { position: number; acknowledgedAt: number })[];
  firstBroken?: BrokenPlace;
  /** A plain-words summary for people. */
  summary: string;
}

/**
 * What a verifier of one stretch of the log (a segment) found, for ChainVerifier.absorb:
 * the links a segment cannot check alone (each stream's first event in it, and its
 * first position) are checked when the segments are put back together in order.
 */
export interface SegmentResult {
  events: number;
  unchained: number;
  chained: number;
  timesNotCovered: number;
  /** The first unchained event in the segment, with how many events came before it there. */
  firstUnchained: (ChainLink & { eventsBefore: number; byteOffset?: number | undefined }) | undefined;
  /** The recorded times of the segment's first and last events (the first is checked against the segment before it when joined). */
  firstRecordedAt: string | undefined;
  lastRecordedAt: string | undefined;
  /** Undefined when the segment held no event. */
  firstPosition: number | undefined;
  lastPosition: number;
  /** The first event of each stream met in the segment, with how many events came before it there, and the last of their positions. */
  heads: (ChainLink & { eventsBefore: number; positionBefore: number | undefined; byteOffset?: number | undefined })[];
  /** Each stream's last revision and hash in the segment. */
  tails: [string, StreamTip][];
  /** Where the segment broke; checksumAtStart when its very first record failed its checksum (its position is known only after joining). */
  broken?: { place: BrokenPlace; checksumAtStart?: string };
  /** Link breaks noted in the segment, and the acknowledgements met in it (with their positions). */
  suspects: SuspectLink[];
  acknowledgements: (AcknowledgedLink & { position: number })[];
}

export interface StreamTip {
  revision: number;
  hash: string | null;
}

export const LINK_TO_UNKNOWN_HASH = 'link-to-unknown-hash';

/** A problem when `next` is earlier than `last` (or is not a time): a clock stepped back must not reorder history. */
export function timesGoBack(last: string | undefined, next: string | undefined): string | undefined {
  if (next === undefined) return undefined;
  const at = Date.parse(next);
  if (Number.isNaN(at)) return `its recorded time ${JSON.stringify(next)} is not a time`;
  if (last !== undefined && at < Date.parse(last)) return `its recorded time ${next} is earlier than the one before it (${last}): recorded times go backwards`;
  return undefined;
}
export const LINK_PROBLEM =
  "the event does not point to the hash of the stream's previous event: the history before it was changed. " +
  'If both events are intact and the earlier one was written by a request with an Idempotency-Key, this may be the ' +
  'concurrent-retry defect fixed in issue 12: see "A broken link from the retry defect" in the README';

export function suspectLink(link: ChainLink & { byteOffset?: number | undefined }, previous: StreamTip | undefined, eventsBefore: number): SuspectLink {
  return {
    stream: link.stream,
    revision: link.revision,
    position: link.position,
    byteOffset: link.byteOffset,
    foundPreviousHash: link.previousHash ?? null,
    expectedPreviousHash: previous?.hash ?? null,
    eventsBefore,
  };
}

export function sameLink(a: AcknowledgedLink, b: AcknowledgedLink): boolean {
  return a.stream === b.stream && a.revision === b.revision && a.foundPreviousHash === b.foundPreviousHash && a.expectedPreviousHash === b.expectedPreviousHash;
}

export const checksumProblem = (lastPosition: number, reason: string) => `the record after position ${lastPosition} fails its checksum (${reason})`;
