// One process owns a data folder. The lock is a file created exclusively; a lock
// left by a process that no longer runs on this host (a crash, a SIGKILL) is taken over.
import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StoreLockedError } from '../../errors.js';

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

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, content);
      closeSync(fd);
      return lockHandle(path, me);
    } catch (err) {
      if (!isCode(err, 'EEXIST')) throw err;
    }
    const owner = readOwner(path);
    if (owner === undefined) continue; // removed between our open and read: try again
    if (owner && isLive(owner)) throw new StoreLockedError(folder, owner);
    // Stale (or unreadable) lock: replace it atomically rather than unlink + create.
    const mine = `${path}.${process.pid}`;
    writeFileSync(mine, content);
    renameSync(mine, path);
    if (readOwner(path)?.pid === me.pid) return lockHandle(path, me);
  }
  const owner = readOwner(path);
  throw new StoreLockedError(folder, owner ?? { pid: 0, hostname: 'unknown', since: 'unknown' });
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
