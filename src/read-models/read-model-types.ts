// What the read-model database stores and how its parts talk about it: the tables, a
// stored document, a projection's meta row, and a batch's changes. Apart, so the database,
// the collections and the running projections share them without importing each other.
import type { Database } from 'lmdb';

/**
 * The layout of what is stored (tables, rows, meta). Raise it when that layout changes:
 * every read model is then rebuilt. A projection's own `version` covers its documents.
 */
export const READ_MODEL_FORMAT = 1;

export interface ProjectionMeta {
  format: number;
  version: number;
  /** The position of the last event folded into the stored documents (0: none). */
  position: number;
  /** The id of that event: a log swapped under the read models (a restore) is noticed. */
  eventId: string | undefined;
  /** The next order number, given to a key when it is first set. */
  nextOrder: number;
}

/** Why a projection is rebuilt from the start rather than resumed, for the log line. */
export type RebuildReason = 'new' | 'another version' | 'another layout' | 'ahead of the log' | 'another log' | 'damaged';

export type DocumentTable = Database<Stored<unknown>, string>;
/** An index's rows: (value, the document's order) → the document's key. */
export type IndexTable = Database<string, [string, number]>;

/** A projection's tables: one per collection, and one per index of each (`collection#index`). */
export interface Tables {
  collections: Map<string, DocumentTable>;
  indexes: Map<string, IndexTable>;
}

/** A document as stored: its order (when its key was first set), the document, and its index values. */
export interface Stored<Doc> {
  o: number;
  d: Doc;
  x?: Record<string, readonly string[]>;
}

/** A collection's changes in a batch: written inside the commit's transaction, forgotten after it. */
export interface ChangedCollection {
  writeChanges(): void;
  committed(): void;
}

/** What one commit writes for one projection. */
export interface Change {
  projection: string;
  documents: readonly ChangedCollection[];
  meta: ProjectionMeta;
}
