// A contract as its readers see it: as recorded, with the money worked out and, for the
// people it covers, their needs when the reader may see them. GET /contracts/:id and the
// pages use this one function and its schema. The contract is read from its stream (the
// decider's state), so the answer is never behind a write.
import { z } from 'zod';
import { contractMoney, type Contract } from '../src/domain/contracts/contract.js';
import * as facts from '../src/domain/contracts/contract-facts.js';
import { entityId, isoDate, isoDateTime } from '../src/domain/shared/vocabulary.js';
import { mayReadIn, type ReadablePeople } from './decision-detail.js';
import { peopleAsSeenBy, personAsSeenSchema, type PeopleDirectoryState } from './people-directory.js';

const at = { at: isoDateTime };
// The shapes without the rules a request must keep: an answer describes what was recorded, it does not judge it again.
const allocationRecord = z.object({
  ...facts.budgetAllocation.shape,
  ...at,
  allocationId: entityId,
  /** When the person moved to their new arrangement. */
  movedOn: isoDate.optional(),
  /** Set when the allocation stopped being current; its money no longer counts as allocated. */
  ended: facts.allocationEnding.extend(at).optional(),
});

export const contractMoneySchema = z.object({
  value: z.number(),
  released: z.number(),
  allocated: z.number(),
  releasedNotYetAllocated: z.number(),
  remainingInBlock: z.number(),
  peopleMoved: z.number(),
});
export type ContractMoney = z.infer<typeof contractMoneySchema>;

export const contractDetailSchema = z.object({
  ...facts.contractRegistration.shape,
  contractId: entityId,
  status: z.enum(['active', 'ended']),
  registeredAt: isoDateTime,
  disaggregation: facts.disaggregationPlan.extend(at).optional(),
  allocations: z.array(allocationRecord),
  variations: z.array(facts.contractVariation.extend(at)),
  ended: facts.contractEnding.extend(at).optional(),
  /** All in pence. */
  money: contractMoneySchema,
  /** The stream's revision (the ETag). */
  revision: z.number().int(),
  /** Each person's communication needs, for those who may see them (Accessible Information Standard). */
  people: z.array(personAsSeenSchema),
});
export type ContractDetail = z.infer<typeof contractDetailSchema>;

/** The contract as this reader may see it. */
export function contractDetail(contract: Contract, revision: number, directory: PeopleDirectoryState, readable: ReadablePeople): ContractDetail {
  const covered = [...new Set([...contract.peopleCovered, ...contract.allocations.map((a) => a.personId)])];
  return { ...contract, money: contractMoney(contract), revision, people: peopleAsSeenBy(directory, covered, mayReadIn(readable)) };
}
