// A read model's state is made of collections of documents, each found by its key (a
// decision id, a person id…) and, through named indexes, by what it is about (a contract,
// a person, an organisation). Folds and queries see only this interface, so the same
// projection runs over plain maps (replays, tests) and over the server's indexed store
// (src/read-models/), where a million events need not fit in memory.

/** What a document is indexed by: the values of one index for one document (none, one or several). */
export type IndexOf<Doc> = (doc: Doc) => readonly string[];

export interface Documents<Doc> {
  get(key: string): Doc | undefined;
  has(key: string): boolean;
  /**
   * Stores the document under its key. Folds may change a document they got in place,
   * but it is stored only when set: always set what you changed.
   */
  set(key: string, doc: Doc): void;
  delete(key: string): void;
  /** Every document with its key, in the order each key was first set. */
  entries(): IterableIterator<[string, Doc]>;
  /** Every document, in the order each key was first set. */
  values(): IterableIterator<Doc>;
  /** The documents an index maps the value to, in the order each key was first set. */
  withIndex(index: string, value: string): Doc[];
}

export function keysOf<Doc>(documents: Documents<Doc>): string[] {
  return [...documents.entries()].map(([key]) => key);
}

/** Documents in a Map: what replays, the replay CLI and the tests fold into. Indexes are kept as maps too, so a fold that looks documents up by index stays fast. */
export class MapDocuments<Doc> implements Documents<Doc> {
  readonly #docs = new Map<string, Doc>();
  readonly #indexes: Readonly<Record<string, IndexOf<Doc>>>;
  /** Per index, per value, the keys that hold it. */
  readonly #rows = new Map<string, Map<string, Set<string>>>();
  /** Per key, the index values it was stored with: a document changed in place before it is set again no longer shows its old ones. */
  readonly #stored = new Map<string, Record<string, readonly string[]>>();
  /** Per key, when it was first set (again after a delete), as the Map orders it. */
  readonly #order = new Map<string, number>();
  #nextOrder = 0;

  constructor(indexes: Readonly<Record<string, IndexOf<Doc>>> = {}) {
    this.#indexes = indexes;
    for (const name of Object.keys(indexes)) this.#rows.set(name, new Map());
  }

  get(key: string): Doc | undefined {
    return this.#docs.get(key);
  }

  has(key: string): boolean {
    return this.#docs.has(key);
  }

  set(key: string, doc: Doc): void {
    this.#unindex(key);
    if (!this.#docs.has(key)) this.#order.set(key, this.#nextOrder++);
    this.#docs.set(key, doc);
    if (this.#rows.size === 0) return;
    const values: Record<string, readonly string[]> = {};
    for (const [name, valuesOf] of Object.entries(this.#indexes)) {
      values[name] = valuesOf(doc);
      const rows = this.#rows.get(name);
      for (const value of values[name]) {
        const keys = rows?.get(value) ?? new Set<string>();
        rows?.set(value, keys);
        keys.add(key);
      }
    }
    this.#stored.set(key, values);
  }

  delete(key: string): void {
    this.#unindex(key);
    this.#docs.delete(key);
    this.#order.delete(key);
  }

  entries(): IterableIterator<[string, Doc]> {
    return this.#docs.entries();
  }

  values(): IterableIterator<Doc> {
    return this.#docs.values();
  }

  withIndex(index: string, value: string): Doc[] {
    const rows = this.#rows.get(index);
    if (!rows) throw new Error(`No index called ${index}`);
    // In the order each key was first set, as the server's store answers.
    const keys = [...(rows.get(value) ?? [])].sort((a, b) => (this.#order.get(a) ?? 0) - (this.#order.get(b) ?? 0));
    return keys.flatMap((key) => {
      const doc = this.#docs.get(key);
      return doc === undefined ? [] : [doc];
    });
  }

  #unindex(key: string): void {
    const values = this.#stored.get(key);
    if (!values) return;
    for (const [name, held] of Object.entries(values)) for (const value of held) this.#rows.get(name)?.get(value)?.delete(key);
    this.#stored.delete(key);
  }
}
