// What every phase process shares: progress on stderr, a clock, its peak RSS, a memory sampler and a quiet logger.
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { RSS_SAMPLE_MS, type MemorySample } from './phase-results.js';

export const logger = pino({ level: 'warn' }, pino.destination(2));

export function progress(message: string): void {
  process.stderr.write(`  ${message}\n`);
}

export function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

const mb = (bytes: number) => bytes / 2 ** 20;

/**
 * RSS split as Linux counts it (/proc/self/status, kB): anonymous memory (the heap, buffers)
 * and file-backed pages (LMDB maps its whole file: pages read stay resident, and count in
 * RSS, but the kernel can drop them under pressure). Zero where there is no /proc.
 */
function rssSplitMb(): { rssAnonMb: number; rssFileMb: number } {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssAnonMb: kb('RssAnon') / 1024, rssFileMb: kb('RssFile') / 1024 };
  } catch {
    return { rssAnonMb: 0, rssFileMb: 0 };
  }
}

/** Samples process.memoryUsage() (and the RSS split) while on; keeps the sample with the highest RSS, and the highest anonymous RSS. */
export class MemorySampler {
  #highest: MemorySample = { rssMb: 0, rssAnonMb: 0, rssFileMb: 0, heapTotalMb: 0, heapUsedMb: 0, externalMb: 0, arrayBuffersMb: 0 };
  #highestAnonMb = 0;
  #timer: NodeJS.Timeout | undefined;

  start(): void {
    this.#timer ??= setInterval(() => this.sample(), RSS_SAMPLE_MS);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  sample(): void {
    const m = process.memoryUsage();
    const split = rssSplitMb();
    this.#highestAnonMb = Math.max(this.#highestAnonMb, split.rssAnonMb);
    if (mb(m.rss) > this.#highest.rssMb) {
      this.#highest = { rssMb: mb(m.rss), ...split, heapTotalMb: mb(m.heapTotal), heapUsedMb: mb(m.heapUsed), externalMb: mb(m.external), arrayBuffersMb: mb(m.arrayBuffers) };
    }
  }

  get highest(): MemorySample {
    return this.#highest;
  }

  /** The highest anonymous RSS of any sample (not necessarily the one with the highest RSS). */
  get highestAnonMb(): number {
    return this.#highestAnonMb;
  }
}
