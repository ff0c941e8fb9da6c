// Turns the phase results into the summary (--json) and the table people read.
import { cpus, totalmem } from 'node:os';
import {
  SINGLE_MAX_EVENTS,
  SINGLE_MAX_SECONDS,
  WRITERS,
  type AppendPhaseResult,
  type ReopenPhaseResult,
  type ReplayPhaseResult,
} from './phase-results.js';

export interface SizeResult {
  size: number;
  append: AppendPhaseResult;
  reopen: ReopenPhaseResult;
  replay: ReplayPhaseResult;
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
  /** The append and replay figures below are those of the largest size. */
  headline_events: number;
  append_single_eps: number;
  append_single_raw_eps: number;
  append_concurrent_eps: number;
  append_concurrent_raw_eps: number;
  replay_eps: number;
  replay_raw_eps: number;
  reopen_100k_s: number | null;
  reopen_1m_s: number | null;
  /** The highest peak RSS of any process while it ran the store (raw runs excluded). */
  peak_rss_mb: number;
  targets: Target[];
  sizes: Record<string, SizeResult>;
}

export function sizeLabel(size: number): string {
  if (size >= 1_000_000 && size % 1_000_000 === 0) return `${size / 1_000_000}m`;
  if (size >= 1_000 && size % 1_000 === 0) return `${size / 1_000}k`;
  return String(size);
}

const round = (value: number, digits = 0): number => Number(value.toFixed(digits));

export function summarise(results: readonly SizeResult[]): Summary {
  const largest = results.reduce((a, b) => (b.size > a.size ? b : a));
  const bySize = (size: number) => results.find((r) => r.size === size);
  const peakRss = Math.max(...results.flatMap((r) => [r.append.rssMb, r.reopen.rssMb, r.replay.rssMb]));
  const reopen1m = bySize(1_000_000)?.reopen.reopenSeconds;
  const concurrent = largest.append.concurrent;
  const replay = largest.replay;
  const summary: Summary = {
    date: new Date().toISOString().slice(0, 10),
    machine: { cpu: cpus()[0]?.model.trim() ?? 'unknown', cores: cpus().length, memory_gb: round(totalmem() / 2 ** 30, 1) },
    node: process.version,
    headline_events: largest.size,
    append_single_eps: round(largest.append.single.eps),
    append_single_raw_eps: round(largest.append.single.raw.eps),
    append_concurrent_eps: round(concurrent.eps),
    append_concurrent_raw_eps: round(concurrent.raw.eps),
    replay_eps: round(replay.eps),
    replay_raw_eps: round(replay.raw.eps),
    reopen_100k_s: bySize(100_000) ? round(bySize(100_000)?.reopen.reopenSeconds ?? 0, 3) : null,
    reopen_1m_s: reopen1m === undefined ? null : round(reopen1m, 3),
    peak_rss_mb: round(peakRss, 1),
    targets: [],
    sizes: Object.fromEntries(results.map((r) => [sizeLabel(r.size), r])),
  };
  summary.targets = results.flatMap((r) => {
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
  summary.targets.push({ figure: 'peak_rss_mb', want: '≤ 400', met: peakRss <= 400 });
  return summary;
}

const integer = (value: number): string => Math.round(value).toLocaleString('en-GB');

function row(cells: readonly string[]): string {
  const widths = [34, 12, 12, 10];
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
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
    const { append, reopen, replay } = r;
    const bytesPerEvent = (reopen.fileMb * 2 ** 20) / reopen.events;
    lines.push(
      '',
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
    );
  }
  lines.push(
    '',
    `* time-boxed: ${SINGLE_MAX_SECONDS} s or ${integer(SINGLE_MAX_EVENTS)} events, whichever ends first, appended after the ${WRITERS}-writer run.`,
    'Raw limits: the same bytes in the same batches with write + fdatasync on a plain file in the same folder;',
    'line splitting + JSON.parse of the same log read in 8 MiB chunks. Replays: the faster of 2 passes, both sides.',
    '',
    'Targets:',
    ...summary.targets.map((t) => `  ${t.met ? 'met   ' : 'MISSED'}  ${t.figure} ${t.want}`),
  );
  return lines.join('\n');
}
