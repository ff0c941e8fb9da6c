// The in-memory index of the embedded log, rebuilt by scanning the file at open:
// where each position starts, and which positions make up each stream.
import type { FileHandle } from 'node:fs/promises';
import { StoreCorruptError } from '../../errors.js';
import { wholeLineChunks } from './line-chunks.js';
import { checkRecord, readRecordHeader } from './log-record.js';
import { lastWholeRecord, notATornWrite } from './torn-tail.js';

export class LogIndex {
  /** offsets[p - 1] is the byte offset of position p; offsets[head] is the end of the log. */
  #offsets = new Float64Array(1024);
  #head = 0;
  readonly streams = new Map<string, number[]>();

  get head(): number {
    return this.#head;
  }

  /** The byte length of the committed log. */
  get size(): number {
    return this.#offsets[this.#head] ?? 0;
  }

  offsetOf(position: number): number {
    return this.#offsets[position - 1] ?? this.size;
  }

  /** The stream's current revision, or -1 when it does not exist. */
  revisionOf(stream: string): number {
    return (this.streams.get(stream)?.length ?? 0) - 1;
  }

  add(stream: string, recordLength: number): number {
    const position = this.#head + 1;
    if (position + 1 >= this.#offsets.length) {
      const grown = new Float64Array(this.#offsets.length * 2);
      grown.set(this.#offsets);
      this.#offsets = grown;
    }
    this.#offsets[position] = this.size + recordLength;
    this.#head = position;
    let positions = this.streams.get(stream);
    if (!positions) this.streams.set(stream, (positions = []));
    positions.push(position);
    return position;
  }
}

export interface ScanResult {
  index: LogIndex;
  /** Bytes after the last whole record: a write torn by a crash, to be cut off (see torn-tail.ts). */
  tornBytes: number;
}

/**
 * Rebuilds the index from the log file, checking every record's checksum and that
 * positions and revisions follow on. The lines after the last whole record are a torn
 * tail only when a crash can have left them (see torn-tail.ts); anything else, a damaged
 * last line that ends in its newline included, is corruption: an error naming the place.
 */
export async function scanLog(file: string, handle: FileHandle, fileSize: number): Promise<ScanResult> {
  const index = new LogIndex();
  /** sequence: the line passed its checksum but is out of place, so it is corruption whatever follows. */
  let damage: { reason: string; sequence: boolean } | undefined;

  scan: for await (const { buffer, lineEnds } of wholeLineChunks(handle, { to: fileSize })) {
    let start = 0;
    for (const end of lineEnds) {
      const framing = checkRecord(buffer, start, end);
      const reason = framing ?? checkHeader(index, buffer, start, end);
      if (reason) {
        damage = { reason, sequence: framing === null };
        break scan;
      }
      const header = readRecordHeader(buffer, start, end);
      if (header) index.add(header.stream, end - start);
      start = end;
    }
  }

  // Damage always starts where the whole records end.
  const validEnd = index.size;
  const corrupt = (why: string) => new StoreCorruptError(file, validEnd, index.head + 1, `${why}; ${lastWholeRecord(index.head)}`);
  if (damage?.sequence) throw corrupt(damage.reason);
  const notTorn = validEnd < fileSize ? await notATornWrite(handle, validEnd, fileSize) : null;
  if (notTorn !== null) throw corrupt(damage ? `${damage.reason}; ${notTorn}` : notTorn);
  return { index, tornBytes: fileSize - validEnd };
}

function checkHeader(index: LogIndex, buffer: Buffer, start: number, end: number): string | null {
  const header = readRecordHeader(buffer, start, end);
  if (!header) return 'the record does not start with position, stream and revision';
  if (header.position !== index.head + 1) {
    return `position ${header.position} follows position ${index.head}`;
  }
  const expectedRevision = index.revisionOf(header.stream) + 1;
  if (header.revision !== expectedRevision) {
    return `stream ${header.stream} has revision ${header.revision} where ${expectedRevision} was due`;
  }
  return null;
}
