// `npm run token -- create --role <role> --name <name> [--org <org>] [--person <id>]`
// `npm run token -- list` and `npm run token -- revoke <id>`
// Works whether or not the server runs: it edits DATA_DIR/tokens.json (hashes only),
// which the server re-reads when it changes. A new token's secret is the last line printed.
import { parseArgs } from 'node:util';
import { TokenStore, type TokenRecord } from '../auth/token-store.js';
import { readConfig } from '../config.js';
import { userRole } from '../domain/actor.js';
import { EXIT_OK, runCommand, UsageError } from './cli-output.js';

const usage = `Usage:
  npm run token -- create --role <role> --name <name> [--org <organisation>] [--person <P-id>]
  npm run token -- list
  npm run token -- revoke <token id>

Roles: ${userRole.options.join(', ')}. A provider token names its organisation; a
self-advocate token may be bound to one person. Tokens are kept as hashes in DATA_DIR/tokens.json.`;

await runCommand(usage, async (args) => {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { role: { type: 'string' }, name: { type: 'string' }, org: { type: 'string' }, person: { type: 'string' } },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const [command, id] = parsed.positionals;
  const tokens = await TokenStore.open(readConfig().DATA_DIR);
  const now = new Date().toISOString();
  switch (command) {
    case 'create': {
      const { role, name, org, person } = parsed.values;
      const validRole = userRole.safeParse(role);
      if (!validRole.success) throw new UsageError(`--role must be one of: ${userRole.options.join(', ')}`);
      if (!name) throw new UsageError('--name is needed: who or what the token is for');
      const { token, record } = await tokens.create({ role: validRole.data, name, organisation: org, personId: person }, now);
      process.stdout.write(`Made a ${record.role} token ${record.id} for ${record.name}. Keep it secret; it is shown only now:\n${token}\n`);
      return EXIT_OK;
    }
    case 'list':
      process.stdout.write(formatTable(tokens.list()));
      return EXIT_OK;
    case 'revoke': {
      if (!id) throw new UsageError('revoke needs the token id (see `npm run token -- list`)');
      const record = await tokens.revoke(id, now);
      process.stdout.write(`Revoked ${record.id} (${record.name}) at ${record.revokedAt ?? now}.\n`);
      return EXIT_OK;
    }
    default:
      throw new UsageError(command ? `Unknown command ${command}.` : 'Say create, list or revoke.');
  }
});

function formatTable(records: TokenRecord[]): string {
  const header = ['id', 'name', 'role', 'organisation', 'person', 'created', 'revoked'];
  const rows = records.map((r) => [r.id, r.name, r.role, r.organisation ?? '', r.personId ?? '', r.createdAt, r.revokedAt ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
