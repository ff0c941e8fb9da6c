// Every command's route, registered from the command tables: adding a command is a table
// entry (and its decider case), never a route block.
import type { FastifyInstance } from 'fastify';
import { commandEntries } from '../commands/command-tables.js';
import type { CommandDependencies } from '../commands/command-table.js';
import { registerCommandRoute } from './command-route.js';

export async function commandRoutes(app: FastifyInstance, deps: CommandDependencies): Promise<void> {
  for (const entry of commandEntries) registerCommandRoute(app, entry, deps);
}
