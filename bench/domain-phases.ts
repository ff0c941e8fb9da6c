// The phases over the realistic domain log: build it (setup), fold every projection the
// app runs without the runner (the raw limit), rebuild them with the real ProjectionRunner
// and snapshots as the app keeps them, and verify the hash chains.
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { servedProjections } from '../projections/queries.js';
import { verifyEmbeddedLog } from '../src/audit/verify-log.js';
import { ProjectionRunner } from '../src/projection-runner/projection-runner.js';
import { fileSnapshotStore, type SnapshotStore } from '../src/projection-runner/snapshot-store.js';
import { createRegistry } from '../src/registry.js';
import { LOG_FILE, openEmbeddedStore } from '../src/store/embedded/embedded-store.js';
import { writeDomainLog, type DomainLogOptions } from './domain-workload.js';
import {
  REBUILD_LIMIT_SECONDS,
  type DomainLogFigures,
  type FoldPhaseResult,
  type RebuildPhaseResult,
  type SnapshotFigures,
  type VerifyPhaseResult,
} from './phase-results.js';
import { logger, peakRssMb, progress, seconds } from './phase-support.js';
import { rawReplay } from './raw-limits.js';
import { countSlowPath } from './slow-path.js';

/** Where the HTTP phase finds the decisions it may read and add views to. */
export const DECISION_IDS_FILE = 'bench-decision-ids.json';

export async function buildDomainLog(dataDir: string, options: DomainLogOptions): Promise<DomainLogFigures> {
  const registry = createRegistry();
  const store = await openEmbeddedStore({ dataDir, registry, logger });
  const wanted = options.events ? `${options.events.toLocaleString('en-GB')} events` : `${(options.decisions ?? 0).toLocaleString('en-GB')} decisions`;
  progress(`setup: a realistic domain log of ${wanted}, decided, chained and appended in large batches…`);
  const start = process.hrtime.bigint();
  let reported = 0;
  const log = await writeDomainLog(store, registry, options, (events) => {
    if (events - reported >= 100_000) {
      reported = events;
      progress(`  ${events.toLocaleString('en-GB')} events`);
    }
  });
  const setupSeconds = seconds(start);
  await store.close();
  writeFileSync(join(dataDir, DECISION_IDS_FILE), JSON.stringify(log.openDecisionIds));
  return {
    events: log.events,
    decisions: log.decisions,
    people: log.people,
    fileMb: statSync(join(dataDir, LOG_FILE)).size / 2 ** 20,
    meanDataBytes: log.meanDataBytes,
    seconds: setupSeconds,
  };
}

export async function foldPhase(dataDir: string): Promise<FoldPhaseResult> {
  const store = await openEmbeddedStore({ dataDir, registry: createRegistry(), logger });
  progress('readAll alone…');
  let start = process.hrtime.bigint();
  let events = 0;
  for await (const event of store.readAll()) {
    if (event.position !== ++events) throw new Error(`position ${event.position} where ${events} was due`);
  }
  const readSeconds = seconds(start);

  progress(`readAll, folding each event into the ${servedProjections.length} projections the app runs (no runner, no snapshots)…`);
  const folds = servedProjections.map((projection) => ({ projection, state: projection.initialState() }));
  start = process.hrtime.bigint();
  let folded = 0;
  for await (const event of store.readAll()) {
    for (const fold of folds) {
      const prefixes = fold.projection.streamPrefixes;
      if (!prefixes || prefixes.some((p) => event.stream.startsWith(p))) fold.state = fold.projection.evolve(fold.state, event);
    }
    folded++;
  }
  const foldSeconds = seconds(start);
  await store.close();
  if (folded !== events) throw new Error(`the fold read ${folded} events, readAll ${events}`);
  return { phase: 'fold', events, readSeconds, foldSeconds, foldEps: events / foldSeconds, rssMb: peakRssMb() };
}

/** The file snapshot store the app uses, timing each save (the runner awaits them one by one). */
function timedSnapshots(folder: string): { snapshots: SnapshotStore; figures: SnapshotFigures } {
  const files = fileSnapshotStore(folder);
  const figures: SnapshotFigures = { saves: 0, seconds: 0, failures: 0, bytes: {} };
  const snapshots: SnapshotStore = {
    load: (name) => files.load(name),
    async save(name, snapshot) {
      const start = process.hrtime.bigint();
      try {
        await files.save(name, snapshot);
        // fileSnapshotStore keeps <name>.json in its folder.
        figures.bytes[name] = statSync(join(folder, `${name}.json`)).size;
      } catch (err) {
        figures.failures++;
        figures.firstFailure ??= `${name}: ${err instanceof Error ? err.message : String(err)}`;
        throw err;
      } finally {
        figures.saves++;
        figures.seconds += seconds(start);
      }
    },
  };
  return { snapshots, figures };
}

export async function rebuildPhase(dataDir: string): Promise<RebuildPhaseResult> {
  const store = await openEmbeddedStore({ dataDir, registry: createRegistry(), logger });
  const events = await store.headPosition();
  const folder = join(dataDir, 'rebuild-projections');
  rmSync(folder, { recursive: true, force: true });
  const { snapshots, figures } = timedSnapshots(folder);
  const runner = new ProjectionRunner({ store, projections: servedProjections, snapshots, logger });

  progress(`the ProjectionRunner catches up from 0 with the ${servedProjections.length} projections the app runs, snapshots in ${folder}…`);
  const start = process.hrtime.bigint();
  await runner.start();
  const caughtUp = await runner.waitFor(events, REBUILD_LIMIT_SECONDS * 1000);
  const rebuildSeconds = seconds(start);
  const position = runner.position;
  if (!caughtUp) progress(`not caught up after ${REBUILD_LIMIT_SECONDS} s: at ${position.toLocaleString('en-GB')} of ${events.toLocaleString('en-GB')}`);

  // Measured after the rebuild, so it does not slow it: the share of a save that is serialising.
  progress('one JSON.stringify of every projection state…');
  let serialiseSeconds: number | null = null;
  let serialiseError: string | undefined;
  const serialiseStart = process.hrtime.bigint();
  try {
    for (const projection of servedProjections) JSON.stringify(runner.state(projection));
    serialiseSeconds = seconds(serialiseStart);
  } catch (err) {
    serialiseError = err instanceof Error ? err.message : String(err);
  }

  progress('runner.stop(): the last save of every projection…');
  const duringRebuild = structuredClone(figures);
  const stopStart = process.hrtime.bigint();
  await runner.stop();
  const stopSeconds = seconds(stopStart);
  await store.close();
  rmSync(folder, { recursive: true, force: true });
  return {
    phase: 'rebuild',
    events,
    caughtUp,
    position,
    seconds: rebuildSeconds,
    eps: position / rebuildSeconds,
    snapshots: duringRebuild,
    stopSeconds,
    serialiseSeconds,
    ...(serialiseError ? { serialiseError } : {}),
    rssMb: peakRssMb(),
  };
}

export async function verifyPhase(dataDir: string): Promise<VerifyPhaseResult> {
  progress('verifyEmbeddedLog: every checksum, hash chain and position…');
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const report = await verifyEmbeddedLog(dataDir);
  const verifySeconds = seconds(start);
  const cpu = process.cpuUsage(cpuStart);
  if (!report.ok) progress(report.summary);
  const rssMb = peakRssMb();
  progress('raw limit: big reads, line splitting and JSON.parse of the same file…');
  const raw = rawReplay(join(dataDir, LOG_FILE));
  progress('records verify parses instead of hashing their stored bytes…');
  const slowPath = await countSlowPath(dataDir);
  if (slowPath.unrecognised + slowPath.hashDiffers > 0) progress(`  ${slowPath.unrecognised} not in the written shape, ${slowPath.hashDiffers} whose stored bytes give another hash`);
  return { phase: 'verify', events: report.events, ok: report.ok && report.unchained === 0, seconds: verifySeconds, eps: report.events / verifySeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, raw, slowPath, rssMb };
}
