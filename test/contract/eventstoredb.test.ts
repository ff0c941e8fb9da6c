// The store contract against a real EventStoreDB server, when EVENTSTORE_URL names one
// (docker compose up -d, then EVENTSTORE_URL=esdb://localhost:2113?tls=false). Without it
// the file reports a skip, so a green run never hides that the adapter went untested.
import t from 'tap';
import { openEventStoreDbStore } from '../../src/store/eventstoredb/eventstoredb-store.js';
import { memoryLogger } from '../support/silent-logger.js';
import { eventStoreContract } from './event-store-contract.js';

const connectionString = process.env.EVENTSTORE_URL;

if (connectionString) {
  const { logger } = memoryLogger();
  eventStoreContract(t, {
    open: (registry) => openEventStoreDbStore({ connectionString, registry, logger }),
  });
} else {
  const reason = 'EventStoreDB contract tests skipped: EVENTSTORE_URL not set';
  console.log(reason);
  t.plan(0, reason);
}
