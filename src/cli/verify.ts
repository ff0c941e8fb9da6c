// `npm run verify [-- --against <checkpoint.json|folder>… | --witness <folder> | --report <signed-report.json>] (--public-key <key.pem> | --fingerprint <hex>)] [--json]`
// Checks that no event was altered, removed or reordered: every record's checksum,
// every stream's hash chain and the order of the whole log; with --against, that the
// log still holds the history signed checkpoints froze, signed by the key the auditor
// trusts (never the key a checkpoint carries), each by a consistency proof from the log's
// tree; --witness does the same for every checkpoint published in a folder and names the
// first that fails. Exit 0 intact, 1 usage, 2 broken or not
// matched, 3 --against without a trusted key (nothing compared).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkSourceAgainst, type AuditSource } from '../audit/audit-source.js';
import type { VerificationReport } from '../audit/chain-verifier.js';
import { readPublicKeyFile, type ConsistencyReport } from '../audit/checkpoint.js';
import { publishedFiles } from '../audit/published-checkpoints.js';
import { PartnershipLogError } from '../errors.js';
import { EXIT_BROKEN, EXIT_OK, openAuditLog, parseOptions, readJsonFile, runCommand, UsageError } from './cli-output.js';
import { formatCount, progressBar } from '../shared/progress.js';
import { verifySignedReport } from './report-verification.js';

/** --against without a key to trust: a checkpoint's own key proves nothing, so nothing is compared. */
export const EXIT_NO_TRUSTED_KEY = 3;

const usage = `Usage: npm run verify [-- --against <checkpoint.json|folder>… | --witness <folder> | --report <signed-report.json>] (--public-key <key.pem> | --fingerprint <hex>)] [--json]

Checks that no event in the log (DATA_DIR, or EVENTSTORE_URL) was altered, removed or
reordered. Safe to run while the server is running.

  --against <file|folder>  also prove the log still holds the history this signed checkpoint
                           froze; repeat it, or name a folder of .json checkpoints, to follow
                           a chain of checkpoints through key rotations
  --report <file>          check a signed copy of the Partnership Board report
                           (GET /reports/partnership-board/signed): its signature, its checkpoint,
                           and that the report made again from the log as of then is the same
  --witness <folder>       check the log against every checkpoint published in the folder
                           (npm run checkpoint -- --publish), in order, and name the first that fails
  --public-key <file>      the public key you trust (yours, kept where the operator cannot change it)
  --fingerprint <hex>      or its SHA-256 fingerprint (64 hex digits), as printed by --new-key
  --json                   print the report as JSON

Exit code: 0 intact, 1 wrong usage, 2 broken or not matched, 3 --against without a trusted key.`;

interface VerifyOutcome {
  ok: boolean;
  store: string;
  verification: VerificationReport;
  checkpoints?: (ConsistencyReport | { ok: false; summary: string })[];
  /** The published folder checked with --witness. */
  witness?: string;
}

await runCommand(usage, async (args) => {
  const options = parseOptions(args, {
    against: { type: 'string', multiple: true },
    report: { type: 'string' },
    witness: { type: 'string' },
    'public-key': { type: 'string' },
    fingerprint: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (options.witness !== undefined && options.against !== undefined) throw new UsageError('Give --against or --witness, not both.');
  const files = options.witness === undefined ? (options.against ?? []).flatMap(checkpointFiles) : witnessFiles(options.witness);
  const checkpoints = files.map((file) => ({ name: file, checkpoint: readJsonFile(file, 'checkpoint') }));
  const trusted = trustedKey(options['public-key'], options.fingerprint);
  if (checkpoints.length > 0 && trusted === undefined) {
    process.stderr.write(
      'The checkpoint was not compared: say which key you trust with --public-key <file> or --fingerprint <hex>. ' +
        'The key a checkpoint carries proves nothing, since whoever forged it chose it.\n',
    );
    return EXIT_NO_TRUSTED_KEY;
  }

  if (options.report !== undefined) return verifyReportFile(options.report, trusted, options.json === true);

  const log = await openAuditLog();
  try {
    const { source } = log;
    const embedded = source.storeKind === 'embedded';
    // EventStoreDB's positions do not count events, and its verifier reports counts only.
    const bar = progressBar({ label: 'verify', total: embedded ? await source.headPosition() : 0, positionsCountEvents: embedded });
    const verification = await source.verify((done) => bar.update(done));
    bar.finish();
    const outcome: VerifyOutcome = { ok: verification.ok, store: source.storeKind, verification };
    if (checkpoints.length > 0 && trusted !== undefined) {
      outcome.checkpoints = await compareWithCheckpoints(source, checkpoints, trusted);
      outcome.ok &&= outcome.checkpoints.every((c) => c.ok);
    }
    if (options.witness !== undefined) outcome.witness = options.witness;
    process.stdout.write(options.json ? `${JSON.stringify(outcome, null, 2)}\n` : plainWords(outcome));
    return outcome.ok ? EXIT_OK : EXIT_BROKEN;
  } finally {
    await log.close();
  }
});

/** --report: a signed copy of the Partnership Board report, checked against the log and made again from it. */
async function verifyReportFile(file: string, trusted: string | undefined, json: boolean): Promise<number> {
  const copy = readJsonFile(file, 'signed report');
  if (trusted === undefined) {
    process.stderr.write('The report was not checked: say which key you trust with --public-key <file> or --fingerprint <hex>.\n');
    return EXIT_NO_TRUSTED_KEY;
  }
  const log = await openAuditLog();
  try {
    const outcome = await verifySignedReport(log.source, copy, trusted);
    process.stdout.write(json ? `${JSON.stringify(outcome, null, 2)}\n` : `${outcome.summary}\n`);
    return outcome.ok ? EXIT_OK : EXIT_BROKEN;
  } finally {
    await log.close();
  }
}

/** A file, or every .json file in a folder. */
function checkpointFiles(path: string): string[] {
  let folder = false;
  try {
    folder = statSync(path).isDirectory();
  } catch {
    return [path]; // reading it says what is wrong
  }
  if (!folder) return [path];
  const files = readdirSync(path).filter((name) => name.endsWith('.json')).sort().map((name) => join(path, name));
  if (files.length === 0) throw new UsageError(`There is no checkpoint (.json) in ${path}.`);
  return files;
}

/** Every checkpoint published in the folder, in log order. */
function witnessFiles(folder: string): string[] {
  const files = publishedFiles(folder);
  if (files.length === 0) throw new UsageError(`There is no published checkpoint (.json) in ${folder}.`);
  return files;
}

function trustedKey(publicKeyFile: string | undefined, fingerprint: string | undefined): string | undefined {
  if (publicKeyFile !== undefined && fingerprint !== undefined) throw new UsageError('Give --public-key or --fingerprint, not both.');
  if (fingerprint !== undefined) {
    const hex = fingerprint.trim().toLowerCase().replaceAll(':', '');
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new UsageError('--fingerprint takes the key’s SHA-256 fingerprint: 64 hex digits.');
    return hex;
  }
  if (publicKeyFile === undefined) return undefined;
  try {
    return readPublicKeyFile(publicKeyFile);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

async function compareWithCheckpoints(
  source: AuditSource,
  checkpoints: { name: string; checkpoint: unknown }[],
  trusted: string,
): Promise<(ConsistencyReport | { ok: false; summary: string })[]> {
  const embedded = source.storeKind === 'embedded';
  const bar = progressBar({ label: 'checkpoint', total: await source.headPosition(), positionsCountEvents: embedded });
  try {
    return await checkSourceAgainst(source, checkpoints, trusted, (done, position) => bar.update(done, position));
  } catch (err) {
    // A damaged record stops the comparison; the verification above has already named the place.
    if (err instanceof PartnershipLogError && err.code === 'PL_ERR_STORE_CORRUPT') {
      return [{ ok: false, summary: `The log could not be compared with the checkpoint: ${err.message}` }];
    }
    if (err instanceof PartnershipLogError && err.code === 'PL_ERR_VALIDATION') throw new UsageError(err.message);
    throw err;
  } finally {
    bar.finish();
  }
}

function plainWords(outcome: VerifyOutcome): string {
  const v = outcome.verification;
  const lines: string[] = [];
  if (v.ok) {
    lines.push(`Verified ${formatCount(v.events)} ${plural(v.events, 'event')} in ${formatCount(v.streams)} ${plural(v.streams, 'stream')}: nothing altered, removed or reordered.`);
    if (v.unchained > 0) {
      lines.push(`${formatCount(v.unchained)} of them were written without a hash chain (for example by the benchmark): their place in the log was checked, their content could not be.`);
    }
  } else {
    const broken = v.firstBroken;
    lines.push('The log is BROKEN: something in it was altered, removed or reordered.');
    if (broken) {
      const where = [
        broken.stream !== undefined && `stream ${broken.stream}`,
        broken.revision !== undefined && `revision ${broken.revision}`,
        broken.position !== undefined && `position ${broken.position}`,
      ].filter(Boolean);
      const byte = broken.byteOffset === undefined ? '' : ` (byte ${formatCount(broken.byteOffset)} of the log file)`;
      lines.push(`First broken place: ${where.length > 0 ? where.join(', ') : 'the start of the log'}${byte}.`);
      lines.push(`What is wrong: ${broken.problem}.`);
    }
    lines.push(`The ${formatCount(v.events)} ${plural(v.events, 'event')} before it are intact.`);
  }
  const checkpoints = outcome.checkpoints ?? [];
  for (const checkpoint of checkpoints) {
    // Named only when there are several, so one checkpoint reads as one sentence.
    const name = checkpoints.length > 1 && 'name' in checkpoint && checkpoint.name !== undefined ? ` ${checkpoint.name}` : '';
    lines.push(`Checkpoint${name}: ${checkpoint.ok ? '' : 'NOT MATCHED. '}${checkpoint.summary}`);
  }
  if (outcome.witness !== undefined) {
    const failing = checkpoints.find((c) => !c.ok);
    lines.push(
      failing === undefined
        ? `All ${checkpoints.length} checkpoints published in ${outcome.witness} hold: the log extends each, and each extends the one before it.`
        : `First failing checkpoint: ${'name' in failing && failing.name !== undefined ? failing.name : outcome.witness}: ${failing.summary}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
