// Changes for people: per person and per decision, what changed, better or worse, in whose words.
import { asDecisionEvent, DECISION_STREAM_PREFIX } from '../src/domain/decisions/decision-events.js';
import type { Projection } from './projection.js';

export interface ChangeRecord {
  changeId: string;
  decisionId: string;
  decisionTitle: string;
  personId: string;
  area: string;
  before: string;
  after: string;
  direction: 'better' | 'worse' | 'no-change';
  inPersonsOwnWords: boolean;
  recordedBy: { name?: string | undefined; role: string } | undefined;
  at: string;
  eventId: string;
}

export interface ChangesState {
  changes: ChangeRecord[];
  titles: Record<string, string>;
  /** Indexes into `changes` per decision, so one decision's changes are found without scanning them all. */
  byDecision: Record<string, number[]>;
}

export const changesForPeople: Projection<ChangesState> = {
  name: 'changes-for-people',
  version: 2,
  streamPrefixes: [DECISION_STREAM_PREFIX],
  initialState: () => ({ changes: [], titles: {}, byDecision: {} }),
  evolve(state, stored) {
    const event = asDecisionEvent(stored);
    if (event?.type === 'DecisionProposed') state.titles[event.data.decisionId] = event.data.title;
    if (event?.type === 'ChangeForPersonRecorded') {
      const c = event.data;
      const actor = stored.metadata.actor;
      (state.byDecision[c.decisionId] ??= []).push(state.changes.length);
      state.changes.push({
        changeId: c.changeId,
        decisionId: c.decisionId,
        decisionTitle: state.titles[c.decisionId] ?? '',
        personId: c.personId,
        area: c.area,
        before: c.before,
        after: c.after,
        direction: c.direction,
        inPersonsOwnWords: c.inPersonsOwnWords,
        recordedBy: actor ? { name: actor.name, role: actor.role } : undefined,
        at: c.at,
        eventId: stored.id,
      });
    }
    return state;
  },
};

export interface ChangesFilter {
  person?: string | undefined;
  decisionId?: string | undefined;
  /** Only these people (those the reader may see); all when absent. */
  readable?: ReadonlySet<string> | undefined;
}

export function changesFor(state: ChangesState, filter: ChangesFilter = {}) {
  const candidates = filter.decisionId ? (state.byDecision[filter.decisionId] ?? []).flatMap((i) => state.changes[i] ?? []) : state.changes;
  const changes = candidates.filter(
    (c) =>
      (!filter.person || c.personId === filter.person) &&
      (!filter.decisionId || c.decisionId === filter.decisionId) &&
      (!filter.readable || filter.readable.has(c.personId)),
  );
  const tally = { better: 0, worse: 0, 'no-change': 0 };
  for (const c of changes) tally[c.direction]++;
  return { changes, tally, inOwnWords: changes.filter((c) => c.inPersonsOwnWords).length };
}
