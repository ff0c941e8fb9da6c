// Commands on a contract and the rules they keep, above all that money is conserved:
// allocations never exceed what was released, and released plus remaining is the value.
import type { z } from 'zod';
import { refuse } from '../../errors.js';
import { pounds } from '../../shared/pounds.js';
import type { Command, Decider } from '../decider.js';
import type { ContractContext } from '../decisions/decide.js';
import type { DecisionKind, Outcome } from '../decisions/decision-facts.js';
import { checkProvidersRegistered, type ProvidersRegistered } from '../providers/decide.js';
import { checkWhomItNames, type Named } from '../shared/who-may-name-whom.js';
import type { ContractEvent } from './contract-events.js';
import type * as facts from './contract-facts.js';
import { contractMoney, currentAllocations, evolveContract, initialContractState, type Contract, type ContractState } from './contract.js';

type Fact<S extends z.ZodType> = z.output<S>;

/** What a disaggregation plan needs to know of the decision behind it (read by the caller). */
export interface DecisionContext {
  decisionId: string;
  kind: DecisionKind;
  contractId?: string | undefined;
  status: string;
  outcome?: Outcome | undefined;
  /** What the decision agreed to release each year, in pence: its proposal's money; undefined when it named none. */
  agreedRelease?: number | undefined;
}

export type ContractCommand =
  | (Command<'RegisterContract', Fact<typeof facts.contractRegistration> & { contractId: string }> & ProvidersRegistered)
  | Command<'PlanDisaggregation', Fact<typeof facts.disaggregationPlan> & { decision: DecisionContext }>
  | (Command<'AllocateIndividualBudget', Fact<typeof facts.budgetAllocation> & { allocationId: string }> & ProvidersRegistered)
  | (Command<'RecordPersonMoved', Fact<typeof facts.personMoved>> & ProvidersRegistered)
  | Command<'EndAllocation', Fact<typeof facts.allocationEnding> & { allocationId: string }>
  | Command<'VaryContract', Fact<typeof facts.contractVariation>>
  | Command<'EndContract', Fact<typeof facts.contractEnding>>;

export type ContractCommandType = ContractCommand['type'];

export function decideContract(command: ContractCommand, state: ContractState): ContractEvent[] {
  const at = command.now;
  if (command.type === 'RegisterContract') {
    if (state.status !== 'none') refuse('PL_ERR_ALREADY_EXISTS', 'A contract with this id already exists.');
    checkWhomItNames({ actor: command.actor, supportedPeople: command.supportedPeople ?? [] }, namedIn(command));
    checkProvidersRegistered(namedIn(command).organisations ?? [], command.registeredProviders);
    return [{ type: 'ContractRegistered', data: { ...command.data, at } }];
  }
  if (state.status === 'none') refuse('PL_ERR_CONTRACT_NOT_FOUND', 'There is no contract with this id.');
  if (state.status === 'ended') refuse('PL_ERR_CONTRACT_ENDED', `This contract ended on ${state.ended?.date ?? 'an earlier date'}; nothing more can be recorded on it.`);
  const contract: Contract = state;
  const { contractId } = contract;
  const money = contractMoney(contract);
  checkWhomItNames({ actor: command.actor, supportedPeople: command.supportedPeople ?? [] }, namedIn(command));
  // The organisations a contract names as providers (who holds a budget, whom a person moved to) are registered ones.
  if ('registeredProviders' in command) checkProvidersRegistered(namedIn(command).organisations ?? [], command.registeredProviders);

  switch (command.type) {
    case 'PlanDisaggregation': {
      const { decision, ...plan } = command.data;
      if (contract.type !== 'block') refuse('PL_ERR_NOT_A_BLOCK_CONTRACT', `This is a ${contract.type} contract; only a block contract can be disaggregated.`);
      if (contract.disaggregation) refuse('PL_ERR_ALREADY_EXISTS', 'A disaggregation has already been planned for this contract.');
      if (decision.decisionId !== plan.decisionId) refuse('PL_ERR_DECISION_NOT_FOUND', `There is no decision ${plan.decisionId}.`);
      if (decision.kind !== 'disaggregation' || decision.contractId !== contractId) {
        refuse('PL_ERR_WRONG_DECISION_KIND', 'A disaggregation is planned under a disaggregation decision about this contract.');
      }
      if (decision.status === 'superseded' || decision.status === 'withdrawn') {
        refuse('PL_ERR_DECISION_NOT_MADE', `The disaggregation decision was ${decision.status}; plan under the decision now in force.`);
      }
      if (decision.status !== 'decided' || (decision.outcome !== 'agreed' && decision.outcome !== 'agreed-with-changes')) {
        refuse('PL_ERR_DECISION_NOT_MADE', 'The disaggregation decision must be made and agreed before it is planned.');
      }
      if (plan.amountToRelease > contract.annualValue) {
        refuse('PL_ERR_MONEY_NOT_CONSERVED', `${pounds(plan.amountToRelease)} cannot be released from a block worth ${pounds(contract.annualValue)}.`);
      }
      // Money follows the decision: a different amount needs a reason, which the event keeps.
      if (decision.agreedRelease !== undefined && plan.amountToRelease !== decision.agreedRelease && plan.reasonForDifferentAmount === undefined) {
        refuse(
          'PL_ERR_MONEY_NOT_CONSERVED',
          `The plan releases ${pounds(plan.amountToRelease)} but the decision agreed ${pounds(decision.agreedRelease)}: release that, or say why the amount differs.`,
        );
      }
      return [{ type: 'DisaggregationPlanned', data: { ...plan, contractId, at } }];
    }
    case 'AllocateIndividualBudget': {
      if (!contract.disaggregation) {
        refuse('PL_ERR_MONEY_NOT_CONSERVED', 'No money has been released from this contract yet (£0.00): plan the disaggregation first.');
      }
      if (contract.allocations.some((a) => a.allocationId === command.data.allocationId)) {
        refuse('PL_ERR_ALREADY_EXISTS', 'An allocation with this id has already been recorded.');
      }
      if (currentAllocations(contract).some((a) => a.personId === command.data.personId)) {
        refuse('PL_ERR_ALLOCATION_EXISTS', `${command.data.personId} already has a current allocation on this contract; end it first to replace it.`);
      }
      if (money.allocated + command.data.amount > money.released) {
        refuse(
          'PL_ERR_MONEY_NOT_CONSERVED',
          `Allocating ${pounds(command.data.amount)} would exceed the money released: ${pounds(money.released)} released, ` +
            `${pounds(money.allocated)} already allocated, ${pounds(money.releasedNotYetAllocated)} left.`,
        );
      }
      return [{ type: 'IndividualBudgetAllocated', data: { ...command.data, contractId, at } }];
    }
    case 'RecordPersonMoved': {
      const allocation = contract.allocations.find((a) => a.allocationId === command.data.allocationId && a.personId === command.data.personId);
      if (!allocation || allocation.ended) {
        refuse('PL_ERR_ALLOCATION_NOT_FOUND', `${command.data.personId} has no current allocation ${command.data.allocationId} on this contract.`);
      }
      if (allocation.movedOn) refuse('PL_ERR_ALREADY_EXISTS', `${command.data.personId} already moved to their new arrangement on ${allocation.movedOn}.`);
      const { newProvider = allocation.heldBy } = command.data;
      if (allocation.heldBy !== undefined && newProvider !== allocation.heldBy) {
        refuse('PL_ERR_VALIDATION', `${command.data.personId}’s Individual Service Fund is held by ${allocation.heldBy}, so they moved to ${allocation.heldBy}, not ${newProvider ?? 'another provider'}.`);
      }
      return [{ type: 'PersonMovedToNewArrangement', data: { ...command.data, ...(newProvider === undefined ? {} : { newProvider }), contractId, at } }];
    }
    case 'EndAllocation': {
      const allocation = contract.allocations.find((a) => a.allocationId === command.data.allocationId);
      if (!allocation) refuse('PL_ERR_ALLOCATION_NOT_FOUND', `There is no allocation ${command.data.allocationId} on this contract.`);
      if (allocation.ended) refuse('PL_ERR_ALREADY_EXISTS', `This allocation already ended on ${allocation.ended.date}.`);
      return [{ type: 'AllocationEnded', data: { ...command.data, personId: allocation.personId, contractId, at } }];
    }
    case 'VaryContract': {
      const { newAnnualValue } = command.data;
      if (newAnnualValue !== undefined && newAnnualValue < money.released) {
        refuse('PL_ERR_MONEY_NOT_CONSERVED', `The value cannot fall to ${pounds(newAnnualValue)}: ${pounds(money.released)} has already been released.`);
      }
      return [{ type: 'ContractVaried', data: { ...command.data, contractId, at } }];
    }
    case 'EndContract':
      return [{ type: 'ContractEnded', data: { ...command.data, contractId, at } }];
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

/** Every person and organisation a command names, for the rules of who may name whom. */
function namedIn(command: ContractCommand): Named {
  switch (command.type) {
    case 'RegisterContract':
      return { organisations: [command.data.provider], people: command.data.peopleCovered };
    case 'AllocateIndividualBudget':
      return { people: [command.data.personId], organisations: command.data.heldBy === undefined ? [] : [command.data.heldBy] };
    case 'RecordPersonMoved':
      return { people: [command.data.personId], organisations: command.data.newProvider === undefined ? [] : [command.data.newProvider] };
    case 'PlanDisaggregation':
    case 'EndAllocation':
    case 'VaryContract':
    case 'EndContract':
      return {};
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

/** What a decision about this contract needs to know of it. */
export function contractContext(contract: Contract): ContractContext {
  return { contractId: contract.contractId, provider: contract.provider, type: contract.type, status: contract.status };
}

export const contractDecider: Decider<ContractState, ContractCommand, ContractEvent> = {
  initialState: initialContractState,
  evolve: evolveContract,
  decide: decideContract,
};
