// One line of the embedded log: a JSON object that ends with a CRC-32 of everything
// before it, so an auditor can read the log with standard tools (jq, grep) and the
// store can tell a whole record from a torn or altered one.
//
//   {"position":1,"stream":"decision-…","revision":0,"id":"…","type":"…","schemaVersion":1,
//    "recordedAt":"…","data":{…},"metadata":{…},"checksum":"1a2b3c4d"}
import { crc32 } from 'node:zlib';
import { canonicalJson } from '../../events/canonical-json.js';
import type { EventMetadata } from '../event-store.js';

export interface LogRecord {
  position: number;
  stream: string;
  revision: number;
  id: string;
  type: string;
  schemaVersion: number;
  recordedAt: string;
  data: unknown;
  metadata: EventMetadata;
}

const TRAILER_START = Buffer.from(',"checksum":"');
const TRAILER_END = Buffer.from('"}\n');
/** `,"checksum":"` + 8 hex digits + `"}\n` */
export const TRAILER_LENGTH = TRAILER_START.length + 8 + TRAILER_END.length;
/** The checksum is written as 8 lowercase hex digits. */
const HEX_DIGITS = Buffer.from('0123456789abcdef');

export function encodeRecord(record: LogRecord): Buffer {
  const batch = new RecordBatch(1024);
  batch.add(record);
  return batch.bytes();
}

/**
 * Records encoded back to back into one growing buffer: what one group commit writes,
 * without a buffer per record and a copy to join them.
 */
export class RecordBatch {
  #buffer: Buffer;
  #length = 0;

  constructor(capacity = 64 * 1024) {
    this.#buffer = Buffer.allocUnsafe(capacity);
  }

  /** Bytes encoded so far. */
  get length(): number {
    return this.#length;
  }

  /**
   * Encodes the record after the others and returns its length in bytes. Nothing is added if it throws.
   * A chained event (one with a hash) has its data and metadata written in the canonical form
   * its hash covers, so a verifier can hash the stored bytes without parsing them.
   */
  add(record: LogRecord): number {
    const serialise = record.metadata.hash === undefined ? JSON.stringify : canonicalJson;
    const body =
      `{"position":${record.position},"stream":${JSON.stringify(record.stream)},` +
      `"revision":${record.revision},"id":${JSON.stringify(record.id)},"type":${JSON.stringify(record.type)},` +
      `"schemaVersion":${record.schemaVersion},"recordedAt":${JSON.stringify(record.recordedAt)},` +
      `"data":${serialise(record.data)},"metadata":${serialise(record.metadata)}`;
    const start = this.#length;
    this.#reserve(body.length * 3 + TRAILER_LENGTH); // a UTF-16 unit takes at most 3 bytes of UTF-8
    const buffer = this.#buffer;
    const bodyEnd = start + buffer.write(body, start, 'utf8');
    let checksum = crc32(buffer.subarray(start, bodyEnd));
    buffer.set(TRAILER_START, bodyEnd);
    const digitsAt = bodyEnd + TRAILER_START.length;
    for (let i = digitsAt + 7; i >= digitsAt; i--) {
      buffer[i] = HEX_DIGITS[checksum & 0xf] ?? 0;
      checksum >>>= 4;
    }
    buffer.set(TRAILER_END, digitsAt + 8);
    const end = digitsAt + 8 + TRAILER_END.length;
    this.#length = end;
    return end - start;
  }

  /** Drops every record after the first `length` bytes. */
  truncate(length: number): void {
    this.#length = Math.min(length, this.#length);
  }

  /** The records encoded so far (a view of the batch's buffer, not a copy). */
  bytes(): Buffer {
    return this.#buffer.subarray(0, this.#length);
  }

  #reserve(room: number): void {
    const needed = this.#length + room;
    if (needed <= this.#buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(needed, this.#buffer.length * 2));
    this.#buffer.copy(grown, 0, 0, this.#length);
    this.#buffer = grown;
  }
}

/**
 * Checks the framing and checksum of the record in line[start, end), where end is
 * just past its newline. Returns null when whole, or why it is not.
 */
export function checkRecord(buffer: Buffer, start: number, end: number): string | null {
  const length = end - start;
  if (length <= TRAILER_LENGTH + 2) return 'the record is too short';
  const trailerAt = end - TRAILER_LENGTH;
  if (!bytesAt(buffer, trailerAt, TRAILER_START)) return 'the record has no checksum';
  const endAt = end - TRAILER_END.length;
  if (!bytesAt(buffer, endAt, TRAILER_END)) return 'the record is not closed';
  const actual = crc32(buffer.subarray(start, trailerAt));
  // Compared as numbers on every read; the text is built only to explain a mismatch.
  if (readHex32(buffer, trailerAt + TRAILER_START.length) === actual) return null;
  const stored = buffer.toString('latin1', trailerAt + TRAILER_START.length, endAt);
  return `its checksum is ${actual.toString(16).padStart(8, '0')} where ${stored} was written`;
}

/**
 * The checksum written in `trailer` (the last TRAILER_LENGTH bytes of an unterminated line)
 * when it is a record's trailer with some other byte where its newline should be; else undefined.
 */
export function trailerWithoutNewline(trailer: Buffer): number | undefined {
  const closeAt = TRAILER_START.length + 8;
  if (trailer.length !== TRAILER_LENGTH || trailer[TRAILER_LENGTH - 1] === 0x0a || !bytesAt(trailer, 0, TRAILER_START)) return undefined;
  if (trailer[closeAt] !== 0x22 || trailer[closeAt + 1] !== 0x7d) return undefined; // "}
  const checksum = readHex32(trailer, TRAILER_START.length);
  return checksum === -1 ? undefined : checksum;
}

function bytesAt(buffer: Buffer, at: number, bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    if (buffer[at + i] !== bytes[i]) return false;
  }
  return true;
}

/** The 8 lowercase hex digits at `at` (as encodeRecord writes them) as a number, or -1. */
function readHex32(buffer: Buffer, at: number): number {
  let value = 0;
  for (let i = at; i < at + 8; i++) {
    const c = buffer[i] ?? -1;
    if (c >= 0x30 && c <= 0x39) value = value * 16 + (c - 0x30);
    else if (c >= 0x61 && c <= 0x66) value = value * 16 + (c - 0x57);
    else return -1;
  }
  return value;
}

const POSITION_KEY = Buffer.from('{"position":');
const STREAM_KEY = Buffer.from(',"stream":"');
const REVISION_KEY = Buffer.from('","revision":');
/** The header must lie within the first bytes of a record. */
const HEADER_SPAN = 320;

/**
 * Reads position, stream and revision without parsing the whole record (used when scanning at open):
 * the record must start `{"position":<digits>,"stream":"<no quote or backslash>","revision":<digits>,`.
 */
export function readRecordHeader(
  buffer: Buffer,
  start: number,
  end: number,
): { position: number; stream: string; revision: number } | null {
  const limit = Math.min(end, start + HEADER_SPAN);
  if (start + POSITION_KEY.length > limit || !bytesAt(buffer, start, POSITION_KEY)) return null;
  const positionAt = start + POSITION_KEY.length;
  const positionEnd = skipDigits(buffer, positionAt, limit);
  if (positionEnd === positionAt || positionEnd + STREAM_KEY.length > limit) return null;
  if (!bytesAt(buffer, positionEnd, STREAM_KEY)) return null;
  const streamAt = positionEnd + STREAM_KEY.length;
  let streamEnd = streamAt;
  while (streamEnd < limit && buffer[streamEnd] !== 0x22 && buffer[streamEnd] !== 0x5c) streamEnd++;
  if (streamEnd + REVISION_KEY.length > limit || !bytesAt(buffer, streamEnd, REVISION_KEY)) return null;
  const revisionAt = streamEnd + REVISION_KEY.length;
  const revisionEnd = skipDigits(buffer, revisionAt, limit);
  if (revisionEnd === revisionAt || revisionEnd >= limit || buffer[revisionEnd] !== 0x2c) return null;
  return {
    position: readInteger(buffer, positionAt, positionEnd),
    stream: buffer.toString('latin1', streamAt, streamEnd),
    revision: readInteger(buffer, revisionAt, revisionEnd),
  };
}

function skipDigits(buffer: Buffer, at: number, limit: number): number {
  let i = at;
  while (i < limit && (buffer[i] ?? 0) >= 0x30 && (buffer[i] ?? 0) <= 0x39) i++;
  return i;
}

/** The decimal digits in [at, end) as Number() reads them. */
function readInteger(buffer: Buffer, at: number, end: number): number {
  if (end - at > 15) return Number(buffer.toString('latin1', at, end)); // beyond exact sums
  let value = 0;
  for (let i = at; i < end; i++) value = value * 10 + ((buffer[i] ?? 0x30) - 0x30);
  return value;
}

/** Parses a record already checked by checkRecord. */
export function parseRecord(buffer: Buffer, start: number, end: number): LogRecord {
  const raw: unknown = JSON.parse(buffer.toString('utf8', start, end));
  if (!isLogRecord(raw)) throw new Error('the record does not have the fields of an event');
  return raw;
}

function isLogRecord(value: unknown): value is LogRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r.position === 'number' &&
    typeof r.stream === 'string' &&
    typeof r.revision === 'number' &&
    typeof r.id === 'string' &&
    typeof r.type === 'string' &&
    typeof r.schemaVersion === 'number' &&
    typeof r.recordedAt === 'string' &&
    typeof r.metadata === 'object' &&
    r.metadata !== null &&
    'data' in r
  );
}
