// The README's role table is generated from the command tables: this fails when the two
// differ. Regenerate it with `npx tsx src/commands/role-table.ts`.
import { readFileSync } from 'node:fs';
import t from 'tap';
import { roleTableMarkdown } from '../../src/commands/role-table.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

t.test('the README shows who may issue which command as the command tables say', async (t) => {
  const lines = readme.split('\n');
  const start = lines.findIndex((line) => line.startsWith('| command |'));
  t.ok(start > 0, 'the README has a role table');
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
  const table = lines.slice(start, end);
  t.equal(table.join('\n'), roleTableMarkdown().trimEnd(), 'regenerate the table with: npx tsx src/commands/role-table.ts');
});

t.test('every command is in the table, each once', async (t) => {
  const rows = roleTableMarkdown().split('\n').filter((line) => /^\| [A-Z]/.test(line)).map((line) => line.split('|')[1]?.trim());
  t.equal(rows.length, 31, 'issue 15 added ConfirmFact, DisputeFact and RegisterProvider');
  t.equal(new Set(rows).size, rows.length);
  t.ok(rows.includes('EndAllocation'));
});
