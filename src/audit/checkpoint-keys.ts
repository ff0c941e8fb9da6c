// The checkpoint signing key: read from CHECKPOINT_KEY_FILE or an auditor's file, made
// with --new-key, and refused when it sits inside DATA_DIR or KEYS_DIR (an insider who can
// write the log must not be able to sign with it). Its SHA-256 fingerprint is what an
// auditor pins and publishes.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { PartnershipLogError } from '../errors.js';
import { writePrivateFileSync } from '../shared/private-files.js';

export interface SigningKey {
  privateKey: KeyObject;
  publicKeyPem: string;
  /** SHA-256 of the public key's SPKI DER, hex. */
  fingerprint: string;
}

/** Where data folders made before checkpoint keys moved out kept their key; it is no longer used. */
export const LEGACY_KEY_FILE = join('audit', 'checkpoint-signing-key.pem');

export const FINGERPRINT = /^[0-9a-f]{64}$/;

/** SHA-256 of the key's SPKI DER, hex: what an auditor pins and publishes. A private key gives its public half's. */
export function keyFingerprint(key: string | KeyObject): string {
  const publicKey = createPublicKey(key);
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

function signingKeyFrom(privateKey: KeyObject, file: string): SigningKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new PartnershipLogError('PL_ERR_CONFIG', `The checkpoint key ${file} is not an ed25519 key.`);
  }
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, publicKeyPem, fingerprint: keyFingerprint(publicKeyPem) };
}

/** An ed25519 private key (PEM, pkcs8) from its file. */
export function readSigningKeyFile(file: string): SigningKey {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (err) {
    throw new PartnershipLogError('PL_ERR_CONFIG', `The checkpoint key ${file} could not be read (${errorCode(err) ?? 'unreadable'}).`, { cause: err });
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (err) {
    throw new PartnershipLogError('PL_ERR_CONFIG', `The checkpoint key ${file} is not a private key in PEM.`, { cause: err });
  }
  return signingKeyFrom(privateKey, file);
}

/** A public key (PEM) from a file holding a public key, or a private key whose public half is taken. */
export function readPublicKeyFile(file: string): string {
  try {
    return createPublicKey(readFileSync(file, 'utf8')).export({ type: 'spki', format: 'pem' }).toString();
  } catch (err) {
    throw new PartnershipLogError('PL_ERR_VALIDATION', `The key ${file} could not be read as a public or private key in PEM (${errorCode(err) ?? 'not a key'}).`, { cause: err });
  }
}

/** Makes a new key file (0600), never overwriting one and never inside the given folders. */
export function createSigningKeyFile(file: string, forbidden: readonly ForbiddenFolder[]): SigningKey {
  refuseKeyInside(file, forbidden);
  const { privateKey } = generateKeyPairSync('ed25519');
  try {
    writePrivateFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'wx');
  } catch (err) {
    const code = errorCode(err);
    const why = code === 'EEXIST' ? 'a file is already there and is never overwritten' : (code ?? 'not writable');
    throw new PartnershipLogError('PL_ERR_CONFIG', `No key was made at ${file}: ${why}.`, { cause: err });
  }
  return signingKeyFrom(privateKey, file);
}

export interface ForbiddenFolder {
  /** How the operator knows it: DATA_DIR, KEYS_DIR. */
  name: string;
  path: string;
}

/** The path with symlinks followed; for a file not made yet, its nearest existing folder's real path. */
function realPath(path: string): string {
  const absolute = resolve(path);
  if (existsSync(absolute)) return realpathSync(absolute);
  const parent = dirname(absolute);
  return parent === absolute ? absolute : join(realPath(parent), basename(absolute));
}

/** A key the log's writer can reach is no key at all: refuse one inside DATA_DIR or KEYS_DIR. */
export function refuseKeyInside(file: string, forbidden: readonly ForbiddenFolder[]): void {
  const key = realPath(file);
  for (const folder of forbidden) {
    const within = relative(realPath(folder.path), key);
    if (within === '' || (!within.startsWith('..') && !isAbsolute(within))) {
      throw new PartnershipLogError(
        'PL_ERR_CONFIG',
        `The checkpoint key ${file} is inside ${folder.name} (${folder.path}): anyone who can change the log could re-sign it. ` +
          'Keep the key in another account’s folder (see “Auditors’ keys” in the README).',
      );
    }
  }
}

/**
 * The server's key, when CHECKPOINT_KEY_FILE is set: refused inside the data or keys folder,
 * warned about when others may read it. A key left beside the log by an older version is
 * never used, only warned about.
 */
export function openServerSigningKey(
  options: { keyFile: string | undefined; dataDir: string; keysDir?: string | undefined },
  warn: (message: string) => void,
): SigningKey | undefined {
  const legacy = join(options.dataDir, LEGACY_KEY_FILE);
  if (existsSync(legacy)) {
    warn(
      `${legacy} is no longer used to sign checkpoints: anyone who can change the log can use it. ` +
        'Move it out of DATA_DIR to the auditor’s account and point CHECKPOINT_KEY_FILE at it (or sign with `npm run checkpoint -- --key <file>`).',
    );
  }
  if (options.keyFile === undefined) return undefined;
  refuseKeyInside(options.keyFile, [
    { name: 'DATA_DIR', path: options.dataDir },
    ...(options.keysDir === undefined ? [] : [{ name: 'KEYS_DIR', path: options.keysDir }]),
  ]);
  const key = readSigningKeyFile(options.keyFile);
  if ((statSync(options.keyFile).mode & 0o077) !== 0) {
    warn(`The checkpoint key ${options.keyFile} may be read by its group or others: make it readable by its owner only (chmod 600).`);
  }
  return key;
}

function errorCode(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

