// Every event type the product records, gathered in one registry for the store.
import { chainBreakEventDefinitions } from './audit/chain-break.js';
import { contractEventDefinitions } from './domain/contracts/contract-events.js';
import { decisionEventDefinitions } from './domain/decisions/decision-events.js';
import { personEventDefinitions } from './domain/people/person-events.js';
import { providerEventDefinitions } from './domain/providers/provider-events.js';
import { EventRegistry } from './events/event-registry.js';

export function createRegistry(): EventRegistry {
  return new EventRegistry().define(...decisionEventDefinitions, ...contractEventDefinitions, ...personEventDefinitions, ...providerEventDefinitions, ...chainBreakEventDefinitions);
}
