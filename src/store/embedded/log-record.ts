// One line of the embedded log: a JSON object that ends with a CRC-32 of everything
// before it, so an auditor can read the log with standard tools (jq, grep) and the
// store can tell a whole record from a torn or altered one.
//
//   {"position":1,"stream":"decision-…","revision":0,"id":"…","type":"…","schemaVersion":1,
//    "recordedAt":"…","data":{…},"metadata":{…},"checksum":"1a2b3c4d"}
import { crc32 } from 'node:zlib';
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

export function encodeRecord(record: LogRecord): Buffer {
  const body =
    `{"position":${record.position},"stream":${JSON.stringify(record.stream)},` +
    `"revision":${record.revision},"id":${JSON.stringify(record.id)},"type":${JSON.stringify(record.type)},` +
    `"schemaVersion":${record.schemaVersion},"recordedAt":${JSON.stringify(record.recordedAt)},` +
    `"data":${JSON.stringify(record.data)},"metadata":${JSON.stringify(record.metadata)}`;
  const bodyLength = Buffer.byteLength(body);
  const line = Buffer.allocUnsafe(bodyLength + TRAILER_LENGTH);
  line.write(body, 0, 'utf8');
  const checksum = crc32(line.subarray(0, bodyLength)).toString(16).padStart(8, '0');
  let at = bodyLength + TRAILER_START.copy(line, bodyLength);
  at += line.write(checksum, at, 'latin1');
  TRAILER_END.copy(line, at);
  return line;
}

/**
 * Checks the framing and checksum of the record in line[start, end), where end is
 * just past its newline. Returns null when whole, or why it is not.
 */
export function checkRecord(buffer: Buffer, start: number, end: number): string | null {
  const length = end - start;
  if (length <= TRAILER_LENGTH + 2) return 'the record is too short';
  const trailerAt = end - TRAILER_LENGTH;
  if (buffer.compare(TRAILER_START, 0, TRAILER_START.length, trailerAt, trailerAt + TRAILER_START.length) !== 0) {
    return 'the record has no checksum';
  }
  const endAt = end - TRAILER_END.length;
  if (buffer.compare(TRAILER_END, 0, TRAILER_END.length, endAt, end) !== 0) return 'the record is not closed';
  const stored = buffer.toString('latin1', trailerAt + TRAILER_START.length, endAt);
  const actual = crc32(buffer.subarray(start, trailerAt)).toString(16).padStart(8, '0');
  return stored === actual ? null : `its checksum is ${actual} where ${stored} was written`;
}

const HEADER = /^\{"position":(\d+),"stream":"([^"\\]*)","revision":(\d+),/;

/** Reads position, stream and revision without parsing the whole record (used when scanning at open). */
export function readRecordHeader(
  buffer: Buffer,
  start: number,
  end: number,
): { position: number; stream: string; revision: number } | null {
  const match = HEADER.exec(buffer.toString('latin1', start, Math.min(end, start + 320)));
  if (!match) return null;
  return { position: Number(match[1]), stream: match[2] ?? '', revision: Number(match[3]) };
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
