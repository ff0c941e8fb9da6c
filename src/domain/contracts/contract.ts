// A contract's state as its rules need it, folded from its events: status, type, value, the
// money released and each allocation's person, amount and move. What a reader sees of a
// contract is the contracts read model's (projections/contracts.ts, contract-detail.ts).
import type { ContractType } from './contract-facts.js';
import type { ContractEvent } from './contract-events.js';

export interface Allocation {
  allocationId: string;
  personId: string;
  amount: number;
  /** For an Individual Service Fund: the provider holding it, whom the person moves to. */
  heldBy?: string | undefined;
  /** When the person moved to their new arrangement. */
  movedOn?: string;
  /** Set when the allocation stopped being current; its money no longer counts as allocated. */
  ended?: { date: string };
}

export interface Contract {
  status: 'active' | 'ended';
  contractId: string;
  /** For the decisions about this contract: a provider proposes changes to its own contracts only. */
  provider: string;
  type: ContractType;
  annualValue: number;
  /** The disaggregation decision carried out and the money it released. */
  disaggregation?: { decisionId: string; amountToRelease: number };
  /** Every allocation, ended ones too: ids are never reused and a move stays on the record. */
  allocations: Allocation[];
  ended?: { date: string };
}

export type ContractState = { status: 'none' } | Contract;

export const initialContractState = (): ContractState => ({ status: 'none' });

export function evolveContract(state: ContractState, event: ContractEvent): ContractState {
  if (event.type === 'ContractRegistered') {
    const { contractId, provider, type, annualValue } = event.data;
    return { status: 'active', contractId, provider, type, annualValue, allocations: [] };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'DisaggregationPlanned': {
      const { decisionId, amountToRelease } = event.data;
      return { ...state, disaggregation: { decisionId, amountToRelease } };
    }
    case 'IndividualBudgetAllocated': {
      const { allocationId, personId, amount, heldBy } = event.data;
      return { ...state, allocations: [...state.allocations, { allocationId, personId, amount, heldBy }] };
    }
    case 'PersonMovedToNewArrangement':
      return {
        ...state,
        allocations: state.allocations.map((a) => (a.allocationId === event.data.allocationId ? { ...a, movedOn: event.data.date } : a)),
      };
    case 'AllocationEnded': {
      const { allocationId, date } = event.data;
      return { ...state, allocations: state.allocations.map((a) => (a.allocationId === allocationId ? { ...a, ended: { date } } : a)) };
    }
    case 'ContractVaried':
      return { ...state, annualValue: event.data.newAnnualValue ?? state.annualValue };
    case 'ContractEnded':
      return { ...state, status: 'ended', ended: { date: event.data.date } };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/** What the money is worked out from: the decider's state and the contracts read model both carry it. */
export interface MoneyFacts {
  annualValue: number;
  disaggregation?: { amountToRelease: number } | undefined;
  allocations: readonly { personId: string; amount: number; movedOn?: string | undefined; ended?: object | undefined }[];
}

/** The allocations in force: one per person at most. */
export function currentAllocations<A extends { ended?: object | undefined }>(contract: { allocations: readonly A[] }): A[] {
  return contract.allocations.filter((a) => a.ended === undefined);
}

/** The money, in pence: released from the block, allocated to people, and what is left. The one place it is worked out. */
export function contractMoney(contract: MoneyFacts) {
  const released = contract.disaggregation?.amountToRelease ?? 0;
  const allocated = currentAllocations(contract).reduce((sum, a) => sum + a.amount, 0);
  return {
    value: contract.annualValue,
    released,
    allocated,
    releasedNotYetAllocated: released - allocated,
    /** Still paid as a block: released plus this equals the value. */
    remainingInBlock: contract.annualValue - released,
    /** People who have moved to their new arrangement (a later replacement allocation does not undo the move). */
    peopleMoved: new Set(contract.allocations.filter((a) => a.movedOn !== undefined).map((a) => a.personId)).size,
  };
}
