// `npm run bench [-- --json] [-- --sizes 100000,1000000] [-- --phases store,domain,http] [-- --http-events 1000000] [-- --profile]`
// Runs each phase at each size in its own process (phase.ts), then the HTTP phase once (over
// the domain log of the same size when there is one), then prints a table, or with --json
// one JSON object as the last line. See bench/README.md.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HTTP_EVENTS, failed, type PhaseFailure, type PhaseResult } from './phase-results.js';
import { formatTable, sizeLabel, summarise, type DomainResults, type HttpResults, type SizeResult } from './report.js';

const PHASE_SCRIPT = fileURLToPath(new URL('./phase.js', import.meta.url));

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
}

const asJson = process.argv.includes('--json');
const sizes = (option('--sizes') ?? '100000,1000000').split(',').map(Number);
if (sizes.some((size) => !Number.isInteger(size) || size < 64)) throw new Error('--sizes takes whole numbers of at least 64');
const httpEvents = Number(option('--http-events') ?? HTTP_EVENTS);
if (!Number.isInteger(httpEvents) || httpEvents < 64) throw new Error('--http-events takes a whole number of at least 64');
/** The domain phases that --phases may name one by one; `domain` is all of them. The domain log is built for any. */
const DOMAIN_PHASES = ['fold', 'rebuild', 'verify', 'consistency'] as const;
type DomainPhase = (typeof DOMAIN_PHASES)[number];
const isDomainPhase = (name: string): name is DomainPhase => DOMAIN_PHASES.some((phase) => phase === name);
const phaseNames = (option('--phases') ?? 'store,domain,http').split(',');
for (const name of phaseNames) {
  if (!['store', 'domain', 'http'].includes(name) && !isDomainPhase(name)) {
    throw new Error(`--phases takes store, domain, http or one of ${DOMAIN_PHASES.join(', ')}, comma-separated, not ${name}`);
  }
}
const runStore = phaseNames.includes('store');
const runHttp = phaseNames.includes('http');
const domainPhasesToRun = DOMAIN_PHASES.filter((phase) => phaseNames.includes('domain') || phaseNames.includes(phase));
const profileDir = process.argv.includes('--profile') ? join(tmpdir(), 'pl-bench-profiles') : undefined;
if (profileDir) {
  mkdirSync(profileDir, { recursive: true });
  process.stderr.write(`CPU profiles go to ${profileDir}\n`);
}

function runPhase<P extends PhaseResult['phase']>(
  phase: P,
  dataDir: string,
  size: number,
): Promise<Extract<PhaseResult, { phase: P }>> {
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${sizeLabel(size)}-${phase}.cpuprofile`] : [];
  const child = spawn(process.execPath, [...nodeArgs, PHASE_SCRIPT, phase, dataDir, String(size)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolvePhase, rejectPhase) => {
    child.on('error', rejectPhase);
    child.on('close', (code) => {
      if (code !== 0) return rejectPhase(new Error(`the ${phase} phase at ${size} events exited with ${code}`));
      const last = output.trim().split('\n').pop() ?? '';
      const result = JSON.parse(last) as PhaseResult;
      if (result.phase !== phase) return rejectPhase(new Error(`the ${phase} phase answered as ${result.phase}`));
      resolvePhase(result as Extract<PhaseResult, { phase: P }>);
    });
  });
}

/** The domain and HTTP phases go on after a phase dies (out of memory, say): it is reported as failed. */
async function attempt<P extends PhaseResult['phase']>(phase: P, dataDir: string, size: number): Promise<Extract<PhaseResult, { phase: P }> | PhaseFailure<P>> {
  try {
    return await runPhase(phase, dataDir, size);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    process.stderr.write(`  ${reason}\n`);
    return { phase, failed: reason };
  }
}

async function domainPhases(dataDir: string, size: number): Promise<DomainResults> {
  const log = await attempt('domain-log', dataDir, size);
  const results: DomainResults = { log };
  const wanted = (phase: DomainPhase) => domainPhasesToRun.includes(phase);
  if (failed(log)) {
    const noLog = <P extends string>(phase: P): PhaseFailure<P> => ({ phase, failed: 'the domain log could not be built' });
    if (wanted('fold')) results.fold = noLog('fold');
    if (wanted('rebuild')) results.rebuild = noLog('rebuild');
    if (wanted('verify')) results.verify = noLog('verify');
    if (wanted('consistency')) results.consistency = noLog('consistency');
    return results;
  }
  if (wanted('fold')) results.fold = await attempt('fold', dataDir, size);
  if (wanted('rebuild')) results.rebuild = await attempt('rebuild', dataDir, size);
  if (wanted('verify')) results.verify = await attempt('verify', dataDir, size);
  if (wanted('consistency')) {
    // The tree is saved in one process and loaded in another, as across a restart of the server.
    const merkleTree = await attempt('merkle-tree', dataDir, size);
    results.merkleTree = merkleTree;
    results.consistency = failed(merkleTree)
      ? { phase: 'consistency', failed: 'the saved Merkle tree could not be written' }
      : await attempt('consistency', dataDir, size);
  }
  return results;
}

/** The HTTP phase over a log of httpEvents events: the domain phases' own, when they built one of that size, or one of its own. */
async function httpPhases(dataDir: string, domainLog: DomainResults['log'] | undefined): Promise<HttpResults> {
  process.stderr.write(`HTTP: ${httpEvents.toLocaleString('en-GB')} events in ${dataDir}\n`);
  const log = domainLog && !failed(domainLog) ? { ...domainLog, phase: 'http-log' as const } : await attempt('http-log', dataDir, httpEvents);
  const shared = domainLog !== undefined && !failed(domainLog);
  if (failed(log)) return { log, shared, run: { phase: 'http', failed: 'the log could not be built' } };
  const run = await attempt('http', dataDir, httpEvents);
  // Started again only after a clean shutdown, in a fresh process, over the same folder.
  const restart = failed(run) ? { phase: 'restart' as const, failed: 'the HTTP phase failed' } : await attempt('restart', dataDir, httpEvents);
  return { log, shared, run, restart };
}

const root = mkdtempSync(join(tmpdir(), 'pl-bench-'));
const removeRoot = () => rmSync(root, { recursive: true, force: true });
process.on('SIGINT', () => {
  removeRoot();
  process.exit(130);
});

try {
  const results: SizeResult[] = [];
  let httpLog: { dir: string; log: DomainResults['log'] } | undefined;
  for (const size of sizes) {
    const dataDir = join(root, sizeLabel(size));
    const result: SizeResult = { size };
    if (runStore) {
      process.stderr.write(`${size.toLocaleString('en-GB')} events in ${dataDir}\n`);
      result.append = await runPhase('append', dataDir, size);
      result.reopen = await runPhase('reopen', dataDir, size);
      result.replay = await runPhase('replay', dataDir, size);
      rmSync(dataDir, { recursive: true, force: true });
    }
    if (domainPhasesToRun.length > 0) {
      const domainDir = `${dataDir}-domain`;
      process.stderr.write(`${size.toLocaleString('en-GB')} realistic domain events in ${domainDir}\n`);
      result.domain = await domainPhases(domainDir, size);
      // The HTTP phase runs over this log too (building 1M events again would take minutes): kept until it has.
      if (runHttp && size === httpEvents && !failed(result.domain.log)) httpLog = { dir: domainDir, log: result.domain.log };
      else rmSync(domainDir, { recursive: true, force: true });
    }
    results.push(result);
  }
  let http: HttpResults | null = null;
  if (runHttp) {
    const httpDir = httpLog?.dir ?? join(root, 'http');
    http = await httpPhases(httpDir, httpLog?.log);
    rmSync(httpDir, { recursive: true, force: true });
  }
  const summary = summarise(results, http);
  if (asJson) process.stdout.write(JSON.stringify(summary) + '\n');
  else process.stdout.write(formatTable(summary) + '\n');
} finally {
  removeRoot();
}
