// The shape every aggregate takes (after emmett): pure decide and evolve, no IO.
// The clock, new ids and the actor arrive on the command.
import type { Actor } from './actor.js';

export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

export interface Command<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  actor: Actor;
  /** ISO-8601 time at which the command was issued. */
  now: string;
  /**
   * The people the actor's organisation supports (a provider's, from the person register),
   * read by the caller so the decider can check whom the actor names; none when absent.
   */
  supportedPeople?: readonly string[];
}

export interface Decider<State, Cmd extends Command, Event extends DomainEvent> {
  initialState: () => State;
  /** Returns a new state and never changes the one it is given: the command handler caches and shares states. */
  evolve: (state: State, event: Event) => State;
  /** Returns the events that record the command, or throws a refusal (PartnershipLogError). */
  decide: (command: Cmd, state: State) => Event[];
}

export function fold<State, Event extends DomainEvent>(
  decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
  events: Iterable<Event>,
): State {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
