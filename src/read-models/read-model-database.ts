// The server's read models on disk: an embedded LMDB database (lmdb on npm, its binaries
// inside the package) in DATA_DIR/read-models. Each projection's collection is a table of
// documents by key, each index a table of (value, order) → key, and one meta row per
// projection says which log position its documents reflect. A batch of folded events is
// written in ONE transaction with that position, so a restart (or kill -9) resumes exactly
// where the last commit stopped, with nothing folded twice and no snapshot to load.
import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';
import { PartnershipLogError } from '../errors.js';
import { newLockOwner, releaseLock, tryLock } from '../shared/file-lock.js';
import { makePrivateFolderSync, makeTreePrivate } from '../shared/private-files.js';
import type { Projection } from '../../projections/projection.js';
import { READ_MODEL_FORMAT, type Change, type ProjectionMeta, type Stored, type Tables } from './read-model-types.js';

/** Where each document table keeps its msgpack record structures (a key no document has). */
const SHARED_STRUCTURES = Symbol.for('structures');

/** Under DATA_DIR: each node keeps its own, built from the store. */
export const READ_MODELS_FOLDER = 'read-models';

export class ReadModelDatabase {
  readonly #root: RootDatabase;
  readonly #meta: Database<ProjectionMeta, string>;
  readonly folder: string;

  readonly #release: () => void;

  private constructor(root: RootDatabase, folder: string, release: () => void) {
    this.#root = root;
    this.folder = folder;
    this.#release = release;
    this.#meta = root.openDB<ProjectionMeta, string>({ name: 'meta' });
  }

  /**
   * Opens the database, or — when its files cannot be read (damaged, or not LMDB) — removes
   * them and starts empty, saying why through `onDamaged`: read models can always be rebuilt
   * from the log, which is the record.
   */
  static open(folder: string, onDamaged: (reason: string) => void): ReadModelDatabase {
    // One process keeps a folder of read models: two would fold the same events into the same
    // documents. (With the embedded log the store's own lock already says so; over EventStoreDB
    // two servers could share a DATA_DIR.) Taken before anything is judged damaged and removed.
    const release = lockReadModels(folder);
    try {
      return ReadModelDatabase.#openOrRebuild(folder, onDamaged, release);
    } catch (err) {
      release();
      throw err;
    }
  }

  static #openOrRebuild(folder: string, onDamaged: (reason: string) => void, release: () => void): ReadModelDatabase {
    try {
      // LMDB crashes the process on a file that is not its own: look before it opens.
      const notLmdb = notAnLmdbFile(join(folder, 'data.mdb'));
      if (notLmdb) throw new Error(notLmdb);
      const database = new ReadModelDatabase(openRoot(folder), folder, release);
      database.#meta.getRange({ limit: 1 }).asArray; // touches the data, so a damaged file fails here
      return database;
    } catch (err) {
      onDamaged(err instanceof Error ? err.message : String(err));
      rmSync(folder, { recursive: true, force: true });
      return new ReadModelDatabase(openRoot(folder), folder, release);
    }
  }

  meta(projection: string): ProjectionMeta | undefined {
    return this.#meta.get(projection);
  }

  /** The projection's tables: one per collection and one per index. */
  tables(projection: Projection): Tables {
    const tables: Tables = { collections: new Map(), indexes: new Map() };
    for (const [collection, spec] of Object.entries<{ indexes?: object }>(projection.collections)) {
      // Shared structures: msgpack records name their fields once per table, not in every document
      // (measured here: documents 30 % smaller, decoded 4 times faster).
      tables.collections.set(collection, this.#root.openDB<Stored<unknown>, string>({ name: `${projection.name}/${collection}`, sharedStructuresKey: SHARED_STRUCTURES }));
      for (const index of Object.keys(spec.indexes ?? {})) {
        const name = `${collection}#${index}`;
        tables.indexes.set(name, this.#root.openDB<string, [string, number]>({ name: `${projection.name}/${name}` }));
      }
    }
    return tables;
  }

  /** Empties a projection's tables and meta, so it is folded again from the start. */
  async clear(projection: string, tables: Tables): Promise<void> {
    await this.#root.transaction(() => {
      for (const table of tables.collections.values()) table.clearSync();
      for (const table of tables.indexes.values()) table.clearSync();
      this.#meta.removeSync(projection);
    });
  }

  /**
   * Writes every projection's changed documents and its new meta in one transaction,
   * after which the documents' buffers are emptied. Nothing must fold while it runs.
   */
  async commit(changes: readonly Change[]): Promise<void> {
    await this.#root.transaction(() => {
      for (const { projection, documents, meta } of changes) {
        for (const collection of documents) collection.writeChanges();
        this.#meta.putSync(projection, meta);
      }
    });
    for (const { documents } of changes) for (const collection of documents) collection.committed();
  }

  async close(): Promise<void> {
    await this.#root.close();
    this.#release();
  }
}

/** Takes `<folder>.lock` (beside the folder, so a rebuild that removes the folder keeps it); a lock left by a dead process is taken over. */
function lockReadModels(folder: string): () => void {
  const path = `${folder}.lock`;
  const me = newLockOwner();
  makePrivateFolderSync(dirname(path));
  for (let attempt = 0; attempt < 200; attempt++) {
    const tried = tryLock(path, me);
    if (tried.outcome === 'taken') return () => releaseLock(path, me);
    if (tried.outcome === 'busy' && tried.owner) {
      const { pid, hostname, since } = tried.owner;
      throw new PartnershipLogError(
        'PL_ERR_CONFIG',
        `Another Partnership Log process (${pid} on ${hostname}, since ${since}) keeps the read models in ${folder}: give each server its own DATA_DIR.`,
      );
    }
    // Free again, or another process is taking a dead owner's lock over right now: try again shortly.
    if (tried.outcome === 'wait') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
  }
  throw new PartnershipLogError('PL_ERR_CONFIG', `The lock ${path} could not be taken: remove it if no Partnership Log process runs.`);
}

/** LMDB's two meta pages (4 KiB each) start with its magic number after a 24-byte page header. */
const LMDB_MAGIC = 0xbeefc0de;
const PAGE = 4096;
const MAGIC_OFFSET = 24;

/** Why the file is not an LMDB data file (undefined when it is, or when there is none yet). */
function notAnLmdbFile(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  if (!statSync(file).isFile()) return `${file} is not a file`;
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(2 * PAGE);
    const read = readSync(fd, header, 0, header.length, 0);
    if (read < header.length) return `${file} is shorter than LMDB's two meta pages (${read} bytes)`;
    for (const page of [0, 1]) {
      if (header.readUInt32LE(page * PAGE + MAGIC_OFFSET) !== LMDB_MAGIC) return `${file}: meta page ${page} does not carry LMDB's magic number`;
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function openRoot(folder: string): RootDatabase {
  makePrivateFolderSync(folder);
  // maxDbs: a table per collection and per index of every projection. The map grows as
  // needed; commits are flushed to disk before they resolve (lmdb's default).
  const root = open({ path: folder, maxDbs: 256, encoding: 'msgpack' });
  // Documents hold what people said: private like every file under DATA_DIR.
  makeTreePrivate(folder);
  return root;
}
