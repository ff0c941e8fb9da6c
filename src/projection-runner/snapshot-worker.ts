// The background snapshot worker (see background-snapshots.ts): folds the embedded log
// into its own copy of every served projection, reading the file read-only from where
// it left off, and saves the changed states every interval, when asked, and at the end.
import { parentPort, workerData } from 'node:worker_threads';
import { servedProjections } from '../../projections/queries.js';
import { createRegistry } from '../registry.js';
import { readOnlyHeadPosition, recordsFrom } from '../store/embedded/read-only-log.js';
import { storedEventOf } from '../store/embedded/record-decoder.js';
import { ProjectionStates } from './projection-states.js';
import { fileSnapshotStore } from './snapshot-store.js';
import type { WorkerReply, WorkerRequest } from './background-snapshots.js';

const { dataDir, folder, intervalMs } = workerData as { dataDir: string; folder: string; intervalMs: number };
const registry = createRegistry();
const snapshots = fileSnapshotStore(folder);
const reply = (message: WorkerReply) => parentPort?.postMessage(message);

const states = await ProjectionStates.load(servedProjections, snapshots, await readOnlyHeadPosition(dataDir));
let nextByte = 0;
let foldedTo = states.oldestPosition;

/** Folds what was added since the last cycle (the first cycle reads from the start of the file) and saves. */
async function cycle(): Promise<void> {
  for await (const batch of recordsFrom(dataDir, nextByte, foldedTo)) {
    for (const record of batch.records) {
      states.fold(storedEventOf(record, registry));
      foldedTo = record.position;
    }
    nextByte = batch.nextByte;
  }
  await states.saveChanged(snapshots);
}

// One cycle at a time; a failed cycle is reported and the next one starts over from where the last good one ended.
let running: Promise<void> = Promise.resolve();
const runCycle = (): Promise<void> => {
  running = running.then(cycle).catch((err: unknown) => reply({ failed: err instanceof Error ? err.message : String(err) }));
  return running;
};

// Catch up at once (on this thread, beside the server's), then keep up every interval.
void runCycle();
const timer = setInterval(() => void runCycle(), intervalMs);
parentPort?.on('message', (message: WorkerRequest) => {
  if ('flush' in message) {
    void runCycle().then(() => reply({ flushed: message.flush }));
  } else {
    clearInterval(timer);
    void runCycle().then(() => {
      reply({ stopped: true });
      parentPort?.close();
    });
  }
});
reply({ ready: true });
