// A contract as its readers see it: as recorded by the contracts read model, with the money
// worked out by the domain and, for the people it covers, their needs when the reader may see
// them. GET /contracts/:id (after the projections caught up with the log) and the pages use
// this one function and its schema.
import { z } from 'zod';
import { contractMoney } from '../src/domain/contracts/contract.js';
import { contractRecordSchema, movesOn, movesSchema, type ContractRecord } from './contracts.js';
import { mayReadIn, type ReadablePeople } from './decision-detail.js';
import { peopleAsSeenBy, personAsSeenSchema, type PeopleDirectoryState } from './people-directory.js';
import { recorded } from './recorded-shape.js';

export const contractMoneySchema = z.object({
  value: z.number(),
  released: z.number(),
  allocated: z.number(),
  releasedNotYetAllocated: z.number(),
  remainingInBlock: z.number(),
  /** Kept for compatibility: people with a move recorded, planned ones too. `peopleMovedByToday` counts the moves done. */
  peopleMoved: z.number(),
});
export type ContractMoney = z.infer<typeof contractMoneySchema>;
// The schema follows the one calculation: a figure added there and not here would be dropped from the answer, so it fails to compile.
const sameFigures: [Exclude<keyof ReturnType<typeof contractMoney>, keyof ContractMoney>] extends [never] ? true : false = true;
void sameFigures;

export const contractDetailSchema = contractRecordSchema.extend({
  /** All in pence. */
  money: contractMoneySchema,
  /** Each person's communication needs, for those who may see them (Accessible Information Standard). Rule-free, like the record. */
  people: z.array(recorded(personAsSeenSchema)),
  /** Each move, done or planned on the reader's today; optional so answers stored before it still parse. */
  ...movesSchema.partial().shape,
  /** For a provider: the allocations whose Individual Service Fund it holds (their people it reads once they moved to it). */
  allocationsHeldByYou: z.array(z.string()).optional(),
});
export type ContractDetail = z.infer<typeof contractDetailSchema>;

/**
 * The contract as this reader may see it on `today` (a calendar day): a move dated later is
 * planned, not done. `organisation`: a provider reader's own, to list the allocations it holds.
 */
export function contractDetail(contract: ContractRecord, directory: PeopleDirectoryState, readable: ReadablePeople, today?: string, organisation?: string): ContractDetail {
  const covered = [...new Set([...contract.peopleCovered, ...contract.allocations.map((a) => a.personId)])];
  const moves = today === undefined ? {} : movesOn(contract, today);
  const held = organisation === undefined ? {} : { allocationsHeldByYou: contract.allocations.filter((a) => a.heldBy === organisation).map((a) => a.allocationId) };
  return { ...contract, money: contractMoney(contract), people: peopleAsSeenBy(directory, covered, mayReadIn(readable)), ...moves, ...held };
}
