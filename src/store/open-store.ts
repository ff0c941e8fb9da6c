// Chooses the adapter: EventStoreDB when a connection string is given, else the embedded log.
import type { Logger } from 'pino';
import type { EventRegistry } from '../events/event-registry.js';
import type { EventStore } from './event-store.js';
import { openEmbeddedStore } from './embedded/embedded-store.js';
import { openEventStoreDbStore } from './eventstoredb/eventstoredb-store.js';

export interface OpenStoreOptions {
  dataDir: string;
  eventStoreUrl?: string | undefined;
  registry: EventRegistry;
  logger: Logger;
}

export async function openStore(options: OpenStoreOptions): Promise<EventStore> {
  if (options.eventStoreUrl) {
    return openEventStoreDbStore({
      connectionString: options.eventStoreUrl,
      registry: options.registry,
      logger: options.logger,
    });
  }
  return openEmbeddedStore({ dataDir: options.dataDir, registry: options.registry, logger: options.logger });
}
