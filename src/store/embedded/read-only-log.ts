// The embedded log read straight from its file, for auditors' tools that run while the
// server holds the data folder: no lock is taken and nothing is ever written. Records
// are checked and decoded as the store does, and the end of the file is judged as the
// store judges it at open (torn-tail.ts): a torn tail, such as a last line that is not
// yet whole (a write in progress, or torn by a crash), is not yet part of the log.
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreCorruptError } from '../../errors.js';
import type { EventRegistry } from '../../events/event-registry.js';
import type { StoredEvent } from '../../events/event.js';
import { LOG_FILE } from './embedded-store.js';
import { wholeLineChunks } from './line-chunks.js';
import { checkRecord, parseRecord, readRecordHeader, type LogRecord } from './log-record.js';
import { storedEventOf } from './record-decoder.js';
import { lastWholeRecord, notATornWrite } from './torn-tail.js';

export interface ReadOnlyOptions {
  /** Exclusive: events after this position. */
  after?: number;
  /** Only this stream's events (others are skipped before they are parsed). */
  stream?: string;
}

const TAIL = 64 * 1024;

/** The log's events in order, decoded and upcast through the registry like the store's readAll. */
export async function* readAllReadOnly(
  dataDir: string,
  registry: EventRegistry,
  options: ReadOnlyOptions = {},
): AsyncGenerator<StoredEvent> {
  for await (const record of readRecordsReadOnly(dataDir, options)) yield storedEventOf(record, registry);
}

/**
 * The log's records as they are stored (not upcast: what the hash chain covers), in order.
 * The end of the file is judged as the store judges it at open (see torn-tail.ts): a torn
 * tail is not yet part of the log (it may be a write in progress); any other damage, a
 * damaged last line that ends in its newline included, is corruption, an error naming the place.
 */
export async function* readRecordsReadOnly(dataDir: string, options: ReadOnlyOptions = {}): AsyncGenerator<LogRecord> {
  const file = join(dataDir, LOG_FILE);
  const handle = await openIfExists(file);
  if (!handle) return;
  try {
    const { size } = await handle.stat();
    const after = options.after ?? 0;
    let lastPosition = 0;
    /** Where the whole, checked records end: the first damaged line, or the unterminated tail, starts here. */
    let wholeEnd = 0;
    let damage: string | null = null;
    for await (const { buffer, start, end, byteOffset } of wholeLines(handle, size)) {
      damage = checkRecord(buffer, start, end);
      if (damage) break;
      const header = readRecordHeader(buffer, start, end);
      if (!header) throw new StoreCorruptError(file, byteOffset, lastPosition + 1, 'the record does not start with position, stream and revision');
      if (header.position !== lastPosition + 1) {
        throw new StoreCorruptError(file, byteOffset, lastPosition + 1, `position ${header.position} follows position ${lastPosition}`);
      }
      lastPosition = header.position;
      wholeEnd = byteOffset + end - start;
      if (header.position <= after || (options.stream !== undefined && header.stream !== options.stream)) continue;
      yield parseRecord(buffer, start, end);
    }
    const notTorn = wholeEnd < size ? await notATornWrite(handle, wholeEnd, size) : null;
    if (notTorn !== null) {
      const why = damage ? `${damage}; ${notTorn}` : notTorn;
      throw new StoreCorruptError(file, wholeEnd, lastPosition + 1, `${why}; ${lastWholeRecord(lastPosition)}`);
    }
  } finally {
    await handle.close();
  }
}

/**
 * The position of the last whole record, read from the end of the file (0 for an empty or missing log).
 * What follows that record is judged as the store judges it at open: a torn tail is passed
 * over, other damage is corruption (an error naming the place).
 */
export async function readOnlyHeadPosition(dataDir: string): Promise<number> {
  const file = join(dataDir, LOG_FILE);
  const handle = await openIfExists(file);
  if (!handle) return 0;
  try {
    const { size } = await handle.stat();
    const { position, end } = await lastWholeRecordIn(handle, size);
    const notTorn = end < size ? await notATornWrite(handle, end, size) : null;
    if (notTorn !== null) throw new StoreCorruptError(file, end, position + 1, `${notTorn}; ${lastWholeRecord(position)}`);
    return position;
  } finally {
    await handle.close();
  }
}

/** The last line of the file's first `size` bytes that is a whole record: its position and where it ends (0 and 0 for none). */
async function lastWholeRecordIn(handle: FileHandle, size: number): Promise<{ position: number; end: number }> {
  for (let window = Math.min(TAIL, size); window > 0; window = Math.min(window * 2, size)) {
    const buffer = Buffer.allocUnsafe(window);
    const windowStart = size - window;
    const { bytesRead } = await handle.read(buffer, 0, window, windowStart);
    const fromFileStart = window === size;
    // Walk back over whole lines: the one after the last newline may still be being written.
    let end = buffer.lastIndexOf(10, bytesRead - 1) + 1;
    while (end > 0) {
      const newlineBefore = end >= 2 ? buffer.lastIndexOf(10, end - 2) : -1;
      if (newlineBefore === -1 && !fromFileStart) break; // the line may begin before the window
      const start = newlineBefore + 1;
      if (checkRecord(buffer, start, end) === null) {
        const header = readRecordHeader(buffer, start, end);
        if (header) return { position: header.position, end: windowStart + end };
      }
      end = start;
    }
    if (fromFileStart) break;
  }
  return { position: 0, end: 0 };
}

async function openIfExists(file: string): Promise<FileHandle | undefined> {
  try {
    return await open(file, 'r');
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return undefined;
    throw err;
  }
}

interface Line {
  /** Valid only until the next line is asked for. */
  buffer: Buffer;
  start: number;
  /** Just past the newline. */
  end: number;
  byteOffset: number;
}

/** Every newline-terminated line of the file's first `size` bytes; an unterminated last line is left out. */
async function* wholeLines(handle: FileHandle, size: number): AsyncGenerator<Line> {
  for await (const { buffer, byteOffset, lineEnds } of wholeLineChunks(handle, { to: size })) {
    let start = 0;
    for (const end of lineEnds) {
      yield { buffer, start, end, byteOffset: byteOffset + start };
      start = end;
    }
  }
}
