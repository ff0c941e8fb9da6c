// A folder of published checkpoints, owned by the auditor and only ever added to: one
// file per checkpoint, named by its zero-padded size and time so the names sort in log
// order. A checkpoint is published only when it extends the latest one already there
// (an RFC 9162 consistency proof from the tree it was signed over), so the folder is a
// record the operator cannot quietly fork.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PartnershipLogError } from '../errors.js';
import { signedCheckpoint, type SignedCheckpoint } from './checkpoint.js';
import { verifyConsistency } from './merkle-proofs.js';
import type { MerkleTreeStore } from './merkle-tree-store.js';

/** 000000000120-2026-03-02T10-00-00-000Z.json: sizes to a trillion events sort as text. */
export function publishedName(checkpoint: SignedCheckpoint): string {
  const { size, createdAt } = checkpoint.statement;
  return `${String(size).padStart(12, '0')}-${createdAt.replace(/[:.+]/g, '-')}.json`;
}

/** The .json files in the folder, in name order (log order when they were published here); none when there is no folder. */
export function publishedFiles(folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return [];
    throw err;
  }
  return names.filter((name) => name.endsWith('.json')).sort().map((name) => join(folder, name));
}

function readPublished(file: string): SignedCheckpoint {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new PartnershipLogError('PL_ERR_VALIDATION', `The published checkpoint ${file} could not be read as JSON.`, { cause: err });
  }
  const parsed = signedCheckpoint.safeParse(json);
  if (!parsed.success) throw new PartnershipLogError('PL_ERR_VALIDATION', `${file} is not a Partnership Log checkpoint.`);
  return parsed.data;
}

/**
 * Adds the checkpoint to the folder; `tree` is the log's tree, beginning with the one the
 * checkpoint was signed over (it may have grown since). Refused, with nothing written, when it does not extend
 * the latest checkpoint in the folder or a file of its name is already there.
 */
export function publishCheckpoint(folder: string, checkpoint: SignedCheckpoint, tree: MerkleTreeStore): string {
  const { statement } = checkpoint;
  if (tree.size < statement.size || tree.rootAt(statement.size).toString('hex') !== statement.merkleRoot) {
    throw new Error('publishCheckpoint needs a tree that begins with the one the checkpoint was signed over');
  }
  const latestFile = publishedFiles(folder)
    .map((file) => ({ file, checkpoint: readPublished(file) }))
    .sort((a, b) => a.checkpoint.statement.size - b.checkpoint.statement.size || a.checkpoint.statement.createdAt.localeCompare(b.checkpoint.statement.createdAt))
    .at(-1);
  if (latestFile !== undefined) {
    const latest = latestFile.checkpoint.statement;
    const consistent =
      latest.size <= statement.size &&
      verifyConsistency(latest.size, statement.size, Buffer.from(latest.merkleRoot, 'hex'), tree.rootAt(statement.size), tree.consistencyProof(latest.size, statement.size));
    if (!consistent) {
      throw new PartnershipLogError(
        'PL_ERR_CHECKPOINT_NOT_CONSISTENT',
        `The checkpoint was not published: the log's first ${latest.size} events are not consistent with ${latestFile.file} ` +
          `(signed at ${latest.createdAt}). The log was rewritten or cut since; run \`npm run verify -- --witness ${folder}\` to see where.`,
      );
    }
  }
  mkdirSync(folder, { recursive: true });
  const file = join(folder, publishedName(checkpoint));
  try {
    // 'wx': a published checkpoint is never written over.
    writeFileSync(file, `${JSON.stringify(checkpoint, null, 2)}\n`, { flag: 'wx' });
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'EEXIST') {
      throw new PartnershipLogError('PL_ERR_ALREADY_EXISTS', `The checkpoint was not published: ${file} is already there, and a published checkpoint is never written over.`);
    }
    throw err;
  }
  return file;
}
