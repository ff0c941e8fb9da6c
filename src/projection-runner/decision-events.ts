// The events that concern one decision, read stream by stream: its own stream, the people
// and contracts its events name, the contract events that name it (through the mentions
// read model), and the provider register. Every served projection's answer about the
// decision is folded from these alone, so an as-of answer reads a few streams, not the log.
// (test/http/decision-as-of-property.test.ts checks that against a replay from zero.)
import { mentionsOfDecision, personIdsIn, valuesNamed, type MentionsState } from '../../projections/mentions.js';
import { contractStream } from '../domain/contracts/contract-events.js';
import { decisionStream } from '../domain/decisions/decision-events.js';
import { personStream } from '../domain/people/person-events.js';
import { PROVIDER_REGISTER_STREAM } from '../domain/providers/provider-events.js';
import type { EventStore, StoredEvent } from '../store/event-store.js';

/** In log order, up to `until` (inclusive). */
export async function eventsConcerningDecision(store: EventStore, mentions: MentionsState, decisionId: string, until: number): Promise<StoredEvent[]> {
  const own = (await store.readStream(decisionStream(decisionId))).filter((event) => event.position <= until);
  const people = new Set<string>();
  const contracts = new Set<string>();
  for (const event of own) {
    personIdsIn(event.data, people);
    valuesNamed('contractId', event.data, contracts);
  }
  const streams = new Set([
    ...[...people].map(personStream),
    ...[...contracts].map(contractStream),
    ...mentionsOfDecision(mentions, decisionId, until).map((mention) => mention.stream),
    PROVIDER_REGISTER_STREAM,
  ]);
  const byPosition = new Map(own.map((event) => [event.position, event]));
  for (const stream of streams) {
    for (const event of await store.readStream(stream)) if (event.position <= until) byPosition.set(event.position, event);
  }
  return [...byPosition.values()].sort((a, b) => a.position - b.position);
}
