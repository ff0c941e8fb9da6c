// A file or folder nobody may change, not even root: as root (who ignores permissions) it
// is made immutable with `chattr +i`, otherwise its mode drops to r-x. Undone at teardown.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ReadOnly {
  /** Makes it changeable again (also done at teardown). */
  restore(): void;
}

const asRoot = process.getuid?.() === 0;

/** Why this machine cannot make a folder read-only (then skip the test), or undefined when it can. */
export function whyNoReadOnly(): string | undefined {
  if (!asRoot) return undefined;
  const probe = mkdtempSync(join(tmpdir(), 'pl-probe-'));
  try {
    const made = spawnSync('chattr', ['+i', probe]);
    if (made.status !== 0) return `running as root, and chattr +i is not available here (${made.stderr?.toString().trim() || made.error?.message})`;
    spawnSync('chattr', ['-i', probe]);
    return undefined;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

/** Makes `path` (a file or a folder) read-only until the test ends or restore() is called. */
export function makeReadOnly(t: { teardown(fn: () => void): void }, path: string): ReadOnly {
  if (asRoot) {
    const made = spawnSync('chattr', ['+i', path]);
    if (made.status !== 0) throw new Error(`chattr +i ${path} failed: ${made.stderr?.toString()}`);
  } else {
    chmodSync(path, 0o555);
  }
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    if (asRoot) spawnSync('chattr', ['-i', path]);
    else chmodSync(path, 0o755);
  };
  t.teardown(restore);
  return { restore };
}
