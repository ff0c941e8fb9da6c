// Where each person and each decision is named outside its own stream: every decision and
// contract event whose data names a person id, and every contract event that names a
// decision (a disaggregation plan carries one out), indexed by person and by decision. Subject
// access reads a person's events through it, and a decision's as-of answer finds the
// streams that concern it, instead of reading the whole log.
import { CONTRACT_STREAM_PREFIX } from '../src/domain/contracts/contract-events.js';
import { DECISION_STREAM_PREFIX } from '../src/domain/decisions/decision-events.js';
import { PERSON_ID } from '../src/domain/shared/vocabulary.js';
import type { Documents } from './documents.js';
import type { Projection } from './projection.js';

export interface Mention {
  position: number;
  stream: string;
  revision: number;
  people: string[];
  /** Decisions a contract event names (`decisionId`). */
  decisions: string[];
}

export interface MentionsState {
  /** By log position. */
  mentions: Documents<Mention>;
}

export const mentions: Projection<MentionsState> = {
  name: 'mentions',
  version: 1,
  streamPrefixes: [DECISION_STREAM_PREFIX, CONTRACT_STREAM_PREFIX],
  collections: { mentions: { indexes: { person: (mention) => mention.people, decision: (mention) => mention.decisions } } },
  evolve(state, event) {
    const people = [...personIdsIn(event.data, new Set())];
    const decisions = event.stream.startsWith(CONTRACT_STREAM_PREFIX) ? [...valuesNamed('decisionId', event.data, new Set())] : [];
    if (people.length > 0 || decisions.length > 0) {
      state.mentions.set(String(event.position), { position: event.position, stream: event.stream, revision: event.revision, people, decisions });
    }
  },
};

/** Where the person is named, in log order, up to a position. */
export function mentionsOfPerson(state: MentionsState, person: string, until: number): Mention[] {
  return state.mentions.withIndex('person', person).filter((mention) => mention.position <= until);
}

/** The contract events that name the decision, in log order, up to a position. */
export function mentionsOfDecision(state: MentionsState, decisionId: string, until: number): Mention[] {
  return state.mentions.withIndex('decision', decisionId).filter((mention) => mention.position <= until);
}

/** Every string in the data, at any depth, that is a person id (as subject access has always matched: the id itself, anywhere). */
export function personIdsIn(data: unknown, found: Set<string>, depth = 0): Set<string> {
  if (typeof data === 'string') {
    // The vocabulary's own pattern, tested directly: a zod parse per string of every event is most of this fold's cost.
    if (PERSON_ID.test(data)) found.add(data);
  } else if (depth <= 8 && typeof data === 'object' && data !== null) {
    for (const value of Array.isArray(data) ? data : Object.values(data)) personIdsIn(value, found, depth + 1);
  }
  return found;
}

/** Every string held under the key, at any depth. */
export function valuesNamed(key: string, data: unknown, found: Set<string>, depth = 0): Set<string> {
  if (depth > 8 || typeof data !== 'object' || data === null) return found;
  for (const [name, value] of Object.entries(data)) {
    if (name === key && typeof value === 'string') found.add(value);
    else valuesNamed(key, value, found, depth + 1);
  }
  return found;
}
