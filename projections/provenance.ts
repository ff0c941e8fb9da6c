// Who said it, who recorded it, for whom, how it was gathered, whether it was read back, and
// whether the person confirmed or disputed it: shown beside every view, risk acceptance and
// change (and verdict). A self-advocate token names only its own person, so a voice recorded
// with one is the person's own; read from the actor kept beside the event, never from what was sent.
import { z } from 'zod';
import type { DecisionEvent } from '../src/domain/decisions/decision-events.js';
import { howGathered } from '../src/domain/shared/provenance.js';
import type { StoredEvent } from '../src/events/event.js';
import { evidenceOf } from './decision-facts-index.js';

export const provenanceSchema = z.object({
  recordedBy: z.object({ role: z.string(), name: z.string().optional(), organisation: z.string().optional() }).optional(),
  byThePerson: z.boolean(),
  recordedFor: z.string().optional(),
  gathered: howGathered.optional(),
  readBack: z.boolean().optional(),
  happenedAt: z.string(),
  recordedAt: z.string(),
  /** The answers of the people it concerns, once each: confirmed or disputed, in their words. */
  answers: z.array(
    z.object({ kind: z.enum(['confirmed', 'disputed']), personId: z.string(), inOwnWords: z.string().optional(), at: z.string(), eventId: z.string() }),
  ),
});
export type Provenance = z.infer<typeof provenanceSchema>;

export function provenanceOf(stored: StoredEvent, event: DecisionEvent): Provenance {
  const evidence = evidenceOf(stored, event);
  const actor = stored.metadata.actor;
  const sent = 'provenance' in event.data ? event.data.provenance : undefined;
  return {
    ...(actor ? { recordedBy: { role: actor.role, ...(actor.name ? { name: actor.name } : {}), ...(actor.organisation ? { organisation: actor.organisation } : {}) } } : {}),
    byThePerson: evidence.byThePerson,
    ...(sent ? { recordedFor: sent.recordedFor, gathered: sent.gathered, readBack: sent.readBack } : {}),
    happenedAt: evidence.happenedAt,
    recordedAt: evidence.at,
    answers: [],
  };
}

/** The provenance with one more answer: a person's confirmation or dispute. */
export function answered(provenance: Provenance, stored: StoredEvent, event: Extract<DecisionEvent, { type: 'FactConfirmed' | 'FactDisputed' }>): Provenance {
  const { personId, inOwnWords, at } = event.data;
  const answer = { kind: event.type === 'FactConfirmed' ? ('confirmed' as const) : ('disputed' as const), personId, ...(inOwnWords ? { inOwnWords } : {}), at, eventId: stored.id };
  return { ...provenance, answers: [...provenance.answers, answer] };
}
