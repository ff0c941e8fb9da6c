// Tamper evidence that works the same on every store: each event's metadata holds the
// hash of the previous event in its stream and its own hash over a canonical
// serialisation of what is stored (stream, revision, id, type, schema version, data
// and the metadata other than the hash itself). recordedAt is set by the store after
// the hash is made, so it is not covered; positions differ between stores, so they
// are not covered either — the log's order is checked separately.
import { createHash } from 'node:crypto';
import type { EventMetadata } from '../store/event-store.js';

export interface HashedContent {
  stream: string;
  revision: number;
  id: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
}

/** JSON with object keys sorted and no white space, so equal content always gives equal bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  const entries = Object.entries(value)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/** Hashes exactly the covered fields, whatever else the object carries (positions, checksums…). */
export function eventHash(content: HashedContent): string {
  const { stream, revision, id, type, schemaVersion, data } = content;
  const { hash: _hash, ...metadata } = content.metadata;
  const canonical = canonicalJson({ stream, revision, id, type, schemaVersion, data, metadata });
  return createHash('sha256').update(canonical).digest('hex');
}
