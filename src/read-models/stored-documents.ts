// One collection of a projection, kept in the read-model database (read-model-database.ts).
// Two faces over the same tables: the runner's, which buffers what a batch of events
// changes until the batch is committed (reads see the buffer first), and the queries',
// which read only what is committed — so an answer always matches the position the
// runner reports, never half a batch.
import type { Documents, IndexOf } from '../../projections/documents.js';
import type { ChangedCollection, DocumentTable, IndexTable, Stored } from './read-model-types.js';

interface Buffered<Doc> {
  /** undefined: deleted (or never there). */
  doc: Doc | undefined;
  /** Its order: kept while it exists, a new one when it is set again after a delete (as a Map does). */
  order: number | undefined;
  /** The order and index values as committed, to remove the index rows the change no longer holds. */
  committedOrder: number | undefined;
  committedIndex: Record<string, readonly string[]> | undefined;
  changed: boolean;
}

/** Hands out order numbers for one projection; its next value is committed with the projection's meta. */
export interface OrderCounter {
  next(): number;
}

const writtenByTheRunnerOnly = () => {
  throw new Error('Read models are written by the projection runner only');
};

export class StoredDocuments<Doc> implements ChangedCollection {
  readonly #table: DocumentTable;
  readonly #indexTables: Map<string, IndexTable>;
  readonly #indexes: Readonly<Record<string, IndexOf<Doc>>>;
  readonly #orders: OrderCounter;
  #buffer = new Map<string, Buffered<Doc>>();

  constructor(table: DocumentTable, indexTables: Map<string, IndexTable>, indexes: Readonly<Record<string, IndexOf<Doc>>>, orders: OrderCounter) {
    this.#table = table;
    this.#indexTables = indexTables;
    this.#indexes = indexes;
    this.#orders = orders;
  }

  /** What the runner folds into: committed documents under this batch's changes. */
  readonly folding: Documents<Doc> = {
    get: (key) => this.#buffered(key).doc,
    has: (key) => this.#buffered(key).doc !== undefined,
    set: (key, doc) => {
      const entry = this.#buffered(key);
      entry.doc = doc;
      entry.order ??= this.#orders.next();
      entry.changed = true;
    },
    delete: (key) => {
      const entry = this.#buffered(key);
      entry.doc = undefined;
      entry.order = undefined;
      entry.changed = true;
    },
    entries: () => this.#foldingEntries().values(),
    values: () => this.#foldingEntries()
      .map(([, doc]) => doc)
      .values(),
    withIndex: (index, value) => this.#foldingWithIndex(index, value),
  };

  /** What queries read: committed documents only. */
  readonly reading: Documents<Doc> = {
    get: (key) => this.#committed(key)?.d,
    has: (key) => this.#committed(key) !== undefined,
    set: writtenByTheRunnerOnly,
    delete: writtenByTheRunnerOnly,
    entries: () => this.#committedEntries()
      .map(([key, stored]): [string, Doc] => [key, stored.d])
      .values(),
    values: () => this.#committedEntries()
      .map(([, stored]) => stored.d)
      .values(),
    withIndex: (index, value) => this.#committedWithIndex(index, value).map(([, stored]) => stored.d),
  };

  /** Inside the commit's transaction: the changed documents and their index rows. */
  writeChanges(): void {
    for (const [key, entry] of this.#buffer) {
      if (!entry.changed) continue;
      const index = entry.doc === undefined ? undefined : this.#indexValues(entry.doc);
      if (entry.doc === undefined || entry.order === undefined) this.#table.removeSync(key);
      else this.#table.putSync(key, index ? { o: entry.order, d: entry.doc, x: index } : { o: entry.order, d: entry.doc });
      for (const [name, table] of this.#indexTables) {
        const sameOrder = entry.order !== undefined && entry.order === entry.committedOrder;
        const before = entry.committedOrder === undefined ? [] : (entry.committedIndex?.[name] ?? []);
        const after = entry.order === undefined ? [] : (index?.[name] ?? []);
        if (entry.committedOrder !== undefined) for (const value of before) if (!sameOrder || !after.includes(value)) table.removeSync([value, entry.committedOrder]);
        if (entry.order !== undefined) for (const value of after) if (!sameOrder || !before.includes(value)) table.putSync([value, entry.order], key);
      }
    }
  }

  /** After the commit (or to forget a failed batch): the buffer is empty again. */
  committed(): void {
    this.#buffer = new Map();
  }

  #committed(key: string): Stored<Doc> | undefined {
    // Every row of this table was written by writeChanges with this collection's documents.
    return this.#table.get(key) as Stored<Doc> | undefined;
  }

  #buffered(key: string): Buffered<Doc> {
    let entry = this.#buffer.get(key);
    if (!entry) {
      const stored = this.#committed(key);
      entry = { doc: stored?.d, order: stored?.o, committedOrder: stored?.o, committedIndex: stored?.x, changed: false };
      this.#buffer.set(key, entry);
    }
    return entry;
  }

  #indexValues(doc: Doc): Record<string, readonly string[]> | undefined {
    const names = Object.keys(this.#indexes);
    if (names.length === 0) return undefined;
    return Object.fromEntries(names.map((name) => [name, [...new Set(this.#indexes[name]?.(doc) ?? [])]]));
  }

  #committedEntries(): [string, Stored<Doc>][] {
    const rows: [string, Stored<Doc>][] = [];
    for (const { key, value } of this.#table.getRange()) rows.push([key, value as Stored<Doc>]);
    return rows.sort(([, a], [, b]) => a.o - b.o);
  }

  #committedWithIndex(index: string, value: string): [string, Stored<Doc>][] {
    const table = this.#indexTables.get(index);
    if (!table) throw new Error(`No index called ${index}`);
    const rows: [string, Stored<Doc>][] = [];
    for (const { value: key } of table.getRange({ start: [value], end: [value, Number.MAX_SAFE_INTEGER] })) {
      const stored = this.#committed(key);
      if (stored) rows.push([key, stored]);
    }
    return rows;
  }

  /** Committed documents under the buffer's changes, in order. */
  #foldingEntries(): [string, Doc][] {
    const rows = new Map<string, { order: number; doc: Doc }>();
    for (const [key, stored] of this.#committedEntries()) rows.set(key, { order: stored.o, doc: stored.d });
    return this.#underBuffer(rows);
  }

  #foldingWithIndex(index: string, value: string): Doc[] {
    const valuesOf = this.#indexes[index];
    if (!valuesOf) throw new Error(`No index called ${index}`);
    const rows = new Map<string, { order: number; doc: Doc }>();
    for (const [key, stored] of this.#committedWithIndex(index, value)) rows.set(key, { order: stored.o, doc: stored.d });
    return this.#underBuffer(rows)
      .filter(([, doc]) => valuesOf(doc).includes(value))
      .map(([, doc]) => doc);
  }

  #underBuffer(rows: Map<string, { order: number; doc: Doc }>): [string, Doc][] {
    for (const [key, entry] of this.#buffer) {
      if (entry.doc === undefined || entry.order === undefined) rows.delete(key);
      else rows.set(key, { order: entry.order, doc: entry.doc });
    }
    return [...rows.entries()].sort(([, a], [, b]) => a.order - b.order).map(([key, { doc }]) => [key, doc]);
  }
}
