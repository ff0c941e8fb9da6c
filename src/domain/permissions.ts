// Which role may issue which command: the authorization matrix, as data. The HTTP
// layer enforces it on every route, the README prints it, and a test walks every
// role against every route. Ownership (a provider's own organisation, a self-advocate's
// own person) is checked by the deciders themselves.
import type { UserRole } from './actor.js';
import type { ContractCommandType } from './contracts/decide.js';
import type { DecisionCommandType } from './decisions/decide.js';
import type { PersonCommandType } from './people/decide.js';

export type CommandType = DecisionCommandType | ContractCommandType | PersonCommandType;

export const commandPermissions: Record<CommandType, readonly UserRole[]> = {
  ProposeDecision: ['commissioner', 'provider'],
  ShareInformation: ['commissioner', 'provider'],
  RecordInvolvement: ['commissioner', 'provider'],
  RecordView: ['commissioner', 'provider', 'self-advocate'],
  ConsiderOption: ['commissioner', 'provider'],
  IdentifyRisk: ['commissioner', 'provider'],
  AcceptRisk: ['commissioner', 'provider'],
  ReviewRisk: ['commissioner', 'provider'],
  RecordSupportedDecision: ['commissioner'],
  MakeDecision: ['commissioner'],
  GiveFeedback: ['commissioner', 'provider'],
  RecordChangeForPerson: ['commissioner', 'provider', 'self-advocate'],
  ChallengeDecision: ['self-advocate', 'commissioner'],
  ResolveChallenge: ['commissioner'],
  ReviewCoproduction: ['self-advocate'],
  SupersedeDecision: ['commissioner'],
  WithdrawDecision: ['commissioner', 'provider'],
  RegisterContract: ['commissioner'],
  PlanDisaggregation: ['commissioner'],
  AllocateIndividualBudget: ['commissioner'],
  RecordPersonMoved: ['commissioner'],
  EndAllocation: ['commissioner'],
  VaryContract: ['commissioner'],
  EndContract: ['commissioner'],
  RegisterPerson: ['commissioner'],
  RecordCommunicationNeeds: ['commissioner', 'self-advocate'],
  ChangeSupportingProviders: ['commissioner'],
  ForgetPerson: ['commissioner'],
};

/** Roles that may read the shared record (decisions, contracts, projections). */
export const readerRoles: readonly UserRole[] = ['commissioner', 'provider', 'self-advocate', 'auditor'];
