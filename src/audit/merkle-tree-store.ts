// Every node of the events' Merkle tree that covers a perfect subtree, kept level by level
// (level 0 the leaf hashes, level k the roots of the aligned subtrees of 2^k leaves), so a
// root at any earlier size or a proof between any two sizes costs O(log n) lookups and
// hashes instead of re-hashing the log. About two 32-byte hashes per event (≈64 MB at 1M),
// one growable Buffer per level rather than a million small objects. It can be saved and
// loaded, so a restart need not re-hash the log; whether a loaded tree still matches the
// log (its size and rootAt) is the caller's to check.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { PartnershipLogError } from '../errors.js';
import { consistencyProof, emptyRoot, HASH_BYTES, inclusionProof, leafHash, nodeHash, splitPoint, type SubtreeHashes } from './merkle-proofs.js';

const MAGIC = Buffer.from('PLMERKLE', 'latin1');
const FORMAT_VERSION = 1;
/** magic (8) · format version u32 · hash length u32 · leaf count u64, all little-endian. */
const HEADER_BYTES = 24;
/** SHA-256 of everything before it. */
const CHECKSUM_BYTES = 32;
const MIN_LEVEL_CAPACITY = 16;

/** Nodes at each level of a tree of `size` leaves: ⌊size / 2^k⌋ for every k where that is not 0. */
function levelCounts(size: number): number[] {
  const counts: number[] = [];
  for (let count = size; count > 0; count = Math.floor(count / 2)) counts.push(count);
  return counts;
}

/** The level a perfect subtree of n leaves sits at, or -1 when n is not a power of two. */
function levelOfPerfect(n: number): number {
  let level = 0;
  for (let x = n; x > 1; x /= 2) {
    if (x % 2 !== 0) return -1;
    level++;
  }
  return n >= 1 ? level : -1;
}

export class MerkleTreeStore implements SubtreeHashes {
  /** levels[k] holds ⌊size / 2^k⌋ hashes in use, then spare capacity. */
  #levels: Buffer[] = [];
  #size = 0;
  readonly #capacity: number;

  /** capacity: the number of leaves expected, to allocate each level once instead of growing it. */
  constructor(options: { capacity?: number } = {}) {
    this.#capacity = Math.max(0, Math.floor(options.capacity ?? 0));
  }

  get size(): number {
    return this.#size;
  }

  /** The bytes the levels hold, spare capacity included. */
  get allocatedBytes(): number {
    return this.#levels.reduce((sum, level) => sum + level.length, 0);
  }

  /** Adds the leaf of one event, by its hash in hex, as MerkleAccumulator.add does. */
  add(eventHashHex: string): void {
    this.addLeafHash(leafHash(Buffer.from(eventHashHex, 'hex')));
  }

  /** Adds a leaf already hashed as SHA-256(0x00 || data). */
  addLeafHash(hash: Uint8Array): void {
    if (hash.length !== HASH_BYTES) throw new PartnershipLogError('PL_ERR_VALIDATION', `A leaf hash is ${HASH_BYTES} bytes, not ${hash.length}.`);
    let index = this.#size;
    let level = 0;
    this.#write(level, index, hash);
    // A right child completes a perfect subtree one level up: hash the pair there, and so on.
    while (index % 2 === 1) {
      const parent = nodeHash(this.#node(level, index - 1), this.#node(level, index));
      level++;
      index = (index - 1) / 2;
      this.#write(level, index, parent);
    }
    this.#size++;
  }

  /** MTH(D[start:end]): a lookup when the range is an aligned perfect subtree, else O(log n) of them hashed. */
  subtreeHash(start: number, end: number): Buffer {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || start > end || end > this.#size) {
      throw new PartnershipLogError('PL_ERR_VALIDATION', `There is no range of events from ${start} to ${end} in a tree of ${this.#size} events.`);
    }
    return this.#range(start, end);
  }

  /** The root over the first m leaves (all of them by default); equal to MerkleAccumulator's at size m. */
  rootAt(m: number = this.#size): Buffer {
    if (!Number.isSafeInteger(m) || m < 0) throw new PartnershipLogError('PL_ERR_VALIDATION', `A tree size must be a whole number of events, not ${m}.`);
    if (m > this.#size) throw new PartnershipLogError('PL_ERR_VALIDATION', `There is no root at ${m} events: the tree holds only ${this.#size} events.`);
    return this.#range(0, m);
  }

  inclusionProof(index: number, size: number = this.#size): Buffer[] {
    return inclusionProof(this, index, size);
  }

  consistencyProof(m: number, n: number = this.#size): Buffer[] {
    return consistencyProof(this, m, n);
  }

  /**
   * Writes the tree to `path` (replacing it), through a temporary file renamed into place.
   * Not fsync'd: a tree lost or torn in a crash is refused by its checksum and rebuilt from the log.
   */
  save(path: string): void {
    const header = Buffer.alloc(HEADER_BYTES);
    MAGIC.copy(header, 0);
    header.writeUInt32LE(FORMAT_VERSION, 8);
    header.writeUInt32LE(HASH_BYTES, 12);
    header.writeBigUInt64LE(BigInt(this.#size), 16);
    const parts = [header, ...levelCounts(this.#size).map((count, level) => (this.#levels[level] ?? Buffer.alloc(0)).subarray(0, count * HASH_BYTES))];
    const checksum = createHash('sha256');
    for (const part of parts) checksum.update(part);
    parts.push(checksum.digest());

    const temporary = `${path}.${process.pid}.tmp`;
    const fd = openSync(temporary, 'w');
    try {
      for (const part of parts) {
        for (let written = 0; written < part.length; ) written += writeSync(fd, part, written, part.length - written);
      }
    } catch (err) {
      closeSync(fd);
      rmSync(temporary, { force: true });
      throw err;
    }
    closeSync(fd);
    renameSync(temporary, path);
  }

  /** Reads a tree saved by `save`; a file that is damaged, cut short or not a tree is refused. A missing file's error is passed on. */
  static load(path: string): MerkleTreeStore {
    return MerkleTreeStore.#parse(readFileSync(path), path);
  }

  static #parse(bytes: Buffer, path: string): MerkleTreeStore {
    const refuse = (why: string): never => {
      throw new PartnershipLogError('PL_ERR_TREE_FILE_DAMAGED', `The saved Merkle tree ${path} ${why} Delete it; it is rebuilt from the event log.`);
    };
    if (bytes.length < MAGIC.length) refuse(`is cut short (${bytes.length} bytes).`);
    if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) refuse('is not a saved Merkle tree of Partnership Log.');
    if (bytes.length < HEADER_BYTES + CHECKSUM_BYTES) refuse(`is cut short (${bytes.length} bytes): it is too short to hold even its header.`);
    const body = bytes.subarray(0, bytes.length - CHECKSUM_BYTES);
    if (!createHash('sha256').update(body).digest().equals(bytes.subarray(body.length))) {
      refuse('does not match its checksum: the file was damaged, cut short or added to.');
    }
    const version = bytes.readUInt32LE(8);
    if (version !== FORMAT_VERSION) refuse(`was written in format version ${version}, which this version of Partnership Log cannot read.`);
    if (bytes.readUInt32LE(12) !== HASH_BYTES) refuse(`holds hashes of ${bytes.readUInt32LE(12)} bytes, not ${HASH_BYTES}.`);
    const size = bytes.readBigUInt64LE(16);
    if (size > BigInt(Number.MAX_SAFE_INTEGER)) refuse(`claims ${size} leaves, more than can be counted.`);
    const counts = levelCounts(Number(size));
    const expected = HEADER_BYTES + counts.reduce((sum, count) => sum + count * HASH_BYTES, 0) + CHECKSUM_BYTES;
    if (bytes.length !== expected) refuse(`says it holds ${size} leaves, which take ${expected} bytes, but it has ${bytes.length}.`);

    const tree = new MerkleTreeStore();
    let offset = HEADER_BYTES;
    // Views of the file's one buffer, not copies: a level is copied only when it grows.
    for (const count of counts) {
      tree.#levels.push(bytes.subarray(offset, offset + count * HASH_BYTES));
      offset += count * HASH_BYTES;
    }
    tree.#size = Number(size);
    return tree;
  }

  #range(start: number, end: number): Buffer {
    const n = end - start;
    if (n === 0) return emptyRoot();
    const level = levelOfPerfect(n);
    // Copied out, so a caller holding a proof can never write into the tree.
    if (level >= 0 && start % n === 0) return Buffer.from(this.#node(level, start / n));
    const k = splitPoint(n);
    return nodeHash(this.#range(start, start + k), this.#range(start + k, end));
  }

  #node(level: number, index: number): Buffer {
    const buffer = this.#levels[level];
    const at = index * HASH_BYTES;
    if (!buffer || at + HASH_BYTES > buffer.length) throw new Error(`Merkle tree node ${level}/${index} is missing`);
    return buffer.subarray(at, at + HASH_BYTES);
  }

  #write(level: number, index: number, hash: Uint8Array): void {
    const at = index * HASH_BYTES;
    let buffer = this.#levels[level];
    if (!buffer || at + HASH_BYTES > buffer.length) {
      const held = buffer ? buffer.length / HASH_BYTES : 0;
      const planned = Math.ceil(this.#capacity / 2 ** level);
      const capacity = Math.max(index + 1, held * 2, planned, MIN_LEVEL_CAPACITY);
      const grown = Buffer.allocUnsafe(capacity * HASH_BYTES);
      if (buffer) buffer.copy(grown, 0, 0, Math.min(buffer.length, at));
      this.#levels[level] = buffer = grown;
    }
    buffer.set(hash, at);
  }
}
