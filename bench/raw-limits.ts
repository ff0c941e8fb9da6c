// What this machine can do without the store: the same bytes written and fdatasync'd in
// the same batches, and the same file split into lines and JSON.parse'd. The store's
// figures are compared with these.
import { closeSync, fdatasyncSync, openSync, readSync, rmSync, writeSync } from 'node:fs';

const CHUNK = 8 * 1024 * 1024;

export interface RawResult {
  events: number;
  seconds: number;
  eps: number;
}

/**
 * Byte offsets just after the first n lines of the file, for each n in `lineCounts`
 * (ascending; 0 gives offset 0).
 */
export function offsetsAfterLines(file: string, lineCounts: readonly number[]): number[] {
  const offsets: number[] = [];
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    let want = 0;
    let lines = 0;
    let fileOffset = 0;
    while (want < lineCounts.length && lineCounts[want] === 0) (offsets.push(0), want++);
    while (want < lineCounts.length) {
      const bytesRead = readSync(fd, buffer, 0, buffer.length, fileOffset);
      if (bytesRead === 0) throw new Error(`${file} has only ${lines} lines, ${lineCounts[want]} were expected`);
      let at = 0;
      while (want < lineCounts.length) {
        const newline = buffer.indexOf(10, at);
        if (newline === -1 || newline >= bytesRead) break;
        at = newline + 1;
        lines++;
        while (want < lineCounts.length && lineCounts[want] === lines) (offsets.push(fileOffset + at), want++);
      }
      fileOffset += bytesRead;
    }
  } finally {
    closeSync(fd);
  }
  return offsets;
}

/**
 * Copies lines (boundaries[i], boundaries[i + 1]] of `source` to a fresh `target` with one
 * write and one fdatasync per batch. Only the write and the fdatasync are timed.
 */
export function rawDurableWrites(source: string, target: string, boundaries: readonly number[]): RawResult {
  const offsets = offsetsAfterLines(source, boundaries);
  const src = openSync(source, 'r');
  const dst = openSync(target, 'w');
  let buffer = Buffer.allocUnsafe(1024 * 1024);
  let written = 0;
  let nanoseconds = 0n;
  try {
    for (let i = 0; i + 1 < offsets.length; i++) {
      const from = offsets[i] ?? 0;
      const length = (offsets[i + 1] ?? 0) - from;
      if (length > buffer.length) buffer = Buffer.allocUnsafe(length);
      readSync(src, buffer, 0, length, from);
      const start = process.hrtime.bigint();
      const bytesWritten = writeSync(dst, buffer, 0, length, written);
      fdatasyncSync(dst);
      nanoseconds += process.hrtime.bigint() - start;
      if (bytesWritten !== length) throw new Error(`short write to ${target}`);
      written += length;
    }
  } finally {
    closeSync(src);
    closeSync(dst);
    rmSync(target, { force: true });
  }
  const events = (boundaries[boundaries.length - 1] ?? 0) - (boundaries[0] ?? 0);
  const seconds = Number(nanoseconds) / 1e9;
  return { events, seconds, eps: events / seconds };
}

/** Reads the file in big chunks, splits it into lines and JSON.parses each one. */
export function rawReplay(file: string): RawResult {
  const start = process.hrtime.bigint();
  const fd = openSync(file, 'r');
  let buffer = Buffer.allocUnsafe(CHUNK);
  let carried = 0;
  let fileOffset = 0;
  let events = 0;
  let positions = 0; // uses every parsed record, so the parse cannot be skipped
  try {
    for (;;) {
      if (carried === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, carried);
        buffer = bigger;
      }
      const bytesRead = readSync(fd, buffer, carried, buffer.length - carried, fileOffset);
      if (bytesRead === 0) break;
      fileOffset += bytesRead;
      const end = carried + bytesRead;
      let at = 0;
      for (;;) {
        const newline = buffer.indexOf(10, at);
        if (newline === -1 || newline >= end) break;
        const record = JSON.parse(buffer.toString('utf8', at, newline)) as { position: number };
        positions += record.position;
        events++;
        at = newline + 1;
      }
      carried = end - at;
      buffer.copy(buffer, 0, at, end);
    }
  } finally {
    closeSync(fd);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (positions !== (events * (events + 1)) / 2) throw new Error(`${file} does not hold positions 1 to ${events}`);
  return { events, seconds, eps: events / seconds };
}
