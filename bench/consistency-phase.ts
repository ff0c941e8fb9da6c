// The consistency proof GET /audit/consistency serves, over the realistic domain log. The
// server's tree file is written first (setup) as the last shutdown would have left it, a
// little behind the log; then a fresh process does what the server does at its first
// proof request — loads the tree, checks every saved leaf against the log and adds the
// events written since (LogTree) — and times the proof from ⌊0.9·n⌋ to n with its
// verification, the auditor's side (target ≤ 100 ms).
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LogTree, TREE_FILE } from '../src/audit/log-tree.js';
import { verifyConsistency } from '../src/audit/merkle-proofs.js';
import { MerkleTreeStore } from '../src/audit/merkle-tree-store.js';
import { embeddedLinks } from '../src/audit/verify-log.js';
import { createRegistry } from '../src/registry.js';
import { openEmbeddedStore } from '../src/store/embedded/embedded-store.js';
import { readOnlyHeadPosition } from '../src/store/embedded/read-only-log.js';
import { CONSISTENCY_RUNS, UNSAVED_SHARE, type ConsistencyPhaseResult, type MerkleTreePhaseResult } from './phase-results.js';
import { logger, peakRssMb, progress, seconds } from './phase-support.js';

/** The last shutdown's tree leaves out the last UNSAVED_SHARE of the log. */
const savedLeavesOf = (events: number): number => events - Math.ceil(events * UNSAVED_SHARE);

/** The tree of the first events of the log, leaf i = the i-th event's hash as LogTree hashes it, saved where the server keeps it. */
export async function saveMerkleTree(dataDir: string): Promise<MerkleTreePhaseResult> {
  const start = process.hrtime.bigint();
  const events = await readOnlyHeadPosition(dataDir);
  const savedLeaves = savedLeavesOf(events);
  progress(`setup: the server's Merkle tree over the first ${savedLeaves.toLocaleString('en-GB')} of ${events.toLocaleString('en-GB')} events, saved…`);
  const tree = new MerkleTreeStore({ capacity: events });
  const batches = embeddedLinks(dataDir, (damage) => {
    throw new Error(`the domain log is damaged at byte ${damage.byteOffset}: ${damage.reason}`);
  });
  for await (const links of batches) {
    for (const link of links) if (tree.size < savedLeaves) tree.add(link.contentHash);
  }
  if (tree.size !== savedLeaves) throw new Error(`the log gave ${tree.size} leaves, not ${savedLeaves}`);
  const file = join(dataDir, TREE_FILE);
  mkdirSync(dirname(file), { recursive: true });
  tree.save(file);
  return { phase: 'merkle-tree', events, savedLeaves, fileMb: statSync(file).size / 2 ** 20, seconds: seconds(start) };
}

export async function consistencyPhase(dataDir: string): Promise<ConsistencyPhaseResult> {
  // The server has its store open long before the first proof request: not timed.
  const store = await openEmbeddedStore({ dataDir, registry: createRegistry(), logger });
  try {
    const events = await store.headPosition();
    progress('the saved tree loaded (LogTree), then brought up to date with the log…');
    const loadStart = process.hrtime.bigint();
    const logTree = new LogTree(store, { file: join(dataDir, TREE_FILE) });
    const loadSeconds = seconds(loadStart);
    const catchUpStart = process.hrtime.bigint();
    const { tree } = await logTree.current();
    const catchUpSeconds = seconds(catchUpStart);
    if (tree.size !== events) throw new Error(`the tree holds ${tree.size} events, the log ${events}`);

    const to = tree.size;
    const from = Math.floor(0.9 * to);
    progress(`consistency proof ${from.toLocaleString('en-GB')} → ${to.toLocaleString('en-GB')} and its verification…`);
    const proveAndVerify = () => {
      // What the route computes for one request, then what the auditor checks.
      const fromRoot = tree.rootAt(from);
      const toRoot = tree.rootAt(to);
      const proof = tree.consistencyProof(from, to);
      return { hashes: proof.length, verified: verifyConsistency(from, to, fromRoot, toRoot, proof) };
    };
    let started = performance.now();
    const first = proveAndVerify();
    const firstMs = performance.now() - started;
    const times: number[] = [];
    let verified = first.verified;
    for (let run = 0; run < CONSISTENCY_RUNS; run++) {
      started = performance.now();
      verified = proveAndVerify().verified && verified;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return {
      phase: 'consistency',
      events,
      savedLeaves: savedLeavesOf(events),
      loadSeconds,
      catchUpSeconds,
      from,
      to,
      proofHashes: first.hashes,
      firstMs,
      medianMs: times[Math.floor(times.length / 2)] ?? firstMs,
      verified,
      rssMb: peakRssMb(),
    };
  } finally {
    await store.close();
  }
}
