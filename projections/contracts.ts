// Contracts: each contract as recorded (what GET /contracts/:id answers), its value, the
// money released from a block, allocated to individual budgets and remaining (worked out by
// the domain's contractMoney), the people moved to individual arrangements, the allocations
// by route, and across all contracts the share of spending that is individualised.
// Pseudonymous person ids only.
import { z } from 'zod';
import { contractMoney, currentAllocations } from '../src/domain/contracts/contract.js';
import { asContractEvent, CONTRACT_STREAM_PREFIX, type ContractEvent } from '../src/domain/contracts/contract-events.js';
import {
  allocationEnding,
  budgetAllocation,
  contractEnding,
  contractRegistration,
  contractType,
  contractVariation,
  disaggregationPlan,
  fundingRoute,
  type FundingRoute,
} from '../src/domain/contracts/contract-facts.js';
import { entityId, isoDate, isoDateTime } from '../src/domain/shared/vocabulary.js';
import type { Documents } from './documents.js';
import type { Projection } from './projection.js';
import { recorded } from './recorded-shape.js';

const at = { at: isoDateTime };
const allocationFields = z.object({
  ...budgetAllocation.shape,
  ...at,
  allocationId: entityId,
  /** When the person moved to their new arrangement. */
  movedOn: isoDate.optional(),
  /** Set when the allocation stopped being current; its money no longer counts as allocated. */
  ended: allocationEnding.extend(at).optional(),
});
const contractFields = z.object({
  ...contractRegistration.shape,
  contractId: entityId,
  status: z.enum(['active', 'ended']),
  registeredAt: isoDateTime,
  disaggregation: disaggregationPlan.extend(at).optional(),
  allocations: z.array(allocationFields),
  variations: z.array(contractVariation.extend(at)),
  ended: contractEnding.extend(at).optional(),
  /** The stream's revision (the ETag). */
  revision: z.number().int(),
});
// The request's fields without its rules: a record answers what was stored, whatever rule came later.
export const contractRecordSchema = recorded(contractFields);
/** A contract as recorded, with the value and end date now in force. */
export type ContractRecord = z.infer<typeof contractRecordSchema>;

interface TrackedContract {
  record: ContractRecord;
  /** In the order they moved; a person counts once however many allocations they had. */
  peopleMoved: string[];
  lastPosition: number;
}

export interface ContractsState {
  contracts: Documents<TrackedContract>;
}

export const contracts: Projection<ContractsState> = {
  name: 'contracts',
  // 2: each contract kept as recorded, for GET /contracts/:id.
  version: 2,
  streamPrefixes: [CONTRACT_STREAM_PREFIX],
  collections: { contracts: {} },
  evolve(state, stored) {
    const event = asContractEvent(stored);
    if (!event) return;
    const tracked = state.contracts.get(event.data.contractId);
    const record = recordWith(tracked?.record, event);
    if (!record) return;
    const moved = event.type === 'PersonMovedToNewArrangement' ? event.data.personId : undefined;
    const peopleMoved = tracked?.peopleMoved ?? [];
    state.contracts.set(event.data.contractId, {
      record: { ...record, revision: stored.revision },
      peopleMoved: moved === undefined || peopleMoved.includes(moved) ? peopleMoved : [...peopleMoved, moved],
      lastPosition: stored.position,
    });
  },
};

/** One contract's record with one more event (undefined until it is registered). */
function recordWith(record: ContractRecord | undefined, event: ContractEvent): ContractRecord | undefined {
  if (event.type === 'ContractRegistered') {
    const { at: registeredAt, ...registration } = event.data;
    return { ...registration, status: 'active', registeredAt, allocations: [], variations: [], revision: 0 };
  }
  if (!record) return undefined;
  switch (event.type) {
    case 'DisaggregationPlanned':
      return { ...record, disaggregation: strip(event.data) };
    case 'IndividualBudgetAllocated':
      return { ...record, allocations: [...record.allocations, strip(event.data)] };
    case 'PersonMovedToNewArrangement':
      return { ...record, allocations: record.allocations.map((a) => (a.allocationId === event.data.allocationId ? { ...a, movedOn: event.data.date } : a)) };
    case 'AllocationEnded': {
      const { allocationId, personId: _personId, ...ended } = strip(event.data);
      return { ...record, allocations: record.allocations.map((a) => (a.allocationId === allocationId ? { ...a, ended } : a)) };
    }
    case 'ContractVaried': {
      const variation = strip(event.data);
      const { newAnnualValue, newEnd } = variation;
      return { ...record, variations: [...record.variations, variation], annualValue: newAnnualValue ?? record.annualValue, ...(newEnd ? { end: newEnd } : {}) };
    }
    case 'ContractEnded':
      return { ...record, status: 'ended', ended: strip(event.data) };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/** The contract id is the record's; its facts do not repeat it. */
function strip<T extends { contractId: string }>(data: T): Omit<T, 'contractId'> {
  const { contractId: _contractId, ...rest } = data;
  return rest;
}

/** The contract as recorded, or undefined when it was not (yet) registered. */
export function contractRecordOf(state: ContractsState, contractId: string): ContractRecord | undefined {
  return state.contracts.get(contractId)?.record;
}

export const moveSchema = z.object({
  personId: z.string(),
  date: z.string(),
  /** True while the move's date is after the reader's today: planned, not done. */
  planned: z.boolean(),
});
export type Move = z.infer<typeof moveSchema>;

/** Counted once each, at the date of their move, judged on `today` (a calendar day, YYYY-MM-DD). */
export const movesSchema = z.object({
  /** Every person's move, done or planned, in the order of their dates. */
  moves: z.array(moveSchema),
  /** People whose move is dated on or before today. */
  peopleMovedByToday: z.number(),
  /** People whose move is dated after today. */
  peoplePlannedToMove: z.number(),
});

/** The moves recorded on a contract as done or planned on `today`: a move dated in the future is planned, not done. */
export function movesOn(record: Pick<ContractRecord, 'allocations'>, today: string): z.infer<typeof movesSchema> {
  const byPerson = new Map<string, string>();
  // A later replacement allocation does not undo a move: a person's first move counts.
  for (const a of record.allocations) if (a.movedOn !== undefined && (byPerson.get(a.personId) ?? '9999-12-31') > a.movedOn) byPerson.set(a.personId, a.movedOn);
  const moves = [...byPerson].map(([personId, date]) => ({ personId, date, planned: date > today })).sort((a, b) => a.date.localeCompare(b.date));
  const planned = moves.filter((m) => m.planned).length;
  return { moves, peopleMovedByToday: moves.length - planned, peoplePlannedToMove: planned };
}

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
  /** How many people have a move recorded, planned ones too — the same count as a contract's `money.peopleMoved`. `moves` lists each with its date and whether it is done. */
  peopleMoved: z.number(),
  ...movesSchema.partial().shape,
  /** Current allocations only, by how the money reaches the person. */
  allocationsByRoute: z.record(fundingRoute, routeTotal),
  /** Of this contract's value, the part that is individualised (0 to 1): its individual budgets, or all of an Individual Service Fund contract. */
  individualisedShare: z.number(),
});
export type ContractSummary = z.infer<typeof contractSummarySchema>;

/** With `today` (a calendar day), each move is said to be done or planned on that day. */
export function contractSummary(state: ContractsState, contractId: string, today?: string): ContractSummary | undefined {
  const contract = state.contracts.get(contractId);
  return contract ? summarise(contract, today) : undefined;
}

/** Every contract, in the order they were last changed. */
export function allContracts(state: ContractsState, today?: string): ContractSummary[] {
  return [...state.contracts.values()]
    .sort((a, b) => a.lastPosition - b.lastPosition)
    .map((contract) => summarise(contract, today));
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
  for (const { record } of state.contracts.values()) {
    if (record.status === 'ended') continue;
    totalValue += record.annualValue;
    if (record.type === 'individual-service-fund') individualServiceFundContracts += record.annualValue;
    else allocatedFromBlocks += contractMoney(record).allocated;
  }
  const individualised = allocatedFromBlocks + individualServiceFundContracts;
  return { totalValue, individualised, allocatedFromBlocks, individualServiceFundContracts, share: totalValue === 0 ? 0 : individualised / totalValue };
}

function individualisedOn(record: ContractRecord): number {
  return record.type === 'individual-service-fund' ? record.annualValue : contractMoney(record).allocated;
}

function noAllocations(): Record<FundingRoute, RouteTotal> {
  const none = () => ({ people: 0, amount: 0 });
  return { 'direct-payment': none(), 'individual-service-fund': none(), 'indirect-payment': none(), trust: none(), 'council-managed': none() };
}

function summarise({ record, peopleMoved }: TrackedContract, today: string | undefined): ContractSummary {
  const allocationsByRoute = noAllocations();
  for (const allocation of currentAllocations(record)) {
    allocationsByRoute[allocation.route].people += 1;
    allocationsByRoute[allocation.route].amount += allocation.amount;
  }
  const { value, released, allocated, releasedNotYetAllocated, remainingInBlock } = contractMoney(record);
  // An ended contract's end is the day it ended.
  const end = record.ended?.date ?? record.end;
  return {
    contractId: record.contractId,
    provider: record.provider,
    type: record.type,
    service: record.service,
    start: record.start,
    ...(end ? { end } : {}),
    status: record.status,
    value,
    released,
    allocated,
    releasedNotYetAllocated,
    remainingInBlock,
    ...(record.disaggregation ? { disaggregationDecisionId: record.disaggregation.decisionId } : {}),
    peopleCovered: [...record.peopleCovered],
    peopleMoved: peopleMoved.length,
    ...(today === undefined ? {} : movesOn(record, today)),
    allocationsByRoute,
    individualisedShare: value === 0 ? 0 : individualisedOn(record) / value,
  };
}
