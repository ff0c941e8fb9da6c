// Every command of every aggregate, from the four tables: what the route loop, the
// permissions and the documents read.
import type { ContractCommand } from '../domain/contracts/decide.js';
import type { DecisionCommand } from '../domain/decisions/decide.js';
import type { PersonCommand } from '../domain/people/decide.js';
import type { ProviderCommand } from '../domain/providers/decide.js';
import type { CommandType } from '../domain/permissions.js';
import type { UserRole } from '../domain/actor.js';
import type { CommandEntry, CommandTable } from './command-table.js';
import { contractCommands } from './contract-commands.js';
import { decisionCommands } from './decision-commands.js';
import { personCommands } from './person-commands.js';
import { providerCommands } from './provider-commands.js';

export const commandTables: CommandTable<DecisionCommand | ContractCommand | PersonCommand | ProviderCommand> = {
  ...decisionCommands,
  ...contractCommands,
  ...personCommands,
  ...providerCommands,
};

/** In table order: decisions, contracts, people, providers. */
export const commandEntries: readonly CommandEntry[] = Object.values<CommandEntry>(commandTables);

/** Which role may issue which command: the authorization matrix, read from the tables. Ownership is checked by the deciders. */
export const commandPermissions: Readonly<Record<CommandType, readonly UserRole[]>> = rolesByCommand(commandTables);

function rolesByCommand<Type extends string>(table: { readonly [T in Type]: { roles: readonly UserRole[] } }): Record<Type, readonly UserRole[]> {
  const roles: Partial<Record<Type, readonly UserRole[]>> = {};
  const types: Type[] = [];
  for (const type in table) {
    roles[type] = table[type].roles;
    types.push(type);
  }
  if (!everyType(roles, types)) throw new Error('a command has no roles');
  return roles;
}

function everyType<Type extends string>(roles: Partial<Record<Type, readonly UserRole[]>>, types: readonly Type[]): roles is Record<Type, readonly UserRole[]> {
  return types.every((type) => roles[type] !== undefined);
}
