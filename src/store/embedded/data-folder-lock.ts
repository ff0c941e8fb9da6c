// One process owns a data folder. The lock is a file created exclusively; a lock
// left by a process that no longer runs on this host (a crash, a SIGKILL) is taken over.
import { linkSync, readFileSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StoreLockedError } from '../../errors.js';
import { writePrivateFileSync } from '../../shared/private-files.js';

export interface LockOwner {
  pid: number;
  hostname: string;
  since: string;
}

export interface DataFolderLock {
  readonly path: string;
  release(): void;
}

export const LOCK_FILE = 'LOCK';

export function acquireDataFolderLock(folder: string): DataFolderLock {
  const path = join(folder, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, hostname: hostname(), since: new Date().toISOString() };
  const content = JSON.stringify(me) + '\n';

  // Up to about a second, for another process that is removing a stale lock right now.
  for (let attempt = 0; attempt < 200; attempt++) {
    if (createExclusive(path, content)) return lockHandle(path, me);
    const owner = readOwner(path);
    if (owner === undefined) continue; // removed between our create and read: try again
    if (owner && isLive(owner)) throw new StoreLockedError(folder, owner);
    // Stale (or unreadable): remove it and create ours as above, so a process starting at the
    // same moment either wins that create or sees our live lock. Replacing it in place let both win.
    if (!removeStaleLock(path, owner, content)) pause(5);
  }
  const owner = readOwner(path);
  throw new StoreLockedError(folder, owner ?? { pid: 0, hostname: 'unknown', since: 'unknown' });
}

/** Creates the file with its whole content, or returns false if it exists (never seen half-written). */
function createExclusive(path: string, content: string): boolean {
  const draft = `${path}.${process.pid}`;
  writePrivateFileSync(draft, content);
  try {
    linkSync(draft, path);
    return true;
  } catch (err) {
    if (isCode(err, 'EEXIST')) return false;
    throw err;
  } finally {
    unlinkSync(draft);
  }
}

/**
 * Removes the lock if it is still the stale one, holding a takeover guard so that no two
 * processes remove locks at once (each could remove the other's fresh one). Returns false
 * when another live process holds the guard.
 */
function removeStaleLock(path: string, stale: LockOwner | null, content: string): boolean {
  const guard = `${path}.takeover`;
  if (!createExclusive(guard, content)) {
    const holder = readOwner(guard);
    if (holder && isLive(holder)) return false;
    removeIfPresent(guard); // left by a process that died during a takeover
    return true;
  }
  try {
    const current = readOwner(path);
    if (current !== undefined && sameOwner(current, stale)) removeIfPresent(path);
  } finally {
    unlinkSync(guard);
  }
  return true;
}

function sameOwner(a: LockOwner | null, b: LockOwner | null): boolean {
  if (a === null || b === null) return a === b;
  return a.pid === b.pid && a.hostname === b.hostname && a.since === b.since;
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (err) {
    if (!isCode(err, 'ENOENT')) throw err;
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function lockHandle(path: string, me: LockOwner): DataFolderLock {
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      if (readOwner(path)?.pid === me.pid) unlinkSync(path);
    },
  };
}

/** undefined: no lock file; null: a lock file we cannot read (treated as stale). */
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
      return { pid: parsed.pid, hostname: parsed.hostname, since: parsed.since };
    }
  } catch {
    // a half-written lock file from a crash
  }
  return null;
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

function isCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === code;
}
