// One segment of the embedded log verified in a worker thread (see verifyEmbeddedLog):
// reports its progress now and then, and its SegmentResult at the end.
import { parentPort, workerData } from 'node:worker_threads';
import { verifySegment, type ByteRange } from './verify-log.js';

const { dataDir, range } = workerData as { dataDir: string; range: ByteRange };
const result = await verifySegment(dataDir, range, (progress) => parentPort?.postMessage({ progress }));
parentPort?.postMessage({ result });
