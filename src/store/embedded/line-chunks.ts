// The one way the embedded log is read in bulk: whole lines (each a record), a big read
// at a time. The store's open scan, its range reads, the read-only readers and the verifier
// all go through it; what an unterminated or damaged
// end means is judged separately, in one place (torn-tail.ts).
import type { FileHandle } from 'node:fs/promises';

const CHUNK = 8 * 1024 * 1024;
const NEWLINE = 10;

/** Whole lines of the log file: line i runs from lineEnds[i - 1] (or 0) to lineEnds[i], its newline included. */
export interface LineChunk {
  /** Valid only until the next chunk is asked for. */
  buffer: Buffer;
  /** Where buffer[0] lies in the file. */
  byteOffset: number;
  lineEnds: number[];
}

export interface LineRange {
  /** A line start; the file's start when left out. */
  from?: number;
  /** The file's size when reading began, when left out. */
  to?: number;
  /** How much to read at once (a line longer than that is read whole all the same). */
  chunkBytes?: number;
}

/**
 * The file (or the bytes [from, to) of it, which must start at a line) in big reads, cut
 * after its last whole line, as it was when reading began: an unterminated last line (a
 * write in progress, or torn) is left out. A chunk at a time, for readers that go
 * through every record and would pay for a yield per line.
 */
export async function* wholeLineChunks(handle: FileHandle, range: LineRange = {}): AsyncGenerator<LineChunk> {
  const size = range.to ?? (await handle.stat()).size;
  let buffer = Buffer.allocUnsafe(range.chunkBytes ?? CHUNK);
  let byteOffset = range.from ?? 0;
  while (byteOffset < size) {
    const want = Math.min(buffer.length, size - byteOffset);
    const { bytesRead } = await handle.read(buffer, 0, want, byteOffset);
    if (bytesRead === 0) return; // the file was cut back while we read
    const lineEnds: number[] = [];
    for (let newline = buffer.indexOf(NEWLINE); newline !== -1 && newline < bytesRead; newline = buffer.indexOf(NEWLINE, newline + 1)) {
      lineEnds.push(newline + 1);
    }
    const whole = lineEnds.at(-1) ?? 0;
    if (whole === 0) {
      // The rest is an unterminated line (or the file was cut back while we read).
      if (bytesRead < want || byteOffset + bytesRead >= size) return;
      buffer = Buffer.allocUnsafe(buffer.length * 2); // one line longer than the buffer
      continue;
    }
    yield { buffer, byteOffset, lineEnds };
    byteOffset += whole;
  }
}
