// One projection as the runner keeps it: its collections in the read-model database, the
// batch folded since the last commit, and the meta committed with each batch. Opening it
// decides whether the stored documents can be resumed or must be rebuilt, and why.
import type { Projection } from '../../projections/projection.js';
import type { IndexOf } from '../../projections/documents.js';
import type { StoredEvent } from '../events/event.js';
import type { ReadModelDatabase } from './read-model-database.js';
import { READ_MODEL_FORMAT, type Change, type IndexTable, type ProjectionMeta, type RebuildReason, type Tables } from './read-model-types.js';
import { StoredDocuments } from './stored-documents.js';

const fresh = (projection: Projection): ProjectionMeta => ({ format: READ_MODEL_FORMAT, version: projection.version, position: 0, eventId: undefined, nextOrder: 0 });

export class RunningProjection {
  readonly projection: Projection;
  /** Why the stored documents were not resumed (undefined: they were). */
  readonly rebuildReason: RebuildReason | undefined;
  /** The collections the runner folds into, and those queries read (committed only). */
  readonly folding: Record<string, unknown>;
  readonly reading: Record<string, unknown>;
  readonly #documents: StoredDocuments<unknown>[];
  #meta: ProjectionMeta;
  #committed: ProjectionMeta;

  private constructor(projection: Projection, meta: ProjectionMeta, rebuildReason: RebuildReason | undefined, tables: Tables) {
    this.projection = projection;
    this.rebuildReason = rebuildReason;
    this.#meta = { ...meta };
    this.#committed = meta;
    const orders = { next: () => this.#meta.nextOrder++ };
    this.folding = {};
    this.reading = {};
    this.#documents = [];
    for (const [collection, spec] of Object.entries<{ indexes?: Readonly<Record<string, IndexOf<unknown>>> }>(projection.collections)) {
      const table = tables.collections.get(collection);
      const indexTables = new Map<string, IndexTable>();
      for (const index of Object.keys(spec.indexes ?? {})) {
        const indexTable = tables.indexes.get(`${collection}#${index}`);
        if (indexTable) indexTables.set(index, indexTable);
      }
      if (!table || indexTables.size !== Object.keys(spec.indexes ?? {}).length) throw new Error(`The tables of ${projection.name}/${collection} were not opened`);
      const documents = new StoredDocuments(table, indexTables, spec.indexes ?? {}, orders);
      this.#documents.push(documents);
      this.folding[collection] = documents.folding;
      this.reading[collection] = documents.reading;
    }
  }

  static async open(
    database: ReadModelDatabase,
    projection: Projection,
    head: number,
    eventAt: (position: number) => Promise<StoredEvent | undefined>,
  ): Promise<RunningProjection> {
    const tables = database.tables(projection);
    const meta = database.meta(projection.name);
    const reason = await rebuildReason(meta, projection, head, eventAt);
    if (reason === undefined && meta) return new RunningProjection(projection, meta, undefined, tables);
    await database.clear(projection.name, tables);
    return new RunningProjection(projection, fresh(projection), reason, tables);
  }

  get committedPosition(): number {
    return this.#committed.position;
  }

  get foldedPosition(): number {
    return this.#meta.position;
  }

  folded(event: StoredEvent): void {
    this.#meta.position = event.position;
    this.#meta.eventId = event.id;
  }

  /** What the next commit writes for this projection (nothing when it folded nothing since). */
  changes(): Change[] {
    if (this.#meta.position === this.#committed.position) return [];
    const meta = { ...this.#meta };
    return [{ projection: this.projection.name, documents: this.#documents, meta }];
  }

  /** After a commit of `changes()`: that meta is what is stored now. */
  markCommitted(meta: ProjectionMeta): void {
    this.#committed = meta;
  }

  /** Forgets the folded batch: the next fold starts again from the committed position. */
  discardBatch(): void {
    for (const documents of this.#documents) documents.committed();
    this.#meta = { ...this.#committed };
  }
}

async function rebuildReason(
  meta: ProjectionMeta | undefined,
  projection: Projection,
  head: number,
  eventAt: (position: number) => Promise<StoredEvent | undefined>,
): Promise<RebuildReason | undefined> {
  if (!meta) return 'new';
  if (meta.format !== READ_MODEL_FORMAT) return 'another layout';
  if (meta.version !== projection.version) return 'another version';
  if (meta.position > head) return 'ahead of the log';
  if (meta.position === 0) return undefined;
  // A store that cannot read the event there (a position it does not know) cannot vouch for the documents either.
  const event = await eventAt(meta.position).catch(() => undefined);
  return event?.id === meta.eventId ? undefined : 'another log';
}
