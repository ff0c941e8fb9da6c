// The HTTP phase: the real app (buildApp) over the log of 1M events and 100,000 decisions,
// its read models caught up from an empty folder, listening on a port, loaded by autocannon
// in a child process (load-client.ts): GET /health (the limit of this server and load
// generator), GET /decisions/:id (a cold pass reading each decision once, then warm), the
// decision as of random positions, subject access for the people named most, and
// POST /decisions/:id/views; the server's RSS sampled meanwhile. Then the server is shut
// down, and the restart phase starts it again in a fresh process.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { z } from 'zod';
import { buildApp } from '../src/app.js';
import { decisionStream } from '../src/domain/decisions/decision-events.js';
import { createLogger } from '../src/logger.js';
import { createRegistry } from '../src/registry.js';
import { openEmbeddedStore } from '../src/store/embedded/embedded-store.js';
import { writePrivateFileSync } from '../src/shared/private-files.js';
import { DECISION_IDS_FILE, SUBJECT_PEOPLE_FILE } from './domain-phases.js';
import { COUNCIL } from './domain-workload.js';
import type { LoadPlan } from './load-client.js';
import {
  AS_OF_CONNECTIONS,
  AS_OF_REQUESTS,
  HTTP_CONNECTIONS,
  HTTP_SECONDS,
  HTTP_WARMUP_SECONDS,
  REPORT_REQUESTS,
  SUBJECT_ACCESS_REQUESTS,
  type HttpPhaseResult,
  type LoadFigures,
  type RestartPhaseResult,
  type SequentialFigures,
} from './phase-results.js';
import { MemorySampler, peakRssMb, progress, seconds } from './phase-support.js';

const LOAD_CLIENT = fileURLToPath(new URL('./load-client.js', import.meta.url));
const HEALTH_SECONDS = 5;
/** The token the HTTP phase made, for the restart phase's first request (DATA_DIR is the bench's own temporary folder). */
const TOKEN_FILE = 'bench-token';
const AS_OF_PATHS_FILE = 'bench-as-of-paths.json';

/** The view every POST records: a self-advocacy group's, as the brief for this benchmark gives it. */
export const benchView = {
  by: { role: 'self-advocate', label: 'Leeds self-advocacy group' },
  stance: 'supports',
  inOwnWords: 'We talked about this at our group. We want the new plan because it gives people more choice about their day.',
} as const;

/** The monotonic clock in µs, as V8's CPU profiles stamp their samples: a load's window can be cut out of a --profile. */
const profileClock = (): string => String(process.hrtime.bigint() / 1000n);

async function runLoad(plan: LoadPlan, token: string): Promise<LoadFigures> {
  const from = profileClock();
  const figures = await runLoadClient(plan, token);
  progress(`  (profile window ${plan.method} ${plan.path}${plan.pathsFile ? ' (as-of paths)' : ''}: ${from}–${profileClock()} µs)`);
  return figures;
}

function runLoadClient(plan: LoadPlan, token: string): Promise<LoadFigures> {
  const child = spawn(process.execPath, [LOAD_CLIENT, JSON.stringify(plan)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, PL_BENCH_TOKEN: token },
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolveLoad, rejectLoad) => {
    child.on('error', rejectLoad);
    child.on('close', (code) => {
      if (code !== 0) return rejectLoad(new Error(`the load generator exited with ${code}`));
      // Our own child's answer, in the shape load-client.ts prints.
      resolveLoad(JSON.parse(output.trim().split('\n').pop() ?? '') as LoadFigures);
    });
  });
}

function describe(name: string, figures: LoadFigures): string {
  const statuses = Object.entries(figures.statuses).map(([status, count]) => `${count} × ${status}`).join(', ');
  return `${name}: ${Math.round(figures.rps).toLocaleString('en-GB')} req/s, p99 ${figures.p99Ms} ms (${statuses}), ${figures.errors} errors`;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
};

const subjectAnswer = z.object({ decisions: z.array(z.unknown()) });

/** GETs sent one after another (not under load): each one's time, and the first answer checked by `checkFirst`. */
async function oneAfterAnother(urls: readonly string[], headers: Record<string, string>, checkFirst: (status: number, body: unknown) => void): Promise<SequentialFigures> {
  const times: number[] = [];
  const statuses: number[] = [];
  for (const [i, url] of urls.entries()) {
    const requested = process.hrtime.bigint();
    const answer = await fetch(url, { headers });
    const body: unknown = await answer.json();
    times.push(seconds(requested) * 1000);
    statuses.push(answer.status);
    if (i === 0) checkFirst(answer.status, body);
  }
  return { requests: times.length, medianMs: median(times), maxMs: Math.max(...times), statuses };
}

export async function httpPhase(dataDir: string): Promise<HttpPhaseResult> {
  const idsFile = join(dataDir, DECISION_IDS_FILE);
  const ids = z.array(z.string().uuid()).min(1).parse(JSON.parse(readFileSync(idsFile, 'utf8')));
  const subjects = z.array(z.string()).min(1).parse(JSON.parse(readFileSync(join(dataDir, SUBJECT_PEOPLE_FILE), 'utf8')));
  const [firstId] = ids;
  // One line per request at info, as the server logs in production; to a file, not to our stdout.
  const logger = createLogger({ level: 'info', destination: pino.destination({ dest: join(dataDir, 'server.log'), sync: false }) });
  const registry = createRegistry();
  const store = await openEmbeddedStore({ dataDir, registry, logger });
  const events = await store.headPosition();

  progress(`buildApp over ${events.toLocaleString('en-GB')} events; the read models catch up from what they hold (nothing, or the rebuild phase's)…`);
  const start = process.hrtime.bigint();
  const { app, runner, tokens } = await buildApp({ store, registry, logger, dataDir });
  const startedFrom = runner.position;
  let closed = false;
  const memory = new MemorySampler();
  try {
    if (!(await runner.waitFor(events, 600_000))) throw new Error('the read models did not catch up within 600 s');
    const startSeconds = seconds(start);
    progress(`  caught up in ${startSeconds.toFixed(1)} s`);
    const { token } = await tokens.create({ role: 'commissioner', name: 'Bench', organisation: COUNCIL }, new Date().toISOString());
    writePrivateFileSync(join(dataDir, TOKEN_FILE), token);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('the app is not listening on a TCP port');
    const url = `http://127.0.0.1:${address.port}`;

    // One request of each kind first, so a refusal shows its reason instead of a count of non-2xx.
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const read = await fetch(`${url}/decisions/${firstId}`, { headers });
    if (read.status !== 200) throw new Error(`GET /decisions/:id answered ${read.status}: ${await read.text()}`);

    const base = { url, connections: HTTP_CONNECTIONS };
    progress(`GET /health, ${HTTP_CONNECTIONS} connections, ${HEALTH_SECONDS} s…`);
    const health = await runLoad({ ...base, method: 'GET', path: '/health', seconds: HEALTH_SECONDS }, token);
    progress(describe('  GET /health', health));

    // The server's memory under query load: sampled from the first cold read to the last subject access.
    memory.start();
    const query: LoadPlan = { ...base, method: 'GET', path: '/decisions/:id', idsFile, seconds: HTTP_SECONDS };
    // The first read of each decision reads its documents from the database for the first time
    // since the start; later reads find LMDB's pages (and any cache) warm. The cold pass reads each once.
    progress(`GET /decisions/:id: one cold pass over all ${ids.length.toLocaleString('en-GB')} decisions, then ${HTTP_SECONDS} s warm…`);
    const queriedCold = await runLoad({ ...query, amount: ids.length, seconds: 900 }, token);
    progress(describe('  GET /decisions/:id, first read of each', queriedCold));
    const queried = await runLoad(query, token);
    progress(describe('  GET /decisions/:id', queried));

    // One decision (the first proposed, so it has the longest history) at random positions from its proposal to the head.
    const asOfId = firstId ?? '';
    const [proposal] = await store.readStream(decisionStream(asOfId), { maxCount: 1 });
    const from = proposal?.position ?? 1;
    const paths = Array.from({ length: AS_OF_REQUESTS }, () => `/decisions/${asOfId}?asOf=${from + Math.floor(Math.random() * (events - from + 1))}`);
    const pathsFile = join(dataDir, AS_OF_PATHS_FILE);
    writeFileSync(pathsFile, JSON.stringify(paths));
    progress(`GET /decisions/:id?asOf=<position>: one decision, ${AS_OF_REQUESTS} random positions from ${from.toLocaleString('en-GB')} to ${events.toLocaleString('en-GB')}, ${AS_OF_CONNECTIONS} connections…`);
    const asOf = await runLoad({ url, connections: AS_OF_CONNECTIONS, method: 'GET', path: '/decisions/:id', pathsFile, amount: AS_OF_REQUESTS, seconds: 600 }, token);
    progress(describe('  GET /decisions/:id?asOf=', asOf));

    progress(`GET /people/:id/subject-access: ${SUBJECT_ACCESS_REQUESTS} requests one after another, for the people named in the most decisions…`);
    let subjectDecisions = 0;
    const subjectAccess = await oneAfterAnother(
      Array.from({ length: SUBJECT_ACCESS_REQUESTS }, (_, i) => `${url}/people/${subjects[i % subjects.length] ?? ''}/subject-access`),
      headers,
      (status, body) => {
        const parsed = subjectAnswer.safeParse(body);
        if (!parsed.success) throw new Error(`GET /people/:id/subject-access answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
        subjectDecisions = parsed.data.decisions.length;
      },
    );
    progress(`  subject access: median ${subjectAccess.medianMs.toFixed(1)} ms, max ${subjectAccess.maxMs.toFixed(1)} ms (${subjectDecisions} decisions for the first person)`);

    // The Partnership Board report for the year up to today: every decision of this log falls in it.
    const today = new Date().toISOString().slice(0, 10);
    const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    progress(`GET /reports/partnership-board for ${yearAgo} to ${today}: ${REPORT_REQUESTS} requests one after another…`);
    const report = await oneAfterAnother(
      Array.from({ length: REPORT_REQUESTS }, () => `${url}/reports/partnership-board?from=${yearAgo}&to=${today}`),
      headers,
      (status, body) => {
        if (status !== 200) throw new Error(`GET /reports/partnership-board answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
      },
    );
    progress(`  the report: median ${report.medianMs.toFixed(1)} ms, max ${report.maxMs.toFixed(1)} ms`);
    memory.sample();
    memory.stop();

    const write = await fetch(`${url}/decisions/${firstId}/views`, { method: 'POST', headers, body: JSON.stringify(benchView) });
    if (write.status !== 201) throw new Error(`POST /decisions/:id/views answered ${write.status}: ${await write.text()}`);
    const command: LoadPlan = { ...base, method: 'POST', path: '/decisions/:id/views', idsFile, body: benchView, seconds: HTTP_SECONDS };
    progress(`POST /decisions/:id/views: ${HTTP_WARMUP_SECONDS} s warm-up, then ${HTTP_SECONDS} s…`);
    const before = await store.headPosition();
    const warmUp = await runLoad({ ...command, seconds: HTTP_WARMUP_SECONDS }, token);
    const commanded = await runLoad(command, token);
    const commandEvents = (await store.headPosition()) - before;
    progress(describe('  POST /decisions/:id/views', commanded));

    // The shutdown a deploy makes: the runner's last commit, the database and the store closed.
    progress('app.close() and store.close()…');
    const stopStart = process.hrtime.bigint();
    closed = true;
    await app.close();
    await store.close();
    const shutdownSeconds = seconds(stopStart);

    return {
      phase: 'http',
      decisions: ids.length,
      events,
      startSeconds,
      startedFrom,
      health,
      queryCold: queriedCold,
      query: queried,
      asOf,
      subjectAccess,
      subjectDecisions,
      report,
      command: commanded,
      commandEvents,
      commandCreated: warmUp.requests + commanded.requests + 1,
      serverMemory: memory.highest,
      serverHighestAnonMb: memory.highestAnonMb,
      shutdownSeconds,
      rssMb: peakRssMb(),
    };
  } finally {
    memory.stop();
    if (!closed) {
      await app.close();
      await store.close();
    }
    logger.flush();
  }
}

/**
 * The server started again after the HTTP phase's shutdown, in a fresh process as after a
 * deploy: timed from the process's start (performance.now() counts from it) until the first
 * GET /decisions/:id is answered with the read models at the head of the log.
 */
export async function restartPhase(dataDir: string): Promise<RestartPhaseResult> {
  const ids = z.array(z.string().uuid()).min(1).parse(JSON.parse(readFileSync(join(dataDir, DECISION_IDS_FILE), 'utf8')));
  const token = readFileSync(join(dataDir, TOKEN_FILE), 'utf8');
  const logger = createLogger({ level: 'info', destination: pino.destination({ dest: join(dataDir, 'server-restart.log'), sync: false }) });
  const registry = createRegistry();
  const store = await openEmbeddedStore({ dataDir, registry, logger });
  const events = await store.headPosition();
  const { app, runner } = await buildApp({ store, registry, logger, dataDir });
  const builtSeconds = performance.now() / 1000;
  const resumedAt = runner.position;
  try {
    if (!(await runner.waitFor(events, 600_000))) throw new Error('the read models did not catch up within 600 s');
    const currentSeconds = performance.now() / 1000;
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('the app is not listening on a TCP port');
    const read = await fetch(`http://127.0.0.1:${address.port}/decisions/${ids[0] ?? ''}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await read.text();
    const answeredSeconds = performance.now() / 1000;
    if (read.status !== 200) throw new Error(`GET /decisions/:id answered ${read.status} after the restart: ${body.slice(0, 300)}`);
    progress(`restart: built ${builtSeconds.toFixed(2)} s, read models at the head ${currentSeconds.toFixed(2)} s (resumed at ${resumedAt.toLocaleString('en-GB')} of ${events.toLocaleString('en-GB')}), first answer ${answeredSeconds.toFixed(2)} s`);
    return { phase: 'restart', events, seconds: answeredSeconds, builtSeconds, currentSeconds, resumedAt, rssMb: peakRssMb() };
  } finally {
    await app.close();
    await store.close();
    logger.flush();
  }
}
