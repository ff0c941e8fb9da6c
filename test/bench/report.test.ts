// The benchmark's summary when only some phases ran (run.ts --phases): the figures of the
// phases left out are null, not made up, and only the targets of what ran are judged.
import t from 'tap';
import type { ConsistencyPhaseResult, DomainLogPhaseResult, VerifyPhaseResult } from '../../bench/phase-results.js';
import { formatTable, summarise, type SizeResult } from '../../bench/report.js';

const log: DomainLogPhaseResult = { phase: 'domain-log', events: 1_000_000, decisions: 43_713, people: 5_682, fileMb: 1_081, meanDataBytes: 421, seconds: 80 };

const verify = (slowRecords: number): VerifyPhaseResult => ({
  phase: 'verify',
  events: 1_000_000,
  ok: true,
  seconds: 7,
  eps: 142_857,
  cpuSeconds: 6.7,
  raw: { events: 1_000_000, seconds: 6.3, eps: 158_000 },
  slowPath: { records: 1_000_000, unrecognised: slowRecords, hashDiffers: 0, chainBreaks: 0 },
  rssMb: 374,
});

const consistency = (medianMs: number): ConsistencyPhaseResult => ({
  phase: 'consistency',
  events: 1_000_000,
  savedLeaves: 990_000,
  loadSeconds: 0.07,
  catchUpSeconds: 7.67,
  from: 900_000,
  to: 1_000_000,
  proofHashes: 16,
  firstMs: 0.4,
  medianMs,
  verified: true,
  rssMb: 381,
});

const domainOnly = (slowRecords: number, medianMs: number): SizeResult => ({
  size: 1_000_000,
  domain: { log, verify: verify(slowRecords), consistency: consistency(medianMs) },
});

t.test('with only the verify and consistency phases, the store figures are null and only their targets are judged', async (t) => {
  const summary = summarise([domainOnly(0, 0.04)], null);
  t.equal(summary.append_concurrent_eps, null);
  t.equal(summary.replay_eps, null);
  t.equal(summary.peak_rss_mb, null);
  t.equal(summary.rebuild_1m_s, null);
  t.equal(summary.verify_eps, 142_857);
  t.equal(summary.verify_slow_path_records, 0);
  t.equal(summary.consistency_proof_ms, 0.04);
  t.equal(summary.consistency_proof_first_ms, 0.4);
  t.equal(summary.consistency_load_catch_up_s, 7.74);
  t.same(
    summary.targets.map((target) => [target.figure, target.met]),
    [
      ['verify_eps (1m)', false],
      ['verify_slow_path_records (1m)', true],
      ['consistency_proof_ms (1m)', true],
    ],
  );
  const table = formatTable(summary);
  t.match(table, /consistency proof \+ verify \(ms\)\s+0\.04/);
  t.match(table, /load the saved tree 0\.07 s \+ catch up with the log 7\.67 s \(990,000 saved leaves checked, 10,000 added\)/);
  t.notMatch(table, /append, 64 writers/);
});

t.test('records verify parses instead of hashing, and a slow proof, miss their targets', async (t) => {
  const summary = summarise([domainOnly(3, 250)], null);
  t.equal(summary.verify_slow_path_records, 3);
  const met = Object.fromEntries(summary.targets.map((target) => [target.figure, target.met]));
  t.equal(met['verify_slow_path_records (1m)'], false);
  t.equal(met['consistency_proof_ms (1m)'], false);
});

t.test('a consistency phase that failed is reported, with no figure', async (t) => {
  const summary = summarise([{ size: 100_000, domain: { log, consistency: { phase: 'consistency', failed: 'the saved Merkle tree could not be written' } } }], null);
  t.equal(summary.consistency_proof_ms, null);
  t.same(summary.targets, [{ figure: 'consistency_proof_ms (100k)', want: '≤ 100', met: false }]);
  t.match(formatTable(summary), /consistency proof: FAILED \(the saved Merkle tree could not be written\)/);
});
