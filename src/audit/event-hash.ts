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

/** Object keys as `"key":`, kept because the same few dozen keys recur in every event. */
const quotedKeys = new Map<string, string>();

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = `${JSON.stringify(key)}:`;
    if (quotedKeys.size < 10_000) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/**
 * JSON with object keys sorted (by UTF-16 code units, as `<` compares) and no white
 * space, so equal content always gives equal bytes. Written as plain loops: it runs for
 * every event on every verification, and its output must never change (stored hashes).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (i > 0) out += ',';
      out += item === undefined ? 'null' : canonicalJson(item);
    }
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length > 1) keys.sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    out += (first ? '' : ',') + quotedKey(key) + canonicalJson(item);
    first = false;
  }
  return out + '}';
}

/** Hashes exactly the covered fields, whatever else the object carries (positions, checksums…). */
export function eventHash(content: HashedContent): string {
  const { stream, revision, id, type, schemaVersion, data } = content;
  const { hash: _hash, ...metadata } = content.metadata;
  const canonical = canonicalJson({ stream, revision, id, type, schemaVersion, data, metadata });
  return createHash('sha256').update(canonical).digest('hex');
}
