// Telling a storage refusal (read-only folder, full disk) from a bug: the first is a 503
// that says what could not be saved, the second stays a 500.

/** Is this a Node system error with one of these codes? */
export function isCode(err: unknown, ...codes: string[]): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' && codes.includes(err.code);
}

/** Why a write failed, in words, when the storage refused it; undefined for anything else. */
export function writeFailure(err: unknown): string | undefined {
  if (isCode(err, 'ENOSPC', 'EDQUOT', 'EFBIG')) return 'the disk is full';
  if (isCode(err, 'EACCES', 'EPERM', 'EROFS')) return 'the folder is read-only';
  if (isCode(err, 'EIO', 'EMFILE', 'ENFILE')) return 'the storage failed';
  return undefined;
}
