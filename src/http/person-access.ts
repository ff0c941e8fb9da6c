// The read rules for what is recorded about one person (their name, what changed for
// them), applied with the register's current supporters from the people directory.
import { peopleDirectory, supportedByOrganisation } from '../../projections/people-directory.js';
import type { Actor } from '../domain/actor.js';
import { mayReadPersonalData } from '../domain/people/person.js';
import type { ProjectionRunner } from '../projection-runner/projection-runner.js';

export class PersonAccess {
  readonly #runner: ProjectionRunner;

  constructor(runner: ProjectionRunner) {
    this.#runner = runner;
  }

  async readsEveryone(actor: Actor): Promise<boolean> {
    return actor.role === 'commissioner' || actor.role === 'auditor';
  }

  async mayRead(actor: Actor, personId: string): Promise<boolean> {
    const entry = this.#runner.state(peopleDirectory).people[personId];
    return mayReadPersonalData(actor, { personId, supportedBy: entry?.supportedBy ?? [] });
  }

  /** Everyone, or the set of people this actor may read about. */
  async readablePeople(actor: Actor): Promise<'everyone' | ReadonlySet<string>> {
    if (await this.readsEveryone(actor)) return 'everyone';
    if (actor.role === 'provider' && actor.organisation) {
      return new Set(supportedByOrganisation(this.#runner.state(peopleDirectory), actor.organisation));
    }
    if (actor.role === 'self-advocate' && actor.personId) return new Set([actor.personId]);
    return new Set();
  }
}
