// Turns the phase results into the summary (--json) and the table people read.
import { cpus, totalmem } from 'node:os';
import {
  CONSISTENCY_RUNS,
  failed,
  HTTP_CONNECTIONS,
  HTTP_SECONDS,
  HTTP_WARMUP_SECONDS,
  REBUILD_LIMIT_SECONDS,
  SINGLE_MAX_EVENTS,
  SINGLE_MAX_SECONDS,
  WRITERS,
  type AppendPhaseResult,
  type ConsistencyPhaseResult,
  type DomainLogPhaseResult,
  type FoldPhaseResult,
  type HttpLogPhaseResult,
  type HttpPhaseResult,
  type LoadFigures,
  type MerkleTreePhaseResult,
  type Outcome,
  type RebuildPhaseResult,
  type ReopenPhaseResult,
  type ReplayPhaseResult,
  type VerifyPhaseResult,
} from './phase-results.js';

/** The phases over the realistic domain log at one size; those not asked for (run.ts --phases) are absent. */
export interface DomainResults {
  log: Outcome<DomainLogPhaseResult>;
  fold?: Outcome<FoldPhaseResult>;
  rebuild?: Outcome<RebuildPhaseResult>;
  verify?: Outcome<VerifyPhaseResult>;
  /** Setup of the consistency phase. */
  merkleTree?: Outcome<MerkleTreePhaseResult>;
  consistency?: Outcome<ConsistencyPhaseResult>;
}

/** The store's own phases, run together (reopen and replay read the log append wrote). */
export interface StoreResults {
  append: AppendPhaseResult;
  reopen: ReopenPhaseResult;
  replay: ReplayPhaseResult;
}

/** One size's results; the store's phases and the domain ones are absent when run.ts --phases leaves them out. */
export interface SizeResult extends Partial<StoreResults> {
  size: number;
  domain?: DomainResults;
}

const hasStore = (r: SizeResult): r is SizeResult & StoreResults => r.append !== undefined && r.reopen !== undefined && r.replay !== undefined;

export interface HttpResults {
  log: Outcome<HttpLogPhaseResult>;
  run: Outcome<HttpPhaseResult>;
}

interface Target {
  figure: string;
  want: string;
  met: boolean;
}

export interface Summary {
  date: string;
  machine: { cpu: string; cores: number; memory_gb: number };
  node: string;
  /** The append, replay, verify and consistency figures below are those of the largest size; null when not run. */
  headline_events: number;
  append_single_eps: number | null;
  append_single_raw_eps: number | null;
  append_concurrent_eps: number | null;
  append_concurrent_raw_eps: number | null;
  replay_eps: number | null;
  replay_raw_eps: number | null;
  reopen_100k_s: number | null;
  reopen_1m_s: number | null;
  /** The highest peak RSS of any process while it ran the store (raw runs excluded). */
  peak_rss_mb: number | null;
  /** The ProjectionRunner with every projection the app runs, from 0 over the realistic 1M log; null if it did not catch up. */
  rebuild_1m_s: number | null;
  rebuild_1m_caught_up: boolean | null;
  /** Of which awaiting snapshot saves. */
  rebuild_1m_snapshot_s: number | null;
  /** The same projections folded over readAll without the runner. */
  rebuild_1m_fold_only_s: number | null;
  /** verifyEmbeddedLog over the realistic log of the largest size, and line splitting + JSON.parse of it. */
  verify_eps: number | null;
  verify_raw_eps: number | null;
  /** Records verify parsed instead of hashing their stored bytes, acknowledgements of broken links aside. */
  verify_slow_path_records: number | null;
  /** GET /audit/consistency's work from ⌊0.9·n⌋ to n plus verifyConsistency, median of repeated calls, and the first call. */
  consistency_proof_ms: number | null;
  consistency_proof_first_ms: number | null;
  /** A fresh LogTree: the saved tree loaded, then brought up to date with the log at the first request. */
  consistency_load_catch_up_s: number | null;
  /** The HTTP phase (one size): GET /decisions/:id, POST /decisions/:id/views, and GET /health as the limit. */
  query_rps: number | null;
  query_p99_ms: number | null;
  query_cold_rps: number | null;
  query_cold_p99_ms: number | null;
  command_rps: number | null;
  command_p99_ms: number | null;
  http_health_rps: number | null;
  http_health_p99_ms: number | null;
  targets: Target[];
  sizes: Record<string, SizeResult>;
  http: HttpResults | null;
}

export function sizeLabel(size: number): string {
  if (size >= 1_000_000 && size % 1_000_000 === 0) return `${size / 1_000_000}m`;
  if (size >= 1_000 && size % 1_000 === 0) return `${size / 1_000}k`;
  return String(size);
}

const round = (value: number, digits = 0): number => Number(value.toFixed(digits));

const succeeded = <Result extends { phase: string }>(outcome: Outcome<Result>): Result | undefined => (failed(outcome) ? undefined : outcome);

/** Passes and fails on the 2xx answers only when there were no others. */
const clean = (load: LoadFigures) => load.non2xx === 0 && load.errors === 0;

export function summarise(results: readonly SizeResult[], http: HttpResults | null): Summary {
  const largest = results.reduce((a, b) => (b.size > a.size ? b : a));
  const bySize = (size: number) => results.find((r) => r.size === size);
  const withStore = results.filter(hasStore);
  const largestStore = withStore.reduce<(SizeResult & StoreResults) | undefined>((a, b) => (a === undefined || b.size > a.size ? b : a), undefined);
  const peakRss = withStore.length > 0 ? Math.max(...withStore.flatMap((r) => [r.append.rssMb, r.reopen.rssMb, r.replay.rssMb])) : undefined;
  const reopen100k = bySize(100_000)?.reopen?.reopenSeconds;
  const reopen1m = bySize(1_000_000)?.reopen?.reopenSeconds;
  const concurrent = largestStore?.append.concurrent;
  const single = largestStore?.append.single;
  const replay = largestStore?.replay;
  const domain1m = bySize(1_000_000)?.domain;
  const rebuild1m = domain1m?.rebuild && succeeded(domain1m.rebuild);
  const fold1m = domain1m?.fold && succeeded(domain1m.fold);
  const verifyLargest = largest.domain?.verify && succeeded(largest.domain.verify);
  const consistencyLargest = largest.domain?.consistency && succeeded(largest.domain.consistency);
  const served = http ? succeeded(http.run) : undefined;
  const summary: Summary = {
    date: new Date().toISOString().slice(0, 10),
    machine: { cpu: cpus()[0]?.model.trim() ?? 'unknown', cores: cpus().length, memory_gb: round(totalmem() / 2 ** 30, 1) },
    node: process.version,
    headline_events: largest.size,
    append_single_eps: single ? round(single.eps) : null,
    append_single_raw_eps: single ? round(single.raw.eps) : null,
    append_concurrent_eps: concurrent ? round(concurrent.eps) : null,
    append_concurrent_raw_eps: concurrent ? round(concurrent.raw.eps) : null,
    replay_eps: replay ? round(replay.eps) : null,
    replay_raw_eps: replay ? round(replay.raw.eps) : null,
    reopen_100k_s: reopen100k === undefined ? null : round(reopen100k, 3),
    reopen_1m_s: reopen1m === undefined ? null : round(reopen1m, 3),
    peak_rss_mb: peakRss === undefined ? null : round(peakRss, 1),
    rebuild_1m_s: rebuild1m?.caughtUp ? round(rebuild1m.seconds, 2) : null,
    rebuild_1m_caught_up: rebuild1m ? rebuild1m.caughtUp : null,
    rebuild_1m_snapshot_s: rebuild1m ? round(rebuild1m.snapshots.seconds, 2) : null,
    rebuild_1m_fold_only_s: fold1m ? round(fold1m.foldSeconds, 2) : null,
    verify_eps: verifyLargest ? round(verifyLargest.eps) : null,
    verify_raw_eps: verifyLargest ? round(verifyLargest.raw.eps) : null,
    verify_slow_path_records: verifyLargest ? verifyLargest.slowPath.unrecognised + verifyLargest.slowPath.hashDiffers : null,
    consistency_proof_ms: consistencyLargest ? round(consistencyLargest.medianMs, 2) : null,
    consistency_proof_first_ms: consistencyLargest ? round(consistencyLargest.firstMs, 2) : null,
    consistency_load_catch_up_s: consistencyLargest ? round(consistencyLargest.loadSeconds + consistencyLargest.catchUpSeconds, 2) : null,
    query_rps: served ? round(served.query.rps) : null,
    query_p99_ms: served ? served.query.p99Ms : null,
    query_cold_rps: served ? round(served.queryCold.rps) : null,
    query_cold_p99_ms: served ? served.queryCold.p99Ms : null,
    command_rps: served ? round(served.command.rps) : null,
    command_p99_ms: served ? served.command.p99Ms : null,
    http_health_rps: served ? round(served.health.rps) : null,
    http_health_p99_ms: served ? served.health.p99Ms : null,
    targets: [],
    sizes: Object.fromEntries(results.map((r) => [sizeLabel(r.size), r])),
    http,
  };
  summary.targets = withStore.flatMap((r) => {
    const label = sizeLabel(r.size);
    const c = r.append.concurrent;
    return [
      { figure: `append_concurrent_eps (${label})`, want: '≥ 50,000', met: c.eps >= 50_000 },
      { figure: `append_concurrent_eps (${label})`, want: '≥ 0.5 × raw', met: c.eps >= 0.5 * c.raw.eps },
      { figure: `replay_eps (${label})`, want: '≥ 500,000', met: r.replay.eps >= 500_000 },
      { figure: `replay_eps (${label})`, want: '≥ 0.5 × raw', met: r.replay.eps >= 0.5 * r.replay.raw.eps },
    ];
  });
  if (reopen1m !== undefined) summary.targets.push({ figure: 'reopen_1m_s', want: '≤ 5', met: reopen1m <= 5 });
  if (peakRss !== undefined) summary.targets.push({ figure: 'peak_rss_mb', want: '≤ 400', met: peakRss <= 400 });
  for (const r of results) summary.targets.push(...domainTargets(r));
  if (http) {
    summary.targets.push(
      { figure: 'query_p99_ms', want: '≤ 20', met: served !== undefined && clean(served.query) && served.query.p99Ms <= 20 },
      { figure: 'command_rps', want: '≥ 3,000', met: served !== undefined && clean(served.command) && served.command.rps >= 3_000 },
      { figure: 'command_p99_ms', want: '≤ 50', met: served !== undefined && clean(served.command) && served.command.p99Ms <= 50 },
    );
  }
  return summary;
}

function domainTargets({ size, domain }: SizeResult): Target[] {
  const label = sizeLabel(size);
  const targets: Target[] = [];
  if (domain?.rebuild) {
    const rebuild = succeeded(domain.rebuild);
    const allowed = (15 * size) / 1_000_000;
    targets.push({
      figure: size === 1_000_000 ? 'rebuild_1m_s' : `rebuild_s (${label})`,
      want: size === 1_000_000 ? '≤ 15' : `≤ ${Number(allowed.toFixed(2))} (15 s a million events)`,
      met: rebuild !== undefined && rebuild.caughtUp && rebuild.seconds <= allowed,
    });
  }
  if (domain?.verify) {
    const verify = succeeded(domain.verify);
    targets.push(
      { figure: `verify_eps (${label})`, want: '≥ 300,000', met: verify !== undefined && verify.ok && verify.eps >= 300_000 },
      { figure: `verify_slow_path_records (${label})`, want: '= 0', met: verify !== undefined && verify.slowPath.unrecognised + verify.slowPath.hashDiffers === 0 },
    );
  }
  if (domain?.consistency) {
    const consistency = succeeded(domain.consistency);
    targets.push({ figure: `consistency_proof_ms (${label})`, want: '≤ 100', met: consistency !== undefined && consistency.verified && consistency.medianMs <= 100 });
  }
  return targets;
}

const integer = (value: number): string => Math.round(value).toLocaleString('en-GB');

function row(cells: readonly string[]): string {
  const widths = [34, 12, 12, 10];
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
}

const ratio = (store: number, raw: number): string => (raw > 0 ? (store / raw).toFixed(2) : '');
const percent = (part: number, whole: number): string => `${whole > 0 ? Math.round((100 * part) / whole) : 0} %`;
const mib = (bytes: number): string => `${integer(bytes / 2 ** 20)} MiB`;

function domainLines(domain: DomainResults): string[] {
  const { log, fold, rebuild, verify } = domain;
  if (failed(log)) return [`  realistic domain log: FAILED (${log.failed})`];
  const bytesPerEvent = (log.fileMb * 2 ** 20) / log.events;
  const lines = [
    `  realistic domain log: ${integer(log.decisions)} decisions, ${integer(log.people)} people, ${integer(log.fileMb)} MiB, ` +
      `${integer(bytesPerEvent)} bytes a record (${integer(log.meanDataBytes)} of payload); built in ${log.seconds.toFixed(1)} s (setup)`,
  ];
  const foldOk = fold && succeeded(fold);
  const foldLine = foldOk
    ? `fold only (no runner): ${foldOk.foldSeconds.toFixed(2)} s, of which readAll alone ${foldOk.readSeconds.toFixed(2)} s; peak RSS fold ${integer(foldOk.rssMb)} MiB`
    : `fold only: ${fold && failed(fold) ? `FAILED (${fold.failed})` : 'not run'}`;
  if (rebuild === undefined) {
    if (fold) lines.push(`  ${foldLine}`);
  } else if (failed(rebuild)) {
    lines.push(`  rebuild, ProjectionRunner: FAILED (${rebuild.failed})`);
  } else {
    const done = rebuild.caughtUp ? `${rebuild.seconds.toFixed(2)} s from 0` : `NOT caught up in ${REBUILD_LIMIT_SECONDS} s: at ${integer(rebuild.position)} of ${integer(rebuild.events)}`;
    const snap = rebuild.snapshots;
    const lastRound = Object.values(snap.bytes).reduce((a, b) => a + b, 0);
    lines.push(
      row(['  rebuild, ProjectionRunner (events/s)', integer(rebuild.eps), foldOk ? integer(foldOk.foldEps) : '', foldOk ? ratio(rebuild.eps, foldOk.foldEps) : '']),
      `      ${done}; awaiting snapshot saves ${snap.seconds.toFixed(2)} s (${percent(snap.seconds, rebuild.seconds)}) in ${integer(snap.saves)} saves` +
        `${snap.failures > 0 ? `, ${snap.failures} FAILED (${snap.firstFailure ?? ''})` : ''}; without them ${(rebuild.seconds - snap.seconds).toFixed(2)} s`,
      `      the last snapshots: ${mib(lastRound)} in all, largest ${largestSnapshot(snap.bytes)}; stop (final save) ${rebuild.stopSeconds.toFixed(2)} s; ` +
        `one JSON.stringify of every state ${rebuild.serialiseSeconds === null ? `failed (${rebuild.serialiseError ?? ''})` : `${rebuild.serialiseSeconds.toFixed(2)} s`}`,
    );
    lines.push(`      ${foldLine}, rebuild ${integer(rebuild.rssMb)} MiB`);
  }
  if (verify && failed(verify)) {
    lines.push(`  verify: FAILED (${verify.failed})`);
  } else if (verify) {
    const slow = verify.slowPath;
    lines.push(
      row([`  verify (events/s)${verify.ok ? '' : ' NOT OK'}`, integer(verify.eps), integer(verify.raw.eps), ratio(verify.eps, verify.raw.eps)]),
      `      ${integer(verify.events)} events in ${verify.seconds.toFixed(2)} s, CPU ${verify.cpuSeconds.toFixed(2)} s (${((1e6 * verify.cpuSeconds) / verify.events).toFixed(2)} µs an event), ` +
        `peak RSS ${integer(verify.rssMb)} MiB; parsed instead of hashed from the stored bytes: ` +
        `${integer(slow.unrecognised + slow.hashDiffers)} of ${integer(slow.records)} records (${integer(slow.unrecognised)} not in the written shape, ` +
        `${integer(slow.hashDiffers)} whose bytes give another hash), besides ${integer(slow.chainBreaks)} acknowledgements of broken links`,
    );
  }
  return [...lines, ...consistencyLines(domain)];
}

function consistencyLines({ merkleTree, consistency }: DomainResults): string[] {
  if (!consistency) return [];
  if (failed(consistency)) return [`  consistency proof: FAILED (${consistency.failed})`];
  const c = consistency;
  const saved = merkleTree && succeeded(merkleTree);
  return [
    row([`  consistency proof + verify (ms)${c.verified ? '' : ' NOT VERIFIED'}`, c.medianMs.toFixed(2), '', '']),
    `      ${integer(c.from)} → ${integer(c.to)} events, ${c.proofHashes} hashes; first call ${c.firstMs.toFixed(2)} ms, median of ${CONSISTENCY_RUNS} more ${c.medianMs.toFixed(2)} ms`,
    `      fresh LogTree: load the saved tree ${c.loadSeconds.toFixed(2)} s + catch up with the log ${c.catchUpSeconds.toFixed(2)} s ` +
      `(${integer(c.savedLeaves)} saved leaves checked, ${integer(c.events - c.savedLeaves)} added)${saved ? `; tree file ${saved.fileMb.toFixed(1)} MiB` : ''}; peak RSS ${integer(c.rssMb)} MiB`,
  ];
}

function largestSnapshot(bytes: Record<string, number>): string {
  const [name, size] = Object.entries(bytes).reduce<[string, number]>((a, b) => (b[1] > a[1] ? b : a), ['none', 0]);
  return `${name} ${mib(size)}`;
}

function loadLine(load: LoadFigures): string {
  return `      p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms, max ${load.maxMs} ms; ${integer(load.requests)} answered 2xx in ${load.seconds.toFixed(1)} s, ${load.non2xx} not, ${load.errors} errors`;
}

function httpLines(http: HttpResults): string[] {
  const { log, run } = http;
  if (failed(log)) return [`HTTP: the log could not be built (${log.failed})`];
  const head = `HTTP: the app (buildApp) over ${integer(log.decisions)} decisions (${integer(log.events)} events), ${HTTP_CONNECTIONS} connections, autocannon in its own process`;
  if (failed(run)) return [head, `  FAILED (${run.failed})`];
  const { health, query, command } = run;
  return [
    head,
    row(['  GET /health (req/s)', integer(health.rps), '', '']),
    loadLine(health),
    row(['  GET /decisions/:id, cold (req/s)', integer(run.queryCold.rps), integer(health.rps), ratio(run.queryCold.rps, health.rps)]),
    loadLine(run.queryCold),
    row(['  GET /decisions/:id, warm (req/s)', integer(query.rps), integer(health.rps), ratio(query.rps, health.rps)]),
    loadLine(query),
    row(['  POST /decisions/:id/views (req/s)', integer(command.rps), integer(health.rps), ratio(command.rps, health.rps)]),
    loadLine(command),
    `      ${integer(run.commandCreated)} answered 201 (warm-up included), ${integer(run.commandEvents)} events appended`,
    `  app start (buildApp + projections caught up) ${run.startSeconds.toFixed(1)} s; peak RSS ${integer(run.rssMb)} MiB`,
    `  GET: one cold pass reading each decision once, then ${HTTP_SECONDS} s warm; POST: ${HTTP_WARMUP_SECONDS} s warm-up, then ${HTTP_SECONDS} s. Ids round-robin over ${integer(run.decisions)} open decisions. Raw limit: GET /health.`,
  ];
}

export function formatTable(summary: Summary): string {
  const { machine } = summary;
  const lines = [
    `Partnership Log — embedded store benchmark, ${summary.date}`,
    `${machine.cpu}, ${machine.cores} cores, ${machine.memory_gb} GiB, Node ${summary.node}`,
    '',
    row(['', 'store', 'raw limit', 'store/raw']),
  ];
  for (const r of Object.values(summary.sizes)) {
    lines.push('', ...(hasStore(r) ? storeLines(r) : [`${integer(r.size)} events`]), ...(r.domain ? domainLines(r.domain) : []));
  }
  if (summary.http) lines.push('', ...httpLines(summary.http));
  lines.push(
    '',
    `* time-boxed: ${SINGLE_MAX_SECONDS} s or ${integer(SINGLE_MAX_EVENTS)} events, whichever ends first, appended after the ${WRITERS}-writer run.`,
    'Raw limits: the same bytes in the same batches with write + fdatasync on a plain file in the same folder;',
    'line splitting + JSON.parse of the same log read in 8 MiB chunks. Replays: the faster of 2 passes, both sides.',
    'Rebuild: the real ProjectionRunner with every projection the app runs and file snapshots (saved every 10,000',
    `events, as in the app), from position 0 until it passes the head, cut off after ${REBUILD_LIMIT_SECONDS} s; its raw limit is the same`,
    'projections folded over readAll without the runner. Verify: verifyEmbeddedLog; raw limit: line splitting + JSON.parse.',
    'Consistency: the server\'s saved tree (all but the last 1 % of the log) loaded by a fresh LogTree and brought up to date,',
    'then GET /audit/consistency\'s roots and proof from 0.9·n to n and verifyConsistency.',
    '',
    'Targets:',
    ...summary.targets.map((t) => `  ${t.met ? 'met   ' : 'MISSED'}  ${t.figure} ${t.want}`),
  );
  return lines.join('\n');
}

function storeLines(r: SizeResult & StoreResults): string[] {
  const { append, reopen, replay } = r;
  const bytesPerEvent = (reopen.fileMb * 2 ** 20) / reopen.events;
  return [
    `${integer(r.size)} events (${integer(reopen.fileMb)} MiB log, ${integer(bytesPerEvent)} bytes a record)`,
    row([
      `  append, ${WRITERS} writers (events/s)`,
      integer(append.concurrent.eps),
      integer(append.concurrent.raw.eps),
      (append.concurrent.eps / append.concurrent.raw.eps).toFixed(2),
    ]),
    `      ${integer(append.concurrent.batches)} batches of ${append.concurrent.meanBatch.toFixed(1)} events on average (largest ${append.concurrent.maxBatch})`,
    row([
      '  append, 1 writer (events/s) *',
      integer(append.single.eps),
      integer(append.single.raw.eps),
      (append.single.eps / append.single.raw.eps).toFixed(2),
    ]),
    `      ${integer(append.single.events)} events in ${append.single.seconds.toFixed(1)} s, ${append.single.meanBatch.toFixed(2)} a batch`,
    row([
      '  replay, readAll (events/s)',
      integer(replay.eps),
      integer(replay.raw.eps),
      (replay.eps / replay.raw.eps).toFixed(2),
    ]),
    row(['  reopen (s)', reopen.reopenSeconds.toFixed(2), '', '']),
    `      first open in a fresh process: ${reopen.coldOpenSeconds.toFixed(2)} s`,
    `  peak RSS (MiB): append ${integer(append.rssMb)}, reopen ${integer(reopen.rssMb)}, replay ${integer(replay.rssMb)}`,
  ];
}
