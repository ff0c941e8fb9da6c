// The server's Merkle tree of the log (leaf i = the hash of the i-th event in log order),
// kept up to date lazily: each proof request first adds the events written since the
// last one, so a proof is always over the log as it stands and no subscription is needed.
// Leaf indexes count events from 0; positions are the store's, which on EventStoreDB are
// not contiguous, so the position of every leaf is kept beside the tree (8 bytes each).
// The tree is saved on shutdown and loaded at the next start, when every leaf it holds
// still matches the log (checked leaf by leaf while the positions are re-read).
import { chmodSync, existsSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { StoreCorruptError } from '../errors.js';
import { EmbeddedStore, LOG_FILE } from '../store/embedded/embedded-store.js';
import type { EventStore } from '../store/event-store.js';
import { linksOf, type HashedLink } from './chain-verifier.js';
import { leafHash } from './merkle-proofs.js';
import { MerkleTreeStore } from './merkle-tree-store.js';
import { embeddedLinks } from './verify-log.js';
import { PRIVATE_FILE_MODE, makePrivateFolderSync } from '../shared/private-files.js';

/** Where the server keeps its tree between runs, under DATA_DIR. */
export const TREE_FILE = join('audit', 'merkle-tree.bin');

type Link = HashedLink & { byteOffset?: number };

export class LogTree {
  readonly #store: EventStore;
  readonly #file: string | undefined;
  /** Possibly loaded from the file: trusted only up to the leaves re-read so far (positions.length). */
  #tree = new MerkleTreeStore();
  /** positions[i]: the store position of leaf i. */
  #positions: number[] = [];
  /** Where the last leaf's record starts in the embedded log's file: the next read resumes there. */
  #resumeAt = 0;
  /** One catch-up at a time: the tree is appended to in log order only. */
  #pending: Promise<void> = Promise.resolve();

  constructor(store: EventStore, options: { file?: string | undefined } = {}) {
    this.#store = store;
    this.#file = options.file;
    if (this.#file !== undefined && existsSync(this.#file)) {
      try {
        this.#tree = MerkleTreeStore.load(this.#file);
      } catch {
        // A damaged tree is only a cache: rebuilt from the log.
        this.#tree = new MerkleTreeStore();
      }
    }
  }

  /** The tree over the whole log as it stands now (after the events written so far). */
  async current(): Promise<{ tree: MerkleTreeStore; positionOf: (index: number) => number | undefined; indexOf: (position: number) => number | undefined }> {
    const run = this.#pending.then(() => this.#catchUp());
    this.#pending = run.catch(() => undefined);
    await run;
    const positions = this.#positions;
    return { tree: this.#tree, positionOf: (index) => positions[index], indexOf: (position) => indexOfPosition(positions, position) };
  }

  /** Writes the tree (0600) for the next start; nothing when it holds no events or has no file. */
  async save(): Promise<void> {
    await this.#pending;
    if (this.#file === undefined || this.#positions.length === 0 || this.#positions.length !== this.#tree.size) return;
    makePrivateFolderSync(dirname(this.#file));
    this.#tree.save(this.#file);
    chmodSync(this.#file, PRIVATE_FILE_MODE);
  }

  async #catchUp(): Promise<void> {
    const head = await this.#store.headPosition();
    const last = this.#positions.at(-1) ?? 0;
    if (head > last) {
      for await (const link of this.#linksAfter(last)) {
        if (link.position <= last) continue;
        if (link.position > head) break;
        if (!this.#add(link)) return this.#rebuild();
        if (link.position === head) break;
      }
    }
    // A loaded tree longer than the log: events it covered are gone, so it cannot be used.
    if (this.#positions.length < this.#tree.size) return this.#rebuild();
  }

  /** Forgets a loaded tree that does not match the log (and its file), and reads the log again from the start. */
  async #rebuild(): Promise<void> {
    if (this.#file !== undefined) rmSync(this.#file, { force: true });
    this.#tree = new MerkleTreeStore();
    this.#positions = [];
    this.#resumeAt = 0;
    return this.#catchUp();
  }

  /** Adds the next event's leaf; while a loaded tree is re-read, checks it instead, false when it differs. */
  #add(link: Link): boolean {
    const index = this.#positions.length;
    const leaf = leafHash(Buffer.from(link.contentHash, 'hex'));
    if (index < this.#tree.size) {
      if (!this.#tree.subtreeHash(index, index + 1).equals(leaf)) return false;
    } else {
      this.#tree.addLeafHash(leaf);
    }
    this.#positions.push(link.position);
    if (link.byteOffset !== undefined) this.#resumeAt = link.byteOffset;
    return true;
  }

  /** Links from the one at `after` (or the start) on: the embedded log from its file, as checkpoints hash it. */
  #linksAfter(after: number): AsyncIterable<Link> {
    const store = this.#store;
    if (!(store instanceof EmbeddedStore)) return linksOf(store.readAll(after === 0 ? {} : { after }));
    const dataDir = dirname(store.file);
    const from = after === 0 ? 0 : this.#resumeAt;
    const to = statSync(join(dataDir, LOG_FILE)).size;
    return (async function* () {
      const batches = embeddedLinks(
        dataDir,
        (damage) => {
          throw new StoreCorruptError(join(dataDir, LOG_FILE), damage.byteOffset, damage.position, damage.reason);
        },
        { from, to },
      );
      for await (const links of batches) yield* links;
    })();
  }
}

/** Binary search: positions strictly increase with the leaf index. */
function indexOfPosition(positions: readonly number[], position: number): number | undefined {
  let lo = 0;
  let hi = positions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = positions[mid] ?? 0;
    if (at === position) return mid;
    if (at < position) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
