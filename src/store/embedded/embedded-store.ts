// The default store: an append-only JSON Lines log in DATA_DIR, owned by one process.
// An append is acknowledged only after its bytes are written and fdatasync'd.
// Appends that arrive while a batch is being made durable wait and go together in
// the next batch (group commit): one write and one fdatasync per batch.
import { openSync, closeSync, fsyncSync, readSync, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { ClockOrderError, PartnershipLogError, StoreCorruptError, WrongExpectedRevisionError } from '../../errors.js';
import {
  matchesFilter,
  type AppendOptions,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.js';
import { checkAppend, findIdempotentRetry, type StreamState } from '../append-rules.js';
import { FifoCache } from '../../shared/fifo-cache.js';
import { createPrivateFile, makePrivateFolderSync } from '../../shared/private-files.js';
import type { EventRegistry } from '../../events/event-registry.js';
import { acquireDataFolderLock, type DataFolderLock } from './data-folder-lock.js';
import { LogIndex, scanLog } from './log-index.js';
import { wholeLineChunks } from './line-chunks.js';
import { checkRecord, parseRecord, RecordBatch, type LogRecord } from './log-record.js';
import { storedEventOf } from './record-decoder.js';

export const LOG_FILE = 'events.jsonl';

export interface EmbeddedStoreOptions {
  dataDir: string;
  registry: EventRegistry;
  logger: Logger;
  /** Injected for tests of a full disk; defaults to the real file. */
  now?: () => Date;
  /** How many recently read events readStream keeps in memory (default 50,000; 0 for none). */
  readCacheEvents?: number;
}

interface PendingAppend {
  stream: string;
  events: readonly NewEvent[];
  /** The events as the registry accepted them when append was called: what is written. */
  accepted: readonly AcceptedEvent[];
  options: AppendOptions;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

interface AcceptedEvent {
  id: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
}

interface PlannedAppend {
  pending: PendingAppend;
  records: LogRecord[];
  /** The encoded length of each record. */
  lengths: number[];
}

const READ_CHUNK = 4 * 1024 * 1024;

export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<EmbeddedStore> {
  const folder = resolve(options.dataDir);
  makePrivateFolderSync(folder);
  const lock = acquireDataFolderLock(folder);
  try {
    const file = join(folder, LOG_FILE);
    await createPrivateFile(file);
    const handle = await open(file, 'r+');
    syncDirectory(folder); // the file's directory entry is durable too
    const { size } = await handle.stat();
    const { index, tornBytes } = await scanLog(file, handle, size).catch(async (err: unknown) => {
      await handle.close();
      throw err;
    });
    if (tornBytes > 0) {
      await handle.truncate(index.size);
      await handle.datasync();
      options.logger.warn(
        { file, droppedBytes: tornBytes, lastPosition: index.head },
        'the event log ended in a torn write; it was cut back to the last whole record',
      );
    }
    return new EmbeddedStore(file, handle, index, lock, options);
  } catch (err) {
    lock.release();
    throw err;
  }
}

export class EmbeddedStore implements EventStore {
  readonly kind = 'embedded' as const;
  readonly file: string;
  readonly #handle: FileHandle;
  readonly #index: LogIndex;
  readonly #lock: DataFolderLock;
  readonly #registry: EventRegistry;
  readonly #now: () => Date;
  #queue: PendingAppend[] = [];
  /** Set and cleared synchronously inside #flush, so an append never waits on a flush that has ended. */
  #flushRunning = false;
  #flushDone: Promise<void> = Promise.resolve();
  #closed = false;
  /** Set when a failed write could not be undone: no more writes until reopened. */
  #broken: Error | undefined;
  readonly #commitWaiters = new Set<() => void>();
  readonly #subscriptions = new Set<{ close(): Promise<void> }>();
  #lastRecorded: string | undefined;
  /** Recently read events: an acknowledged event never changes, so a copy is never stale. */
  readonly #cache: FifoCache<number, StoredEvent>;

  constructor(file: string, handle: FileHandle, index: LogIndex, lock: DataFolderLock, options: EmbeddedStoreOptions) {
    this.file = file;
    this.#handle = handle;
    this.#index = index;
    this.#lock = lock;
    this.#registry = options.registry;
    this.#now = options.now ?? (() => new Date());
    this.#cache = new FifoCache(options.readCacheEvents ?? 50_000);
  }

  append(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const accepted: AcceptedEvent[] = [];
    try {
      this.#assertWritable();
      checkAppend(stream, events);
      // Validate every payload now, so a bad one refuses the whole append before anything is queued;
      // the batch writes what the registry returned here rather than validating it a second time.
      for (const { id, type, data, metadata } of events) {
        const encoded = this.#registry.encode(type, data);
        accepted.push({ id, type, schemaVersion: encoded.schemaVersion, data: encoded.data, metadata: metadata ?? {} });
      }
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<AppendResult>((resolvePromise, rejectPromise) => {
      this.#queue.push({ stream, events, accepted, options, resolve: resolvePromise, reject: rejectPromise });
      if (!this.#flushRunning) this.#flushDone = this.#flush();
    });
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.#assertOpen();
    const positions = this.#index.streams.get(stream);
    if (!positions) return [];
    const backwards = options.direction === 'backwards';
    const last = positions.length - 1;
    let revision = options.fromRevision ?? (backwards ? last : 0);
    const step = backwards ? -1 : 1;
    const max = options.maxCount ?? Number.POSITIVE_INFINITY;
    const events: StoredEvent[] = [];
    if (backwards && revision > last) revision = last;
    while (revision >= 0 && revision <= last && events.length < max) {
      const position = positions[revision];
      if (position !== undefined) events.push(this.#readOne(position));
      revision += step;
    }
    return events;
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    this.#assertOpen();
    const until = this.#index.head;
    return this.#readRange(options.after ?? 0, until, options.filter, options.maxCount);
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    this.#assertOpen();
    let closed = false;
    let wake: (() => void) | undefined;
    const store = this;
    const subscription = {
      async close() {
        closed = true;
        wake?.();
        store.#subscriptions.delete(subscription);
      },
      async *[Symbol.asyncIterator](): AsyncGenerator<StoredEvent> {
        let last = options.after ?? 0;
        while (!closed && !store.#closed) {
          const head = store.#index.head;
          if (last < head) {
            for await (const event of store.#readRange(last, head, options.filter)) {
              if (closed) return;
              yield event;
            }
            last = head;
            continue;
          }
          // Caught up: wait for the next commit (or close) and read on from where we are.
          await new Promise<void>((resolveWait) => {
            wake = resolveWait;
            store.#commitWaiters.add(resolveWait);
          });
          wake = undefined;
        }
      },
    };
    this.#subscriptions.add(subscription);
    return subscription;
  }

  async streamRevision(stream: string): Promise<number> {
    this.#assertOpen();
    return this.#index.revisionOf(stream);
  }

  async headPosition(): Promise<number> {
    return this.#index.head;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    while (this.#flushRunning) await this.#flushDone;
    this.#closed = true;
    for (const subscription of [...this.#subscriptions]) await subscription.close();
    this.#wakeSubscribers();
    await this.#handle.close();
    this.#lock.release();
  }

  async #flush(): Promise<void> {
    this.#flushRunning = true;
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue;
        this.#queue = [];
        await this.#writeBatch(batch);
      }
    } finally {
      this.#flushRunning = false;
    }
  }

  async #writeBatch(batch: PendingAppend[]): Promise<void> {
    if (this.#broken) {
      for (const pending of batch) pending.reject(this.#unavailable());
      return;
    }
    // Plan every append against the committed index plus what this batch already adds.
    const planned: PlannedAppend[] = [];
    const addedInBatch = new Map<string, LogRecord[]>();
    const retries: { pending: PendingAppend; result: () => AppendResult }[] = [];
    let nextPosition = this.#index.head + 1;
    const now = this.#now();
    // Recorded times never go backwards in log order: an event that brings its own time (a
    // chained one, whose hash covers it) is refused if it would; the others get the later of now and the last.
    let lastRecordedAt = this.#lastRecordedAt();
    const encoded = new RecordBatch();

    for (const pending of batch) {
      const state = this.#streamState(pending.stream, addedInBatch);
      const retry = findIdempotentRetry(state, pending.events, pending.options.expectedRevision);
      if (retry) {
        retries.push({ pending, result: () => retry(this.#positionAt(pending.stream, addedInBatch)) });
        continue;
      }
      const encodedBefore = encoded.length;
      const positionBefore = nextPosition;
      const lastBefore = lastRecordedAt;
      try {
        checkExpected(pending, state);
        const records: LogRecord[] = [];
        const lengths: number[] = [];
        let revision = state.revision;
        for (const event of pending.accepted) {
          const recordedAt = recordedTime(event.metadata.recordedAt, lastRecordedAt, now);
          lastRecordedAt = recordedAt;
          const record: LogRecord = {
            position: nextPosition++,
            stream: pending.stream,
            revision: ++revision,
            id: event.id,
            type: event.type,
            schemaVersion: event.schemaVersion,
            recordedAt,
            data: event.data,
            metadata: event.metadata,
          };
          records.push(record);
          lengths.push(encoded.add(record));
        }
        const added = addedInBatch.get(pending.stream) ?? [];
        addedInBatch.set(pending.stream, added.concat(records));
        planned.push({ pending, records, lengths });
      } catch (err) {
        // Nothing of a refused append stays in the batch, so positions stay contiguous.
        encoded.truncate(encodedBefore);
        nextPosition = positionBefore;
        lastRecordedAt = lastBefore;
        pending.reject(err);
      }
    }

    if (planned.length > 0) {
      const start = this.#index.size;
      const buffer = encoded.bytes();
      try {
        // Into the page cache, so written in place rather than through a thread-pool round trip;
        // the fdatasync, which waits on the disk, stays off the event loop.
        const bytesWritten = writeSync(this.#handle.fd, buffer, 0, buffer.length, start);
        if (bytesWritten !== buffer.length) throw new Error(`only ${bytesWritten} of ${buffer.length} bytes were written`);
        await this.#handle.datasync();
      } catch (err) {
        await this.#undoWrite(start, err);
        const failure = new PartnershipLogError(
          'PL_ERR_STORE_UNAVAILABLE',
          `The event could not be made durable (${describe(err)}); nothing was recorded.`,
          { cause: err },
        );
        for (const p of planned) p.pending.reject(failure);
        for (const r of retries) r.pending.reject(failure);
        return;
      }
      this.#lastRecorded = lastRecordedAt;
      for (const p of planned) {
        p.records.forEach((record, i) => this.#index.add(record.stream, p.lengths[i] ?? 0));
        const last = p.records[p.records.length - 1];
        p.pending.resolve({
          nextExpectedRevision: last ? last.revision : this.#index.revisionOf(p.pending.stream),
          position: last ? last.position : this.#index.head,
          retried: false,
        });
      }
      this.#wakeSubscribers();
    }
    for (const r of retries) r.pending.resolve(r.result());
  }

  /** A failed write must leave nothing behind: cut the file back, or refuse all writes until reopened. */
  async #undoWrite(size: number, cause: unknown): Promise<void> {
    try {
      await this.#handle.truncate(size);
      await this.#handle.datasync();
    } catch {
      this.#broken = cause instanceof Error ? cause : new Error(String(cause));
    }
  }

  #streamState(stream: string, addedInBatch: Map<string, LogRecord[]>): StreamState {
    const committed = this.#index.revisionOf(stream);
    const added = addedInBatch.get(stream) ?? [];
    return {
      stream,
      revision: committed + added.length,
      idAt: (revision) => {
        if (revision > committed) return added[revision - committed - 1]?.id;
        const position = this.#index.streams.get(stream)?.[revision];
        return position === undefined ? undefined : this.#readRecord(position).id;
      },
    };
  }

  #positionAt(stream: string, addedInBatch: Map<string, LogRecord[]>) {
    return (revision: number): number => {
      const committed = this.#index.streams.get(stream);
      const position = committed?.[revision];
      if (position !== undefined) return position;
      const added = addedInBatch.get(stream) ?? [];
      return added[revision - (committed?.length ?? 0)]?.position ?? this.#index.head;
    };
  }

  #readRecord(position: number): LogRecord {
    const start = this.#index.offsetOf(position);
    const end = this.#index.offsetOf(position + 1);
    const buffer = Buffer.allocUnsafe(end - start);
    readSync(this.#handle.fd, buffer, 0, buffer.length, start);
    const damage = checkRecord(buffer, 0, buffer.length);
    if (damage) throw new StoreCorruptError(this.file, start, position, damage);
    return parseRecord(buffer, 0, buffer.length);
  }

  /** The recorded time of the log's last event, read once after opening and kept from then on. */
  #lastRecordedAt(): string | undefined {
    if (this.#lastRecorded === undefined && this.#index.head > 0) this.#lastRecorded = this.#readOne(this.#index.head).recordedAt;
    return this.#lastRecorded;
  }

  #readOne(position: number): StoredEvent {
    const cached = this.#cache.get(position);
    if (cached) return cached;
    const event = this.#toStoredEvent(this.#readRecord(position));
    this.#cache.set(position, event);
    return event;
  }

  async *#readRange(
    after: number,
    until: number,
    filter?: ReadAllOptions['filter'],
    maxCount = Number.POSITIVE_INFINITY,
  ): AsyncGenerator<StoredEvent> {
    let position = Math.max(after, 0) + 1;
    if (position > until || maxCount <= 0) return;
    this.#assertOpen();
    let delivered = 0;
    // Committed records only, bounded by the index: the lines are exactly the records.
    const range = { from: this.#index.offsetOf(position), to: this.#index.offsetOf(until + 1), chunkBytes: READ_CHUNK };
    try {
      for await (const { buffer, byteOffset, lineEnds } of wholeLineChunks(this.#handle, range)) {
        this.#assertOpen();
        let start = 0;
        for (const end of lineEnds) {
          const damage = checkRecord(buffer, start, end);
          if (damage) throw new StoreCorruptError(this.file, byteOffset + start, position, damage);
          const record = parseRecord(buffer, start, end);
          start = end;
          position++;
          if (!matchesFilter(filter, record.stream, record.type)) continue;
          yield this.#toStoredEvent(record);
          if (++delivered >= maxCount) return;
        }
      }
    } catch (err) {
      this.#assertOpen(); // closed while reading: say so, not what the closed file answered
      throw err;
    }
    // A committed record whose newline is gone: its line never ended.
    if (position <= until) throw new StoreCorruptError(this.file, this.#index.offsetOf(position), position, 'the record does not end in a newline');
  }

  #toStoredEvent(record: LogRecord): StoredEvent {
    return storedEventOf(record, this.#registry);
  }

  #wakeSubscribers(): void {
    const waiters = [...this.#commitWaiters];
    this.#commitWaiters.clear();
    for (const wake of waiters) wake();
  }

  #assertOpen(): void {
    if (this.#closed) throw new PartnershipLogError('PL_ERR_STORE_CLOSED', 'The event store is closed.');
  }

  #assertWritable(): void {
    this.#assertOpen();
    if (this.#broken) throw this.#unavailable();
  }

  #unavailable(): PartnershipLogError {
    return new PartnershipLogError(
      'PL_ERR_STORE_UNAVAILABLE',
      `The event log could not be repaired after a failed write (${describe(this.#broken)}); restart to recover.`,
    );
  }
}

/** How far ahead of the store's clock a writer's time may be (clocks of one machine, or of a cluster, differ a little). */
const MAX_AHEAD_MS = 60_000;

/** The time to record an event at: the writer's own (checked), or the later of now and the log's last. */
function recordedTime(given: string | undefined, last: string | undefined, now: Date): string {
  if (given === undefined) return last !== undefined && Date.parse(last) > now.getTime() ? last : now.toISOString();
  const at = Date.parse(given);
  if (Number.isNaN(at)) throw new PartnershipLogError('PL_ERR_VALIDATION', `The recorded time ${JSON.stringify(given)} is not a time.`);
  if (last !== undefined && at < Date.parse(last)) throw new ClockOrderError(given, last, 'behind');
  if (at > now.getTime() + MAX_AHEAD_MS) throw new ClockOrderError(given, last ?? now.toISOString(), 'ahead');
  return given;
}

function checkExpected(pending: PendingAppend, state: StreamState): void {
  const expected = pending.options.expectedRevision;
  const actual = state.revision;
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && actual === -1) ||
    (expected === 'stream_exists' && actual >= 0) ||
    expected === actual;
  if (!ok) throw new WrongExpectedRevisionError(pending.stream, expected, actual === -1 ? 'no_stream' : actual);
}

function describe(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  return err instanceof Error ? err.message : String(err);
}

function syncDirectory(folder: string): void {
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
