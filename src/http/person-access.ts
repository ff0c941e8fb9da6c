// The read rules for what is recorded about one person (their name, what changed for
// them, how they were supported to decide), applied with the register's supporters on the
// reader's today from the people directory: a planned move hands reading over on its date.
// README, "Who can read it".
import type { ReadablePeople } from '../../projections/decision-detail.js';
import { peopleDirectory, supportedByOrganisation } from '../../projections/people-directory.js';
import type { Actor } from '../domain/actor.js';
import { asDecisionEvent, type DecisionEventType } from '../domain/decisions/decision-events.js';
import { mayReadPersonalData, supportersOn } from '../domain/people/person.js';
import type { ProjectionRunner } from '../projection-runner/projection-runner.js';
import type { StoredEvent } from '../events/event.js';

// The read rules on a whole decision live with its read model (projections/decision-detail.ts).
export { mayReadIn, type ReadablePeople } from '../../projections/decision-detail.js';

/** The reader's calendar day: who supports whom is judged on it. */
const today = (): string => new Date().toISOString().slice(0, 10);

export class PersonAccess {
  readonly #runner: ProjectionRunner;

  constructor(runner: ProjectionRunner) {
    this.#runner = runner;
  }

  async readsEveryone(actor: Actor): Promise<boolean> {
    return actor.role === 'commissioner' || actor.role === 'auditor';
  }

  async mayRead(actor: Actor, personId: string): Promise<boolean> {
    const entry = this.#runner.state(peopleDirectory).people.get(personId);
    return mayReadPersonalData(actor, { personId, supportedBy: entry ? supportersOn(entry.supporterChanges, today()) : [] });
  }

  /** The people a provider's organisation supports (anyone else supports nobody): whom it may name in what it records. */
  async supportedPeople(actor: Actor): Promise<readonly string[]> {
    if (actor.role !== 'provider' || !actor.organisation) return [];
    return supportedByOrganisation(this.#runner.state(peopleDirectory), actor.organisation, today());
  }

  /** Everyone, or the set of people this actor may read about. */
  async readablePeople(actor: Actor): Promise<ReadablePeople> {
    if (await this.readsEveryone(actor)) return 'everyone';
    if (actor.role === 'provider' && actor.organisation) {
      return new Set(supportedByOrganisation(this.#runner.state(peopleDirectory), actor.organisation, today()));
    }
    if (actor.role === 'self-advocate' && actor.personId) return new Set([actor.personId]);
    return new Set();
  }
}

/**
 * Which decision events hold facts about one person's own life (health and care: what
 * changed for them, how they were supported to decide or a best-interests decision).
 * Views, risks and involvement name people too, but every reader of decisions reads
 * those (README). Keyed by every event type, so a new one must be placed here.
 */
const aboutOnePersonsLife = {
  DecisionProposed: false,
  InformationShared: false,
  ParticipantInvolved: false,
  ViewRecorded: false,
  OptionConsidered: false,
  RiskIdentified: false,
  RiskAccepted: false,
  RiskReviewed: false,
  SupportedDecisionRecorded: true,
  DecisionMade: false,
  FeedbackGiven: false,
  ChangeForPersonRecorded: true,
  DecisionChallenged: false,
  ChallengeResolved: false,
  CoproductionReviewed: false,
  DecisionSuperseded: false,
  DecisionWithdrawn: false,
  FactConfirmed: false,
  FactDisputed: false,
} as const satisfies Record<DecisionEventType, boolean>;

export const WITHHELD = 'you may not read what is recorded about this person';

/** A raw event as this reader may see it: about a person they may not read, it keeps its place and says whose it is, and nothing more. */
export function eventAsSeenBy(event: StoredEvent, mayRead: (personId: string) => boolean): StoredEvent {
  const decision = asDecisionEvent(event);
  if (!decision || !aboutOnePersonsLife[decision.type] || !('personId' in decision.data)) return event;
  const { decisionId, personId } = decision.data;
  return mayRead(personId) ? event : { ...event, data: { decisionId, personId, withheld: WITHHELD } };
}
