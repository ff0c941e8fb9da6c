// How many records verify cannot hash from their stored bytes (src/audit/verify-log.ts,
// storedLink): those it parses and re-serialises instead, several times slower. A log the
// store wrote itself should have none but the acknowledgements of broken links.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { CHAIN_BREAK_STREAM } from '../src/audit/chain-break.js';
import { storedContentHash } from '../src/audit/stored-event-hash.js';
import { LOG_FILE } from '../src/store/embedded/embedded-store.js';
import { wholeLineChunks } from '../src/store/embedded/line-chunks.js';
import { recordSpans } from '../src/store/embedded/record-spans.js';
import type { SlowPathCount } from './phase-results.js';

export async function countSlowPath(dataDir: string): Promise<SlowPathCount> {
  const count: SlowPathCount = { records: 0, unrecognised: 0, hashDiffers: 0, chainBreaks: 0 };
  const handle = await open(join(dataDir, LOG_FILE), 'r');
  try {
    for await (const { buffer, lineEnds } of wholeLineChunks(handle)) {
      let start = 0;
      for (const end of lineEnds) {
        count.records++;
        const spans = recordSpans(buffer, start, end);
        if (!spans) count.unrecognised++;
        else if (spans.stream === CHAIN_BREAK_STREAM) count.chainBreaks++;
        else if (storedContentHash(buffer, spans) !== spans.hash) count.hashDiffers++;
        start = end;
      }
    }
  } finally {
    await handle.close();
  }
  return count;
}
