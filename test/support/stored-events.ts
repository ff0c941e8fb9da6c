// Turns domain events into stored events for projection tests: positions in order,
// revisions per stream, and an actor in the metadata.
import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '../../src/domain/decider.js';
import type { Actor, StoredEvent } from '../../src/store/event-store.js';

export function storedEvents(items: readonly { stream: string; event: DomainEvent; actor?: Actor }[]): StoredEvent[] {
  const revisions = new Map<string, number>();
  return items.map(({ stream, event, actor }, index) => {
    const revision = (revisions.get(stream) ?? -1) + 1;
    revisions.set(stream, revision);
    return {
      id: randomUUID(),
      stream,
      revision,
      position: index + 1,
      type: event.type,
      schemaVersion: 1,
      data: event.data,
      metadata: { actor: actor ?? { id: 'tok-c', role: 'commissioner', name: 'Commissioning team' } },
      recordedAt: '2026-01-01T00:00:00.000Z',
    };
  });
}
