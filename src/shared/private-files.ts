// Files in DATA_DIR and KEYS_DIR hold what people said about their lives, their keys and
// the tokens that let people in: only the user that runs Partnership Log may read them.
// Folders are made 0700 and files 0600 as they are created. The mode is passed to mkdir
// and open and then set again, because the umask may take bits off the first, and a file
// that already exists keeps whatever mode it has.
import { chmodSync, closeSync, fchmodSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, unlinkSync, writeSync } from 'node:fs';
import { chmod, mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Makes the folder and any missing folders above it, each 0700; an existing folder is left as it is. */
export function makePrivateFolderSync(folder: string): void {
  const first = mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  for (const made of foldersMade(folder, first)) chmodSync(made, PRIVATE_FOLDER_MODE);
}

/** makePrivateFolderSync, off the event loop. */
export async function makePrivateFolder(folder: string): Promise<void> {
  const first = await mkdir(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  for (const made of foldersMade(folder, first)) await chmod(made, PRIVATE_FOLDER_MODE);
}

/** The folders a recursive mkdir made: from the first it made (undefined when none) down to `folder`. */
function foldersMade(folder: string, first: string | undefined): string[] {
  if (first === undefined) return [];
  const top = resolve(first);
  const made: string[] = [];
  for (let at = resolve(folder); ; at = dirname(at)) {
    made.push(at);
    if (at === top || dirname(at) === at) return made;
  }
}

/** Opens (creating it 0600 if need be) a file this process writes; the file is 0600 whatever it was. */
export async function openPrivate(file: string, flags: string): Promise<FileHandle> {
  const handle = await open(file, flags, PRIVATE_FILE_MODE);
  try {
    await handle.chmod(PRIVATE_FILE_MODE);
  } catch (err) {
    await handle.close();
    throw err;
  }
  return handle;
}

/** openPrivate, synchronously: a file descriptor for a file that is 0600 whatever it was. */
export function openPrivateSync(file: string, flags: string): number {
  const fd = openSync(file, flags, PRIVATE_FILE_MODE);
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE);
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  return fd;
}

/** writeFileSync for a file this process owns: created 0600, and 0600 whatever it was before. */
export function writePrivateFileSync(file: string, data: string | Uint8Array, flag = 'w'): void {
  const fd = openPrivateSync(file, flag);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
  } finally {
    closeSync(fd);
  }
}

/** Creates the file empty and 0600 if it does not exist; true when it was created. */
export async function createPrivateFile(file: string): Promise<boolean> {
  let handle: FileHandle;
  try {
    handle = await openPrivate(file, 'wx');
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'EEXIST') return false;
    throw err;
  }
  await handle.close();
  return true;
}

/**
 * Makes every folder under `root` (itself included) 0700 and every file 0600; returns how
 * many it changed. Symbolic links are not followed: what they point to is not ours to change.
 */
export function makeTreePrivate(root: string): number {
  let changed = 0;
  const visit = (path: string) => {
    const stat = lstatSync(path);
    const wanted = stat.isDirectory() ? PRIVATE_FOLDER_MODE : stat.isFile() ? PRIVATE_FILE_MODE : undefined;
    if (wanted === undefined) return;
    if ((stat.mode & 0o777) !== wanted) {
      chmodSync(path, wanted);
      changed++;
    }
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
  };
  visit(root);
  return changed;
}

/** Makes a rename, link or unlink in the folder durable (a file's own fsync does not cover its name). */
export function syncFolderSync(folder: string): void {
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Removes a temporary file on the way out of a failure: one never made, or a folder that refuses, leaves nothing more to undo. */
export function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // nothing more to undo
  }
}
