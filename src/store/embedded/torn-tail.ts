// What may be cut from the end of the log as a write torn by a crash, and what is damage.
// The store (and every reader: read-only-log.ts, the verifier) judges the end of the file here.
//
// Each batch is one write() and is acknowledged only after its fdatasync, so after the last
// acknowledged record a crash can leave only what an unfinished write leaves:
//  - a prefix of the batch: whole records, then an unterminated line. A prefix that ends just
//    after a newline ends in a whole record, so a torn write never ends in a damaged whole line;
//  - blocks the filesystem had not yet written, read back as zero bytes (a hole). No record
//    holds a zero byte (JSON escapes control characters), and a hole is a whole disk block.
// So the tail from the first damaged line on is torn, and may be cut, only when each of its
// lines is a hole, save an unterminated last line. A newline-terminated line that fails its
// checks without being a hole was written whole and changed since: corruption. So is any
// line after a hole: a block lost in the middle of the log looks the same, and the records
// after it may have been acknowledged, so they are never cut.
import type { FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { trailerWithoutNewline, TRAILER_LENGTH } from './log-record.js';

/** Zero bytes in a row that make a hole: a disk sector, the least a filesystem leaves unwritten. */
const HOLE_BYTES = 512;
const CHUNK = 1024 * 1024;
const NEWLINE = 10;

/**
 * Why the bytes [from, size) of the log, which start at a line, are not a write torn by a
 * crash; null when they are (and may be cut off, or left out by a reader).
 */
export async function notATornWrite(handle: FileHandle, from: number, size: number): Promise<string | null> {
  const buffer = Buffer.allocUnsafe(CHUNK);
  let lineStart = from;
  let zeroRun = 0;
  let longestZeroRun = 0;
  let onlyZeros = true;
  let offset = from;
  while (offset < size) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - offset), offset);
    if (bytesRead === 0) return null; // cut back while we read: nothing left to judge
    let at = 0;
    while (at < bytesRead) {
      const newline = buffer.indexOf(NEWLINE, at);
      const stop = newline === -1 || newline >= bytesRead ? bytesRead : newline;
      // Zero runs, found by native search: a line of text has none and costs one indexOf.
      for (let zero = buffer.indexOf(0, at); zero !== -1 && zero < stop; zero = buffer.indexOf(0, zero + 1)) {
        zeroRun = zero === at || buffer[zero - 1] === 0 ? zeroRun + 1 : 1;
        if (zeroRun > longestZeroRun) longestZeroRun = zeroRun;
      }
      if (onlyZeros && !allZero(buffer, at, stop)) onlyZeros = false;
      if (stop > at && buffer[stop - 1] !== 0) zeroRun = 0;
      if (stop === bytesRead) break;
      const lineEnd = offset + stop + 1;
      const length = lineEnd - lineStart - 1;
      const hole = longestZeroRun >= HOLE_BYTES || (onlyZeros && length > 0);
      if (!hole) {
        return lineStart === from
          ? 'it ends in a newline, so it was written whole and changed since: a crash does not leave that'
          : `zero bytes stand where records should be, and a whole line follows them at byte ${lineStart}, which may have been acknowledged`;
      }
      lineStart = lineEnd;
      zeroRun = 0;
      longestZeroRun = 0;
      onlyZeros = true;
      at = stop + 1;
    }
    offset += bytesRead;
  }
  if (lineStart < size && (await isRecordWithReplacedNewline(handle, lineStart, size))) {
    return 'the last record is whole but for its newline, which another byte replaced: a crash does not leave that';
  }
  return null;
}

/** Names the last record before damage, so whoever reads the error knows what is still good. */
export function lastWholeRecord(position: number): string {
  return position > 0 ? `the last whole record before it is position ${position}` : 'no whole record comes before it';
}

function allZero(buffer: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buffer[i] !== 0) return false;
  return true;
}

/**
 * True when the unterminated line [start, size) is a whole record whose newline was replaced:
 * a record's trailer, its checksum right, and one byte more. A torn write leaves a prefix of
 * what was written, and no prefix ends like that (but by a 1 in 2^32 chance).
 */
async function isRecordWithReplacedNewline(handle: FileHandle, start: number, size: number): Promise<boolean> {
  if (size - start <= TRAILER_LENGTH) return false;
  const trailer = Buffer.allocUnsafe(TRAILER_LENGTH);
  const trailerAt = size - TRAILER_LENGTH;
  await handle.read(trailer, 0, TRAILER_LENGTH, trailerAt);
  const checksum = trailerWithoutNewline(trailer);
  if (checksum === undefined) return false;
  const buffer = Buffer.allocUnsafe(Math.min(CHUNK, trailerAt - start));
  let crc = 0;
  for (let offset = start; offset < trailerAt; ) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, trailerAt - offset), offset);
    if (bytesRead === 0) return false;
    crc = crc32(buffer.subarray(0, bytesRead), crc);
    offset += bytesRead;
  }
  return crc === checksum;
}
