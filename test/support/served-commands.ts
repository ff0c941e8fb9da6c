// Which served route records which command, read from the API document the app serves
// (a command route's description ends "Records <Command>."), with its path parameters
// whose schema is the pseudonymous person id's.
import { z } from 'zod';
import { personId } from '../../src/domain/shared/vocabulary.js';
import type { TestApp } from './test-app.js';

export interface ServedCommand {
  method: string;
  /** As the API document writes it: /decisions/{id}/views. */
  path: string;
  /** As fastify writes it: /decisions/:id/views. */
  url: string;
  personParams: string[];
}

interface Operation {
  description?: string;
  parameters?: { in: string; name: string; schema?: { pattern?: string } }[];
}

export async function servedCommands(ctx: Pick<TestApp, 'app'>): Promise<Map<string, ServedCommand>> {
  const doc = (await ctx.app.inject({ url: '/docs/json' })).json<{ paths: Record<string, Record<string, Operation>> }>();
  const personPattern = z.toJSONSchema(personId).pattern;
  const served = new Map<string, ServedCommand>();
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const command = operation.description?.match(/Records (\w+)\./)?.[1];
      if (!command) continue;
      if (served.has(command)) throw new Error(`${command} is recorded by two routes`);
      const personParams = (operation.parameters ?? []).filter((p) => p.in === 'path' && p.schema?.pattern === personPattern).map((p) => p.name);
      served.set(command, { method: method.toUpperCase(), path, url: path.replace(/\{(\w+)\}/g, ':$1'), personParams });
    }
  }
  return served;
}
