// What the benchmark writes: one decision-log-like event type, registered with a zod
// schema like the real ones, in streams of about 100 events, each record about 500 bytes.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { EventRegistry } from '../src/events/event-registry.js';
import type { Actor, NewEvent } from '../src/store/event-store.js';

export const BENCH_EVENT_TYPE = 'BenchDecisionNoted';

const benchDecisionNoted = z.object({
  title: z.string().min(1).max(200),
  rationale: z.string().max(2000),
  riskLevel: z.enum(['low', 'medium', 'high']),
  peopleAffected: z.number().int().nonnegative(),
  tags: z.array(z.string().min(1).max(40)).max(10),
  reviewBy: z.iso.date(),
});

export type BenchDecisionNoted = z.infer<typeof benchDecisionNoted>;

export function benchRegistry(): EventRegistry {
  return new EventRegistry().define({ type: BENCH_EVENT_TYPE, version: 1, schema: benchDecisionNoted });
}

const TITLES = [
  'Move day service to the hub',
  'Extend winter respite hours',
  'New evening home care rota',
  'Fund a carers support group',
];
const RATIONALES = [
  'People asked for a quieter room and a later start.',
  'Current hours miss the school holidays.',
  'Two visits overlap; evenings are uncovered.',
  'Three forums asked for it; the budget allows it.',
];
const TAGS = ['day-services', 'respite', 'home-care', 'carers', 'transport', 'co-production', 'budget'];
const ROLES = ['commissioner', 'provider', 'person', 'carer'];
const ORGANISATIONS = ['Northshire Council', 'Brightways Care', 'Carers Together'];

/** A small deterministic generator, so that every run writes records of the same sizes. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Makes the events of one writer: random uuids, an actor per writer, realistic payloads. */
export function eventFactory(seed: number): () => NewEvent<BenchDecisionNoted> {
  const random = lcg(seed);
  const actor: Actor = {
    id: randomUUID(),
    role: pick(ROLES, random),
    name: `Writer ${seed}`,
    organisation: pick(ORGANISATIONS, random),
  };
  return () => ({
    id: randomUUID(),
    type: BENCH_EVENT_TYPE,
    data: {
      title: pick(TITLES, random),
      rationale: pick(RATIONALES, random),
      riskLevel: pick(['low', 'medium', 'high'] as const, random),
      peopleAffected: Math.floor(random() * 400),
      tags: [pick(TAGS, random), pick(TAGS, random)],
      reviewBy: `2027-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 10)}`,
    },
    metadata: { actor },
  });
}

/** One writer's streams: about 100 events each (80 to 120), named after the writer so no two writers share one. */
export function streamPlan(seed: number): () => { stream: string; expectedRevision: 'no_stream' | number } {
  const random = lcg(seed ^ 0x5bd1e995);
  let stream = '';
  let streams = 0;
  let length = 0;
  let revision = -1;
  return () => {
    if (revision + 1 >= length) {
      stream = `decision-${seed}-${++streams}`;
      length = 80 + Math.floor(random() * 41);
      revision = -1;
    }
    const expectedRevision = revision === -1 ? ('no_stream' as const) : revision;
    revision++;
    return { stream, expectedRevision };
  };
}
