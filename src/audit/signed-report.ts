// A signed, dated copy of the Partnership Board report: the report, a signed checkpoint of
// the log at the position its figures reflect, and a signature by the same key over the
// report's hash together with that checkpoint. An auditor who trusts the key can later show
// the copy is the one the server gave, that the log still holds the history it was made
// from (the checkpoint), and, by making the report again from the log as of that position
// (npm run verify -- --report), that every figure follows from it.
import { createHash, sign, verify } from 'node:crypto';
import { z } from 'zod';
import { boardReportSchema, type BoardReport } from '../../projections/board-report-schema.js';
import { canonicalJson } from '../events/canonical-json.js';
import { keyFingerprint, signedCheckpoint, type SignedCheckpoint, type SigningKey } from './checkpoint.js';

export const signedBoardReport = z.object({
  kind: z.literal('partnership-board-report'),
  report: boardReportSchema,
  /** SHA-256 of the report's canonical JSON, hex. */
  reportHash: z.string().regex(/^[0-9a-f]{64}$/),
  checkpoint: signedCheckpoint,
  /** base64 ed25519 signature over the canonical JSON of `{ kind, reportHash, checkpoint: the checkpoint's statement }`. */
  signature: z.string(),
  /** The signer's public key (PEM): never trusted by itself, only compared with the key the auditor trusts. */
  publicKey: z.string(),
});
export type SignedBoardReport = z.infer<typeof signedBoardReport>;

export function reportHash(report: BoardReport): string {
  return createHash('sha256').update(canonicalJson(report)).digest('hex');
}

const signedBytes = (hash: string, checkpoint: SignedCheckpoint) =>
  Buffer.from(canonicalJson({ kind: 'partnership-board-report', reportHash: hash, checkpoint: checkpoint.statement }));

export function signBoardReport(report: BoardReport, checkpoint: SignedCheckpoint, key: Pick<SigningKey, 'privateKey' | 'publicKeyPem'>): SignedBoardReport {
  const hash = reportHash(report);
  const signature = sign(null, signedBytes(hash, checkpoint), key.privateKey).toString('base64');
  return { kind: 'partnership-board-report', report, reportHash: hash, checkpoint, signature, publicKey: key.publicKeyPem };
}

/** What is wrong with a signed copy, judged against the key the auditor trusts (a fingerprint); undefined when its signatures and hash hold. */
export function signedReportProblem(copy: SignedBoardReport, trustedFingerprint: string): string | undefined {
  let signer: string;
  try {
    signer = keyFingerprint(copy.publicKey);
  } catch {
    return 'The copy carries no readable public key.';
  }
  if (signer !== trustedFingerprint) return `The copy was signed by the key ${signer}, not the key you trust (${trustedFingerprint}).`;
  if (reportHash(copy.report) !== copy.reportHash) return 'The report is not the one that was signed: its figures were changed after signing.';
  const holds = (bytes: Buffer, signature: string) => {
    try {
      return verify(null, bytes, copy.publicKey, Buffer.from(signature, 'base64'));
    } catch {
      return false;
    }
  };
  if (!holds(signedBytes(copy.reportHash, copy.checkpoint), copy.signature)) return 'The signature over the report and its checkpoint does not hold.';
  if (!holds(Buffer.from(canonicalJson(copy.checkpoint.statement)), copy.checkpoint.signature)) return 'The checkpoint’s signature does not hold.';
  if (copy.checkpoint.statement.lastPosition !== copy.report.asOfPosition) {
    return `The checkpoint covers the log to position ${copy.checkpoint.statement.lastPosition}, but the report reflects position ${copy.report.asOfPosition}.`;
  }
  return undefined;
}
