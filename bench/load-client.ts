// The HTTP phase's load generator, in a process of its own so that it and the server each
// have a core: `node dist/bench/load-client.js '<plan as JSON>'`, the bearer token in
// PL_BENCH_TOKEN (not on the command line). Requests go round-robin over the ids in the
// plan's file, so concurrent requests are on different decisions (or over whole paths from
// a file). Prints LoadFigures as JSON.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { z } from 'zod';
import type { LoadFigures } from './phase-results.js';

export const loadPlan = z.object({
  url: z.string().url(),
  method: z.enum(['GET', 'POST']),
  /** `:id` is replaced by the next id from idsFile. */
  path: z.string().startsWith('/'),
  idsFile: z.string().optional(),
  /** Or: whole paths taken in turn from this file (a JSON list), e.g. one decision at many positions. */
  pathsFile: z.string().optional(),
  body: z.unknown().optional(),
  connections: z.number().int().positive(),
  seconds: z.number().positive(),
  /** Stop after this many requests instead (still bounded by `seconds`). */
  amount: z.number().int().positive().optional(),
});
export type LoadPlan = z.infer<typeof loadPlan>;

async function main(): Promise<void> {
  const plan = loadPlan.parse(JSON.parse(process.argv[2] ?? 'null'));
  const ids = plan.idsFile ? z.array(z.string().min(1)).min(1).parse(JSON.parse(readFileSync(plan.idsFile, 'utf8'))) : [];
  const paths = plan.pathsFile ? z.array(z.string().startsWith('/')).min(1).parse(JSON.parse(readFileSync(plan.pathsFile, 'utf8'))) : [];
  const token = process.env.PL_BENCH_TOKEN;
  const body = plan.body === undefined ? undefined : JSON.stringify(plan.body);
  let next = 0;
  const result = await autocannon({
    url: plan.url,
    connections: plan.connections,
    duration: plan.seconds,
    ...(plan.amount === undefined ? {} : { amount: plan.amount }),
    requests: [
      {
        method: plan.method,
        path: plan.path,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body }),
        setupRequest: (request) => {
          if (paths.length > 0) request.path = paths[next++ % paths.length] ?? plan.path;
          else if (ids.length > 0) request.path = plan.path.replace(':id', ids[next++ % ids.length] ?? '');
          return request;
        },
      },
    ],
  });
  const figures: LoadFigures = {
    connections: plan.connections,
    seconds: result.duration,
    requests: result['2xx'],
    rps: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    statuses: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([status, { count }]) => [status, count ?? 0])),
  };
  process.stdout.write(JSON.stringify(figures) + '\n');
}

await main();
