// Tamper evidence that works the same on every store: each event's metadata holds the
// hash of the previous event in its stream and its own hash over a canonical
// serialisation of what is stored (stream, revision, id, type, schema version, data
// and the metadata other than the hash itself). The time an event was recorded is in its
// metadata (the command handler sets it and the store records the event at that time), so
// it is covered; positions differ between stores, so they are not — the log's order is
// checked separately.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { EventMetadata } from './event.js';

export interface HashedContent {
  stream: string;
  revision: number;
  id: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
}

/** Hashes exactly the covered fields, whatever else the object carries (positions, checksums…). */
export function eventHash(content: HashedContent): string {
  const { stream, revision, id, type, schemaVersion, data } = content;
  const { hash: _hash, ...metadata } = content.metadata;
  const canonical = canonicalJson({ stream, revision, id, type, schemaVersion, data, metadata });
  return createHash('sha256').update(canonical).digest('hex');
}
