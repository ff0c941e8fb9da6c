// `npm run bench [-- --json] [-- --sizes 100000,1000000] [-- --http-decisions 10000] [-- --profile]`
// Runs each phase at each size in its own process (phase.ts), then the HTTP phase once,
// then prints a table, or with --json one JSON object as the last line. See bench/README.md.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HTTP_DECISIONS, failed, type PhaseFailure, type PhaseResult } from './phase-results.js';
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
const httpDecisions = Number(option('--http-decisions') ?? HTTP_DECISIONS);
if (!Number.isInteger(httpDecisions) || httpDecisions < 1) throw new Error('--http-decisions takes a whole number of at least 1');
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
  const noLog = <P extends string>(phase: P): PhaseFailure<P> => ({ phase, failed: 'the domain log could not be built' });
  if (failed(log)) return { log, fold: noLog('fold'), rebuild: noLog('rebuild'), verify: noLog('verify') };
  const fold = await attempt('fold', dataDir, size);
  const rebuild = await attempt('rebuild', dataDir, size);
  const verify = await attempt('verify', dataDir, size);
  return { log, fold, rebuild, verify };
}

async function httpPhases(dataDir: string): Promise<HttpResults> {
  process.stderr.write(`HTTP: ${httpDecisions.toLocaleString('en-GB')} decisions in ${dataDir}\n`);
  const log = await attempt('http-log', dataDir, httpDecisions);
  if (failed(log)) return { log, run: { phase: 'http', failed: 'the log could not be built' } };
  return { log, run: await attempt('http', dataDir, httpDecisions) };
}

const root = mkdtempSync(join(tmpdir(), 'pl-bench-'));
const removeRoot = () => rmSync(root, { recursive: true, force: true });
process.on('SIGINT', () => {
  removeRoot();
  process.exit(130);
});

try {
  const results: SizeResult[] = [];
  for (const size of sizes) {
    const dataDir = join(root, sizeLabel(size));
    process.stderr.write(`${size.toLocaleString('en-GB')} events in ${dataDir}\n`);
    const append = await runPhase('append', dataDir, size);
    const reopen = await runPhase('reopen', dataDir, size);
    const replay = await runPhase('replay', dataDir, size);
    rmSync(dataDir, { recursive: true, force: true });
    const domainDir = `${dataDir}-domain`;
    process.stderr.write(`${size.toLocaleString('en-GB')} realistic domain events in ${domainDir}\n`);
    const domain = await domainPhases(domainDir, size);
    rmSync(domainDir, { recursive: true, force: true });
    results.push({ size, append, reopen, replay, domain });
  }
  const httpDir = join(root, 'http');
  const http = await httpPhases(httpDir);
  rmSync(httpDir, { recursive: true, force: true });
  const summary = summarise(results, http);
  if (asJson) process.stdout.write(JSON.stringify(summary) + '\n');
  else process.stdout.write(formatTable(summary) + '\n');
} finally {
  removeRoot();
}
