// `npm run verify [-- --against <checkpoint.json>] [--public-key <key.pem>] [--json]`
// Checks that no event was altered, removed or reordered: every record's checksum,
// every stream's hash chain and the order of the whole log; with --against, that the
// log still holds the history a signed checkpoint froze. Exit 0 intact, 2 broken, 1 usage.
import { checkSourceAgainst, type AuditSource } from '../audit/audit-source.js';
import type { VerificationReport } from '../audit/chain-verifier.js';
import type { ConsistencyReport } from '../audit/checkpoint.js';
import { PartnershipLogError } from '../errors.js';
import {
  EXIT_BROKEN,
  EXIT_OK,
  openAuditLog,
  parseOptions,
  readJsonFile,
  readTextFile,
  runCommand,
} from './cli-output.js';
import { formatCount, progressBar } from './progress.js';

const usage = `Usage: npm run verify [-- --against <checkpoint.json>] [--public-key <key.pem>] [--json]

Checks that no event in the log (DATA_DIR, or EVENTSTORE_URL) was altered, removed or
reordered. Safe to run while the server is running.

  --against <file>      also prove the log still holds the history this signed checkpoint froze
  --public-key <file>   trust only this public key for the checkpoint (default: the key it carries)
  --json                print the report as JSON

Exit code: 0 intact, 2 broken, 1 wrong usage.`;

interface VerifyOutcome {
  ok: boolean;
  store: string;
  verification: VerificationReport;
  checkpoint?: ConsistencyReport | { ok: false; summary: string };
}

await runCommand(usage, async (args) => {
  const options = parseOptions(args, {
    against: { type: 'string' },
    'public-key': { type: 'string' },
    json: { type: 'boolean' },
  });
  const checkpoint = options.against === undefined ? undefined : readJsonFile(options.against, 'checkpoint');
  const trustedKey = options['public-key'] === undefined ? undefined : readTextFile(options['public-key'], 'public key');

  const log = await openAuditLog();
  try {
    const { source } = log;
    const embedded = source.storeKind === 'embedded';
    // EventStoreDB's positions do not count events, and its verifier reports counts only.
    const bar = progressBar({ label: 'verify', total: embedded ? await source.headPosition() : 0, positionsCountEvents: embedded });
    const verification = await source.verify((done) => bar.update(done));
    bar.finish();
    const outcome: VerifyOutcome = { ok: verification.ok, store: source.storeKind, verification };
    if (checkpoint !== undefined) {
      outcome.checkpoint = await compareWithCheckpoint(source, checkpoint, trustedKey);
      outcome.ok &&= outcome.checkpoint.ok;
    }
    process.stdout.write(options.json ? `${JSON.stringify(outcome, null, 2)}\n` : plainWords(outcome));
    return outcome.ok ? EXIT_OK : EXIT_BROKEN;
  } finally {
    await log.close();
  }
});

async function compareWithCheckpoint(
  source: AuditSource,
  checkpoint: unknown,
  trustedKey: string | undefined,
): Promise<ConsistencyReport | { ok: false; summary: string }> {
  const embedded = source.storeKind === 'embedded';
  const bar = progressBar({ label: 'checkpoint', total: await source.headPosition(), positionsCountEvents: embedded });
  try {
    return await checkSourceAgainst(source, checkpoint, trustedKey, (done, position) => bar.update(done, position));
  } catch (err) {
    // A damaged record stops the comparison; the verification above has already named the place.
    if (err instanceof PartnershipLogError && err.code === 'PL_ERR_STORE_CORRUPT') {
      return { ok: false, summary: `The log could not be compared with the checkpoint: ${err.message}` };
    }
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
  if (outcome.checkpoint) {
    lines.push(`Checkpoint: ${outcome.checkpoint.ok ? '' : 'NOT MATCHED. '}${outcome.checkpoint.summary}`);
  }
  return `${lines.join('\n')}\n`;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
