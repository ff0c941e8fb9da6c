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

/** Documents in a Map: what replays, the replay CLI and the tests fold into. */
export class MapDocuments<Doc> implements Documents<Doc> {
  readonly #docs = new Map<string, Doc>();
  readonly #indexes: Readonly<Record<string, IndexOf<Doc>>>;

  constructor(indexes: Readonly<Record<string, IndexOf<Doc>>> = {}) {
    this.#indexes = indexes;
  }

  get(key: string): Doc | undefined {
    return this.#docs.get(key);
  }

  has(key: string): boolean {
    return this.#docs.has(key);
  }

  set(key: string, doc: Doc): void {
    this.#docs.set(key, doc);
  }

  delete(key: string): void {
    this.#docs.delete(key);
  }

  entries(): IterableIterator<[string, Doc]> {
    return this.#docs.entries();
  }

  values(): IterableIterator<Doc> {
    return this.#docs.values();
  }

  withIndex(index: string, value: string): Doc[] {
    const valuesOf = this.#indexes[index];
    if (!valuesOf) throw new Error(`No index called ${index}`);
    return [...this.#docs.values()].filter((doc) => valuesOf(doc).includes(value));
  }
}
