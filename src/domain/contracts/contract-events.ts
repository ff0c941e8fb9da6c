// The events of a contract's stream (`contract-<id>`), with their schemas.
import type { z } from 'zod';
import type { EventDefinition } from '../../events/event-registry.js';
import { entityId, personId } from '../shared/vocabulary.js';
import {
  allocationEnding,
  budgetAllocation,
  contractEnding,
  contractEventBase,
  contractRegistration,
  contractVariation,
  disaggregationPlan,
  personMoved,
} from './contract-facts.js';

export const contractEventSchemas = {
  ContractRegistered: contractRegistration.safeExtend(contractEventBase),
  DisaggregationPlanned: disaggregationPlan.extend(contractEventBase),
  IndividualBudgetAllocated: budgetAllocation.safeExtend({ ...contractEventBase, allocationId: entityId }),
  PersonMovedToNewArrangement: personMoved.extend(contractEventBase),
  AllocationEnded: allocationEnding.extend({ ...contractEventBase, allocationId: entityId, personId }),
  ContractVaried: contractVariation.extend(contractEventBase),
  ContractEnded: contractEnding.extend(contractEventBase),
} as const;

type Schemas = typeof contractEventSchemas;
export type ContractEventType = keyof Schemas;
export type ContractEvent = { [Type in ContractEventType]: { type: Type; data: z.output<Schemas[Type]> } }[ContractEventType];
export type ContractEventData<Type extends ContractEventType> = z.output<Schemas[Type]>;

export const contractEventDefinitions: EventDefinition[] = Object.entries(contractEventSchemas).map(([type, schema]) => ({ type, version: 1, schema }));

export const CONTRACT_STREAM_PREFIX = 'contract-';
export const contractStream = (contractId: string) => `${CONTRACT_STREAM_PREFIX}${contractId}`;

/** A stored event as a contract event (the store validated its payload on read), or undefined. */
export function asContractEvent(event: { type: string; data: unknown }): ContractEvent | undefined {
  return Object.hasOwn(contractEventSchemas, event.type) ? ({ type: event.type, data: event.data } as ContractEvent) : undefined;
}
