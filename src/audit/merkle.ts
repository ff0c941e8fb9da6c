// A Merkle tree over the events' hashes in log order (RFC 6962 style: leaves and
// nodes hashed with different prefixes), so one short root stands for a whole history.
import { hash } from 'node:crypto';

/** One-shot hashing of the parts joined: cheaper than a Hash object per node. */
const sha256 = (...parts: Buffer[]): Buffer => hash('sha256', parts.length === 1 ? (parts[0] ?? Buffer.alloc(0)) : Buffer.concat(parts), 'buffer');

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

/** Builds the root incrementally: add leaves in order, read the root at any size. */
export class MerkleAccumulator {
  /** The roots of perfect subtrees, by height (RFC 6962's "compact range"). */
  #peaks: (Buffer | undefined)[] = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  add(eventHashHex: string): void {
    let node = sha256(LEAF, Buffer.from(eventHashHex, 'hex'));
    let height = 0;
    for (;;) {
      const peak = this.#peaks[height];
      if (!peak) break;
      node = sha256(NODE, peak, node);
      this.#peaks[height] = undefined;
      height++;
    }
    this.#peaks[height] = node;
    this.#size++;
  }

  /** The root over every leaf added so far (the hash of nothing for an empty tree). */
  root(): string {
    let root: Buffer | undefined;
    for (const peak of this.#peaks) {
      if (!peak) continue;
      root = root ? sha256(NODE, peak, root) : peak;
    }
    return (root ?? sha256()).toString('hex');
  }
}
