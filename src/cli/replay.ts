// `npm run replay -- --projection <name> [--as-of <time|position>]`
// A projection's state as it stood at a moment (an ISO-8601 time: events recorded up to
// then) or at a log position, folded from the log itself. Default: the whole log.
import { allProjections, projectionByName } from '../../projections/index.js';
import { plainCollections } from '../../projections/projection.js';
import { parseAsOf, replayProjection } from '../projection-runner/replay.js';
import { EXIT_OK, openAuditLog, parseOptions, runCommand, UsageError, writeChunks } from './cli-output.js';
import { progressBar, withProgress } from '../shared/progress.js';

const usage = `Usage: npm run replay -- --projection <name> [--as-of <time|position>]

Prints, as JSON, a projection's state folded from the log in DATA_DIR (or EVENTSTORE_URL)
up to a moment or a log position, and no further. Safe to run while the server is running.

  --projection <name>   one of: ${allProjections.map((p) => p.name).join(', ')}
  --as-of <when>        an ISO-8601 time (events recorded up to then) or a log position
                        (a whole number); default: the whole log`;

await runCommand(usage, async (args) => {
  const options = parseOptions(args, { projection: { type: 'string', short: 'p' }, 'as-of': { type: 'string' } });
  if (options.projection === undefined) throw new UsageError('Name the projection to replay with --projection.');
  const projection = projectionByName(options.projection);
  const asOf = options['as-of'] === undefined ? undefined : parseAsOf(options['as-of']);
  const log = await openAuditLog();
  try {
    const { source } = log;
    const head = await source.headPosition();
    const total = asOf && 'position' in asOf ? Math.min(asOf.position, head) : head;
    const bar = progressBar({ label: 'replay', total, positionsCountEvents: source.storeKind === 'embedded' });
    const replayed = await replayProjection(withProgress(source.events(), bar), projection, asOf);
    bar.finish();
    const result = {
      projection: projection.name,
      version: projection.version,
      asOf: asOf ?? null,
      /** The position of the last event folded. */
      position: replayed.position,
      events: replayed.events,
      state: plainCollections(replayed.state),
    };
    await writeChunks([`${JSON.stringify(result, null, 2)}\n`]);
    return EXIT_OK;
  } finally {
    await log.close();
  }
});
