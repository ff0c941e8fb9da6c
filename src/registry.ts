// Every event type the product records, gathered in one registry for the store.
import { EventRegistry } from './store/event-registry.js';

export function createRegistry(): EventRegistry {
  return new EventRegistry();
}
