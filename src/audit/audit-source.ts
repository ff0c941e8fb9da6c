// What the auditor's tools read, whichever way they reach the log: the embedded log's
// file read-only (the CLIs, while the server holds the lock), the server's own open
// store (the /audit routes), or EventStoreDB through the store port. The embedded log
// is always checked from its file, where each record's checksum and stored bytes are.
import { dirname, join } from 'node:path';
import { PartnershipLogError, StoreCorruptError } from '../errors.js';
import { EmbeddedStore, LOG_FILE } from '../store/embedded/embedded-store.js';
import { readAllReadOnly, readOnlyHeadPosition, readRecordsReadOnly } from '../store/embedded/read-only-log.js';
import type { EventRegistry } from '../events/event-registry.js';
import type { EventStore, StoredEvent, StoreKind } from '../store/event-store.js';
import { ChainVerifier, linksOf, type HashedLink, type VerificationReport } from './chain-verifier.js';
import { checkAgainstCheckpoints, makeCheckpoint, readSigningKeyFile, refuseKeyInside, type ConsistencyReport, type SignedCheckpoint, type SigningKey } from './checkpoint.js';
import { embeddedLinks, verifyEmbeddedLog, verifyStore, type ProgressListener } from './verify-log.js';

/** Called as events are read: how many so far, and the position of the last. */
export type ReadProgress = (done: number, position: number) => void;

export interface AuditSource {
  readonly storeKind: StoreKind;
  /** The position of the last event (for the embedded log, also the number of events). */
  headPosition(): Promise<number>;
  /** Events as readers see them (payloads upcast to the current schema), optionally of one stream. */
  events(options?: { stream?: string }): AsyncIterable<StoredEvent>;
  /** Every event as stored, reduced to what the hash chain and checkpoints cover. */
  links(): AsyncIterable<HashedLink>;
  streamExists(stream: string): Promise<boolean>;
  /** Checksums (embedded log), hash chains and order. */
  verify(onProgress?: ProgressListener): Promise<VerificationReport>;
}

/** The embedded log in dataDir, read without the lock and never written. */
export function readOnlyLogSource(dataDir: string, registry: EventRegistry): AuditSource {
  return {
    storeKind: 'embedded',
    headPosition: () => readOnlyHeadPosition(dataDir),
    events: (options = {}) => readAllReadOnly(dataDir, registry, options),
    links: () => embeddedLinksOrThrow(dataDir),
    async streamExists(stream) {
      for await (const _ of readRecordsReadOnly(dataDir, { stream })) return true;
      return false;
    },
    verify: (onProgress) => verifyEmbeddedLog(dataDir, onProgress),
  };
}

/** An open store; an embedded one is also checked from its file. */
export function storeSource(store: EventStore): AuditSource {
  const file = store instanceof EmbeddedStore ? dirname(store.file) : undefined;
  return {
    storeKind: store.kind,
    headPosition: () => store.headPosition(),
    events: (options = {}) => (options.stream === undefined ? store.readAll() : streamEvents(store, options.stream)),
    links: () => (file === undefined ? linksOf(store.readAll()) : embeddedLinksOrThrow(file)),
    async streamExists(stream) {
      return (await store.readStream(stream, { maxCount: 1 })).length > 0;
    },
    verify: (onProgress) => (file === undefined ? verifyStore(store, onProgress) : verifyEmbeddedLog(file, onProgress)),
  };
}

/** The embedded log's links; a record failing its checksum is an error naming the place. */
async function* embeddedLinksOrThrow(dataDir: string): AsyncGenerator<HashedLink> {
  const batches = embeddedLinks(dataDir, (damage) => {
    throw new StoreCorruptError(join(dataDir, LOG_FILE), damage.byteOffset, damage.position, damage.reason);
  });
  for await (const links of batches) yield* links;
}

async function* streamEvents(store: EventStore, stream: string): AsyncGenerator<StoredEvent> {
  yield* await store.readStream(stream);
}

/**
 * Signs a checkpoint over the whole log as it stands, checking the chain on the way:
 * a log that does not verify is refused rather than signed.
 */
export async function signCheckpoint(
  source: AuditSource,
  key: Pick<SigningKey, 'privateKey' | 'publicKeyPem'>,
  createdAt: string,
  onProgress?: ReadProgress,
  nextPublicKey?: string,
): Promise<SignedCheckpoint> {
  const verifier = new ChainVerifier({ contiguous: source.storeKind === 'embedded' });
  const checked = async function* (): AsyncGenerator<HashedLink> {
    let done = 0;
    for await (const link of source.links()) {
      if (!verifier.addLink(link, () => link.contentHash)) {
        throw new PartnershipLogError(
          'PL_ERR_STORE_CORRUPT',
          `No checkpoint was signed because the log does not verify. ${verifier.report().summary}`,
        );
      }
      onProgress?.(++done, link.position);
      yield link;
    }
    // A broken link is noted, not fatal, until the end: it may be acknowledged later in the log.
    const report = verifier.report();
    if (!report.ok) throw new PartnershipLogError('PL_ERR_STORE_CORRUPT', `No checkpoint was signed because the log does not verify. ${report.summary}`);
  };
  try {
    return await makeCheckpoint(checked(), key, source.storeKind, createdAt, nextPublicKey);
  } catch (err) {
    if (!(err instanceof StoreCorruptError)) throw err;
    throw new PartnershipLogError('PL_ERR_STORE_CORRUPT', `No checkpoint was signed because the log does not verify. ${err.message}`, { cause: err });
  }
}

/** Does the log still begin with the history each checkpoint signed, under the key the auditor trusts (PEM or fingerprint)? */
export async function checkSourceAgainst(
  source: AuditSource,
  checkpoints: readonly { name?: string; checkpoint: unknown }[],
  trusted: string,
  onProgress?: ReadProgress,
): Promise<ConsistencyReport[]> {
  const counted = async function* (): AsyncGenerator<HashedLink> {
    let done = 0;
    for await (const link of source.links()) {
      onProgress?.(++done, link.position);
      yield link;
    }
  };
  return checkAgainstCheckpoints(counted(), checkpoints, trusted);
}

/** The checkpoint key in `file`, refused inside the data or keys folder (where the log's writer could use it). */
export function signingKey(file: string, folders: { dataDir: string; keysDir?: string | undefined }): SigningKey {
  refuseKeyInside(file, [
    { name: 'DATA_DIR', path: folders.dataDir },
    ...(folders.keysDir === undefined ? [] : [{ name: 'KEYS_DIR', path: folders.keysDir }]),
  ]);
  return readSigningKeyFile(file);
}
