// What every phase process shares: progress on stderr, a clock, its peak RSS and a quiet logger.
import pino from 'pino';

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
