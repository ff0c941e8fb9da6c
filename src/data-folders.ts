// At start-up, before the store opens: DATA_DIR (and KEYS_DIR, when it is set) exist, can
// be written, and are private (see src/shared/private-files.ts). A folder that fails is a
// PL_ERR_CONFIG naming it and what to do, not a stack trace from the first write.
import type { Logger } from 'pino';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PartnershipLogError } from './errors.js';
import { makePrivateFolderSync, makeTreePrivate, writePrivateFileSync } from './shared/private-files.js';

export interface DataFolders {
  dataDir: string;
  /** Where the person keys are kept when not in DATA_DIR/keys. */
  keysDir?: string | undefined;
}

export function prepareDataFolders({ dataDir, keysDir }: DataFolders, logger: Logger): void {
  const folders: [setting: string, folder: string][] = [['DATA_DIR', dataDir]];
  if (keysDir !== undefined) folders.push(['KEYS_DIR', keysDir]);
  for (const [setting, folder] of folders) {
    attempt(setting, folder, 'cannot be created', () => makePrivateFolderSync(folder));
    attempt(setting, folder, 'is not writable', () => {
      const probe = join(folder, `.write-check-${process.pid}`);
      writePrivateFileSync(probe, '');
      rmSync(probe);
    });
  }
  let fixed = 0;
  for (const [setting, folder] of folders) {
    attempt(setting, folder, 'holds files whose mode cannot be made private', () => (fixed += makeTreePrivate(folder)));
  }
  // Counts and the folders only: a file's name can be a person's id.
  if (fixed > 0) {
    logger.warn(
      { fixed, folders: folders.map(([, folder]) => folder) },
      'the data folder was readable by other users: its folders are now 0700 and its files 0600',
    );
  }
}

function attempt(setting: string, folder: string, failure: string, action: () => void): void {
  try {
    action();
  } catch (err) {
    const code = err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : 'unknown error';
    throw new PartnershipLogError(
      'PL_ERR_CONFIG',
      `${setting} ${folder} ${failure} (${code}): make it a folder the user running Partnership Log can write, or set ${setting} to another folder.`,
      { cause: err },
    );
  }
}
