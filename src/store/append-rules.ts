// Rules every adapter applies to an append before it writes anything.
import { PartnershipLogError } from '../errors.js';
import { isValidStreamName, type AppendResult, type ExpectedRevision, type NewEvent } from './event-store.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function checkAppend(stream: string, events: readonly NewEvent[]): void {
  if (!isValidStreamName(stream)) {
    throw new PartnershipLogError(
      'PL_ERR_INVALID_STREAM',
      `Stream name ${JSON.stringify(stream)} is not allowed: use letters, digits and _ . : @ - (up to 200).`,
    );
  }
  const seen = new Set<string>();
  for (const event of events) {
    if (!UUID.test(event.id)) {
      throw new PartnershipLogError('PL_ERR_VALIDATION', `Event id ${JSON.stringify(event.id)} is not a uuid.`);
    }
    if (seen.has(event.id)) {
      throw new PartnershipLogError('PL_ERR_VALIDATION', `Event id ${event.id} appears twice in one append.`);
    }
    seen.add(event.id);
  }
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** What an adapter knows of a stream when it checks an append. */
export interface StreamState {
  stream: string;
  /** Current revision, -1 when the stream does not exist. */
  revision: number;
  /** The id of the event at a revision. */
  idAt(revision: number): string | undefined;
}

/**
 * A retried append (same event ids, same place) succeeds again without writing.
 * Returns how to answer it, given how to find the position of a revision, or null
 * when this is not a retry. With 'any' or 'stream_exists' only a retry of the
 * latest append is recognised; exact revisions make every retry safe.
 */
export function findIdempotentRetry(
  state: StreamState,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
): ((positionAt: (revision: number) => number) => AppendResult) | null {
  const count = events.length;
  if (count === 0) return null;
  let after: number;
  if (typeof expected === 'number') after = expected;
  else if (expected === 'no_stream') after = -1;
  else after = state.revision - count;
  if (after < -1 || state.revision < after + count) return null;
  if (typeof expected === 'number' || expected === 'no_stream') {
    if (state.revision === after) return null; // the stream is where the writer expects: a plain append
  }
  for (let i = 0; i < count; i++) {
    if (state.idAt(after + 1 + i) !== events[i]?.id) return null;
  }
  const last = after + count;
  return (positionAt) => ({ nextExpectedRevision: last, position: positionAt(last), retried: true });
}
