// The phases over the realistic domain log: build it (setup), fold every projection the
// app runs without the runner (the raw limit), rebuild them with the real ProjectionRunner
// into an empty read-model database (LMDB) as the app keeps them, and verify the hash chains.
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inMemoryState, reads } from '../projections/projection.js';
import { servedProjections } from '../projections/queries.js';
import { verifyEmbeddedLog } from '../src/audit/verify-log.js';
import { ProjectionRunner } from '../src/projection-runner/projection-runner.js';
import { READ_MODELS_FOLDER } from '../src/read-models/read-model-database.js';
import { PersonKeys } from '../src/privacy/person-keys.js';
import { createRegistry } from '../src/registry.js';
import { LOG_FILE, openEmbeddedStore } from '../src/store/embedded/embedded-store.js';
import { writeDomainLog, type DomainLogOptions } from './domain-workload.js';
import {
  REBUILD_LIMIT_SECONDS,
  type DomainLogFigures,
  type FoldPhaseResult,
  type RebuildPhaseResult,
  type VerifyPhaseResult,
} from './phase-results.js';
import { logger, MemorySampler, peakRssMb, progress, seconds } from './phase-support.js';
import { rawReplay } from './raw-limits.js';
import { countSlowPath } from './slow-path.js';

/** Where the HTTP phase finds the decisions it may read and add views to. */
export const DECISION_IDS_FILE = 'bench-decision-ids.json';
/** And the people with a kept key, those named in the most decisions first, for subject access. */
export const SUBJECT_PEOPLE_FILE = 'bench-subject-people.json';

/** People whose keys are kept (in DATA_DIR/keys, as the server keeps them), among whom subject access is asked about. */
const KEYED_PEOPLE = 20;

export async function buildDomainLog(dataDir: string, options: DomainLogOptions): Promise<DomainLogFigures> {
  const registry = createRegistry();
  const store = await openEmbeddedStore({ dataDir, registry, logger });
  // A real key (made durably, as the server makes one) only for the first people of the register: thousands of fsyncs would be setup time for nothing.
  const keys = await PersonKeys.open(join(dataDir, 'keys'));
  const keyed = new Set<string>();
  const personKey = (personId: string, index: number) => {
    if (index >= KEYED_PEOPLE) return undefined;
    keyed.add(personId);
    return keys.create(personId);
  };
  const wanted = options.events ? `${options.events.toLocaleString('en-GB')} events` : `${(options.decisions ?? 0).toLocaleString('en-GB')} decisions`;
  progress(`setup: a realistic domain log of ${wanted}, decided, chained and appended in large batches…`);
  const start = process.hrtime.bigint();
  let reported = 0;
  const log = await writeDomainLog(store, registry, { ...options, personKey }, (events) => {
    if (events - reported >= 100_000) {
      reported = events;
      progress(`  ${events.toLocaleString('en-GB')} events`);
    }
  });
  const setupSeconds = seconds(start);
  await store.close();
  writeFileSync(join(dataDir, DECISION_IDS_FILE), JSON.stringify(log.openDecisionIds));
  writeFileSync(join(dataDir, SUBJECT_PEOPLE_FILE), JSON.stringify(log.peopleByDecisions.filter((person) => keyed.has(person))));
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

  progress(`readAll, folding each event into the ${servedProjections.length} projections the app runs, in memory (no runner, no database)…`);
  const folds = servedProjections.map((projection) => ({ projection, state: inMemoryState(projection) }));
  start = process.hrtime.bigint();
  let folded = 0;
  for await (const event of store.readAll()) {
    for (const { projection, state } of folds) if (reads(projection, event)) projection.evolve(state, event);
    folded++;
  }
  const foldSeconds = seconds(start);
  await store.close();
  if (folded !== events) throw new Error(`the fold read ${folded} events, readAll ${events}`);
  return { phase: 'fold', events, readSeconds, foldSeconds, foldEps: events / foldSeconds, rssMb: peakRssMb() };
}

/** What a folder's files take on disk (allocated blocks, so a sparse or preallocated file counts for what it holds). */
function folderBytes(folder: string): number {
  return readdirSync(folder).reduce((sum, name) => sum + statSync(join(folder, name)).blocks * 512, 0);
}

export async function rebuildPhase(dataDir: string): Promise<RebuildPhaseResult> {
  const store = await openEmbeddedStore({ dataDir, registry: createRegistry(), logger });
  const events = await store.headPosition();
  // The server's own folder, emptied first: the HTTP phase over this log then resumes from what the rebuild committed.
  const folder = join(dataDir, READ_MODELS_FOLDER);
  rmSync(folder, { recursive: true, force: true });
  let commits = 0;
  const runner = new ProjectionRunner({ store, projections: servedProjections, folder, logger, onCatchUp: () => commits++ });

  progress(`the ProjectionRunner catches up from 0 with the ${servedProjections.length} projections the app runs, into an empty read-model database in ${folder}…`);
  const memory = new MemorySampler();
  memory.start();
  const start = process.hrtime.bigint();
  await runner.start();
  const caughtUp = await runner.waitFor(events, REBUILD_LIMIT_SECONDS * 1000);
  const rebuildSeconds = seconds(start);
  memory.sample();
  memory.stop();
  const position = runner.position;
  if (!caughtUp) progress(`not caught up after ${REBUILD_LIMIT_SECONDS} s: at ${position.toLocaleString('en-GB')} of ${events.toLocaleString('en-GB')}`);

  progress('runner.stop(): the last commit and close…');
  const stopStart = process.hrtime.bigint();
  await runner.stop();
  const stopSeconds = seconds(stopStart);
  await store.close();
  const databaseMb = folderBytes(folder) / 2 ** 20;
  return {
    phase: 'rebuild',
    events,
    caughtUp,
    position,
    seconds: rebuildSeconds,
    eps: position / rebuildSeconds,
    commits,
    stopSeconds,
    databaseMb,
    memory: memory.highest,
    highestAnonMb: memory.highestAnonMb,
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
