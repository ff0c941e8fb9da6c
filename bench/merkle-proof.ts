// What Merkle proofs cost at a million events: building the tree of perfect subtrees,
// its memory, a consistency proof from 900k to 1M and its verification (target ≤ 100 ms),
// an inclusion proof, and saving and loading the tree, over random hashes. Not part of
// `npm run bench`, whose consistency phase (consistency-phase.ts) times the server's proof over the realistic log:
//   node --expose-gc --import=tsx bench/merkle-proof.ts [leaves] [old size]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { leafHash, verifyConsistency, verifyInclusion } from '../src/audit/merkle-proofs.js';
import { MerkleTreeStore } from '../src/audit/merkle-tree-store.js';

const n = Number(process.argv[2] ?? 1_000_000);
const m = Number(process.argv[3] ?? Math.floor(n * 0.9));
const CHUNK = 65_536;

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const ms = (t: number) => `${t.toFixed(2)} ms`;
/** The first (cold) call's time and the median of `runs` more. */
function timed<T>(runs: number, f: () => T): { result: T; first: number; median: number } {
  const startFirst = performance.now();
  let result = f();
  const first = performance.now() - startFirst;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = f();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { result, first, median: times[Math.floor(times.length / 2)] ?? first };
}

globalThis.gc?.();
const before = process.memoryUsage();
const tree = new MerkleTreeStore({ capacity: n });
const buildStart = performance.now();
const buildCpu = process.cpuUsage();
for (let done = 0; done < n; done += CHUNK) {
  // Random 32-byte event hashes, made a chunk at a time so they do not count as the tree's memory.
  const count = Math.min(CHUNK, n - done);
  const data = randomBytes(count * 32);
  for (let i = 0; i < count; i++) tree.addLeafHash(leafHash(data.subarray(i * 32, i * 32 + 32)));
}
const buildMs = performance.now() - buildStart;
const cpu = process.cpuUsage(buildCpu);
const buildCpuMs = (cpu.user + cpu.system) / 1000;
// Freed Buffers' memory is returned some turns of the event loop after gc(), not at once.
for (let i = 0; i < 5; i++) {
  globalThis.gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const after = process.memoryUsage();

const oldRoot = timed(5, () => tree.rootAt(m));
const newRoot = timed(5, () => tree.rootAt(n));
const proof = timed(21, () => tree.consistencyProof(m, n));
const verified = timed(21, () => verifyConsistency(m, n, oldRoot.result, newRoot.result, proof.result));
const index = Math.floor(n / 3) + 1;
const leaf = tree.subtreeHash(index, index + 1);
const inclusion = timed(21, () => tree.inclusionProof(index, n));
const included = timed(21, () => verifyInclusion(leaf, index, n, inclusion.result, newRoot.result));

const dir = mkdtempSync(join(tmpdir(), 'pl-merkle-bench-'));
const file = join(dir, 'tree.bin');
let saveMs = 0;
let loadMs = 0;
let fileBytes = 0;
let loadedAgrees = false;
try {
  const saveStart = performance.now();
  tree.save(file);
  saveMs = performance.now() - saveStart;
  fileBytes = statSync(file).size;
  const loadStart = performance.now();
  const loaded = MerkleTreeStore.load(file);
  loadMs = performance.now() - loadStart;
  loadedAgrees = loaded.rootAt(m).equals(oldRoot.result) && loaded.rootAt().equals(newRoot.result);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const rows: [string, string][] = [
  ['leaves', `${n}`],
  ['build (hash leaves, add)', `${ms(buildMs)} (${Math.round(n / (buildMs / 1000))} leaves/s), CPU ${ms(buildCpuMs)}`],
  ['memory: the tree’s levels', mb(tree.allocatedBytes)],
  ['memory added: array buffers', mb(after.arrayBuffers - before.arrayBuffers)],
  ['memory added: rss', mb(after.rss - before.rss)],
  ['memory: heap used', mb(after.heapUsed)],
  [`rootAt(${m}) first / median`, `${ms(oldRoot.first)} / ${ms(oldRoot.median)}`],
  [`rootAt(${n}) first / median`, `${ms(newRoot.first)} / ${ms(newRoot.median)}`],
  [`consistency proof ${m} → ${n} first / median`, `${ms(proof.first)} / ${ms(proof.median)} (${proof.result.length} hashes)`],
  ['its verification first / median', `${ms(verified.first)} / ${ms(verified.median)} (${verified.result ? 'verified' : 'FAILED'})`],
  [`inclusion proof of leaf ${index} first / median`, `${ms(inclusion.first)} / ${ms(inclusion.median)} (${inclusion.result.length} hashes)`],
  ['its verification first / median', `${ms(included.first)} / ${ms(included.median)} (${included.result ? 'verified' : 'FAILED'})`],
  ['save', `${ms(saveMs)} (${mb(fileBytes)})`],
  ['load (checksum checked)', `${ms(loadMs)} (${loadedAgrees ? 'same roots' : 'ROOTS DIFFER'})`],
];
const width = Math.max(...rows.map(([k]) => k.length));
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
if (!verified.result || !included.result || !loadedAgrees) process.exitCode = 1;
