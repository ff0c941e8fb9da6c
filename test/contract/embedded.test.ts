import t from 'tap';
import { openEmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { memoryLogger } from '../support/silent-logger.js';
import { tempDir } from '../support/temp-dir.js';
import { eventStoreContract } from './event-store-contract.js';

const dataDir = tempDir(t);
const { logger } = memoryLogger();

eventStoreContract(t, {
  open: (registry) => openEmbeddedStore({ dataDir, registry, logger }),
});
