// Event types used only by the store's own tests and the benchmark.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { EventRegistry } from '../../src/events/event-registry.js';
import type { NewEvent } from '../../src/store/event-store.js';

export const thingHappened = z.object({ n: z.number().int(), note: z.string().optional() });
export const otherThingV1 = z.object({ label: z.string() });
export const otherThingV2 = z.object({ label: z.string(), colour: z.string() });

/** ThingHappened at version 1; OtherThing at version 1 (or 2, with an upcaster, for `upgraded`). */
export function testRegistry(upgraded = false): EventRegistry {
  const registry = new EventRegistry().define({ type: 'ThingHappened', version: 1, schema: thingHappened });
  if (upgraded) {
    registry.define({
      type: 'OtherThing',
      version: 2,
      schema: otherThingV2,
      upcasters: {
        1: (data) => ({ ...otherThingV1.parse(data), colour: 'unknown' }),
      },
    });
  } else {
    registry.define({ type: 'OtherThing', version: 1, schema: otherThingV1 });
  }
  return registry;
}

export function thing(n: number, note?: string): NewEvent {
  return { id: randomUUID(), type: 'ThingHappened', data: note === undefined ? { n } : { n, note } };
}

export function things(from: number, count: number): NewEvent[] {
  return Array.from({ length: count }, (_, i) => thing(from + i));
}
