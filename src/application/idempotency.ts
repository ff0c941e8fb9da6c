// What an Idempotency-Key promises: the same request sent again gets the same answer and
// writes nothing twice; a different request under a key already used is refused, never
// answered with the first request's answer. The request's fingerprint (its route, ids
// and body) is kept in the metadata of the first event it wrote, so the check survives a
// restart and works on every store; a recent-keys table catches the same key sent at
// once, or soon after, to another record (another stream), where those events are not.
import { createHash } from 'node:crypto';
import { PartnershipLogError } from '../errors.js';
import { canonicalJson } from '../shared/canonical-json.js';
import { FifoCache } from '../shared/fifo-cache.js';
import type { StoredEvent } from '../store/event-store.js';

/** The fingerprint of a request: what it asked for, whatever its headers or timing. */
export function requestFingerprint(request: { route: string; params: unknown; body: unknown }): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

export function keyReused(): PartnershipLogError {
  return new PartnershipLogError(
    'PL_ERR_IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was already used for a different request (another address or another body): nothing was recorded. Send a new key with a new request.',
  );
}

/** Refuses a retry whose stored first event was written by a different request. */
export function checkSameRequest(first: StoredEvent | undefined, fingerprint: string | undefined): void {
  const stored = first?.metadata.requestFingerprint;
  // Events written before fingerprints were kept carry none: they are taken as the same request.
  if (fingerprint !== undefined && stored !== undefined && stored !== fingerprint) throw keyReused();
}

interface Claim {
  stream: string;
  fingerprint: string;
}

/**
 * Keys seen by this process, newest kept: a key sent for one stream cannot be used for
 * another while it is remembered. (On one stream the stored fingerprint decides, for ever.)
 */
export class RecentKeys {
  readonly #claims: FifoCache<string, Claim>;

  constructor(capacity = 100_000) {
    this.#claims = new FifoCache(capacity);
  }

  /** Claims the key for this request, or refuses it when it was claimed by another request. */
  claim(commandId: string, stream: string, fingerprint: string): void {
    const earlier = this.#claims.get(commandId);
    if (earlier && (earlier.stream !== stream || earlier.fingerprint !== fingerprint)) throw keyReused();
    this.#claims.set(commandId, { stream, fingerprint });
  }

  /** A refused command wrote nothing: its key may be used again. */
  release(commandId: string, fingerprint: string): void {
    if (this.#claims.get(commandId)?.fingerprint === fingerprint) this.#claims.delete(commandId);
  }
}
