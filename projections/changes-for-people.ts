// Changes for people: per person and per decision, what changed, better or worse, in whose words.
import { z } from 'zod';
import { asDecisionEvent, DECISION_STREAM_PREFIX } from '../src/domain/decisions/decision-events.js';
import { changeForPerson } from '../src/domain/decisions/decision-facts.js';
import { lifeArea } from '../src/domain/shared/vocabulary.js';
import type { Documents } from './documents.js';
import type { Projection } from './projection.js';
import { answered, provenanceOf, provenanceSchema } from './provenance.js';

export const changeRecordSchema = z.object({
  changeId: z.string(),
  decisionId: z.string(),
  decisionTitle: z.string(),
  personId: z.string(),
  area: lifeArea,
  before: z.string(),
  after: z.string(),
  direction: changeForPerson.shape.direction,
  inPersonsOwnWords: z.boolean(),
  recordedBy: z.object({ name: z.string().optional(), role: z.string() }).optional(),
  at: z.string(),
  eventId: z.string(),
  /** Who recorded it, for whom and how, when it happened, and whether the person confirmed or disputed it. */
  provenance: provenanceSchema.optional(),
});
export type ChangeRecord = z.infer<typeof changeRecordSchema>;

/** What changed for people, with a tally by direction and how many are in their own words. */
export const changesSchema = z.object({
  changes: z.array(changeRecordSchema),
  tally: z.object({ better: z.number(), worse: z.number(), 'no-change': z.number() }),
  inOwnWords: z.number(),
});
export type Changes = z.infer<typeof changesSchema>;

export interface ChangesState {
  /** By change id, in the order they were recorded. */
  changes: Documents<ChangeRecord>;
  /** Each decision's title by decision id, for the changes recorded on it. */
  titles: Documents<{ title: string }>;
}

export const changesForPeople: Projection<ChangesState> = {
  name: 'changes-for-people',
  version: 3,
  streamPrefixes: [DECISION_STREAM_PREFIX],
  collections: {
    changes: { indexes: { decision: (change) => [change.decisionId], person: (change) => [change.personId] } },
    titles: {},
  },
  evolve(state, stored) {
    const event = asDecisionEvent(stored);
    if (event?.type === 'DecisionProposed') state.titles.set(event.data.decisionId, { title: event.data.title });
    if (event?.type === 'ChangeForPersonRecorded') {
      const c = event.data;
      const actor = stored.metadata.actor;
      state.changes.set(c.changeId, {
        changeId: c.changeId,
        decisionId: c.decisionId,
        decisionTitle: state.titles.get(c.decisionId)?.title ?? '',
        personId: c.personId,
        area: c.area,
        before: c.before,
        after: c.after,
        direction: c.direction,
        inPersonsOwnWords: c.inPersonsOwnWords,
        recordedBy: actor ? { name: actor.name, role: actor.role } : undefined,
        at: c.at,
        eventId: stored.id,
        provenance: provenanceOf(stored, event),
      });
    }
    if ((event?.type === 'FactConfirmed' || event?.type === 'FactDisputed') && event.data.fact === 'change') {
      const change = state.changes.get(event.data.factId);
      // An answer counts only for a change recorded on the decision it names.
      if (change?.provenance && change.decisionId === event.data.decisionId) {
        state.changes.set(change.changeId, { ...change, provenance: answered(change.provenance, stored, event) });
      }
    }
  },
};

export interface ChangesFilter {
  person?: string | undefined;
  decisionId?: string | undefined;
  /** Only these people (those the reader may see); all when absent. */
  readable?: ReadonlySet<string> | undefined;
}

export function changesFor(state: ChangesState, filter: ChangesFilter = {}): Changes {
  const changes = candidatesFor(state, filter).filter(
    (c) =>
      (!filter.person || c.personId === filter.person) &&
      (!filter.decisionId || c.decisionId === filter.decisionId) &&
      (!filter.readable || filter.readable.has(c.personId)),
  );
  const tally = { better: 0, worse: 0, 'no-change': 0 };
  for (const c of changes) tally[c.direction]++;
  return { changes, tally, inOwnWords: changes.filter((c) => c.inPersonsOwnWords).length };
}

/** The changes the filter could match, through its narrowest index; every change only when it names neither decision nor person. */
function candidatesFor({ changes }: ChangesState, filter: ChangesFilter): ChangeRecord[] {
  if (filter.decisionId) return changes.withIndex('decision', filter.decisionId);
  if (filter.person) return changes.withIndex('person', filter.person);
  return [...changes.values()];
}
