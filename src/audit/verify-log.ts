// `npm run verify` and GET /audit/verify. The embedded log is checked straight from
// its file (read-only, without taking the data folder's lock, so it works while the
// server runs): every record's checksum, then the chain. A big log is cut into
// segments verified in worker threads, one per core, which also leaves the server's
// event loop free; the segments are then joined in order. EventStoreDB is checked
// through the store port, which has no checksums of its own to offer.
import { availableParallelism } from 'node:os';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { startModuleWorker } from '../shared/module-worker.js';
import { LOG_FILE } from '../store/embedded/embedded-store.js';
import { checkRecord, parseRecord } from '../store/embedded/log-record.js';
import { wholeLineChunks } from '../store/embedded/line-chunks.js';
import { recordSpans } from '../store/embedded/record-spans.js';
import { notATornWrite } from '../store/embedded/torn-tail.js';
import type { EventStore } from '../store/event-store.js';
import { CHAIN_BREAK_STREAM } from './chain-break.js';
import { ChainVerifier, hashedLink, type HashedLink, type SegmentResult, type VerificationReport } from './chain-verifier.js';
import { storedContentHash } from './stored-event-hash.js';

export type ProgressListener = (done: number, total?: number) => void;

/** Bytes [from, to) of the log file; both at the start of a line (or the end of the file). */
export interface ByteRange {
  from: number;
  to: number;
}

/** Below this many bytes a segment is not worth a worker's start-up (tens of milliseconds). */
const SEGMENT_BYTES = 32 * 1024 * 1024;

export interface LogDamage {
  byteOffset: number;
  /** The position the damaged record should have had, counted from the start of the reading. */
  position: number;
  reason: string;
}

/** A link and where its record starts in the log file. */
export type PlacedLink = HashedLink & { byteOffset: number };

/**
 * Every record of the embedded log (or of a range of it) as the chain checks and
 * checkpoints need it, in file order, a chunk's worth at a time (a yield per record
 * would cost more than the hashing). A record in the shape the store writes is hashed
 * from its stored bytes; any other record, and any whose bytes do not give its hash, is
 * parsed and hashed the slow way (the verifier then says what is wrong). A record
 * failing its checksum ends the reading, after the records before it: onDamage is told,
 * unless the rest of the file is a torn tail, which the store would cut off at open
 * (see torn-tail.ts) and which is therefore not part of the log.
 */
export async function* embeddedLinks(dataDir: string, onDamage: (damage: LogDamage) => void, range?: ByteRange): AsyncGenerator<PlacedLink[]> {
  const handle = await open(join(dataDir, LOG_FILE), 'r');
  try {
    const { size } = await handle.stat();
    const to = range?.to ?? size;
    let lastPosition = 0;
    let wholeEnd = range?.from ?? 0;
    /** Judges [from, the end of the file): a damaged line is damage unless all from it on is a torn tail. */
    const judge = async (from: number, fileEnd: number, reason: string | null) => {
      const notTorn = await notATornWrite(handle, from, fileEnd);
      if (notTorn !== null) onDamage({ byteOffset: from, position: lastPosition + 1, reason: reason ? `${reason}; ${notTorn}` : notTorn });
    };
    for await (const { buffer, byteOffset, lineEnds } of wholeLineChunks(handle, { from: wholeEnd, to })) {
      const links: PlacedLink[] = [];
      let start = 0;
      for (const end of lineEnds) {
        const reason = checkRecord(buffer, start, end);
        if (reason) {
          yield links;
          // Judged to the end of the file, not of the range, so that every cut into segments gives one verdict.
          await judge(byteOffset + start, size, reason);
          return;
        }
        const link = storedLink(buffer, start, end, byteOffset + start);
        lastPosition = link.position;
        links.push(link);
        start = end;
      }
      wholeEnd = byteOffset + start;
      yield links;
    }
    // Only the last range ends in an unterminated line: a record whose newline was replaced is damage there too.
    if (wholeEnd < to) await judge(wholeEnd, to, null);
  } finally {
    await handle.close();
  }
}

function storedLink(buffer: Buffer, start: number, end: number, byteOffset: number): PlacedLink {
  const spans = recordSpans(buffer, start, end);
  // Acknowledgements of a broken link are few: parsed, so the verifier can read what they name.
  if (spans && spans.stream !== CHAIN_BREAK_STREAM) {
    const contentHash = storedContentHash(buffer, spans);
    if (contentHash === spans.hash) {
      const { position, stream, revision, hash, previousHash, recordedAt, coveredRecordedAt } = spans;
      return { position, stream, revision, hash, previousHash, recordedAt, coveredRecordedAt, contentHash, byteOffset };
    }
  }
  return { ...hashedLink(parseRecord(buffer, start, end)), byteOffset };
}

/** Feeds the records of the file (or of a range of it) to the verifier until the first broken place. */
async function feed(verifier: ChainVerifier, dataDir: string, range: ByteRange | undefined, onProgress?: ProgressListener): Promise<void> {
  let count = 0;
  try {
    for await (const links of embeddedLinks(dataDir, (damage) => verifier.damaged(damage.byteOffset, damage.reason), range)) {
      for (const link of links) {
        if (!verifier.addLink(link, () => link.contentHash)) {
          const broken = verifier.broken;
          if (broken) broken.byteOffset = link.byteOffset;
          return;
        }
      }
      count += links.length;
      onProgress?.(count);
    }
  } catch (err) {
    verifier.fail({ problem: `the log could not be read: ${err instanceof Error ? err.message : String(err)}` });
  }
}

/** Verifies one segment on its own, leaving how it joins the segments before it to ChainVerifier.absorb. */
export async function verifySegment(dataDir: string, range: ByteRange, onProgress?: ProgressListener): Promise<SegmentResult> {
  const verifier = new ChainVerifier({ contiguous: true, segment: true });
  await feed(verifier, dataDir, range, onProgress);
  return verifier.segmentResult();
}

export interface VerifyOptions {
  /** How many segments to cut the log into; by default one per core for a big log, one for a small one. */
  segments?: number;
  /** Verify the segments in worker threads (the default) or one after another in this thread (for tests). */
  threads?: boolean;
}

/** Checks the log straight from its file: checksums, positions, revisions and hash chains. */
export async function verifyEmbeddedLog(dataDir: string, onProgress?: ProgressListener, options: VerifyOptions = {}): Promise<VerificationReport> {
  const verifier = new ChainVerifier({ contiguous: true });
  let ranges: ByteRange[];
  try {
    ranges = await segmentRanges(dataDir, options.segments);
  } catch (err) {
    verifier.fail({ problem: `the log could not be read: ${err instanceof Error ? err.message : String(err)}` });
    return verifier.report();
  }
  const [only] = ranges;
  if (ranges.length === 1 && only) {
    await feed(verifier, dataDir, only, onProgress);
    return verifier.report();
  }
  const done = ranges.map(() => 0);
  const results = ranges.map((range, i) => {
    const progress = (count: number) => {
      done[i] = count;
      onProgress?.(done.reduce((a, b) => a + b, 0));
    };
    return options.threads === false ? verifySegment(dataDir, range, progress) : verifySegmentInWorker(dataDir, range, progress);
  });
  try {
    for (const result of results) {
      if (!verifier.absorb(await result)) break;
    }
  } catch (err) {
    verifier.fail({ problem: `the log could not be read: ${err instanceof Error ? err.message : String(err)}` });
  }
  await Promise.allSettled(results);
  return verifier.report();
}

/** Cuts the file into `count` ranges of about equal size, each starting at a line. */
async function segmentRanges(dataDir: string, count?: number): Promise<ByteRange[]> {
  const handle = await open(join(dataDir, LOG_FILE), 'r');
  try {
    const { size } = await handle.stat();
    const wanted = count ?? Math.min(availableParallelism(), Math.ceil(size / SEGMENT_BYTES));
    const starts = [0];
    for (let k = 1; k < wanted; k++) {
      const start = await nextLineStart(handle, Math.floor((size * k) / wanted), size);
      if (start > (starts.at(-1) ?? 0) && start < size) starts.push(start);
    }
    return starts.map((from, i) => ({ from, to: starts[i + 1] ?? size }));
  } finally {
    await handle.close();
  }
}

/** The first line start at or after `at` (just past a newline), or the file's size if there is none. */
async function nextLineStart(handle: Awaited<ReturnType<typeof open>>, at: number, size: number): Promise<number> {
  const buffer = Buffer.allocUnsafe(64 * 1024);
  for (let offset = Math.max(at - 1, 0); offset < size; offset += buffer.length) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
    const newline = buffer.subarray(0, bytesRead).indexOf(10);
    if (newline !== -1) return offset + newline + 1;
    if (bytesRead === 0) break;
  }
  return size;
}

function verifySegmentInWorker(dataDir: string, range: ByteRange, onProgress: ProgressListener): Promise<SegmentResult> {
  return new Promise((resolve, reject) => {
    const worker = startModuleWorker(import.meta.url, 'verify-worker', { dataDir, range });
    worker.on('message', (message: { progress?: number; result?: SegmentResult }) => {
      if (message.progress !== undefined) onProgress(message.progress);
      if (message.result) resolve(message.result);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the verification worker stopped with exit code ${code} before it answered`)));
  });
}

export async function verifyStore(store: EventStore, onProgress?: ProgressListener): Promise<VerificationReport> {
  const verifier = new ChainVerifier({ contiguous: store.kind === 'embedded' });
  let count = 0;
  try {
    for await (const event of store.readAll()) {
      if (!verifier.add(event)) break;
      if (onProgress && ++count % 10_000 === 0) onProgress(count);
    }
  } catch (err) {
    verifier.fail({ problem: `the log could not be read: ${err instanceof Error ? err.message : String(err)}` });
  }
  return verifier.report();
}
