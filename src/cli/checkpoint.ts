// `npm run checkpoint [-- --out <file>]`
// Signs a checkpoint of the log as it stands: its size and the Merkle root of its events,
// with the ed25519 key in DATA_DIR/audit/. Keep it somewhere safe: `npm run verify --
// --against <file>` later proves the log still holds that history. The log itself is
// only read, so this is safe while the server runs; a log that does not verify is not signed.
import { signCheckpoint, signingKey } from '../audit/audit-source.js';
import { EXIT_OK, openAuditLog, parseOptions, runCommand, writeChunks } from './cli-output.js';
import { formatCount, progressBar } from './progress.js';

const usage = `Usage: npm run checkpoint [-- --out <file>]

Prints (or writes to <file>) a signed checkpoint of the event log in DATA_DIR (or
EVENTSTORE_URL): how many events it holds and the Merkle root over them, signed with
the key in DATA_DIR/audit/. Safe to run while the server is running.`;

await runCommand(usage, async (args) => {
  const options = parseOptions(args, { out: { type: 'string', short: 'o' } });
  const log = await openAuditLog();
  try {
    const { source } = log;
    const key = signingKey(log.dataDir);
    const bar = progressBar({ label: 'checkpoint', total: await source.headPosition(), positionsCountEvents: source.storeKind === 'embedded' });
    const checkpoint = await signCheckpoint(source, key, new Date().toISOString(), (done, position) => bar.update(done, position));
    bar.finish();
    await writeChunks([`${JSON.stringify(checkpoint, null, 2)}\n`], options.out);
    if (options.out !== undefined) {
      const { size, merkleRoot } = checkpoint.statement;
      process.stderr.write(`Signed a checkpoint of ${formatCount(size)} events (Merkle root ${merkleRoot}) into ${options.out}.\n`);
    }
    return EXIT_OK;
  } finally {
    await log.close();
  }
});
