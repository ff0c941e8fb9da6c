// A lock between processes around a read-modify-write of one file (Node has no flock).
// The lock is a file created exclusively, holding its owner's pid, host, time and a nonce;
// a lock whose owner no longer runs on this host is removed under a takeover guard, so two
// processes never both take it over. Waiting is bounded: past it the caller is told who
// holds the lock. What runs under the lock is synchronous, so it is held for milliseconds.
import { randomUUID } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { writePrivateFileSync } from './private-files.js';
import { isCode } from './write-failures.js';

export interface LockOwner {
  pid: number;
  hostname: string;
  since: string;
  /** Absent in lock files written before nonces were kept. */
  nonce?: string;
}

/** The lock could not be taken in time: another live process holds it. */
export class LockBusyError extends Error {
  readonly owner: LockOwner | null;

  constructor(path: string, owner: LockOwner | null) {
    super(
      owner
        ? `${path} is held by process ${owner.pid} on ${owner.hostname} (since ${owner.since})`
        : `${path} is held by a process that could not be identified`,
    );
    this.owner = owner;
  }
}

export interface FileLockOptions {
  /** How long to wait for another process to finish (default 10 s). */
  waitMs?: number;
}

const DEFAULT_WAIT_MS = 10_000;
const MAX_PAUSE_MS = 20;

/** Who takes a lock: this process, now, with a nonce of its own so it releases only its own lock. */
export function newLockOwner(): LockOwner {
  return { pid: process.pid, hostname: hostname(), since: new Date().toISOString(), nonce: randomUUID() };
}

/**
 * One try at a lock: taken; held by a live owner (busy); free again or taken back from a dead
 * owner, so try again at once (again); or another process is taking a dead owner's lock over (wait).
 */
export type LockAttempt = { outcome: 'taken' } | { outcome: 'again' } | { outcome: 'busy' | 'wait'; owner: LockOwner | null };

export function tryLock(path: string, me: LockOwner): LockAttempt {
  const content = JSON.stringify(me) + '\n';
  if (createExclusive(path, content)) return { outcome: 'taken' };
  const owner = readOwner(path);
  if (owner === undefined) return { outcome: 'again' }; // released between our create and our read
  if (owner !== null && isLive(owner)) return { outcome: 'busy', owner };
  // Unreadable (cut short by a crash) or left by a process that died: take it over, unless someone else is.
  return removeStaleLock(path, owner, content) ? { outcome: 'again' } : { outcome: 'wait', owner };
}

/** Removes the lock if it is still ours: never one that replaced ours. */
export function releaseLock(path: string, me: LockOwner): void {
  if (readOwner(path)?.nonce === me.nonce) removeIfPresent(path);
}

/** Runs `work` while holding the lock file `path`; filesystem errors (EROFS, ENOSPC…) are thrown as they are. */
export async function withFileLock<T>(path: string, work: () => T, options: FileLockOptions = {}): Promise<T> {
  const me = newLockOwner();
  const deadline = Date.now() + (options.waitMs ?? DEFAULT_WAIT_MS);
  for (let attempt = 0; ; attempt++) {
    const tried = tryLock(path, me);
    if (tried.outcome === 'taken') break;
    if (tried.outcome === 'again') continue;
    if (Date.now() >= deadline) throw new LockBusyError(path, tried.owner);
    // Short, growing, jittered pauses: the holder needs a few milliseconds.
    await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_PAUSE_MS, 1 + attempt) * (0.5 + Math.random())));
  }
  try {
    return work();
  } finally {
    releaseLock(path, me);
  }
}

/** Creates the file with its whole content, or returns false if it exists (so it is never seen half-written). */
function createExclusive(path: string, content: string): boolean {
  const draft = `${path}.${process.pid}.${randomUUID()}`;
  try {
    writePrivateFileSync(draft, content, 'wx');
    linkSync(draft, path);
    return true;
  } catch (err) {
    if (isCode(err, 'EEXIST')) return false;
    throw err;
  } finally {
    removeIfPresent(draft);
  }
}

/**
 * Removes the lock if it is still the stale one, holding a guard so that no two processes
 * remove locks at once (each could remove the other's fresh one). Returns false when another
 * live process holds the guard (it is taking the lock over: wait for it).
 */
function removeStaleLock(path: string, stale: LockOwner | null, content: string): boolean {
  const guard = `${path}.takeover`;
  if (!createExclusive(guard, content)) {
    const holder = readOwner(guard);
    if (holder === undefined) return true;
    if (holder && isLive(holder)) return false;
    removeIfPresent(guard); // left by a process that died during a takeover
    return true;
  }
  try {
    const current = readOwner(path);
    if (current !== undefined && sameOwner(current, stale)) removeIfPresent(path);
  } finally {
    removeIfPresent(guard);
  }
  return true;
}

/** undefined: no lock file; null: a lock file that cannot be read (treated as stale). */
function readOwner(path: string): LockOwner | null | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (isCode(err, 'ENOENT')) return undefined;
    throw err;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'pid' in parsed &&
      typeof parsed.pid === 'number' &&
      'hostname' in parsed &&
      typeof parsed.hostname === 'string' &&
      'since' in parsed &&
      typeof parsed.since === 'string'
    ) {
      const nonce = 'nonce' in parsed && typeof parsed.nonce === 'string' ? parsed.nonce : undefined;
      return { pid: parsed.pid, hostname: parsed.hostname, since: parsed.since, ...(nonce === undefined ? {} : { nonce }) };
    }
  } catch {
    // cut short by a crash: unreadable
  }
  return null;
}

function sameOwner(a: LockOwner | null, b: LockOwner | null): boolean {
  if (a === null || b === null) return a === b;
  return a.pid === b.pid && a.hostname === b.hostname && a.since === b.since && a.nonce === b.nonce;
}

function isLive(owner: LockOwner): boolean {
  // A lock taken on another host cannot be checked from here: respect it.
  if (owner.hostname !== hostname()) return true;
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (err) {
    return isCode(err, 'EPERM');
  }
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (err) {
    if (!isCode(err, 'ENOENT')) throw err;
  }
}
