// `npm run verify` and GET /audit/verify. The embedded log is checked straight from
// its file (read-only, without taking the data folder's lock, so it works while the
// server runs): every record's checksum, then the chain. EventStoreDB is checked
// through the store port, which has no checksums of its own to offer.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { LOG_FILE } from '../store/embedded/embedded-store.js';
import { checkRecord, parseRecord } from '../store/embedded/log-record.js';
import type { EventStore } from '../store/event-store.js';
import { ChainVerifier, type VerifiableEvent, type VerificationReport } from './chain-verifier.js';

export type ProgressListener = (done: number, total?: number) => void;

const CHUNK = 8 * 1024 * 1024;

/** Reads the embedded log file record by record, as raw records (not upcast), in file order. */
export async function* readLogFile(
  dataDir: string,
  onDamage: (place: { byteOffset: number; position: number; problem: string }) => void,
): AsyncGenerator<VerifiableEvent & { byteOffset: number }> {
  const handle = await open(join(dataDir, LOG_FILE), 'r');
  try {
    const { size } = await handle.stat();
    let buffer = Buffer.allocUnsafe(CHUNK);
    let offset = 0;
    let lastPosition = 0;
    while (offset < size) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - offset), offset);
      let start = 0;
      for (;;) {
        const newline = buffer.indexOf(10, start);
        if (newline === -1 || newline >= bytesRead) break;
        const end = newline + 1;
        const damage = checkRecord(buffer, start, end);
        if (damage) {
          onDamage({ byteOffset: offset + start, position: lastPosition + 1, problem: `the record after position ${lastPosition} fails its checksum (${damage})` });
          return;
        }
        const record = parseRecord(buffer, start, end);
        lastPosition = record.position;
        yield { ...record, byteOffset: offset + start };
        start = end;
      }
      if (start === 0) {
        if (bytesRead < buffer.length) return; // an unterminated last line: a write in progress or torn
        buffer = Buffer.allocUnsafe(buffer.length * 2);
        continue;
      }
      offset += start;
    }
  } finally {
    await handle.close();
  }
}

export async function verifyEmbeddedLog(dataDir: string, onProgress?: ProgressListener): Promise<VerificationReport> {
  const verifier = new ChainVerifier({ contiguous: true });
  let count = 0;
  try {
    for await (const record of readLogFile(dataDir, (place) => verifier.fail(place))) {
      if (!verifier.add(record)) {
        const broken = verifier.broken;
        if (broken) broken.byteOffset = record.byteOffset;
        break;
      }
      if (onProgress && ++count % 10_000 === 0) onProgress(count);
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
