// Every command on a contract, described once: register it, plan the disaggregation of a
// block, allocate individual budgets, record people moving, end an allocation, vary or end it.
// Each entry's form is in contract-forms.ts.
import { z } from 'zod';
import { contractStream } from '../domain/contracts/contract-events.js';
import * as facts from '../domain/contracts/contract-facts.js';
import { contractDecider, type ContractCommand } from '../domain/contracts/decide.js';
import { commandsOf, noContext, type CommandTable } from './command-table.js';
import * as forms from './contract-forms.js';
import { planDecision, registeredProviders } from './context-loaders.js';
import { supportersFollowTheMove } from './supporters-follow-a-move.js';

const command = commandsOf(contractDecider, 'contracts');

const byContract = z.object({ id: z.string().uuid('a contract id is a uuid') });
const byAllocation = byContract.extend({ allocationId: z.string().uuid('an allocation id is a uuid') });
/** What every command on one existing contract shares. */
const onAContract = {
  params: byContract,
  stream: ({ params }: { params: { id: string } }) => contractStream(params.id),
  context: noContext,
  answer: ({ params }: { params: { id: string } }) => ({ contractId: params.id }),
};

export const contractCommands: CommandTable<ContractCommand> = {
  RegisterContract: command('RegisterContract', {
    path: '/contracts',
    params: z.object({}),
    body: facts.contractRegistration,
    mints: { contractId: 'contract' },
    roles: ['commissioner'],
    summary: 'Register a contract: provider, type, annual value, people covered, service, dates',
    stream: ({ ids }) => contractStream(ids.contractId),
    context: registeredProviders,
    toCommand: ({ base, body, ids }, providers) => ({ ...base, data: { ...body, ...ids }, registeredProviders: providers }),
    form: forms.registerContract,
  }),
  PlanDisaggregation: command('PlanDisaggregation', {
    ...onAContract,
    path: '/contracts/:id/disaggregation',
    body: facts.disaggregationPlan,
    roles: ['commissioner'],
    summary: 'Plan the disaggregation of a block contract under an agreed disaggregation decision',
    context: planDecision,
    toCommand: ({ base, body }, decision) => ({ ...base, data: { ...body, decision } }),
    form: forms.planDisaggregation,
  }),
  AllocateIndividualBudget: command('AllocateIndividualBudget', {
    ...onAContract,
    path: '/contracts/:id/allocations',
    body: facts.budgetAllocation,
    mints: { allocationId: 'allocation' },
    roles: ['commissioner'],
    summary: 'Allocate an individual budget to a person from the money released',
    context: registeredProviders,
    toCommand: ({ base, body, ids }, providers) => ({ ...base, data: { ...body, ...ids }, registeredProviders: providers }),
    form: forms.allocateIndividualBudget,
  }),
  RecordPersonMoved: command('RecordPersonMoved', {
    ...onAContract,
    path: '/contracts/:id/transitions',
    body: facts.personMoved,
    roles: ['commissioner'],
    summary: 'Record that a person moved to their new arrangement; when it is held by a provider, who supports them follows',
    context: registeredProviders,
    toCommand: ({ base, body }, providers) => ({ ...base, data: body, registeredProviders: providers }),
    around: supportersFollowTheMove,
    form: forms.recordPersonMoved,
  }),
  EndAllocation: command('EndAllocation', {
    ...onAContract,
    path: '/contracts/:id/allocations/:allocationId/end',
    params: byAllocation,
    body: facts.allocationEnding,
    roles: ['commissioner'],
    summary: 'End an allocation (the person left, or a new allocation replaces it); its money returns to what was released',
    toCommand: ({ base, body, params }) => ({ ...base, data: { ...body, allocationId: params.allocationId } }),
    answer: ({ params }) => ({ contractId: params.id, allocationId: params.allocationId }),
    form: forms.endAllocation,
  }),
  VaryContract: command('VaryContract', {
    ...onAContract,
    path: '/contracts/:id/variation',
    body: facts.contractVariation,
    roles: ['commissioner'],
    summary: 'Vary the contract: what changed and why, with its new value or end date if those changed',
    toCommand: ({ base, body }) => ({ ...base, data: body }),
    form: forms.varyContract,
  }),
  EndContract: command('EndContract', {
    ...onAContract,
    path: '/contracts/:id/end',
    body: facts.contractEnding,
    roles: ['commissioner'],
    summary: 'End the contract',
    toCommand: ({ base, body }) => ({ ...base, data: body }),
    form: forms.endContract,
  }),
};
