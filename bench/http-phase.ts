// The HTTP phase: the real app (buildApp) over a log of 10,000 realistic decisions,
// listening on a port, loaded by autocannon in a child process (load-client.ts) with
// 50 connections: GET /health (the limit of this server and load generator), then
// GET /decisions/:id (a cold pass reading each decision once, then warm) and
// POST /decisions/:id/views after a warm-up.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { z } from 'zod';
import { buildApp } from '../src/app.js';
import { createLogger } from '../src/logger.js';
import { createRegistry } from '../src/registry.js';
import { openEmbeddedStore } from '../src/store/embedded/embedded-store.js';
import { DECISION_IDS_FILE } from './domain-phases.js';
import { COUNCIL } from './domain-workload.js';
import type { LoadPlan } from './load-client.js';
import { HTTP_CONNECTIONS, HTTP_SECONDS, HTTP_WARMUP_SECONDS, type HttpPhaseResult, type LoadFigures } from './phase-results.js';
import { peakRssMb, progress, seconds } from './phase-support.js';

const LOAD_CLIENT = fileURLToPath(new URL('./load-client.js', import.meta.url));
const HEALTH_SECONDS = 5;

/** The view every POST records: a self-advocacy group's, as the brief for this benchmark gives it. */
export const benchView = {
  by: { role: 'self-advocate', label: 'Leeds self-advocacy group' },
  stance: 'supports',
  inOwnWords: 'We talked about this at our group. We want the new plan because it gives people more choice about their day.',
} as const;

function runLoad(plan: LoadPlan, token: string): Promise<LoadFigures> {
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
  return `${name}: ${Math.round(figures.rps).toLocaleString('en-GB')} req/s, p99 ${figures.p99Ms} ms, ${figures.non2xx} non-2xx, ${figures.errors} errors`;
}

export async function httpPhase(dataDir: string): Promise<HttpPhaseResult> {
  const idsFile = join(dataDir, DECISION_IDS_FILE);
  const ids = z.array(z.string().uuid()).min(1).parse(JSON.parse(readFileSync(idsFile, 'utf8')));
  const [firstId] = ids;
  // One line per request at info, as the server logs in production; to a file, not to our stdout.
  const logger = createLogger({ level: 'info', destination: pino.destination({ dest: join(dataDir, 'server.log'), sync: false }) });
  const registry = createRegistry();
  const store = await openEmbeddedStore({ dataDir, registry, logger });
  const events = await store.headPosition();

  progress(`buildApp over ${events.toLocaleString('en-GB')} events; the projections catch up…`);
  const start = process.hrtime.bigint();
  const { app, runner, snapshots, tokens } = await buildApp({ store, registry, logger, dataDir });
  try {
    if (!(await runner.waitFor(events, 600_000))) throw new Error('the projections did not catch up within 600 s');
    const startSeconds = seconds(start);
    // The snapshot worker's first catch-up and save run on the other core: let them finish before measuring.
    progress('the background snapshot worker catches up and saves…');
    await snapshots?.flush();
    const { token } = await tokens.create({ role: 'commissioner', name: 'Bench', organisation: COUNCIL }, new Date().toISOString());
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('the app is not listening on a TCP port');
    const url = `http://127.0.0.1:${address.port}`;

    // One request of each kind first, so a refusal shows its reason instead of a count of non-2xx.
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const read = await fetch(`${url}/decisions/${firstId}`, { headers });
    if (read.status !== 200) throw new Error(`GET /decisions/:id answered ${read.status}: ${await read.text()}`);
    const write = await fetch(`${url}/decisions/${firstId}/views`, { method: 'POST', headers, body: JSON.stringify(benchView) });
    if (write.status !== 201) throw new Error(`POST /decisions/:id/views answered ${write.status}: ${await write.text()}`);

    const base = { url, connections: HTTP_CONNECTIONS };
    progress(`GET /health, ${HTTP_CONNECTIONS} connections, ${HEALTH_SECONDS} s…`);
    const health = await runLoad({ ...base, method: 'GET', path: '/health', seconds: HEALTH_SECONDS }, token);
    progress(describe('  GET /health', health));

    const query: LoadPlan = { ...base, method: 'GET', path: '/decisions/:id', idsFile, seconds: HTTP_SECONDS };
    // The first read of each decision loads its stream from disk; later reads find it folded in
    // memory, as on a server that has been running. Both are reported: the cold pass reads each once.
    progress(`GET /decisions/:id: one cold pass over all ${ids.length.toLocaleString('en-GB')} decisions, then ${HTTP_SECONDS} s warm…`);
    const queriedCold = await runLoad({ ...query, amount: ids.length, seconds: 600 }, token);
    progress(describe('  GET /decisions/:id, first read of each', queriedCold));
    const queried = await runLoad(query, token);
    progress(describe('  GET /decisions/:id', queried));

    const command: LoadPlan = { ...base, method: 'POST', path: '/decisions/:id/views', idsFile, body: benchView, seconds: HTTP_SECONDS };
    progress(`POST /decisions/:id/views: ${HTTP_WARMUP_SECONDS} s warm-up, then ${HTTP_SECONDS} s…`);
    const before = await store.headPosition();
    const warmUp = await runLoad({ ...command, seconds: HTTP_WARMUP_SECONDS }, token);
    const commanded = await runLoad(command, token);
    const commandEvents = (await store.headPosition()) - before;
    progress(describe('  POST /decisions/:id/views', commanded));

    return {
      phase: 'http',
      decisions: ids.length,
      events,
      startSeconds,
      health,
      queryCold: queriedCold,
      query: queried,
      command: commanded,
      commandEvents,
      commandCreated: warmUp.requests + commanded.requests,
      rssMb: peakRssMb(),
    };
  } finally {
    await app.close();
    await store.close();
    logger.flush();
  }
}
