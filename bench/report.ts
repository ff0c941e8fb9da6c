// Turns the phase results into the summary (--json) and the table people read.
import { cpus, totalmem } from 'node:os';
import {
  AS_OF_CONNECTIONS,
  AS_OF_REQUESTS,
  CONSISTENCY_RUNS,
  failed,
  HTTP_CONNECTIONS,
  HTTP_SECONDS,
  HTTP_WARMUP_SECONDS,
  REBUILD_LIMIT_SECONDS,
  RSS_SAMPLE_MS,
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
  type MemorySample,
  type MerkleTreePhaseResult,
  type Outcome,
  type RebuildPhaseResult,
  type ReopenPhaseResult,
  type ReplayPhaseResult,
  type RestartPhaseResult,
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
  /** True when the log is the domain phases' own of the same size (not built again). */
  shared: boolean;
  run: Outcome<HttpPhaseResult>;
  /** Absent when the HTTP phase could not start. */
  restart?: Outcome<RestartPhaseResult>;
}

interface Target {
  figure: string;
  want: string;
  met: boolean;
  /** The figure measured, shown beside its target (null: not measured). */
  value?: number | null;
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
  /** The ProjectionRunner with every projection the app runs, from 0 into an empty LMDB folder over the realistic 1M log; null if it did not catch up. */
  rebuild_1m_s: number | null;
  rebuild_1m_caught_up: boolean | null;
  /** The peak RSS of the rebuild's process. */
  rebuild_1m_rss_mb: number | null;
  /** The same projections folded in memory over readAll without the runner or the database. */
  rebuild_1m_fold_only_s: number | null;
  /** runner.stop() after the 1M rebuild: the last commit and closing the database. */
  shutdown_s: number | null;
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
  /** The HTTP phase (one log, 1M events and 100,000 decisions by default): the server's highest RSS sampled under the GET loads, after catch-up. */
  server_rss_mb: number | null;
  /** The highest anonymous part of it (RSS less LMDB's file-backed pages, which the kernel may drop). */
  server_rss_anon_mb: number | null;
  /** The server's first start, until its read models had caught up with the log (from the rebuild phase's, when it ran over the same log). */
  server_first_start_s: number | null;
  /** app.close() after the commands (the runner's last commit included). */
  server_shutdown_s: number | null;
  /** server_shutdown_s plus a fresh process's start until its first GET /decisions/:id answered with the read models current. */
  restart_s: number | null;
  query_rps: number | null;
  query_p99_ms: number | null;
  query_cold_rps: number | null;
  query_cold_p99_ms: number | null;
  /** GET /decisions/:id?asOf=<random position> for one decision; 503s (AS_OF_REPLAYS' bound) counted apart. */
  as_of_p99_ms: number | null;
  as_of_503: number | null;
  /** GET /people/:id/subject-access for the people named in the most decisions: the median, and the max. */
  subject_access_ms: number | null;
  subject_access_max_ms: number | null;
  report_ms: number | null;
  report_max_ms: number | null;
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
  const restarted = http?.restart ? succeeded(http.restart) : undefined;
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
    rebuild_1m_rss_mb: rebuild1m ? round(rebuild1m.rssMb, 1) : null,
    rebuild_1m_fold_only_s: fold1m ? round(fold1m.foldSeconds, 2) : null,
    shutdown_s: rebuild1m ? round(rebuild1m.stopSeconds, 3) : null,
    verify_eps: verifyLargest ? round(verifyLargest.eps) : null,
    verify_raw_eps: verifyLargest ? round(verifyLargest.raw.eps) : null,
    verify_slow_path_records: verifyLargest ? verifyLargest.slowPath.unrecognised + verifyLargest.slowPath.hashDiffers : null,
    consistency_proof_ms: consistencyLargest ? round(consistencyLargest.medianMs, 2) : null,
    consistency_proof_first_ms: consistencyLargest ? round(consistencyLargest.firstMs, 2) : null,
    consistency_load_catch_up_s: consistencyLargest ? round(consistencyLargest.loadSeconds + consistencyLargest.catchUpSeconds, 2) : null,
    server_rss_mb: served ? round(served.serverMemory.rssMb, 1) : null,
    server_rss_anon_mb: served ? round(served.serverHighestAnonMb, 1) : null,
    server_first_start_s: served ? round(served.startSeconds, 2) : null,
    server_shutdown_s: served ? round(served.shutdownSeconds, 3) : null,
    restart_s: served && restarted ? round(served.shutdownSeconds + restarted.seconds, 2) : null,
    query_rps: served ? round(served.query.rps) : null,
    query_p99_ms: served ? served.query.p99Ms : null,
    query_cold_rps: served ? round(served.queryCold.rps) : null,
    query_cold_p99_ms: served ? served.queryCold.p99Ms : null,
    as_of_p99_ms: served ? served.asOf.p99Ms : null,
    as_of_503: served ? (served.asOf.statuses['503'] ?? 0) : null,
    subject_access_ms: served ? round(served.subjectAccess.medianMs, 1) : null,
    subject_access_max_ms: served ? round(served.subjectAccess.maxMs, 1) : null,
    report_ms: served ? round(served.report.medianMs, 1) : null,
    report_max_ms: served ? round(served.report.maxMs, 1) : null,
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
  if (rebuild1m) summary.targets.push({ figure: 'shutdown_s', want: '≤ 2', met: rebuild1m.stopSeconds <= 2, value: summary.shutdown_s });
  if (http) {
    const label = http.log && !failed(http.log) ? ` (${sizeLabel(http.log.events)} events, ${integer(http.log.decisions)} decisions)` : '';
    const subjectOk = served !== undefined && served.subjectAccess.statuses.every((status) => status === 200);
    summary.targets.push(
      { figure: `server_rss_mb${label}`, want: '≤ 512', met: served !== undefined && served.serverMemory.rssMb <= 512, value: summary.server_rss_mb },
      { figure: 'server_shutdown_s', want: '≤ 2', met: served !== undefined && served.shutdownSeconds <= 2, value: summary.server_shutdown_s },
      { figure: 'restart_s', want: '≤ 5', met: summary.restart_s !== null && summary.restart_s <= 5, value: summary.restart_s },
      { figure: 'query_p99_ms', want: '≤ 20', met: served !== undefined && clean(served.query) && served.query.p99Ms <= 20, value: summary.query_p99_ms },
      { figure: 'query_cold_p99_ms', want: '≤ 50', met: served !== undefined && clean(served.queryCold) && served.queryCold.p99Ms <= 50, value: summary.query_cold_p99_ms },
      // 503s are the server's bound doing its job: counted in as_of_503, not a miss of the latency target on the others.
      { figure: 'as_of_p99_ms', want: '≤ 200', met: served !== undefined && served.asOf.errors === 0 && served.asOf.requests > 0 && served.asOf.p99Ms <= 200, value: summary.as_of_p99_ms },
      { figure: 'subject_access_ms', want: '≤ 200 (max)', met: subjectOk && served.subjectAccess.maxMs <= 200, value: summary.subject_access_max_ms },
      {
        figure: 'report_ms',
        want: '≤ 500 (median)',
        met: served !== undefined && served.report.statuses.every((status) => status === 200) && served.report.medianMs <= 500,
        value: summary.report_ms,
      },
      { figure: 'command_rps', want: '≥ 3,000', met: served !== undefined && clean(served.command) && served.command.rps >= 3_000, value: summary.command_rps },
      { figure: 'command_p99_ms', want: '≤ 50', met: served !== undefined && clean(served.command) && served.command.p99Ms <= 50, value: summary.command_p99_ms },
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
      value: rebuild?.caughtUp ? round(rebuild.seconds, 2) : null,
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
    lines.push(
      row(['  rebuild, ProjectionRunner (events/s)', integer(rebuild.eps), foldOk ? integer(foldOk.foldEps) : '', foldOk ? ratio(rebuild.eps, foldOk.foldEps) : '']),
      `      ${done} into an empty LMDB folder, in ${integer(rebuild.commits)} commits; database ${integer(rebuild.databaseMb)} MiB; stop (last commit, close) ${rebuild.stopSeconds.toFixed(3)} s`,
      `      memory while catching up (highest sample): ${memoryLine(rebuild.memory)}; highest anonymous RSS ${integer(rebuild.highestAnonMb)} MiB`,
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

function memoryLine(m: MemorySample): string {
  return `${integer(m.rssMb)} MiB = ${integer(m.rssAnonMb)} anonymous + ${integer(m.rssFileMb)} file-backed (LMDB's mapped pages); heap ${integer(m.heapUsedMb)} of ${integer(m.heapTotalMb)} MiB, external ${integer(m.externalMb)} MiB`;
}

function loadLine(load: LoadFigures): string {
  const others = Object.entries(load.statuses).filter(([status]) => !status.startsWith('2')).map(([status, count]) => `${count} × ${status}`);
  return `      p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms, max ${load.maxMs} ms; ${integer(load.requests)} answered 2xx in ${load.seconds.toFixed(1)} s, ${load.non2xx} not${others.length > 0 ? ` (${others.join(', ')})` : ''}, ${load.errors} errors`;
}

function httpLines(http: HttpResults): string[] {
  const { log, run, restart } = http;
  if (failed(log)) return [`HTTP: the log could not be built (${log.failed})`];
  const head =
    `HTTP: the app (buildApp) over ${integer(log.decisions)} decisions (${integer(log.events)} events${http.shared ? ', the domain phases\' log' : ''}), ` +
    `${HTTP_CONNECTIONS} connections, autocannon in its own process`;
  if (failed(run)) return [head, `  FAILED (${run.failed})`];
  const { health, query, command, asOf, subjectAccess, serverMemory: m } = run;
  const restartLine =
    restart === undefined
      ? '  restart: not run'
      : failed(restart)
        ? `  restart: FAILED (${restart.failed})`
        : `  restart ${(run.shutdownSeconds + restart.seconds).toFixed(2)} s = shutdown ${run.shutdownSeconds.toFixed(3)} s + a fresh process to its first answer ${restart.seconds.toFixed(2)} s ` +
          `(buildApp done at ${restart.builtSeconds.toFixed(2)} s, read models at the head at ${restart.currentSeconds.toFixed(2)} s, resumed at ${integer(restart.resumedAt)} of ${integer(restart.events)}); peak RSS ${integer(restart.rssMb)} MiB`;
  return [
    head,
    row(['  GET /health (req/s)', integer(health.rps), '', '']),
    loadLine(health),
    row(['  GET /decisions/:id, cold (req/s)', integer(run.queryCold.rps), integer(health.rps), ratio(run.queryCold.rps, health.rps)]),
    loadLine(run.queryCold),
    row(['  GET /decisions/:id, warm (req/s)', integer(query.rps), integer(health.rps), ratio(query.rps, health.rps)]),
    loadLine(query),
    row([`  GET /decisions/:id?asOf=, ${AS_OF_CONNECTIONS} conn. (req/s)`, integer(asOf.rps), '', '']),
    loadLine(asOf),
    row(['  GET /people/:id/subject-access (ms)', subjectAccess.medianMs.toFixed(1), '', '']),
    row(['  GET /reports/partnership-board, a year (ms)', run.report.medianMs.toFixed(1), '', '']),
    `      median of ${subjectAccess.requests} one after another, max ${subjectAccess.maxMs.toFixed(1)} ms; the first person is in ${integer(run.subjectDecisions)} decisions; answers ${subjectAccess.statuses.join(', ')}`,
    row(['  POST /decisions/:id/views (req/s)', integer(command.rps), integer(health.rps), ratio(command.rps, health.rps)]),
    loadLine(command),
    `      ${integer(run.commandCreated)} answered 201 (warm-up included), ${integer(run.commandEvents)} events appended`,
    `  server RSS under the GET loads (highest of samples every ${RSS_SAMPLE_MS} ms): ${memoryLine(m)}`,
    `      highest anonymous RSS ${integer(run.serverHighestAnonMb)} MiB; peak RSS of the process (start and commands included) ${integer(run.rssMb)} MiB`,
    `  first start (buildApp + read models caught up from ${integer(run.startedFrom)}) ${run.startSeconds.toFixed(1)} s; shutdown (app.close) ${run.shutdownSeconds.toFixed(3)} s`,
    restartLine,
    `  GET: one cold pass reading each decision once, then ${HTTP_SECONDS} s warm; as-of: one decision at ${AS_OF_REQUESTS} random positions; POST: ${HTTP_WARMUP_SECONDS} s warm-up, then ${HTTP_SECONDS} s.`,
    `  Ids round-robin over ${integer(run.decisions)} open decisions. Raw limit: GET /health.`,
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
    'Rebuild: the real ProjectionRunner with every projection the app runs, into an empty read-model folder (LMDB, one',
    `transaction a batch), from position 0 until it has committed the head, cut off after ${REBUILD_LIMIT_SECONDS} s; its raw limit is the same`,
    'projections folded in memory over readAll, without the runner. Verify: verifyEmbeddedLog; raw limit: line splitting + JSON.parse.',
    'Consistency: the server\'s saved tree (all but the last 1 % of the log) loaded by a fresh LogTree and brought up to date,',
    'then GET /audit/consistency\'s roots and proof from 0.9·n to n and verifyConsistency.',
    '',
    'Targets:',
    ...summary.targets.map((t) => `  ${t.met ? 'met   ' : 'MISSED'}  ${t.figure}${t.value === undefined ? '' : ` = ${t.value === null ? 'not measured' : t.value.toLocaleString('en-GB')}`}, want ${t.want}`),
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
