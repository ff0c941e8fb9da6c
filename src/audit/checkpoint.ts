// Signed checkpoints: a small statement of the log's size and the Merkle root of its
// events at that point, signed with an ed25519 key kept OUTSIDE the data folder (the
// auditor's, or CHECKPOINT_KEY_FILE). An auditor who keeps one can later prove that the
// log still holds that history unchanged, whatever has been added since — any rewrite of
// earlier events changes the root. Verification trusts only a key the auditor pinned
// (or one that key announced), never the key a checkpoint carries: a key an insider can
// reach proves nothing.
import { createPublicKey, sign, verify } from 'node:crypto';
import { z } from 'zod';
import { PartnershipLogError } from '../errors.js';
import { canonicalJson } from '../events/canonical-json.js';
import type { HashedLink } from './chain-verifier.js';
import { FINGERPRINT, keyFingerprint, type SigningKey } from './checkpoint-keys.js';
import { MerkleAccumulator } from './merkle.js';
import { verifyConsistency } from './merkle-proofs.js';
import { MerkleTreeStore } from './merkle-tree-store.js';

// Where callers have always found the key functions.
export * from './checkpoint-keys.js';

export const checkpointStatement = z.object({
  kind: z.literal('partnership-log-checkpoint'),
  version: z.literal(1),
  store: z.string(),
  /** How many events the root covers: the first `size` events in log order. */
  size: z.number().int().min(0),
  lastPosition: z.number().int().min(0),
  merkleRoot: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string(),
  /** Key rotation: the public key (PEM) that signs the checkpoints after this one, announced under the old key's signature. */
  nextPublicKey: z.string().optional(),
});
export type CheckpointStatement = z.infer<typeof checkpointStatement>;

export const signedCheckpoint = z.object({
  statement: checkpointStatement,
  /** base64 ed25519 signature over the canonical JSON of the statement. */
  signature: z.string(),
  /** The signer's public key (PEM). Not signed and never trusted by itself: only compared with the key the auditor trusts. */
  publicKey: z.string(),
});
export type SignedCheckpoint = z.infer<typeof signedCheckpoint>;

/** links: the log's events in order; each leaf is an event's hash recomputed from what is stored, chained or not. */
export async function makeCheckpoint(
  links: AsyncIterable<HashedLink>,
  key: Pick<SigningKey, 'privateKey' | 'publicKeyPem'>,
  store: string,
  createdAt: string,
  nextPublicKey?: string,
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
    ...(nextPublicKey === undefined ? {} : { nextPublicKey }),
  };
  const signature = sign(null, Buffer.from(canonicalJson(statement)), key.privateKey).toString('base64');
  return { statement, signature, publicKey: key.publicKeyPem };
}

export interface ConsistencyReport {
  ok: boolean;
  summary: string;
  /** What the auditor called the checkpoint (its file), when given. */
  name?: string;
  /** Fingerprint of the key the checkpoint says signed it. */
  signedBy?: string;
  /** Signed by the key the auditor trusts at this point of the chain, and the signature holds. */
  signatureValid: boolean;
  checkpointSize: number;
  currentSize: number;
  rootThen: string;
  rootNow?: string;
  /** Fingerprint of the key this checkpoint announces for the checkpoints after it. */
  announces?: string;
}

/** What the auditor trusts: a public key (PEM) or its fingerprint (64 hex digits), as a fingerprint. */
export function trustedFingerprint(trusted: string): string {
  const text = trusted.trim().toLowerCase();
  if (FINGERPRINT.test(text)) return text;
  try {
    return keyFingerprint(trusted);
  } catch {
    throw new PartnershipLogError('PL_ERR_VALIDATION', 'The trusted key is neither a public key in PEM nor a fingerprint of 64 hex digits.');
  }
}

function parseCheckpoint(input: unknown, name?: string): SignedCheckpoint {
  const parsed = signedCheckpoint.safeParse(input);
  if (!parsed.success) {
    const which = name === undefined ? 'This is not' : `${name} is not`;
    throw new PartnershipLogError('PL_ERR_VALIDATION', `${which} a Partnership Log checkpoint: ${parsed.error.issues[0]?.message ?? 'unreadable'}.`);
  }
  return parsed.data;
}

function fingerprintOrUndefined(pem: string): string | undefined {
  try {
    return keyFingerprint(pem);
  } catch {
    return undefined;
  }
}

/**
 * Proves the current log still begins with the history each checkpoint signed. Checkpoints
 * are taken in log order (size, then time); the first must be signed by the trusted key,
 * and each later one by that key or by the key an earlier, trusted checkpoint announced
 * (nextPublicKey), which then replaces it. Any other signer is refused, whatever key the
 * checkpoint carries. A rewrite is placed between the last checkpoint that still matches
 * and the first that does not.
 */
export async function checkAgainstCheckpoints(
  links: AsyncIterable<HashedLink>,
  inputs: readonly { name?: string; checkpoint: unknown }[],
  trusted: string,
): Promise<ConsistencyReport[]> {
  // What the auditor gave is checked before the log is read.
  trustedFingerprint(trusted);
  for (const { name, checkpoint } of inputs) parseCheckpoint(checkpoint, name);
  // One pass over the log builds its tree; each checkpoint is then checked by a consistency proof from it.
  const tree = new MerkleTreeStore();
  for await (const link of links) tree.add(link.contentHash);
  return checkTreeAgainstCheckpoints(tree, inputs, trusted);
}

/**
 * checkAgainstCheckpoints over the log's tree: each checkpoint's (size, root) must be
 * consistent with the log's current root by an RFC 9162 consistency proof. Two checkpoints
 * both consistent with one tree are consistent with each other, so a folder of them that
 * passes also extends itself in order.
 */
export function checkTreeAgainstCheckpoints(
  tree: MerkleTreeStore,
  inputs: readonly { name?: string | undefined; checkpoint: unknown }[],
  trusted: string,
): ConsistencyReport[] {
  let current = trustedFingerprint(trusted);
  const checkpoints = inputs
    .map(({ name, checkpoint }) => ({ name, checkpoint: parseCheckpoint(checkpoint, name) }))
    .sort((a, b) => a.checkpoint.statement.size - b.checkpoint.statement.size || a.checkpoint.statement.createdAt.localeCompare(b.checkpoint.statement.createdAt));
  const currentSize = tree.size;
  const rootNowHex = tree.rootAt().toString('hex');
  const consistentWithLog = (statement: CheckpointStatement) =>
    verifyConsistency(statement.size, currentSize, Buffer.from(statement.merkleRoot, 'hex'), Buffer.from(rootNowHex, 'hex'), tree.consistencyProof(statement.size, currentSize));

  const reports: ConsistencyReport[] = [];
  let matchedUpTo = 0;
  for (const { name, checkpoint } of checkpoints) {
    const { statement, signature, publicKey } = checkpoint;
    const signedBy = fingerprintOrUndefined(publicKey);
    const rootNow = statement.size <= currentSize ? tree.rootAt(statement.size).toString('hex') : undefined;
    const base = {
      ...(name === undefined ? {} : { name }),
      ...(signedBy === undefined ? {} : { signedBy }),
      checkpointSize: statement.size,
      currentSize,
      rootThen: statement.merkleRoot,
      ...(rootNow === undefined ? {} : { rootNow }),
    };
    if (signedBy !== current) {
      const who = signedBy === undefined ? 'a key that cannot be read' : `key ${signedBy}`;
      reports.push({ ok: false, ...base, signatureValid: false, summary: `Refused: checkpoint signed by ${who}, which is not the key you trust (${current}).` });
      continue;
    }
    const signatureValid = verify(null, Buffer.from(canonicalJson(statement)), createPublicKey(publicKey), Buffer.from(signature, 'base64'));
    if (!signatureValid) {
      reports.push({ ok: false, ...base, signatureValid, summary: 'The checkpoint’s signature does not match: it was not made by this key, or it was edited.' });
      continue;
    }
    let announces: string | undefined;
    let announcement = '';
    if (statement.nextPublicKey !== undefined) {
      announces = fingerprintOrUndefined(statement.nextPublicKey);
      if (announces !== undefined) {
        current = announces;
        announcement = ` It announces the next key ${announces}: the checkpoints after it must be signed by that key.`;
      }
    }
    const withKey = { ...base, signatureValid, ...(announces === undefined ? {} : { announces }) };
    if (rootNow === undefined) {
      reports.push({ ok: false, ...withKey, summary: `The checkpoint covers ${statement.size} events but the log now has only ${currentSize}: events were removed.${announcement}` });
    } else if (!consistentWithLog(statement)) {
      reports.push({
        ok: false,
        ...withKey,
        summary:
          `The first ${statement.size} events are not the ones the checkpoint signed: the history was rewritten at or after position ${matchedUpTo + 1} ` +
          `(the first position not covered by a matching checkpoint), and at or before position ${statement.lastPosition}.${announcement}`,
      });
    } else {
      matchedUpTo = Math.max(matchedUpTo, statement.lastPosition);
      reports.push({
        ok: true,
        ...withKey,
        summary: `The log still holds the ${statement.size} events signed at ${statement.createdAt}, unchanged; ${currentSize - statement.size} event(s) were added since.${announcement}`,
      });
    }
  }
  return reports;
}

/** One checkpoint against the log, trusting only `trusted` (a public key in PEM, or its fingerprint). */
export async function checkAgainstCheckpoint(links: AsyncIterable<HashedLink>, input: unknown, trusted: string): Promise<ConsistencyReport> {
  const [report] = await checkAgainstCheckpoints(links, [{ checkpoint: input }], trusted);
  if (report === undefined) throw new Error('one checkpoint gives one report');
  return report;
}
