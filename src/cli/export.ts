// `npm run export [-- --decision <id>] [--out <file>]`
// The evidence as JSON Lines: every event in log order, or one decision's events, each
// line a full stored event. Reads the log without the lock, so safe while the server runs.
import { z } from 'zod';
import { exportedEvents, exportLine } from '../audit/export.js';
import { decisionStream } from '../domain/decisions/decision-events.js';
import { PartnershipLogError } from '../errors.js';
import type { StoredEvent } from '../store/event-store.js';
import { EXIT_OK, openAuditLog, parseOptions, runCommand, UsageError, writeChunks } from './cli-output.js';
import { formatCount, progressBar, withProgress } from '../shared/progress.js';

const usage = `Usage: npm run export [-- --decision <id>] [--out <file>]

Writes the events of the log in DATA_DIR (or EVENTSTORE_URL) as JSON Lines, one full
stored event per line (id, stream, revision, position, type, schemaVersion, data,
metadata, recordedAt), to stdout or <file>.

  --decision <id>   only the events of this decision
  --out <file>      write to this file instead of stdout`;

const decisionId = z.uuid();

await runCommand(usage, async (args) => {
  const options = parseOptions(args, { decision: { type: 'string' }, out: { type: 'string', short: 'o' } });
  if (options.decision !== undefined && !decisionId.safeParse(options.decision).success) {
    throw new UsageError(`--decision takes a decision id (a uuid), not ${JSON.stringify(options.decision)}.`);
  }
  const log = await openAuditLog();
  try {
    const { source } = log;
    if (options.decision !== undefined && !(await source.streamExists(decisionStream(options.decision)))) {
      throw new PartnershipLogError('PL_ERR_DECISION_NOT_FOUND', `There is no decision ${options.decision} in the log.`);
    }
    const bar = progressBar({ label: 'export', total: await source.headPosition(), positionsCountEvents: source.storeKind === 'embedded' });
    let count = 0;
    const lines = async function* (events: AsyncIterable<StoredEvent>) {
      for await (const event of events) {
        count++;
        yield exportLine(event);
      }
    };
    await writeChunks(lines(withProgress(exportedEvents(source, { decision: options.decision }), bar)), options.out);
    bar.finish();
    if (options.out !== undefined) process.stderr.write(`Exported ${formatCount(count)} events into ${options.out}.\n`);
    return EXIT_OK;
  } finally {
    await log.close();
  }
});
