// One process owns a data folder. The lock is a file created exclusively; a lock
// left by a process that no longer runs on this host (a crash, a SIGKILL) is taken over.
import { join } from 'node:path';
import { StoreLockedError } from '../../errors.js';
import { newLockOwner, releaseLock, tryLock, type LockOwner } from '../../shared/file-lock.js';

export interface DataFolderLock {
  readonly path: string;
  release(): void;
}

export const LOCK_FILE = 'LOCK';

export function acquireDataFolderLock(folder: string): DataFolderLock {
  const path = join(folder, LOCK_FILE);
  const me = newLockOwner();
  let owner: LockOwner | null = null;
  // Up to about a second, for another process that is taking a stale lock over right now.
  for (let attempt = 0; attempt < 200; attempt++) {
    const tried = tryLock(path, me);
    if (tried.outcome === 'taken') return lockHandle(path, me);
    if (tried.outcome === 'again') continue;
    owner = tried.owner;
    if (tried.outcome === 'busy' && owner) throw new StoreLockedError(folder, owner);
    pause(5);
  }
  throw new StoreLockedError(folder, owner ?? { pid: 0, hostname: 'unknown', since: 'unknown' });
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
      releaseLock(path, me);
    },
  };
}
