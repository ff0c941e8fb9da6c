// The README's "Who may issue which command" table, made from the command tables.
// `npx tsx src/commands/role-table.ts` prints it; test/http/readme-roles.test.ts fails when the README's differs.
import { userRole } from '../domain/actor.js';
import { commandEntries } from './command-tables.js';

export function roleTableMarkdown(): string {
  const roles = userRole.options;
  const header = [`| command | ${roles.join(' | ')} |`, `|---|${roles.map(() => ':-:|').join('')}`];
  const rows = commandEntries.map((entry) => `| ${entry.type} |${roles.map((role) => (entry.roles.includes(role) ? ' ✓ |' : '  |')).join('')}`);
  return `${[...header, ...rows].join('\n')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(roleTableMarkdown());
