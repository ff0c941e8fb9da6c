// Signed checkpoints: a small statement of the log's size and the Merkle root of its
// events at that point, signed with an ed25519 key kept in DATA_DIR. An auditor who
// keeps one can later prove that the log still holds that history unchanged, whatever
// has been added since — any rewrite of earlier events changes the root.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PartnershipLogError } from '../errors.js';
import { canonicalJson } from '../shared/canonical-json.js';
import { makePrivateFolderSync, writePrivateFileSync } from '../shared/private-files.js';
import type { HashedLink } from './chain-verifier.js';
import { MerkleAccumulator } from './merkle.js';

export const checkpointStatement = z.object({
  kind: z.literal('partnership-log-checkpoint'),
  version: z.literal(1),
  store: z.string(),
  /** How many events the root covers: the first `size` events in log order. */
  size: z.number().int().min(0),
  lastPosition: z.number().int().min(0),
  merkleRoot: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string(),
});
export type CheckpointStatement = z.infer<typeof checkpointStatement>;

export const signedCheckpoint = z.object({
  statement: checkpointStatement,
  /** base64 ed25519 signature over the canonical JSON of the statement. */
  signature: z.string(),
  /** The signer's public key (PEM), also published at GET /audit/public-key. */
  publicKey: z.string(),
});
export type SignedCheckpoint = z.infer<typeof signedCheckpoint>;

const KEY_FOLDER = 'audit';
const PRIVATE_KEY = 'checkpoint-signing-key.pem';

/** The data folder's signing key, made on first use (mode 0600). */
export function loadSigningKey(dataDir: string): { privateKey: KeyObject; publicKeyPem: string } {
  const folder = join(dataDir, KEY_FOLDER);
  const file = join(folder, PRIVATE_KEY);
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch {
    makePrivateFolderSync(folder);
    const { privateKey } = generateKeyPairSync('ed25519');
    pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    writePrivateFileSync(file, pem, 'wx');
  }
  const privateKey = createPrivateKey(pem);
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, publicKeyPem };
}

/** links: the log's events in order; each leaf is an event's hash recomputed from what is stored, chained or not. */
export async function makeCheckpoint(
  links: AsyncIterable<HashedLink>,
  key: { privateKey: KeyObject; publicKeyPem: string },
  store: string,
  createdAt: string,
): Promise<SignedCheckpoint> {
  const tree = new MerkleAccumulator();
  let lastPosition = 0;
  for await (const link of links) {
    tree.add(link.contentHash);
    lastPosition = link.position;
  }
  const statement: CheckpointStatement = {
    kind: 'partnership-log-checkpoint',
    version: 1,
    store,
    size: tree.size,
    lastPosition,
    merkleRoot: tree.root(),
    createdAt,
  };
  const signature = sign(null, Buffer.from(canonicalJson(statement)), key.privateKey).toString('base64');
  return { statement, signature, publicKey: key.publicKeyPem };
}

export interface ConsistencyReport {
  ok: boolean;
  summary: string;
  signatureValid: boolean;
  checkpointSize: number;
  currentSize: number;
  rootThen: string;
  rootNow?: string;
}

/**
 * Proves the current log still begins with the history the checkpoint signed:
 * the signature is the key's, and the first `size` events give the same root.
 */
export async function checkAgainstCheckpoint(
  links: AsyncIterable<HashedLink>,
  input: unknown,
  trustedPublicKeyPem?: string,
): Promise<ConsistencyReport> {
  const parsed = signedCheckpoint.safeParse(input);
  if (!parsed.success) {
    throw new PartnershipLogError('PL_ERR_VALIDATION', `This is not a Partnership Log checkpoint: ${parsed.error.issues[0]?.message ?? 'unreadable'}.`);
  }
  const { statement, signature, publicKey } = parsed.data;
  const key = createPublicKey(trustedPublicKeyPem ?? publicKey);
  const signatureValid = verify(null, Buffer.from(canonicalJson(statement)), key, Buffer.from(signature, 'base64'));
  const tree = new MerkleAccumulator();
  let rootNow: string | undefined;
  let currentSize = 0;
  for await (const link of links) {
    if (tree.size < statement.size) tree.add(link.contentHash);
    if (tree.size === statement.size && rootNow === undefined) rootNow = tree.root();
    currentSize++;
  }
  if (statement.size === 0) rootNow = tree.root();
  const base = { signatureValid, checkpointSize: statement.size, currentSize, rootThen: statement.merkleRoot };
  if (!signatureValid) {
    return { ok: false, ...base, ...(rootNow ? { rootNow } : {}), summary: 'The checkpoint’s signature does not match: it was not made by this key, or it was edited.' };
  }
  if (rootNow === undefined) {
    return { ok: false, ...base, summary: `The checkpoint covers ${statement.size} events but the log now has only ${currentSize}: events were removed.` };
  }
  if (rootNow !== statement.merkleRoot) {
    return { ok: false, ...base, rootNow, summary: `The first ${statement.size} events are not the ones the checkpoint signed: the history was rewritten.` };
  }
  return {
    ok: true,
    ...base,
    rootNow,
    summary: `The log still holds the ${statement.size} events signed at ${statement.createdAt}, unchanged; ${currentSize - statement.size} event(s) were added since.`,
  };
}
