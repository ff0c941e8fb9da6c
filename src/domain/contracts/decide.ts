// Commands on a contract and the rules they keep, above all that money is conserved:
// allocations never exceed what was released, and released plus remaining is the value.
import type { z } from 'zod';
import { refuse } from '../../errors.js';
import type { Command, Decider } from '../decider.js';
import type { ContractContext } from '../decisions/decide.js';
import type { DecisionKind, Outcome } from '../decisions/decision-facts.js';
import type { ContractEvent } from './contract-events.js';
import type * as facts from './contract-facts.js';
import { contractMoney, evolveContract, initialContractState, pounds, type Contract, type ContractState } from './contract.js';

type Fact<S extends z.ZodType> = z.output<S>;

/** What a disaggregation plan needs to know of the decision behind it (read by the caller). */
export interface DecisionContext {
  decisionId: string;
  kind: DecisionKind;
  contractId?: string | undefined;
  status: string;
  outcome?: Outcome | undefined;
}

export type ContractCommand =
  | Command<'RegisterContract', Fact<typeof facts.contractRegistration> & { contractId: string }>
  | Command<'PlanDisaggregation', Fact<typeof facts.disaggregationPlan> & { decision: DecisionContext }>
  | Command<'AllocateIndividualBudget', Fact<typeof facts.budgetAllocation> & { allocationId: string }>
  | Command<'RecordPersonMoved', Fact<typeof facts.personMoved>>
  | Command<'VaryContract', Fact<typeof facts.contractVariation>>
  | Command<'EndContract', Fact<typeof facts.contractEnding>>;

export type ContractCommandType = ContractCommand['type'];

export function decideContract(command: ContractCommand, state: ContractState): ContractEvent[] {
  const at = command.now;
  if (command.type === 'RegisterContract') {
    if (state.status !== 'none') refuse('PL_ERR_ALREADY_EXISTS', 'A contract with this id already exists.');
    return [{ type: 'ContractRegistered', data: { ...command.data, at } }];
  }
  if (state.status === 'none') refuse('PL_ERR_CONTRACT_NOT_FOUND', 'There is no contract with this id.');
  if (state.status === 'ended') refuse('PL_ERR_CONTRACT_ENDED', `This contract ended on ${state.ended?.date ?? 'an earlier date'}; nothing more can be recorded on it.`);
  const contract: Contract = state;
  const { contractId } = contract;
  const money = contractMoney(contract);

  switch (command.type) {
    case 'PlanDisaggregation': {
      const { decision, ...plan } = command.data;
      if (contract.type !== 'block') refuse('PL_ERR_NOT_A_BLOCK_CONTRACT', `This is a ${contract.type} contract; only a block contract can be disaggregated.`);
      if (contract.disaggregation) refuse('PL_ERR_ALREADY_EXISTS', 'A disaggregation has already been planned for this contract; vary the contract to change it.');
      if (decision.decisionId !== plan.decisionId) refuse('PL_ERR_DECISION_NOT_FOUND', `There is no decision ${plan.decisionId}.`);
      if (decision.kind !== 'disaggregation' || decision.contractId !== contractId) {
        refuse('PL_ERR_WRONG_DECISION_KIND', 'A disaggregation is planned under a disaggregation decision about this contract.');
      }
      if (decision.status !== 'decided' || (decision.outcome !== 'agreed' && decision.outcome !== 'agreed-with-changes')) {
        refuse('PL_ERR_DECISION_NOT_MADE', 'The disaggregation decision must be made and agreed before it is planned.');
      }
      if (plan.amountToRelease > contract.annualValue) {
        refuse('PL_ERR_MONEY_NOT_CONSERVED', `${pounds(plan.amountToRelease)} cannot be released from a block worth ${pounds(contract.annualValue)}.`);
      }
      return [{ type: 'DisaggregationPlanned', data: { ...plan, contractId, at } }];
    }
    case 'AllocateIndividualBudget': {
      if (!contract.disaggregation) {
        refuse('PL_ERR_MONEY_NOT_CONSERVED', 'No money has been released from this contract yet: plan the disaggregation first.');
      }
      if (contract.allocations.some((a) => a.personId === command.data.personId)) {
        refuse('PL_ERR_ALLOCATION_EXISTS', `${command.data.personId} already has an allocation on this contract.`);
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
      if (!allocation) refuse('PL_ERR_ALLOCATION_NOT_FOUND', `${command.data.personId} has no allocation ${command.data.allocationId} on this contract.`);
      if (allocation.movedOn) refuse('PL_ERR_ALREADY_EXISTS', `${command.data.personId} already moved to their new arrangement on ${allocation.movedOn}.`);
      return [{ type: 'PersonMovedToNewArrangement', data: { ...command.data, contractId, at } }];
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

/** What a decision about this contract needs to know of it. */
export function contractContext(contract: Contract): ContractContext {
  return { contractId: contract.contractId, provider: contract.provider, type: contract.type, status: contract.status };
}

export const contractDecider: Decider<ContractState, ContractCommand, ContractEvent> = {
  initialState: initialContractState,
  evolve: evolveContract,
  decide: decideContract,
};
