// One phase of the benchmark at one size, run in its own process (by run.ts) so that its
// peak RSS is its own: `node dist/bench/phase.js <phase> <dataDir> [events]`, where phase is
// append, reopen or replay (the store's own log), domain-log, fold, rebuild or verify (the
// realistic domain log, bench/domain-phases.ts), merkle-tree and consistency (the same log,
// bench/consistency-phase.ts), or http-log, http and restart (bench/http-phase.ts). The
// domain logs hold one decision per EVENTS_PER_DECISION events (1M events, 100,000 decisions).
// Progress goes to stderr; the result is the last line on stdout, as JSON.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_FILE, openEmbeddedStore, type EmbeddedStore } from '../src/store/embedded/embedded-store.js';
import { consistencyPhase, saveMerkleTree } from './consistency-phase.js';
import { buildDomainLog, foldPhase, rebuildPhase, verifyPhase } from './domain-phases.js';
import { httpPhase, restartPhase } from './http-phase.js';
import { logger, peakRssMb, progress, seconds } from './phase-support.js';
import { rawDurableWrites, rawReplay, type RawResult } from './raw-limits.js';
import {
  EVENTS_PER_DECISION,
  SINGLE_MAX_EVENTS,
  SINGLE_MAX_SECONDS,
  WRITERS,
  type AppendFigures,
  type AppendPhaseResult,
  type PhaseResult,
  type ReopenPhaseResult,
  type ReplayPhaseResult,
} from './phase-results.js';
import { benchRegistry, eventFactory, streamPlan } from './workload.js';

/** Heads of the log at the start of each batch the store writes, read through its clock. */
class BatchRecorder {
  readonly #heads: Promise<number>[] = [];
  store: EmbeddedStore | undefined;

  // The store asks its clock once per batch, just before writing it; headPosition()
  // reads the committed head synchronously, so each call marks where a batch began.
  readonly now = (): Date => {
    if (this.store) this.#heads.push(this.store.headPosition());
    return new Date();
  };

  mark(): number {
    return this.#heads.length;
  }

  /** Line counts that bound the batches written since the mark: [start, …, end]. */
  async boundariesSince(mark: number, end: number): Promise<number[]> {
    const heads = await Promise.all(this.#heads.slice(mark));
    return [...new Set([...heads, end])].sort((a, b) => a - b);
  }
}

function batchFigures(boundaries: readonly number[]): Pick<AppendFigures, 'batches' | 'meanBatch' | 'maxBatch'> {
  let maxBatch = 0;
  for (let i = 1; i < boundaries.length; i++) {
    maxBatch = Math.max(maxBatch, (boundaries[i] ?? 0) - (boundaries[i - 1] ?? 0));
  }
  const batches = boundaries.length - 1;
  const events = (boundaries[batches] ?? 0) - (boundaries[0] ?? 0);
  return { batches, meanBatch: events / batches, maxBatch };
}

async function writer(store: EmbeddedStore, seed: number, shouldContinue: (written: number) => boolean): Promise<number> {
  const nextEvent = eventFactory(seed);
  const nextPlace = streamPlan(seed);
  let written = 0;
  while (shouldContinue(written)) {
    const { stream, expectedRevision } = nextPlace();
    const result = await store.append(stream, [nextEvent()], { expectedRevision });
    const wanted = expectedRevision === 'no_stream' ? 0 : expectedRevision + 1;
    if (result.nextExpectedRevision !== wanted) throw new Error(`${stream} is at ${result.nextExpectedRevision}, not ${wanted}`);
    written++;
  }
  return written;
}

async function appendPhase(dataDir: string, size: number): Promise<AppendPhaseResult> {
  const recorder = new BatchRecorder();
  const store = await openEmbeddedStore({ dataDir, registry: benchRegistry(), logger, now: recorder.now });
  recorder.store = store;

  progress(`${WRITERS} writers append ${size.toLocaleString('en-GB')} events, 1 per append…`);
  const concurrentMark = recorder.mark();
  const concurrentStart = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: WRITERS }, (_, w) => {
      const quota = Math.floor(size / WRITERS) + (w < size % WRITERS ? 1 : 0);
      return writer(store, w + 1, (written) => written < quota);
    }),
  );
  const concurrentSeconds = seconds(concurrentStart);
  const concurrentEnd = await store.headPosition();
  const concurrentBoundaries = await recorder.boundariesSince(concurrentMark, concurrentEnd);

  progress(`1 writer appends for up to ${SINGLE_MAX_SECONDS} s or ${SINGLE_MAX_EVENTS.toLocaleString('en-GB')} events…`);
  const singleMark = recorder.mark();
  const singleStart = process.hrtime.bigint();
  const deadline = singleStart + BigInt(SINGLE_MAX_SECONDS * 1e9);
  const singleEvents = await writer(
    store,
    WRITERS + 1,
    (written) => written < SINGLE_MAX_EVENTS && process.hrtime.bigint() < deadline,
  );
  const singleSeconds = seconds(singleStart);
  const singleEnd = await store.headPosition();
  const singleBoundaries = await recorder.boundariesSince(singleMark, singleEnd);
  await store.close();
  const rssMb = peakRssMb(); // before the raw runs, which are not the store's

  progress('raw limit: the same bytes, the same batches, write + fdatasync on a plain file…');
  const file = join(dataDir, LOG_FILE);
  const rawFile = join(dataDir, 'raw-writes.bin');
  const concurrentRaw = rawDurableWrites(file, rawFile, concurrentBoundaries);
  const singleRaw = rawDurableWrites(file, rawFile, singleBoundaries);

  return {
    phase: 'append',
    concurrent: {
      events: concurrentEnd,
      seconds: concurrentSeconds,
      eps: concurrentEnd / concurrentSeconds,
      ...batchFigures(concurrentBoundaries),
      raw: concurrentRaw,
    },
    single: {
      events: singleEvents,
      seconds: singleSeconds,
      eps: singleEvents / singleSeconds,
      ...batchFigures(singleBoundaries),
      raw: singleRaw,
    },
    rssMb,
  };
}

async function reopenPhase(dataDir: string): Promise<ReopenPhaseResult> {
  const registry = benchRegistry();
  progress('open in a fresh process, close, open again…');
  const coldStart = process.hrtime.bigint();
  const first = await openEmbeddedStore({ dataDir, registry, logger });
  const coldOpenSeconds = seconds(coldStart);
  const events = await first.headPosition();
  await first.close();
  const reopenStart = process.hrtime.bigint();
  const second = await openEmbeddedStore({ dataDir, registry, logger });
  const reopenSeconds = seconds(reopenStart);
  await second.close();
  const fileMb = statSync(join(dataDir, LOG_FILE)).size / (1024 * 1024);
  return { phase: 'reopen', events, fileMb, coldOpenSeconds, reopenSeconds, rssMb: peakRssMb() };
}

/** Passes over the log, for the store and for the raw limit alike; the faster one counts. */
const REPLAY_PASSES = 2;

async function replayPhase(dataDir: string): Promise<ReplayPhaseResult> {
  const store = await openEmbeddedStore({ dataDir, registry: benchRegistry(), logger });
  let events = 0;
  let replaySeconds = Number.POSITIVE_INFINITY;
  for (let pass = 1; pass <= REPLAY_PASSES; pass++) {
    progress(`replay ${pass}/${REPLAY_PASSES}: for await (const e of store.readAll())…`);
    const start = process.hrtime.bigint();
    events = 0;
    for await (const event of store.readAll()) {
      if (event.position !== ++events) throw new Error(`position ${event.position} where ${events} was due`);
    }
    replaySeconds = Math.min(replaySeconds, seconds(start));
  }
  await store.close();
  const rssMb = peakRssMb();
  let raw: RawResult | undefined;
  for (let pass = 1; pass <= REPLAY_PASSES; pass++) {
    progress(`raw limit ${pass}/${REPLAY_PASSES}: big reads, line splitting and JSON.parse…`);
    const run = rawReplay(join(dataDir, LOG_FILE));
    if (run.events !== events) throw new Error(`the raw replay read ${run.events} events, the store ${events}`);
    if (!raw || run.seconds < raw.seconds) raw = run;
  }
  if (!raw) throw new Error('no raw replay ran');
  return { phase: 'replay', events, seconds: replaySeconds, eps: events / replaySeconds, raw, rssMb };
}

/** One log with both of the scales: so many events, and a decision for every EVENTS_PER_DECISION of them. */
const domainLogShape = (events: number) => ({ events, decisions: Math.max(1, Math.round(events / EVENTS_PER_DECISION)) });

async function main(): Promise<void> {
  const [phase, dataDir, sizeArg] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: phase.js <phase> <dataDir> [events]');
  let result: PhaseResult;
  if (phase === 'append') result = await appendPhase(dataDir, Number(sizeArg));
  else if (phase === 'reopen') result = await reopenPhase(dataDir);
  else if (phase === 'replay') result = await replayPhase(dataDir);
  else if (phase === 'domain-log') result = { phase, ...(await buildDomainLog(dataDir, domainLogShape(Number(sizeArg)))) };
  else if (phase === 'fold') result = await foldPhase(dataDir);
  else if (phase === 'rebuild') result = await rebuildPhase(dataDir);
  else if (phase === 'verify') result = await verifyPhase(dataDir);
  else if (phase === 'merkle-tree') result = await saveMerkleTree(dataDir);
  else if (phase === 'consistency') result = await consistencyPhase(dataDir);
  else if (phase === 'http-log') result = { phase, ...(await buildDomainLog(dataDir, domainLogShape(Number(sizeArg)))) };
  else if (phase === 'http') result = await httpPhase(dataDir);
  else if (phase === 'restart') result = await restartPhase(dataDir);
  else throw new Error(`unknown phase ${phase}`);
  process.stdout.write(JSON.stringify(result) + '\n');
}

await main();
