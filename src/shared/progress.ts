// A one-line progress bar on stderr for long runs (the audit commands, the read models catching up at start):
//   verify ▕██████░░░░▏ 61% 612,000 / 1,000,000 events  2.1 s
// Redrawn in place at most ten times a second and cleared when done. When stderr is
// not a terminal (piped, CI) it writes nothing, so output stays clean for other tools.

export interface ProgressOutput {
  isTTY?: boolean;
  /** The terminal's width: a longer line would wrap and could not be redrawn in place. */
  columns?: number;
  write(text: string): boolean;
}

export interface ProgressOptions {
  /** The command's name, shown first. */
  label: string;
  /** The head position the run goes up to (0 when unknown: no bar, just the count). */
  total: number;
  /** True when positions count events one by one (the embedded log), so "done / total" can be shown. */
  positionsCountEvents: boolean;
  output?: ProgressOutput;
  /** Milliseconds, for tests. */
  clock?: () => number;
}

export interface Progress {
  /** `done` events read so far, the last at `position` (default: done). */
  update(done: number, position?: number): void;
  /** Clears the line. */
  finish(): void;
}

const BAR_WIDTH = 20;
const REDRAW_EVERY_MS = 100;
const CLEAR_LINE = '\r\x1b[2K';
const numbers = new Intl.NumberFormat('en-GB');

export function formatCount(n: number): string {
  return numbers.format(n);
}

export function progressBar(options: ProgressOptions): Progress {
  const output = options.output ?? process.stderr;
  if (!output.isTTY) return { update() {}, finish() {} };
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  let lastDrawn = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(done, position = done) {
      const now = clock();
      if (now - lastDrawn < REDRAW_EVERY_MS) return;
      lastDrawn = now;
      drawn = true;
      const line = progressLine(options, done, position, (now - started) / 1000);
      output.write(CLEAR_LINE + (output.columns ? line.slice(0, Math.max(0, output.columns - 1)) : line));
    },
    finish() {
      if (drawn) output.write(CLEAR_LINE);
      drawn = false;
    },
  };
}

export function progressLine(options: Pick<ProgressOptions, 'label' | 'total' | 'positionsCountEvents'>, done: number, position: number, seconds: number): string {
  const time = `${seconds.toFixed(1)} s`;
  if (options.total <= 0) return `${options.label} ${formatCount(done)} events  ${time}`; // no known end: no bar
  const fraction = Math.min(1, position / options.total);
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = `▕${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}▏`;
  const count = options.positionsCountEvents ? `${formatCount(done)} / ${formatCount(options.total)} events` : `${formatCount(done)} events`;
  return `${options.label} ${bar} ${Math.floor(fraction * 100)}% ${count}  ${time}`;
}

/** Passes events through, reporting each to the progress bar. */
export async function* withProgress<Event extends { position: number }>(events: AsyncIterable<Event>, progress: Progress): AsyncGenerator<Event> {
  let done = 0;
  for await (const event of events) {
    progress.update(++done, event.position);
    yield event;
  }
}
