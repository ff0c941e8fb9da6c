// The command tables drive the served routes and the API document: each entry is served
// once at its method and path with its roles, and its answer's schema names the ids it mints.
import t from 'tap';
import { commandEntries, commandPermissions, commandTables } from '../../src/commands/command-tables.js';
import { commandsOf, noContext } from '../../src/commands/command-table.js';
import { decisionDecider } from '../../src/domain/decisions/decide.js';
import * as facts from '../../src/domain/decisions/decision-facts.js';
import { testApp } from '../support/test-app.js';
import { z } from 'zod';

interface Operation {
  description?: string;
  responses?: Record<string, { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }>;
}

t.test('every entry is served once, at its method and path, with its roles', async (t) => {
  const { app, routes } = await testApp(t);
  const doc = (await app.inject({ url: '/docs/json' })).json<{ paths: Record<string, Record<string, Operation>> }>();
  for (const entry of commandEntries) {
    const served = routes.filter((r) => r.method === entry.method && r.url === entry.path);
    t.equal(served.length, 1, `${entry.type}: ${entry.method} ${entry.path}`);
    t.same(served[0]?.roles, entry.roles, `${entry.type} admits its entry's roles`);
    const operation = doc.paths[entry.path.replace(/:(\w+)/g, '{$1}')]?.[entry.method.toLowerCase()];
    t.ok(operation?.description?.startsWith(`Roles: ${entry.roles.join(', ')}.`), `${entry.type} says who may send it`);
    const status = entry.response?.status ?? 201;
    const answer = operation?.responses?.[String(status)]?.content?.['application/json']?.schema?.properties ?? {};
    for (const key of [...entry.minted, 'revision']) t.ok(key in answer, `${entry.type}'s ${status} answer schema has ${key}`);
  }
  t.same(Object.keys(commandPermissions), Object.keys(commandTables), 'the permissions are the tables’ roles');
});

t.test('an entry builds exactly the command it is filed under', async (t) => {
  const command = commandsOf(decisionDecider, 'decisions');
  const entry = command('WithdrawDecision', {
    path: '/x',
    params: z.object({ id: z.string() }),
    body: facts.withdrawal,
    roles: ['commissioner'],
    summary: 'x',
    stream: ({ params }) => params.id,
    context: noContext,
    // @ts-expect-error: a WithdrawDecision entry cannot send another command
    toCommand: ({ base, body }) => ({ ...base, type: 'MakeDecision' as const, data: body }),
  });
  // @ts-expect-error: filed under another command's key
  const table: Pick<typeof commandTables, 'SupersedeDecision'> = { SupersedeDecision: entry };
  t.ok(table);
});
