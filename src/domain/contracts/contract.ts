// A contract's current state, folded from its events; GET /contracts/:id returns it
// with the money worked out (released, allocated, remaining).
import type { ContractEvent, ContractEventData } from './contract-events.js';

type Data<T extends ContractEvent['type']> = Omit<ContractEventData<T>, 'contractId'>;

export interface Allocation extends Data<'IndividualBudgetAllocated'> {
  /** When the person moved to their new arrangement. */
  movedOn?: string;
  /** Set when the allocation stopped being current; its money no longer counts as allocated. */
  ended?: Omit<Data<'AllocationEnded'>, 'allocationId' | 'personId'>;
}

export interface Contract extends Omit<Data<'ContractRegistered'>, 'at'> {
  status: 'active' | 'ended';
  contractId: string;
  registeredAt: string;
  disaggregation?: Data<'DisaggregationPlanned'>;
  allocations: Allocation[];
  variations: Data<'ContractVaried'>[];
  ended?: Data<'ContractEnded'>;
}

export type ContractState = { status: 'none' } | Contract;

export const initialContractState = (): ContractState => ({ status: 'none' });

export function evolveContract(state: ContractState, event: ContractEvent): ContractState {
  if (event.type === 'ContractRegistered') {
    const { at, ...registered } = event.data;
    return { ...registered, status: 'active', registeredAt: at, allocations: [], variations: [] };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'DisaggregationPlanned':
      return { ...state, disaggregation: event.data };
    case 'IndividualBudgetAllocated':
      return { ...state, allocations: [...state.allocations, event.data] };
    case 'PersonMovedToNewArrangement':
      return {
        ...state,
        allocations: state.allocations.map((a) => (a.allocationId === event.data.allocationId ? { ...a, movedOn: event.data.date } : a)),
      };
    case 'AllocationEnded': {
      const { allocationId, personId: _personId, ...ended } = event.data;
      return { ...state, allocations: state.allocations.map((a) => (a.allocationId === allocationId ? { ...a, ended } : a)) };
    }
    case 'ContractVaried': {
      const { newAnnualValue, newEnd } = event.data;
      return {
        ...state,
        variations: [...state.variations, event.data],
        annualValue: newAnnualValue ?? state.annualValue,
        ...(newEnd ? { end: newEnd } : {}),
      };
    }
    case 'ContractEnded':
      return { ...state, status: 'ended', ended: event.data };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/** The allocations in force: one per person at most. */
export function currentAllocations(contract: Contract): Allocation[] {
  return contract.allocations.filter((a) => a.ended === undefined);
}

/** The money, in pence: released from the block, allocated to people, and what is left. */
export function contractMoney(contract: Contract) {
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

export const pounds = (p: number) => `£${(p / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
