// Merkle audit proofs over the events' tree, exactly as RFC 6962 / RFC 9162 section 2.1
// define them: an inclusion proof shows one event is in a signed tree; a consistency
// proof shows a signed tree of m events is the first m events of a signed tree of n.
// Either is a handful of hashes, so an auditor with two checkpoints needs no copy of the log.
import { hash } from 'node:crypto';
import { PartnershipLogError } from '../errors.js';

export const HASH_BYTES = 32;

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/** One reused input buffer: a node is hashed a million times when a tree is built. */
const nodeInput = Buffer.alloc(1 + 2 * HASH_BYTES);
nodeInput[0] = NODE_PREFIX;

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_BYTES);
  return hash('sha256', nodeInput, 'buffer');
}

const leafInput = Buffer.alloc(1 + HASH_BYTES);

/** SHA-256(0x00 || data): the leaf of one event is its hash's bytes. */
export function leafHash(data: Uint8Array): Buffer {
  const input = data.length === HASH_BYTES ? leafInput : Buffer.allocUnsafe(1 + data.length);
  input[0] = LEAF_PREFIX;
  input.set(data, 1);
  return hash('sha256', input, 'buffer');
}

/** The root of the empty tree: the hash of nothing. */
export function emptyRoot(): Buffer {
  return hash('sha256', Buffer.alloc(0), 'buffer');
}

/** What the proofs need from a tree: MTH(D[start:end]) for the ranges the RFC's recursion visits. */
export interface SubtreeHashes {
  readonly size: number;
  subtreeHash(start: number, end: number): Buffer;
}

/** The largest power of two smaller than n (n > 1): where the RFC splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isSize = (n: number) => Number.isSafeInteger(n) && n >= 0;

function refuseSize(what: string, n: number, tree: SubtreeHashes): void {
  if (!isSize(n)) throw new PartnershipLogError('PL_ERR_VALIDATION', `${what} must be a whole number of events, not ${n}.`);
  if (n > tree.size) throw new PartnershipLogError('PL_ERR_VALIDATION', `${what} is ${n}, but the tree holds only ${tree.size} events.`);
}

/**
 * PATH(index, D[0:size]) of RFC 6962 2.1.1: the sibling hashes from the leaf up to the root.
 * Walks down from the root; every sibling but at most one is a perfect subtree, so the
 * cost is O(log size) lookups and hashes.
 */
export function inclusionProof(tree: SubtreeHashes, index: number, size: number): Buffer[] {
  refuseSize('The tree size', size, tree);
  if (!isSize(index) || index >= size) {
    throw new PartnershipLogError('PL_ERR_VALIDATION', `There is no event ${index} in a tree of ${size} events: an index counts from 0 and must be less than the size.`);
  }
  const topDown: Buffer[] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      topDown.push(tree.subtreeHash(lo + k, hi));
      hi = lo + k;
    } else {
      topDown.push(tree.subtreeHash(lo, lo + k));
      lo += k;
    }
  }
  return topDown.reverse();
}

/**
 * PROOF(m, D[0:n]) of RFC 6962 2.1.2 (SUBPROOF with its flag), for 0 ≤ m ≤ n; empty when
 * m is 0 or n. O(log n) lookups and hashes, like the inclusion proof.
 */
export function consistencyProof(tree: SubtreeHashes, m: number, n: number): Buffer[] {
  refuseSize('The new tree size', n, tree);
  if (!isSize(m)) throw new PartnershipLogError('PL_ERR_VALIDATION', `The old tree size must be a whole number of events, not ${m}.`);
  if (m > n) throw new PartnershipLogError('PL_ERR_VALIDATION', `The old tree (${m} events) cannot be larger than the new one (${n} events).`);
  if (m === 0 || m === n) return [];
  const topDown: Buffer[] = [];
  let lo = 0;
  let hi = n;
  let rest = m;
  let wholeOldTree = true;
  while (rest !== hi - lo) {
    const k = splitPoint(hi - lo);
    if (rest <= k) {
      topDown.push(tree.subtreeHash(lo + k, hi));
      hi = lo + k;
    } else {
      topDown.push(tree.subtreeHash(lo, lo + k));
      lo += k;
      rest -= k;
      wholeOldTree = false;
    }
  }
  // SUBPROOF(m, D[m], false) = {MTH(D[m])}: the old tree's own root is left out only when it is the whole old tree.
  if (!wholeOldTree) topDown.push(tree.subtreeHash(lo, hi));
  return topDown.reverse();
}

const isHash = (h: Uint8Array) => h.length === HASH_BYTES;
const same = (a: Uint8Array, b: Uint8Array) => isHash(a) && isHash(b) && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
// Sizes can exceed 2^31, so halving is arithmetic rather than bit shifts.
const half = (x: number) => Math.floor(x / 2);
const odd = (x: number) => x % 2 === 1;

/** RFC 9162 2.1.3.2: does `proof` show the leaf with this hash at `index` in the tree of `size` leaves with this root? */
export function verifyInclusion(leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!isSize(index) || !isSize(size) || index >= size || !isHash(leaf) || !proof.every(isHash)) return false;
  let fn = index;
  let sn = size - 1;
  let r: Uint8Array = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && same(r, root);
}

/**
 * RFC 9162 2.1.4.2: does `proof` show the tree of m leaves with `oldRoot` is the first m
 * leaves of the tree of n leaves with `newRoot`? For m = n the proof is empty and the roots
 * equal; for m = 0 the proof is empty and the old root is the empty root.
 */
export function verifyConsistency(m: number, n: number, oldRoot: Uint8Array, newRoot: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (!isSize(m) || !isSize(n) || m > n || !isHash(oldRoot) || !isHash(newRoot) || !proof.every(isHash)) return false;
  if (m === 0) return proof.length === 0 && same(oldRoot, emptyRoot());
  if (m === n) return proof.length === 0 && same(oldRoot, newRoot);
  if (proof.length === 0) return false;
  // The proof leaves out the old root when the old tree is a perfect subtree of the new one.
  const path = isPowerOfTwo(m) ? [oldRoot, ...proof] : proof;
  let fn = m - 1;
  let sn = n - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  const [first, ...rest] = path;
  if (!first) return false;
  let fr: Uint8Array = first;
  let sr: Uint8Array = first;
  for (const c of rest) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && same(fr, oldRoot) && same(sr, newRoot);
}

function isPowerOfTwo(x: number): boolean {
  if (x < 1) return false;
  while (x > 1) {
    if (odd(x)) return false;
    x = half(x);
  }
  return true;
}
