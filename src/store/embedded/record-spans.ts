// Finds where the parts of one log record lie, walking its bytes once without building
// objects, so a verifier can hash what is stored instead of parsing and re-serialising
// it. Only the exact shape RecordBatch writes is accepted; anything else gives null and
// the caller parses the record instead (slower, same answer). Nothing found here is
// trusted on its own: the spans are believed only when their hash matches the stored one.
import { TRAILER_LENGTH } from './log-record.js';

/** Bytes [start, end) of the record's buffer. */
export interface Span {
  start: number;
  end: number;
}

export interface RecordSpans {
  position: number;
  stream: string;
  revision: number;
  /** Each value as written, JSON quotes included for strings. */
  streamJson: Span;
  revisionDigits: Span;
  id: Span;
  type: Span;
  schemaVersion: Span;
  data: Span;
  metadata: Span;
  /** The metadata's `"hash":"…"` member and the comma joining it to a neighbour: cut it and the rest is what the hash covers. */
  hashCut: Span;
  hash: string;
  /** null when the metadata says null, undefined when it has no previousHash. */
  previousHash: string | null | undefined;
  /** The record's recorded time, and the one in its metadata (covered by its hash), if it has one. */
  recordedAt: string;
  coveredRecordedAt: string | undefined;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;

const literal = (text: string) => Buffer.from(text, 'latin1');
const POSITION = literal('{"position":');
const STREAM = literal(',"stream":');
const REVISION = literal(',"revision":');
const ID = literal(',"id":');
const TYPE = literal(',"type":');
const SCHEMA_VERSION = literal(',"schemaVersion":');
const RECORDED_AT = literal(',"recordedAt":');
const DATA = literal(',"data":');
const METADATA = literal(',"metadata":');
const CHECKSUM = literal(',"checksum":"');
const HASH_KEY = literal('"hash"');
const PREVIOUS_HASH_KEY = literal('"previousHash"');
const RECORDED_AT_KEY = literal('"recordedAt"');
const NULL = literal('null');

/** The spans of the record in buffer[start, end) (end just past its newline), or null if it is not in the written shape. */
export function recordSpans(buffer: Buffer, start: number, end: number): RecordSpans | null {
  let at = after(buffer, start, POSITION);
  const positionDigits = digits(buffer, at, end);
  if (positionDigits === at) return null;
  at = after(buffer, positionDigits, STREAM);
  const streamEnd = stringEnd(buffer, at, end);
  if (streamEnd < 0) return null;
  const streamJson = { start: at, end: streamEnd };
  at = after(buffer, streamEnd, REVISION);
  const revisionEnd = digits(buffer, at, end);
  if (revisionEnd === at) return null;
  const revisionDigits = { start: at, end: revisionEnd };
  at = after(buffer, revisionEnd, ID);
  const id = stringSpan(buffer, at, end);
  if (!id) return null;
  at = after(buffer, id.end, TYPE);
  const type = stringSpan(buffer, at, end);
  if (!type) return null;
  at = after(buffer, type.end, SCHEMA_VERSION);
  const schemaVersionEnd = digits(buffer, at, end);
  if (schemaVersionEnd === at) return null;
  const schemaVersion = { start: at, end: schemaVersionEnd };
  at = after(buffer, schemaVersionEnd, RECORDED_AT);
  const recordedAtEnd = stringEnd(buffer, at, end);
  if (recordedAtEnd < 0) return null;
  const recordedAt = buffer.toString('latin1', at + 1, recordedAtEnd - 1);
  at = after(buffer, recordedAtEnd, DATA);
  const dataEnd = valueEnd(buffer, at, end);
  if (dataEnd < 0) return null;
  const data = { start: at, end: dataEnd };
  at = after(buffer, dataEnd, METADATA);
  const metadata = metadataSpans(buffer, at, end);
  // The checksum trailer must follow at once: a parser reading a second "data" after it would see other content.
  if (!metadata || metadata.end !== end - TRAILER_LENGTH || after(buffer, metadata.end, CHECKSUM) < 0) return null;
  // A stream name with escapes is legal but never written by this product: leave it to the parser.
  if (hasByte(buffer, streamJson.start, streamJson.end, BACKSLASH)) return null;
  return {
    position: integer(buffer, start + POSITION.length, positionDigits),
    stream: buffer.toString('utf8', streamJson.start + 1, streamJson.end - 1),
    revision: integer(buffer, revisionDigits.start, revisionDigits.end),
    streamJson,
    revisionDigits,
    id,
    type,
    schemaVersion,
    data,
    metadata: { start: metadata.start, end: metadata.end },
    hashCut: metadata.hashCut,
    hash: metadata.hash,
    previousHash: metadata.previousHash,
    recordedAt,
    coveredRecordedAt: metadata.recordedAt,
  };
}

/** The metadata object at `at`: its span, its hash member and its previousHash. */
function metadataSpans(
  buffer: Buffer,
  at: number,
  end: number,
): { start: number; end: number; hashCut: Span; hash: string; previousHash: string | null | undefined; recordedAt: string | undefined } | null {
  if (buffer[at] !== 0x7b) return null; // {
  let i = at + 1;
  let hashCut: Span | undefined;
  let hash: string | undefined;
  let previousHash: string | null | undefined;
  let recordedAt: string | undefined;
  if (buffer[i] === 0x7d) return null; // {} has no hash
  for (;;) {
    const keyStart = i;
    const keyEnd = stringEnd(buffer, keyStart, end);
    if (keyEnd < 0 || buffer[keyEnd] !== COLON) return null;
    const valueStart = keyEnd + 1;
    const valueStop = valueEnd(buffer, valueStart, end);
    if (valueStop < 0) return null;
    if (equalsAt(buffer, keyStart, keyEnd, HASH_KEY)) {
      if (hash !== undefined || buffer[valueStart] !== QUOTE) return null;
      hash = buffer.toString('latin1', valueStart + 1, valueStop - 1);
      // Cut the comma before the member, or after it when it comes first.
      hashCut = buffer[keyStart - 1] === COMMA ? { start: keyStart - 1, end: valueStop } : { start: keyStart, end: buffer[valueStop] === COMMA ? valueStop + 1 : valueStop };
    } else if (equalsAt(buffer, keyStart, keyEnd, PREVIOUS_HASH_KEY)) {
      if (equalsAt(buffer, valueStart, valueStop, NULL)) previousHash = null;
      else if (buffer[valueStart] === QUOTE) previousHash = buffer.toString('latin1', valueStart + 1, valueStop - 1);
      else return null;
    } else if (equalsAt(buffer, keyStart, keyEnd, RECORDED_AT_KEY)) {
      if (buffer[valueStart] !== QUOTE) return null;
      recordedAt = buffer.toString('latin1', valueStart + 1, valueStop - 1);
    }
    if (buffer[valueStop] === COMMA) {
      i = valueStop + 1;
      continue;
    }
    if (buffer[valueStop] !== 0x7d) return null; // }
    if (hash === undefined || hashCut === undefined) return null;
    return { start: at, end: valueStop + 1, hashCut, hash, previousHash, recordedAt };
  }
}

/** The position just after `bytes` when they are found at `at`, else -1 (which fails every later step). */
function after(buffer: Buffer, at: number, bytes: Buffer): number {
  if (at < 0) return -1;
  for (let i = 0; i < bytes.length; i++) {
    if (buffer[at + i] !== bytes[i]) return -1;
  }
  return at + bytes.length;
}

function hasByte(buffer: Buffer, start: number, end: number, byte: number): boolean {
  for (let i = start; i < end; i++) if (buffer[i] === byte) return true;
  return false;
}

function equalsAt(buffer: Buffer, start: number, end: number, bytes: Buffer): boolean {
  return end - start === bytes.length && after(buffer, start, bytes) === end;
}

/** Just past the digits at `at` (`at` itself when there are none). */
function digits(buffer: Buffer, at: number, end: number): number {
  if (at < 0) return at;
  let i = at;
  while (i < end && (buffer[i] ?? 0) >= 0x30 && (buffer[i] ?? 0) <= 0x39) i++;
  return i;
}

function integer(buffer: Buffer, start: number, end: number): number {
  return Number(buffer.toString('latin1', start, end));
}

/** Just past the closing quote of the JSON string that starts at `at`, or -1. */
function stringEnd(buffer: Buffer, at: number, end: number): number {
  if (at < 0 || buffer[at] !== QUOTE) return -1;
  // Native search for the next quote; it ends the string unless an odd run of backslashes escapes it.
  for (let from = at + 1; ; ) {
    const quote = buffer.indexOf(QUOTE, from);
    if (quote === -1 || quote >= end) return -1;
    let backslashes = 0;
    while (buffer[quote - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

function stringSpan(buffer: Buffer, at: number, end: number): Span | null {
  const stop = stringEnd(buffer, at, end);
  return stop < 0 ? null : { start: at, end: stop };
}

/**
 * Just past the JSON value that starts at `at`, or -1. Brackets are counted, not matched:
 * a malformed value only ever makes the hash fail, never pass.
 */
function valueEnd(buffer: Buffer, at: number, end: number): number {
  if (at < 0 || at >= end) return -1;
  const first = buffer[at];
  if (first === QUOTE) return stringEnd(buffer, at, end);
  if (first !== 0x7b && first !== 0x5b) {
    // A number, true, false or null: runs until the next delimiter.
    let i = at;
    while (i < end && buffer[i] !== COMMA && buffer[i] !== 0x7d && buffer[i] !== 0x5d) i++;
    return i === at ? -1 : i;
  }
  let depth = 0;
  for (let i = at; i < end; i++) {
    const c = buffer[i];
    if (c === QUOTE) {
      i = stringEnd(buffer, i, end) - 1;
      if (i < 0) return -1;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
    } else if (c === 0x7d || c === 0x5d) {
      if (--depth === 0) return i + 1;
    }
  }
  return -1;
}
