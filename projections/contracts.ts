// Contracts: each contract's value, the money released from a block, allocated to
// individual budgets and remaining, the people moved to individual arrangements, the
// allocations by route, and across all contracts the share of spending that is
// individualised. Pseudonymous person ids only.
import { asContractEvent, CONTRACT_STREAM_PREFIX } from '../src/domain/contracts/contract-events.js';
import { z } from 'zod';
import { contractType, fundingRoute, type ContractType, type FundingRoute } from '../src/domain/contracts/contract-facts.js';
import type { Projection } from './projection.js';
import type { QueryableProjection } from './queries.js';

interface TrackedAllocation {
  personId: string;
  amount: number;
  route: FundingRoute;
  heldBy?: string;
  current: boolean;
}

/** What a contract is, as registered (and ended). */
interface ContractBasics {
  contractId: string;
  provider: string;
  type: ContractType;
  service: string;
  start: string;
  end?: string;
  status: 'active' | 'ended';
}

interface TrackedContract extends ContractBasics {
  value: number;
  released: number;
  disaggregationDecisionId?: string;
  peopleCovered: string[];
  /** In the order they moved; a person counts once however many allocations they had. */
  peopleMoved: string[];
  allocations: Record<string, TrackedAllocation>;
  lastPosition: number;
}

export interface ContractsState {
  contracts: Record<string, TrackedContract>;
}

export const contracts: Projection<ContractsState> = {
  name: 'contracts',
  version: 1,
  streamPrefixes: [CONTRACT_STREAM_PREFIX],
  initialState: () => ({ contracts: {} }),
  evolve(state, stored) {
    const event = asContractEvent(stored);
    if (!event) return state;
    if (event.type === 'ContractRegistered') {
      const c = event.data;
      state.contracts[c.contractId] = {
        contractId: c.contractId,
        provider: c.provider,
        type: c.type,
        service: c.service,
        start: c.start,
        ...(c.end ? { end: c.end } : {}),
        status: 'active',
        value: c.annualValue,
        released: 0,
        peopleCovered: c.peopleCovered,
        peopleMoved: [],
        allocations: {},
        lastPosition: stored.position,
      };
      return state;
    }
    const contract = state.contracts[event.data.contractId];
    if (!contract) return state;
    contract.lastPosition = stored.position;
    switch (event.type) {
      case 'DisaggregationPlanned':
        contract.released = event.data.amountToRelease;
        contract.disaggregationDecisionId = event.data.decisionId;
        break;
      case 'IndividualBudgetAllocated': {
        const { allocationId, personId, amount, route, heldBy } = event.data;
        contract.allocations[allocationId] = { personId, amount, route, ...(heldBy ? { heldBy } : {}), current: true };
        break;
      }
      case 'AllocationEnded': {
        const allocation = contract.allocations[event.data.allocationId];
        if (allocation) allocation.current = false;
        break;
      }
      case 'PersonMovedToNewArrangement':
        if (!contract.peopleMoved.includes(event.data.personId)) contract.peopleMoved.push(event.data.personId);
        break;
      case 'ContractVaried':
        if (event.data.newAnnualValue !== undefined) contract.value = event.data.newAnnualValue;
        if (event.data.newEnd) contract.end = event.data.newEnd;
        break;
      case 'ContractEnded':
        contract.status = 'ended';
        contract.end = event.data.date;
        break;
      default: {
        const unhandled: never = event;
        return unhandled;
      }
    }
    return state;
  },
};

const routeTotal = z.object({ people: z.number(), amount: z.number() });
export type RouteTotal = z.infer<typeof routeTotal>;

export const contractSummarySchema = z.object({
  contractId: z.string(),
  provider: z.string(),
  type: contractType,
  service: z.string(),
  start: z.string(),
  end: z.string().optional(),
  status: z.enum(['active', 'ended']),
  /** All money in pence. */
  value: z.number(),
  released: z.number(),
  allocated: z.number(),
  releasedNotYetAllocated: z.number(),
  /** Still paid as a block: released plus this is the value. */
  remainingInBlock: z.number(),
  disaggregationDecisionId: z.string().optional(),
  peopleCovered: z.array(z.string()),
  peopleMoved: z.array(z.string()),
  /** Current allocations only, by how the money reaches the person. */
  allocationsByRoute: z.record(fundingRoute, routeTotal),
  /** Of this contract's value, the part that is individualised (0 to 1): its individual budgets, or all of an Individual Service Fund contract. */
  individualisedShare: z.number(),
});
export type ContractSummary = z.infer<typeof contractSummarySchema>;

export function contractSummary(state: ContractsState, contractId: string): ContractSummary | undefined {
  const contract = state.contracts[contractId];
  return contract ? summarise(contract) : undefined;
}

/** Every contract, in the order they were last changed. */
export function allContracts(state: ContractsState): ContractSummary[] {
  return Object.values(state.contracts)
    .sort((a, b) => a.lastPosition - b.lastPosition)
    .map(summarise);
}

export const individualisedSpendingSchema = z.object({
  /** The annual value of every contract still in force, in pence. */
  totalValue: z.number(),
  /** Individual budgets allocated from blocks, plus contracts that are Individual Service Funds in themselves. */
  individualised: z.number(),
  allocatedFromBlocks: z.number(),
  individualServiceFundContracts: z.number(),
  /** individualised / totalValue, 0 when nothing is contracted. */
  share: z.number(),
});
export type IndividualisedSpending = z.infer<typeof individualisedSpendingSchema>;

/** What GET /projections/contracts answers. */
export const contractsAnswerSchema = z.object({ contracts: z.array(contractSummarySchema), individualisedSpending: individualisedSpendingSchema });

/**
 * The share of spending that is individualised, across the contracts in force (an ended
 * contract leaves both sides of the fraction): money allocated to individual arrangements
 * over the total contracted value.
 */
export function individualisedSpending(state: ContractsState): IndividualisedSpending {
  let totalValue = 0;
  let allocatedFromBlocks = 0;
  let individualServiceFundContracts = 0;
  for (const contract of Object.values(state.contracts)) {
    if (contract.status === 'ended') continue;
    totalValue += contract.value;
    if (contract.type === 'individual-service-fund') individualServiceFundContracts += contract.value;
    else allocatedFromBlocks += allocatedOn(contract);
  }
  const individualised = allocatedFromBlocks + individualServiceFundContracts;
  return { totalValue, individualised, allocatedFromBlocks, individualServiceFundContracts, share: totalValue === 0 ? 0 : individualised / totalValue };
}

function allocatedOn(contract: TrackedContract): number {
  return Object.values(contract.allocations).reduce((sum, a) => (a.current ? sum + a.amount : sum), 0);
}

function individualisedOn(contract: TrackedContract): number {
  return contract.type === 'individual-service-fund' ? contract.value : allocatedOn(contract);
}

function noAllocations(): Record<FundingRoute, RouteTotal> {
  const none = () => ({ people: 0, amount: 0 });
  return { 'direct-payment': none(), 'individual-service-fund': none(), 'indirect-payment': none(), trust: none(), 'council-managed': none() };
}

function summarise(contract: TrackedContract): ContractSummary {
  const allocationsByRoute = noAllocations();
  for (const allocation of Object.values(contract.allocations)) {
    if (!allocation.current) continue;
    allocationsByRoute[allocation.route].people += 1;
    allocationsByRoute[allocation.route].amount += allocation.amount;
  }
  const allocated = allocatedOn(contract);
  return {
    contractId: contract.contractId,
    provider: contract.provider,
    type: contract.type,
    service: contract.service,
    start: contract.start,
    ...(contract.end ? { end: contract.end } : {}),
    status: contract.status,
    value: contract.value,
    released: contract.released,
    allocated,
    releasedNotYetAllocated: contract.released - allocated,
    remainingInBlock: contract.value - contract.released,
    ...(contract.disaggregationDecisionId ? { disaggregationDecisionId: contract.disaggregationDecisionId } : {}),
    peopleCovered: [...contract.peopleCovered],
    peopleMoved: [...contract.peopleMoved],
    allocationsByRoute,
    individualisedShare: contract.value === 0 ? 0 : individualisedOn(contract) / contract.value,
  };
}

/** What GET /projections/contracts answers: one contract (?contract=) or all, and the individualised share. */
export const contractsQuery: QueryableProjection<ContractsState, z.infer<typeof contractsAnswerSchema>> = {
  projection: contracts,
  description: 'Each contract’s value, money released, allocated and remaining, people moved to individual arrangements, allocations by route, and the share of spending that is individualised.',
  accepts: ['contract'],
  personLevel: false,
  answerSchema: contractsAnswerSchema,
  answer: (state, q) => {
    const one = q.contract ? contractSummary(state, q.contract) : undefined;
    return { contracts: q.contract ? (one ? [one] : []) : allContracts(state), individualisedSpending: individualisedSpending(state) };
  },
};
