// Placeholder until the adapter lands in this same change; see the README.
import type { Logger } from 'pino';
import { PartnershipLogError } from '../../errors.js';
import type { EventRegistry } from '../event-registry.js';
import type { EventStore } from '../event-store.js';

export interface EventStoreDbStoreOptions {
  connectionString: string;
  registry: EventRegistry;
  logger: Logger;
}

export async function openEventStoreDbStore(_options: EventStoreDbStoreOptions): Promise<EventStore> {
  throw new PartnershipLogError('PL_ERR_CONFIG', 'The EventStoreDB adapter is not built yet.');
}
