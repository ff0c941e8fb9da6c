// `npm run verify` and GET /audit/verify. The embedded log is checked straight from
// its file (read-only, without taking the data folder's lock, so it works while the
// server runs): every record's checksum, then the chain. EventStoreDB is checked
// through the store port, which has no checksums of its own to offer.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { LOG_FILE } from '../store/embedded/embedded-store.js';
import { checkRecord, parseRecord } from '../store/embedded/log-record.js';
import { wholeLineChunks, type LineChunk } from '../store/embedded/read-only-log.js';
import { recordSpans } from '../store/embedded/record-spans.js';
import type { EventStore } from '../store/event-store.js';
import { ChainVerifier, hashedLink, type HashedLink, type VerificationReport } from './chain-verifier.js';
import { storedContentHash } from './stored-event-hash.js';

export type ProgressListener = (done: number, total?: number) => void;

/** The log file's whole lines a chunk at a time (see wholeLineChunks). */
async function* logChunks(dataDir: string): AsyncGenerator<LineChunk> {
  const handle = await open(join(dataDir, LOG_FILE), 'r');
  try {
    yield* wholeLineChunks(handle);
  } finally {
    await handle.close();
  }
}

export interface LogDamage {
  byteOffset: number;
  position: number;
  problem: string;
}

/** A link and where its record starts in the log file. */
export type PlacedLink = HashedLink & { byteOffset: number };

/**
 * Every record of the embedded log as the chain checks and checkpoints need it, in file
 * order, a chunk's worth at a time (a yield per record would cost more than the hashing).
 * A record in the shape the store writes is hashed from its stored bytes; any other
 * record, and any whose bytes do not give its hash, is parsed and hashed the slow way
 * (the verifier then says what is wrong). A record failing its checksum ends the
 * reading, after the records before it: onDamage is told where.
 */
export async function* embeddedLinks(dataDir: string, onDamage: (damage: LogDamage) => void): AsyncGenerator<PlacedLink[]> {
  let lastPosition = 0;
  for await (const { buffer, byteOffset, lineEnds } of logChunks(dataDir)) {
    const links: PlacedLink[] = [];
    let start = 0;
    for (const end of lineEnds) {
      const damage = checkRecord(buffer, start, end);
      if (damage) {
        yield links;
        onDamage({ byteOffset: byteOffset + start, position: lastPosition + 1, problem: `the record after position ${lastPosition} fails its checksum (${damage})` });
        return;
      }
      const link = storedLink(buffer, start, end, byteOffset + start);
      lastPosition = link.position;
      links.push(link);
      start = end;
    }
    yield links;
  }
}

function storedLink(buffer: Buffer, start: number, end: number, byteOffset: number): PlacedLink {
  const spans = recordSpans(buffer, start, end);
  if (spans) {
    const contentHash = storedContentHash(buffer, spans);
    if (contentHash === spans.hash) {
      const { position, stream, revision, hash, previousHash } = spans;
      return { position, stream, revision, hash, previousHash, contentHash, byteOffset };
    }
  }
  return { ...hashedLink(parseRecord(buffer, start, end)), byteOffset };
}

/** Checks the log straight from its file: checksums, positions, revisions and hash chains. */
export async function verifyEmbeddedLog(dataDir: string, onProgress?: ProgressListener): Promise<VerificationReport> {
  const verifier = new ChainVerifier({ contiguous: true });
  let count = 0;
  try {
    for await (const links of embeddedLinks(dataDir, (damage) => verifier.fail(damage))) {
      for (const link of links) {
        if (!verifier.addLink(link, () => link.contentHash)) {
          const broken = verifier.broken;
          if (broken) broken.byteOffset = link.byteOffset;
          return verifier.report();
        }
        if (onProgress && ++count % 10_000 === 0) onProgress(count);
      }
    }
  } catch (err) {
    verifier.fail({ problem: `the log could not be read: ${err instanceof Error ? err.message : String(err)}` });
  }
  return verifier.report();
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
