// An embedded-log record's hash computed from its stored bytes. A chained event is
// written with its data and metadata in canonical form, so the content its hash covers
// is these stored spans laid out in canonical key order: no parsing, no re-serialising.
// If the record was written any other way the result simply differs from the stored
// hash, and the verifier parses the record instead.
import { hash } from 'node:crypto';
import type { RecordSpans, Span } from '../store/embedded/record-spans.js';

const text = (value: string) => Buffer.from(value, 'latin1');
// canonicalJson({ stream, revision, id, type, schemaVersion, data, metadata }) puts the keys in this order.
const DATA = text('{"data":');
const ID = text(',"id":');
const METADATA = text(',"metadata":');
const REVISION = text(',"revision":');
const SCHEMA_VERSION = text(',"schemaVersion":');
const STREAM = text(',"stream":');
const TYPE = text(',"type":');
const CLOSE = text('}');

let scratch = Buffer.allocUnsafe(64 * 1024);

/** The hex SHA-256 of the canonical content the record's spans describe (see eventHash). */
export function storedContentHash(buffer: Buffer, spans: RecordSpans): string {
  const { data, id, metadata, hashCut, revisionDigits, schemaVersion, streamJson, type } = spans;
  const length =
    DATA.length + width(data) + ID.length + width(id) + METADATA.length + width(metadata) - width(hashCut) + REVISION.length + width(revisionDigits) +
    SCHEMA_VERSION.length + width(schemaVersion) + STREAM.length + width(streamJson) + TYPE.length + width(type) + CLOSE.length;
  if (length > scratch.length) scratch = Buffer.allocUnsafe(length * 2);
  let at = copy(DATA, 0, DATA.length, 0);
  at = copy(buffer, data.start, data.end, at);
  at = copy(ID, 0, ID.length, at);
  at = copy(buffer, id.start, id.end, at);
  at = copy(METADATA, 0, METADATA.length, at);
  at = copy(buffer, metadata.start, hashCut.start, at);
  at = copy(buffer, hashCut.end, metadata.end, at);
  at = copy(REVISION, 0, REVISION.length, at);
  at = copy(buffer, revisionDigits.start, revisionDigits.end, at);
  at = copy(SCHEMA_VERSION, 0, SCHEMA_VERSION.length, at);
  at = copy(buffer, schemaVersion.start, schemaVersion.end, at);
  at = copy(STREAM, 0, STREAM.length, at);
  at = copy(buffer, streamJson.start, streamJson.end, at);
  at = copy(TYPE, 0, TYPE.length, at);
  at = copy(buffer, type.start, type.end, at);
  at = copy(CLOSE, 0, CLOSE.length, at);
  return hash('sha256', scratch.subarray(0, at), 'hex');
}

/** Copies from[start, end) into the scratch buffer at `at`; returns where it ends. Short runs by hand: Buffer.copy costs more to call. */
function copy(from: Buffer, start: number, end: number, at: number): number {
  if (end - start > 64) return at + from.copy(scratch, at, start, end);
  const out = scratch;
  let i = at;
  for (let j = start; j < end; j++) out[i++] = from[j] ?? 0;
  return i;
}

function width(span: Span): number {
  return span.end - span.start;
}
