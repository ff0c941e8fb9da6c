// Merkle inclusion and consistency proofs (RFC 6962 / RFC 9162 section 2.1), computed from
// a store of perfect-subtree hashes. A naive recursive reference built from the RFC's
// definitions is the oracle: the store's roots and proofs must equal it byte for byte,
// and a proof must stop verifying once any earlier leaf is changed, added, removed or moved.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { MerkleAccumulator } from '../../src/audit/merkle.js';
import { consistencyProof, emptyRoot, inclusionProof, leafHash, verifyConsistency, verifyInclusion } from '../../src/audit/merkle-proofs.js';
import { MerkleTreeStore } from '../../src/audit/merkle-tree-store.js';
import { tempDir } from '../support/temp-dir.js';

// --- The reference: RFC 6962 section 2.1 written out as recursion over the leaves' data. ---

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return h.digest();
};
const LEAF = Uint8Array.of(0);
const NODE = Uint8Array.of(1);

/** The largest power of two smaller than n (n > 1). */
const splitOf = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

/** MTH, PATH and PROOF of the RFC over leaf data, memoising MTH of each range so every index can be checked. */
function reference(data: readonly Buffer[]) {
  const memo = new Map<string, Buffer>();
  const mth = (a: number, b: number): Buffer => {
    const key = `${a}:${b}`;
    const known = memo.get(key);
    if (known) return known;
    let result: Buffer;
    if (b - a === 0) result = sha256();
    else if (b - a === 1) result = sha256(LEAF, data[a] ?? Buffer.alloc(0));
    else {
      const k = splitOf(b - a);
      result = sha256(NODE, mth(a, a + k), mth(a + k, b));
    }
    memo.set(key, result);
    return result;
  };
  // PATH(m, D[a:b]): the sibling hashes from the leaf up.
  const path = (m: number, a: number, b: number): Buffer[] => {
    if (b - a <= 1) return [];
    const k = splitOf(b - a);
    return m < k ? [...path(m, a, a + k), mth(a + k, b)] : [...path(m - k, a + k, b), mth(a, a + k)];
  };
  // SUBPROOF(m, D[a:b], b): the RFC's consistency proof.
  const subproof = (m: number, a: number, b: number, complete: boolean): Buffer[] => {
    if (m === b - a) return complete ? [] : [mth(a, b)];
    const k = splitOf(b - a);
    return m <= k ? [...subproof(m, a, a + k, complete), mth(a + k, b)] : [...subproof(m - k, a + k, b, false), mth(a, a + k)];
  };
  return {
    root: (m: number) => mth(0, m),
    range: mth,
    path: (index: number, size: number) => path(index, 0, size),
    proof: (m: number, n: number) => (m === 0 || m === n ? [] : subproof(m, 0, n, true)),
  };
}

// --- Fixtures ---

/** mulberry32: a small seeded PRNG, so a failure can be replayed. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let r = Math.imul(s ^ (s >>> 15), 1 | s);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(0x13c0ffee);
const randomInt = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
/** Leaves as the log gives them: 32-byte event hashes. */
const randomLeaves = (n: number): Buffer[] => Array.from({ length: n }, () => Buffer.from(Array.from({ length: 32 }, () => randomInt(0, 255))));

function storeOf(data: readonly Buffer[]): MerkleTreeStore {
  const store = new MerkleTreeStore();
  for (const leaf of data) store.add(leaf.toString('hex'));
  return store;
}

const hex = (hashes: readonly Uint8Array[]) => hashes.map((h) => Buffer.from(h).toString('hex'));
const flipBit = (hash: Uint8Array, bit = 4): Buffer => {
  const copy = Buffer.from(hash);
  copy[0] = (copy[0] ?? 0) ^ (1 << bit);
  return copy;
};
const powersOfTwoUpTo = (n: number) => {
  const out: number[] = [];
  for (let p = 1; p <= n; p *= 2) out.push(p);
  return out;
};

/** Sizes around every power of two up to 300, then random ones. */
const edgeSizes = [...new Set([1, 2, 3, ...powersOfTwoUpTo(300).flatMap((p) => [p - 1, p, p + 1]), 299, 300])].filter((n) => n >= 1 && n <= 300).sort((a, b) => a - b);
/** For a size n, the old sizes that are edge cases: 1, n, n - 1, powers of two and their neighbours. */
const edgeOldSizes = (n: number) => [...new Set([1, 2, n - 1, n, ...powersOfTwoUpTo(n).flatMap((p) => [p - 1, p, p + 1])])].filter((m) => m >= 1 && m <= n);
const randomPairs = Array.from({ length: 150 }, () => {
  const n = randomInt(1, 300);
  return { n, m: randomInt(1, n) };
});
const pairs = [...edgeSizes.flatMap((n) => edgeOldSizes(n).map((m) => ({ n, m }))), ...randomPairs];

/** One log of 300 random leaves: every pair (m, n) is taken from its prefixes, and the reference is memoised per n. */
const log = randomLeaves(300);
const storeFor = new Map<number, MerkleTreeStore>();
const referenceFor = new Map<number, ReturnType<typeof reference>>();
function treeOfSize(n: number) {
  let store = storeFor.get(n);
  if (!store) storeFor.set(n, (store = storeOf(log.slice(0, n))));
  let ref = referenceFor.get(n);
  if (!ref) referenceFor.set(n, (ref = reference(log.slice(0, n))));
  return { store, ref };
}
/** The whole log in one store: proofs for any m ≤ n ≤ 300 come from it, not from a store cut to n. */
const fullStore = storeOf(log);

// --- Tests ---

t.test('given the Certificate Transparency test vectors, the roots and proofs are the known answers', async (t) => {
  // From transparency-dev/merkle proof/verify_test.go (the RFC 6962 vectors Certificate
  // Transparency and Trillian test against): eight leaves of raw data and the roots of
  // the trees of their first 1..8 leaves.
  const leaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
  const roots = [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
    '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
    'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
    '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
  ];
  // [index (0-based), size, proof]
  const inclusion: [number, number, string[]][] = [
    [0, 1, []],
    [0, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
    [5, 8, ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
    [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
    [1, 5, ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
  ];
  // [m, n, proof]
  const consistency: [number, number, string[]][] = [
    [1, 1, []],
    [1, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
    [6, 8, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
    [2, 5, ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
    [6, 7, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  ];

  const store = new MerkleTreeStore();
  const accumulator = new MerkleAccumulator();
  t.equal(store.rootAt(0).toString('hex'), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'the empty tree is the hash of nothing');
  for (const [i, leaf] of leaves.entries()) {
    store.add(leaf);
    accumulator.add(leaf);
    t.equal(store.rootAt(i + 1).toString('hex'), roots[i], `root of the first ${i + 1} leaves`);
    t.equal(accumulator.root(), roots[i], `MerkleAccumulator agrees at ${i + 1}`);
  }
  for (const [i, leaf] of leaves.entries()) t.equal(store.rootAt(i + 1).toString('hex'), roots[i], `root at ${i + 1} read back from the full store (leaf ${leaf || 'empty'})`);

  const root = (size: number) => Buffer.from(roots[size - 1] ?? '', 'hex');
  for (const [index, size, expected] of inclusion) {
    const proof = inclusionProof(store, index, size);
    t.same(hex(proof), expected, `inclusion proof of leaf ${index} in ${size}`);
    t.ok(verifyInclusion(leafHash(Buffer.from(leaves[index] ?? '', 'hex')), index, size, proof, root(size)), `and it verifies`);
  }
  for (const [m, n, expected] of consistency) {
    const proof = consistencyProof(store, m, n);
    t.same(hex(proof), expected, `consistency proof from ${m} to ${n}`);
    t.ok(verifyConsistency(m, n, root(m), root(n), proof), 'and it verifies');
    if (proof.length > 0) t.notOk(verifyConsistency(m, n, root(n), root(m), proof), 'but not with the roots swapped');
  }
});

t.test('given any log, rootAt(m) equals MerkleAccumulator and the RFC definition for every m', async (t) => {
  const accumulator = new MerkleAccumulator();
  const growing = new MerkleTreeStore({ capacity: 3 });
  const ref = reference(log);
  const failures: string[] = [];
  for (let m = 1; m <= log.length; m++) {
    const leaf = (log[m - 1] ?? Buffer.alloc(0)).toString('hex');
    accumulator.add(leaf);
    growing.add(leaf);
    const expected = accumulator.root();
    if (growing.rootAt(m).toString('hex') !== expected) failures.push(`growing store at ${m}`);
    if (fullStore.rootAt(m).toString('hex') !== expected) failures.push(`full store at ${m}`);
    if (ref.root(m).toString('hex') !== expected) failures.push(`reference at ${m}`);
  }
  t.same(failures, [], `${log.length} sizes agree`);
  t.equal(growing.size, log.length, 'the store counts its leaves');
  t.equal(fullStore.rootAt(0).toString('hex'), new MerkleAccumulator().root(), 'and the empty tree agrees');
  t.same(fullStore.rootAt(), fullStore.rootAt(fullStore.size), 'rootAt() is the root of everything');
});

t.test('given any range of leaves, subtreeHash is MTH(D[a:b]), aligned or not', async (t) => {
  const ref = reference(log);
  const failures: string[] = [];
  const ranges = [[0, 0], [3, 4], [4, 8], [5, 7], [6, 10], [1, 300], [128, 300], [100, 228], ...Array.from({ length: 300 }, () => {
    const a = randomInt(0, 300);
    return [a, randomInt(a, 300)];
  })];
  for (const [a = 0, b = 0] of ranges) {
    if (fullStore.subtreeHash(a, b).toString('hex') !== ref.range(a, b).toString('hex')) failures.push(`D[${a}:${b}]`);
  }
  t.same(failures, [], `${ranges.length} ranges`);
  t.throws(() => fullStore.subtreeHash(5, 4), { code: 'PL_ERR_VALIDATION' }, 'a range that ends before it starts is refused');
  t.throws(() => fullStore.subtreeHash(0, 301), { code: 'PL_ERR_VALIDATION' }, 'and one beyond the tree');
});

t.test('given every index of trees up to 300 leaves, inclusion proofs are the RFC paths, verify, and fail for a wrong leaf, index or root', async (t) => {
  const failures: string[] = [];
  let checked = 0;
  const sizes = [...new Set([...edgeSizes, ...randomPairs.slice(0, 20).map((p) => p.n)])];
  for (const n of sizes) {
    const { ref } = treeOfSize(n);
    const root = fullStore.rootAt(n);
    const otherRoot = fullStore.rootAt(n === 1 ? 2 : n - 1);
    for (let index = 0; index < n; index++) {
      const at = `leaf ${index} of ${n}`;
      const leaf = leafHash(log[index] ?? Buffer.alloc(0));
      const proof = inclusionProof(fullStore, index, n);
      checked++;
      if (hex(proof).join() !== hex(ref.path(index, n)).join()) failures.push(`${at}: not the RFC path`);
      if (!verifyInclusion(leaf, index, n, proof, root)) failures.push(`${at}: does not verify`);
      const otherLeaf = leafHash(log[(index + 1) % 300] ?? Buffer.alloc(0));
      if (verifyInclusion(otherLeaf, index, n, proof, root)) failures.push(`${at}: verifies another leaf`);
      if (verifyInclusion(flipBit(leaf), index, n, proof, root)) failures.push(`${at}: verifies a changed leaf`);
      for (const wrong of [index - 1, index + 1, index ^ 1, index ^ 2, n]) {
        if (wrong !== index && verifyInclusion(leaf, wrong, n, proof, root)) failures.push(`${at}: verifies at index ${wrong}`);
      }
      if (verifyInclusion(leaf, index, n, proof, otherRoot)) failures.push(`${at}: verifies against another root`);
      if (verifyInclusion(leaf, index, n, proof, flipBit(root))) failures.push(`${at}: verifies against a changed root`);
      if (verifyInclusion(leaf, index, n, [...proof, root], root)) failures.push(`${at}: verifies with a hash added`);
      if (proof.length > 0) {
        if (verifyInclusion(leaf, index, n, proof.slice(0, -1), root)) failures.push(`${at}: verifies with a hash removed`);
        if (proof.some((_, i) => verifyInclusion(leaf, index, n, proof.map((h, j) => (j === i ? flipBit(h) : h)), root))) failures.push(`${at}: verifies with a changed hash`);
      }
    }
  }
  t.same(failures, [], `${checked} inclusion proofs over ${sizes.length} sizes`);
});

t.test('given random and edge sizes 1 ≤ m ≤ n ≤ 300, the consistency proof is the RFC proof and verifies for the true log', async (t) => {
  const failures: string[] = [];
  for (const { m, n } of pairs) {
    const at = `m=${m} n=${n}`;
    const { store, ref } = treeOfSize(n);
    const oldRoot = ref.root(m);
    const newRoot = ref.root(n);
    const proof = consistencyProof(fullStore, m, n);
    if (hex(proof).join() !== hex(ref.proof(m, n)).join()) failures.push(`${at}: not the RFC proof`);
    if (hex(consistencyProof(store, m, n)).join() !== hex(proof).join()) failures.push(`${at}: a store of exactly n leaves gives another proof`);
    if (!verifyConsistency(m, n, oldRoot, newRoot, proof)) failures.push(`${at}: does not verify`);
    // A proof must not verify for anything but what it was made for.
    if (verifyConsistency(m, n, oldRoot, newRoot, [...proof, newRoot])) failures.push(`${at}: verifies with a hash added`);
    if (verifyConsistency(m, n, oldRoot, newRoot, [oldRoot, ...proof])) failures.push(`${at}: verifies with a hash prepended`);
    if (m === n) continue;
    if (verifyConsistency(m, n, newRoot, oldRoot, proof)) failures.push(`${at}: verifies with the roots swapped`);
    if (verifyConsistency(m, n, flipBit(oldRoot), newRoot, proof)) failures.push(`${at}: verifies a changed old root`);
    if (verifyConsistency(m, n, oldRoot, flipBit(newRoot), proof)) failures.push(`${at}: verifies a changed new root`);
    if (verifyConsistency(m, n, oldRoot, newRoot, [])) failures.push(`${at}: verifies an empty proof`);
    if (verifyConsistency(m, n, oldRoot, newRoot, proof.slice(0, -1))) failures.push(`${at}: verifies with a hash removed`);
    if (proof.some((_, i) => verifyConsistency(m, n, oldRoot, newRoot, proof.map((h, j) => (j === i ? flipBit(h) : h))))) failures.push(`${at}: verifies with a changed hash`);
    // The new size only shapes the path (n ± 1 can share it); the signed checkpoint binds
    // size to root. A size of another height must fail, as in RFC 9162's own test suites.
    for (const [m2, n2] of [[m - 1, n], [m + 1, n], [m, n * 2], [m, Math.floor(n / 2)]] as const) {
      if (m2 !== m || n2 !== n) {
        if (verifyConsistency(m2, n2, oldRoot, newRoot, proof)) failures.push(`${at}: verifies as m=${m2} n=${n2}`);
      }
    }
  }
  t.same(failures, [], `${pairs.length} pairs (m, n)`);
});

t.test('given a log rewritten before m, the consistency proof fails both ways', async (t) => {
  // Each rewrite of the first m leaves: a checkpoint of the rewritten history must not be
  // provably consistent with the true log, nor the true checkpoint with the rewritten log.
  const rewrites = (m: number, n: number): [string, Buffer[]][] => {
    const i = randomInt(0, m - 1);
    const j = m > 1 ? (i + randomInt(1, m - 1)) % m : -1;
    const stranger = randomLeaves(1)[0] ?? Buffer.alloc(32);
    const cases: [string, Buffer[]][] = [
      [`leaf ${i} changed`, log.slice(0, n).map((leaf, k) => (k === i ? flipBit(leaf, 0) : leaf))],
      [`a leaf inserted at ${i}`, [...log.slice(0, i), stranger, ...log.slice(i, n)]],
      [`leaf ${i} removed`, [...log.slice(0, i), ...log.slice(i + 1, n)]],
    ];
    if (j >= 0) {
      const swapped = log.slice(0, n);
      [swapped[i], swapped[j]] = [log[j] ?? stranger, log[i] ?? stranger];
      cases.push([`leaves ${i} and ${j} swapped`, swapped]);
    }
    return cases;
  };
  const failures: string[] = [];
  let checked = 0;
  for (const { m, n } of pairs) {
    const { ref } = treeOfSize(n);
    const trueOld = ref.root(m);
    const trueNew = ref.root(n);
    const trueProof = consistencyProof(fullStore, m, n);
    for (const [how, rewritten] of rewrites(m, n)) {
      const at = `m=${m} n=${n}, ${how}`;
      checked++;
      // The old checkpoint was signed over the rewritten history; the log is the true one.
      if (rewritten.length >= m) {
        const forgedOld = reference(rewritten.slice(0, m)).root(m);
        if (verifyConsistency(m, n, forgedOld, trueNew, trueProof)) failures.push(`${at}: a forged old root verifies against the true log`);
      }
      // The checkpoint is the true one; the log was rewritten since.
      const forged = storeOf(rewritten);
      const size = rewritten.length;
      if (size < m) {
        if (verifyConsistency(m, size, trueOld, forged.rootAt(), [])) failures.push(`${at}: a shorter log verifies`);
        continue;
      }
      if (verifyConsistency(m, size, trueOld, forged.rootAt(), consistencyProof(forged, m, size))) failures.push(`${at}: the rewritten log verifies against the true checkpoint`);
    }
  }
  t.same(failures, [], `${checked} rewrites`);
});

t.test('given an empty old tree or out-of-range sizes, the edges behave', async (t) => {
  const root = fullStore.rootAt(10);
  t.same(consistencyProof(fullStore, 0, 10), [], 'the proof from an empty tree is empty');
  t.ok(verifyConsistency(0, 10, emptyRoot(), root, []), 'and an empty tree is consistent with any tree');
  t.notOk(verifyConsistency(0, 10, root, root, []), 'but only if its root is the empty root');
  t.notOk(verifyConsistency(0, 10, emptyRoot(), root, [root]), 'and only with an empty proof');
  t.ok(verifyConsistency(0, 0, emptyRoot(), emptyRoot(), []), 'two empty trees are consistent');
  t.notOk(verifyConsistency(5, 4, fullStore.rootAt(5), fullStore.rootAt(4), []), 'a log cannot shrink');
  t.notOk(verifyConsistency(-1, 4, emptyRoot(), fullStore.rootAt(4), []), 'a negative size is not a size');
  t.notOk(verifyConsistency(1.5, 4, emptyRoot(), fullStore.rootAt(4), []), 'nor is a fraction');
  t.notOk(verifyConsistency(3, 4, fullStore.rootAt(3), fullStore.rootAt(4), consistencyProof(fullStore, 3, 4).map((h, i) => (i === 0 ? h.subarray(1) : h))), 'a short hash in a proof never verifies');
  t.notOk(verifyConsistency(4, 4, fullStore.rootAt(4).subarray(1), fullStore.rootAt(4).subarray(1), []), 'nor a short root');
  t.notOk(verifyInclusion(leafHash(log[0] ?? Buffer.alloc(0)), 0, 0, [], emptyRoot()), 'nothing is included in an empty tree');
  t.notOk(verifyInclusion(leafHash(log[0] ?? Buffer.alloc(0)), 1, 1, [], leafHash(log[0] ?? Buffer.alloc(0))), 'an index must be inside the tree');

  const refusal = { name: 'PartnershipLogError', code: 'PL_ERR_VALIDATION' };
  t.throws(() => consistencyProof(fullStore, 11, 10), { ...refusal, message: /cannot be older|larger/ }, 'm > n is refused');
  t.throws(() => consistencyProof(fullStore, 1, 301), { ...refusal, message: /300 events/ }, 'n beyond the tree is refused');
  t.throws(() => inclusionProof(fullStore, 10, 10), { ...refusal, message: /10 events/ }, 'an index beyond the size is refused');
  t.throws(() => fullStore.rootAt(301), { ...refusal, message: /300 events/ }, 'a root beyond the tree is refused');
  t.throws(() => fullStore.rootAt(2.5), refusal, 'a fractional size is refused');
});

t.test('given a saved tree, loading it gives the same tree, and appending goes on from where it was', async (t) => {
  const dir = tempDir(t);
  for (const n of [0, 1, 2, 7, 8, 255, 256, 300]) {
    const file = join(dir, `tree-${n}.bin`);
    const saved = storeOf(log.slice(0, n));
    saved.save(file);
    const loaded = MerkleTreeStore.load(file);
    t.equal(loaded.size, n, `${n}: the size`);
    const roots = (s: MerkleTreeStore) => Array.from({ length: n + 1 }, (_, m) => s.rootAt(m).toString('hex')).join();
    t.equal(roots(loaded), roots(saved), `${n}: every rootAt(m) is the same`);
    if (n > 1) t.same(hex(consistencyProof(loaded, 1, n)), hex(consistencyProof(saved, 1, n)), `${n}: proofs are the same`);
    // Appending after a load must extend the same tree, in the loaded levels and new ones.
    for (const leaf of log.slice(n, Math.min(n + 45, 300))) loaded.add(leaf.toString('hex'));
    t.equal(loaded.rootAt().toString('hex'), fullStore.rootAt(loaded.size).toString('hex'), `${n}: appending after the load continues the tree`);
  }
  const file = join(dir, 'tree.bin');
  fullStore.save(file);
  fullStore.save(file);
  t.equal(MerkleTreeStore.load(file).rootAt().toString('hex'), fullStore.rootAt().toString('hex'), 'saving over a saved tree replaces it');
});

t.test('given a damaged tree file, loading it is refused with a clear error', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'tree.bin');
  fullStore.save(file);
  const good = readFileSync(file);
  const refusal = { name: 'PartnershipLogError', code: 'PL_ERR_TREE_FILE_DAMAGED' };
  const damaged = (name: string, bytes: Buffer, message: RegExp) => {
    const path = join(dir, `${name}.bin`);
    writeFileSync(path, bytes);
    t.throws(() => MerkleTreeStore.load(path), { ...refusal, message }, name);
  };
  for (const at of [0, 9, 16, 24, Math.floor(good.length / 2), good.length - 40, good.length - 1]) {
    const bytes = Buffer.from(good);
    bytes[at] = (bytes[at] ?? 0) ^ 0x20;
    damaged(`a byte changed at ${at}`, bytes, at < 8 ? /not a saved Merkle tree/ : /checksum/);
  }
  damaged('cut short', good.subarray(0, good.length - 32), /checksum|length|cut/);
  damaged('cut in the header', good.subarray(0, 10), /too short|cut/);
  damaged('empty', Buffer.alloc(0), /too short|cut/);
  damaged('bytes added', Buffer.concat([good, Buffer.alloc(32)]), /checksum|length/);
  damaged('another file', Buffer.from('{"statement":{"kind":"partnership-log-checkpoint"}}'), /not a saved Merkle tree/);

  // A file whose checksum is right but whose header promises more nodes than it holds.
  const lying = Buffer.from(good.subarray(0, good.length - 32));
  lying.writeUInt32LE(301, 16);
  damaged('a size that does not match the nodes', Buffer.concat([lying, sha256(lying)]), /301 leaves/);
  const newer = Buffer.from(good.subarray(0, good.length - 32));
  newer.writeUInt32LE(2, 8);
  damaged('a newer format', Buffer.concat([newer, sha256(newer)]), /version 2/);

  t.throws(() => MerkleTreeStore.load(join(dir, 'missing.bin')), { code: 'ENOENT' }, 'a missing file is the caller’s to handle (rebuild from the log)');
});
