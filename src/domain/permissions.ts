// The commands of every aggregate, and who may read the shared record. Who may issue
// which command is said once per command, in its table entry (src/commands/), and read
// from there as commandPermissions. Ownership (a provider's own organisation, a
// self-advocate's own person) is checked by the deciders themselves.
import type { UserRole } from './actor.js';
import type { ContractCommandType } from './contracts/decide.js';
import type { DecisionCommandType } from './decisions/decide.js';
import type { PersonCommandType } from './people/decide.js';
import type { ProviderCommandType } from './providers/decide.js';

export type CommandType = DecisionCommandType | ContractCommandType | PersonCommandType | ProviderCommandType;

/** Roles that may read the shared record (decisions, contracts, projections). */
export const readerRoles: readonly UserRole[] = ['commissioner', 'provider', 'self-advocate', 'auditor'];
