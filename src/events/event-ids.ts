// Event ids a writer can derive again. A retried command that derives the same ids
// for its events is recognised by either adapter as a retry and writes nothing twice.
import { createHash } from 'node:crypto';
import { PartnershipLogError } from '../errors.js';

/** The RFC 4122 namespace of Partnership Log event ids (a fixed, random uuid). */
export const EVENT_ID_NAMESPACE = '5cd4cdab-0150-4cec-b852-a83cc3c0a434';

const NAMESPACE_BYTES = Buffer.from(EVENT_ID_NAMESPACE.replaceAll('-', ''), 'hex');

/**
 * The uuid of the index-th event produced from `seed` (for example a command id): a
 * version 5 uuid (SHA-1, RFC 4122 §4.3) of the name `${seed}:${index}` in EVENT_ID_NAMESPACE.
 * Equal inputs give equal ids; any other input gives another id.
 */
export function deterministicEventId(seed: string, index: number): string {
  if (seed.length === 0) {
    throw new PartnershipLogError('PL_ERR_VALIDATION', 'An event id needs a non-empty seed.');
  }
  if (!Number.isSafeInteger(index) || index < 0) {
    throw new PartnershipLogError('PL_ERR_VALIDATION', `Event index ${index} is not a whole number from 0.`);
  }
  const bytes = createHash('sha1').update(NAMESPACE_BYTES).update(`${seed}:${index}`, 'utf8').digest().subarray(0, 16);
  bytes.writeUInt8((bytes.readUInt8(6) & 0x0f) | 0x50, 6); // version 5
  bytes.writeUInt8((bytes.readUInt8(8) & 0x3f) | 0x80, 8); // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
