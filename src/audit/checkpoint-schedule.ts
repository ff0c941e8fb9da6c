// The server publishing its own checkpoints on a schedule (CHECKPOINT_EVERY into
// CHECKPOINT_PUBLISH_DIR), for a deployment where the server holds a signing key: each
// run signs the log as it stands and appends the checkpoint to the folder only if it
// extends the latest one there. A failed run is logged and tried again at the next tick;
// it never stops the server.
import type { SignedCheckpoint } from './checkpoint.js';
import type { MerkleTreeStore } from './merkle-tree-store.js';
import { publishCheckpoint } from './published-checkpoints.js';

/** What the schedule logs with (pino's logger, or fastify's). */
interface ScheduleLog {
  info(bindings: object, message: string): void;
  error(bindings: object, message: string): void;
}

export interface CheckpointSchedule {
  everyMs: number;
  folder: string;
}

export interface ScheduledPublisher {
  /** Signs and publishes once now (what each tick does); the file written. */
  publishNow(): Promise<string>;
  stop(): void;
}

export function startCheckpointSchedule(
  schedule: CheckpointSchedule,
  work: { sign: () => Promise<SignedCheckpoint>; tree: () => Promise<MerkleTreeStore> },
  log: ScheduleLog,
): ScheduledPublisher {
  let running: Promise<string> | undefined;
  const publishNow = async (): Promise<string> => {
    const checkpoint = await work.sign();
    // The tree may have grown while the checkpoint was signed: it still begins with the signed one.
    return publishCheckpoint(schedule.folder, checkpoint, await work.tree());
  };
  const tick = () => {
    if (running) return; // the previous run is still going: skip this tick rather than queue
    running = publishNow()
      .then((file) => {
        log.info({ file }, 'published a checkpoint');
        return file;
      })
      .catch((err: unknown) => {
        log.error({ err }, 'a scheduled checkpoint was not published; trying again at the next tick');
        return '';
      })
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, schedule.everyMs);
  timer.unref();
  return { publishNow, stop: () => clearInterval(timer) };
}

/** A duration such as 30s, 15m, 1h or 1d, in milliseconds; undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)\s*(s|m|h|d)$/.exec(text.trim());
  if (!match) return undefined;
  const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 's' | 'm' | 'h' | 'd'];
  const ms = Number(match[1]) * unit;
  return ms > 0 ? ms : undefined;
}
