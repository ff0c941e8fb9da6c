// The log the rebuild, verify and HTTP phases run over: the person register, then
// decisions recorded as people record them (proposed, information shared, people
// involved, their views, options, risks identified and accepted, the decision answering
// every view, feedback, what changed for people, now and then a co-production review,
// a risk review, a challenge or a supersession), many decisions in flight at once so
// their streams interleave. Every event is decided by the real deciders and chained
// exactly as the command handler chains it (src/application/command-handler.ts), then
// appended straight to the store in large batches: building the log is setup.
import { randomBytes, randomUUID } from 'node:crypto';
import { chainEvents } from '../src/events/chain-events.js';
import type { Actor } from '../src/domain/actor.js';
import type { DomainEvent } from '../src/domain/decider.js';
import { decisionDecider, type DecisionCommand } from '../src/domain/decisions/decide.js';
import { decisionStream } from '../src/domain/decisions/decision-events.js';
import type { DecisionState } from '../src/domain/decisions/decision.js';
import { personDecider, type PersonCommand } from '../src/domain/people/decide.js';
import type { CommunicationNeed } from '../src/domain/people/person-facts.js';
import { personStream } from '../src/domain/people/person-events.js';
import type { PersonState } from '../src/domain/people/person.js';
import type { AccessibleFormat, Party, Rung } from '../src/domain/shared/vocabulary.js';
import { sealPersonalData } from '../src/privacy/personal-data.js';
import type { EventRegistry } from '../src/events/event-registry.js';
import type { EventStore } from '../src/store/event-store.js';

/** What the command handler is given besides the command: here, what the HTTP layer would give it. */
export interface PlannedContext {
  commandId: string;
  requestId: string;
}

/** One command as a user would issue it, with the stream it goes to. */
export type PlannedCommand = { stream: string; context: PlannedContext; last: boolean } & (
  | { aggregate: 'decision'; command: DecisionCommand }
  | { aggregate: 'person'; command: PersonCommand }
);

export interface DomainLogOptions {
  /** Stop after this many events (the last decisions may be left in flight, as in a live log). */
  events?: number;
  /**
   * Or: this many whole decisions. With `events` too, the log holds both: decisions are then
   * whole or only just opened (proposed, information shared, the first people involved), mixed
   * so the events a decision come out at what the two counts ask (issue 17: 1M events and
   * 100,000 decisions in one log, about 10 events a decision against about 22 for a whole one).
   */
  decisions?: number;
  /** Seeds the shapes (how many views, which people…); ids stay random, as on the server. */
  seed?: number;
  /** Decisions in flight at once, whose events interleave in the log. */
  inFlight?: number;
  /**
   * The key a person's register entry is sealed with, by their place in the register; undefined
   * for a key thrown away (the log holds only ciphertext either way). Subject access needs the
   * real key of the people it is asked about, kept where the server keeps keys.
   */
  personKey?: (personId: string, registerIndex: number) => Buffer | undefined;
}

export const COUNCIL = 'Leeds City Council';
export const SELF_ADVOCACY_GROUP = 'Leeds self-advocacy group';
const PROVIDERS = [
  'Hillside Support',
  'Aire Valley Care',
  'Kirkstall Community Living',
  'Roundhay Supported Living',
  'Chapeltown Day Opportunities',
  'Headingley Home Care',
  'Otley Shared Lives',
  'Morley Outreach',
  'Pudsey Independent Living',
  'Wetherby Respite Services',
];
const OFFICERS = ['Jo Fielding, commissioning manager', 'Sam Akhtar, commissioning officer', 'Ruth Ellis, head of commissioning', 'Dev Patel, contracts officer'];

/** A small deterministic generator, so every run writes logs of the same shape and size. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

type Random = () => number;
const between = (random: Random, low: number, high: number) => low + Math.floor(random() * (high - low + 1));
function pick<T>(items: readonly T[], random: Random): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}
function pickSome<T>(items: readonly T[], count: number, random: Random): T[] {
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, items.length)) chosen.add(pick(items, random));
  return [...chosen];
}
const sentences = (items: readonly string[], count: number, random: Random) => pickSome(items, count, random).join(' ');

const TITLES = [
  'Move the day service to the community hub',
  'Extend respite hours over the school holidays',
  'A new evening rota for home care',
  'Fund a carers support group in Morley',
  'Replace night sleep-ins with assistive technology',
  'Individual Service Funds for people at the day centre',
  'Travel training instead of council transport',
  'Supported employment with local businesses',
  'Shared Lives placements for short breaks',
  'Community connectors for people living alone',
  'Change how staff are deployed across three houses',
  'Close the Thursday club and fund local activities',
];
const SUMMARIES = [
  'People told us the current arrangement does not fit the lives they want to lead, and several asked for more choice over when and where they get support.',
  'The provider proposes a change that would free staff time for activities in the community, reducing reliance on paid support where people want that.',
  'The contract ends next March. Before we decide what replaces it, we want to design the options with the people who use the service and their families.',
  'The money stays the same. What changes is who decides how it is spent: each person would have a budget they control, with help if they want it.',
  'Families have raised concerns about continuity of staff. This decision sets out how we will keep familiar faces while the service changes.',
  'The Partnership Board asked for this to be reviewed after complaints about late visits and missed medication prompts in the evenings.',
];
const EASY_READ = [
  'We want to change how your support works.',
  'You can tell us what you think.',
  'Nothing will change without talking to you first.',
  'You can bring someone to help you.',
  'The money for your support stays the same.',
  'You can choose what you do in the day.',
  'We will meet at the community centre.',
  'We will write to you after we decide.',
];
const VIEWS = [
  'I want to go swimming with my friend on Tuesdays, not sit at the centre all day.',
  'I like my staff. I do not want new people I do not know.',
  'I would like to choose who helps me and when they come.',
  'My mum worries about the bus. I want to learn to travel on my own.',
  'I want a job, not just activities. I am good with computers.',
  'The evening visits are too early. I want to go to bed later like everyone else.',
  'It is hard to say what I think in big meetings. I liked the small group with pictures.',
  'I like the club on Thursday. It is where I see my friends.',
  'We support the idea, but the time it takes to set up must be planned with families.',
  'The technology sounds good if someone still checks on me at night.',
];
const REASONS = [
  'My friends are at the centre and I only see them there.',
  'Managing a budget would fall on the family, and the time this takes has not been acknowledged.',
  'Staff contracts and the building lease run to March; moving too fast would hurt the people we support.',
  'Nobody has explained what happens if the sensor does not work.',
  'The bus route does not run after six, so the evening activities are out of reach.',
];
const OPTIONS = [
  ['Keep the service as it is', 'Familiar to everyone', 'Does not give people more choice'],
  ['Individual Service Funds held by a provider each person chooses', 'People choose how their support is spent', 'More work to set up'],
  ['Direct Payments with a support broker', 'Most choice and control', 'Some families do not want to be employers'],
  ['A smaller centre two days a week, plus community activities', 'Keeps friendships going', 'Less money for individual budgets'],
  ['Assistive technology with a responder service', 'More privacy at night', 'Depends on the phone signal in two houses'],
] as const;
const RISKS = [
  'Some people may lose touch with friends they see at the day centre.',
  'A sensor may miss a fall at night if it is placed badly.',
  'Travelling alone: a person may get lost or be exploited on the way.',
  'Families may take on more coordination than they can manage.',
  'Staff may leave during the change, breaking continuity of support.',
];
const WORTH_TAKING = [
  'People told us they want more independence; the risk is managed with travel training, a phone with a map and a named contact.',
  'Keeping people in the same routine also has costs: isolation and fewer chances to try new things. The risk is reviewed at three months.',
  'The person chose this and understands what could go wrong; their circle of support agreed how to check in.',
];
const MITIGATIONS = ['Travel training for eight weeks', 'A named contact at the provider', 'Review at three months', 'Friendship group meets fortnightly', 'Sensor placement checked by an occupational therapist', 'Support broker for families who want one'];
const DECISION_REASONS = [
  'Most people who gave their views wanted more choice, and the concerns raised are answered by keeping a smaller centre open and a named contact for families.',
  'The option agreed is the one people designed together at the workshops; the changes made answer the worries about friendships and transport.',
  'We could not agree this now: the provider needs time to consult staff, and families asked for more information in easy read before anyone decides.',
];
const ANSWERS = [
  'You said you want more choice. We agreed individual budgets, with help to plan them if you want it.',
  'You said you want to keep your friends. The centre stays open two days a week and the friendship group is funded.',
  'You said the bus is a problem. Travel training starts in May and the evening taxi stays for now.',
  'You said families need time. Nobody moves before their plan is agreed with them.',
];
const FEEDBACK = [
  'We wrote to everyone who took part in easy read, saying what we decided and why, and what happens next.',
  'The self-advocacy group presented the decision at the Partnership Board and answered questions from families.',
  'Each person had a one-to-one meeting with their support worker to go through what changes for them.',
];
const BEFORE_AFTER = [
  ['Went to the day centre five days a week.', 'Goes swimming on Tuesdays and works at the café two mornings.'],
  ['Staff slept in every night.', 'Sleeps without anyone in the house; a responder comes if the sensor calls.'],
  ['Used council transport, always with staff.', 'Travels to college on the bus alone.'],
  ['Had no say over who supported them.', 'Chose their support worker at an interview they helped to run.'],
] as const;
const INFORMATION = ['Easy-read booklet about the options, posted two weeks before the first meeting', 'Large-print copy of the proposal', 'Audio recording of the booklet', 'British Sign Language video of the proposal', 'The full report to the commissioning board'];
const COMMENTS = [
  'We were asked before anything was decided and we helped write the options. This felt like co-production.',
  'We were told what was going to happen and asked to agree. That is consultation, not co-production.',
  'We designed the questions together, but the decision was made in a meeting we were not invited to.',
];
const NEEDS: readonly CommunicationNeed[] = ['easy-read', 'easy-read', 'easy-read', 'large-print', 'audio', 'british-sign-language', 'advocate'];
const FORMAT_FOR: Partial<Record<CommunicationNeed, AccessibleFormat>> = {
  'easy-read': 'easy-read',
  'large-print': 'large-print',
  audio: 'audio',
  'british-sign-language': 'british-sign-language',
};
const HIGH_RUNGS: readonly Rung[] = ['consultation', 'engagement', 'co-design', 'co-design', 'co-production'];
const STANCES = ['supports', 'supports', 'supports', 'has-concerns', 'opposes', 'unsure'] as const;

interface Person {
  personId: string;
  needs: CommunicationNeed[];
  provider: string;
}

/** The tokens people hold: each command carries one of them as its actor. */
interface Actors {
  officers: Actor[];
  providers: Map<string, Actor>;
  selfAdvocates: Actor;
}

function makeActors(): Actors {
  return {
    officers: OFFICERS.map((name) => ({ id: randomUUID(), name, role: 'commissioner', organisation: COUNCIL })),
    providers: new Map(PROVIDERS.map((organisation) => [organisation, { id: randomUUID(), name: `${organisation}, service manager`, role: 'provider', organisation }])),
    selfAdvocates: { id: randomUUID(), name: `${SELF_ADVOCACY_GROUP} (shared token)`, role: 'self-advocate' },
  };
}

/** A simulated clock: about a minute between commands, so a million events span two years. */
class Clock {
  #ms = Date.parse('2025-01-06T09:00:00Z');
  readonly #random: Random;
  constructor(random: Random) {
    this.#random = random;
  }
  tick(): string {
    this.#ms += between(this.#random, 10, 110) * 1000;
    return new Date(this.#ms).toISOString();
  }
  dateIn(days: number): string {
    return new Date(this.#ms + days * 86_400_000).toISOString().slice(0, 10);
  }
}

const personParty = (p: Person): Party => ({ role: 'person-using-support', personId: p.personId });
const providerParty = (organisation: string): Party => ({ role: 'provider', organisation });
const councilParty: Party = { role: 'commissioner', organisation: COUNCIL };
const selfAdvocacyParty: Party = { role: 'self-advocate', label: SELF_ADVOCACY_GROUP };
const boardParty: Party = { role: 'partnership-board', label: 'Leeds Learning Disability Partnership Board' };

/** Builds a decision command when its turn comes, at the simulated time. */
type DecisionStep = (now: string) => DecisionCommand;

/** The commands of one decision, in the order people record them. */
function decisionScript(random: Random, clock: Clock, people: readonly Person[], actors: Actors): { decisionId: string; steps: DecisionStep[] } {
  const decisionId = randomUUID();
  const officer = pick(actors.officers, random);
  const affected = pickSome(people, between(random, 2, 6), random);
  const organisation = affected[0]?.provider ?? pick(PROVIDERS, random);
  const provider = actors.providers.get(organisation) ?? officer;
  const providerChange = random() < 0.3;
  const steps: DecisionStep[] = [];
  const step = (build: DecisionStep) => steps.push(build);

  // A provider names only the people it supports (the route reads them from the register).
  const supported = people.filter((p) => p.provider === organisation).map((p) => p.personId);
  step((now) => ({ actor: providerChange ? provider : officer, now,
    ...(providerChange ? { supportedPeople: supported } : {}),
    type: 'ProposeDecision',
    data: {
      decisionId,
      kind: providerChange ? 'provider-change' : 'commissioning',
      title: pick(TITLES, random),
      summary: sentences(SUMMARIES, between(random, 1, 2), random),
      easyReadSummary: pickSome(EASY_READ, between(random, 3, 5), random),
      proposedBy: providerChange ? providerParty(organisation) : councilParty,
      affects: { people: affected.map((p) => p.personId).filter((id) => !providerChange || supported.includes(id)), groups: ['people who use the service', 'their families'] },
      ...(random() < 0.6 ? { money: { amount: between(random, 20, 900) * 100_000, description: 'a year, from the existing budget' } } : {}),
      organisations: [organisation],
    },
  }));
  const formats = [...new Set(affected.flatMap((p) => p.needs.map((n) => FORMAT_FOR[n]).filter((f): f is AccessibleFormat => !!f)))];
  for (const format of formats.length > 0 ? formats.slice(0, 3) : ['standard' as const]) {
    step((now) => ({ actor: officer, now,
      type: 'ShareInformation',
      data: {
        informationId: randomUUID(),
        sharedWith: affected.filter((p) => p.needs.some((n) => FORMAT_FOR[n] === format) || format === 'standard').map(personParty),
        format,
        timing: 'before-asking-for-views',
        sharedAt: now,
        description: pick(INFORMATION, random),
      },
    }));
  }
  const involved: Party[] = [...affected.map(personParty), providerParty(organisation), councilParty];
  if (random() < 0.4) involved.push(boardParty);
  if (random() < 0.3) involved.push({ role: 'family-carer', onBehalfOf: affected[0]?.personId, label: 'Family carers group' });
  for (const participant of involved) {
    step((now) => ({ actor: officer, now,
      type: 'RecordInvolvement',
      data: {
        involvementId: randomUUID(),
        participant,
        stage: pick(['identifying-the-need', 'designing-options', 'designing-options', 'deciding'] as const, random),
        rung: pick(HIGH_RUNGS, random),
        support: participant.role === 'person-using-support' ? pickSome(['easy-read-papers-in-advance', 'time-to-prepare', 'accessible-venue', 'advocate', 'travel-support'] as const, 2, random) : [],
      },
    }));
  }
  const viewIds: string[] = [];
  const speakers: { party: Party; actor: Actor }[] = [
    ...pickSome(affected, between(random, 1, 3), random).map((p) => ({ party: personParty(p), actor: officer })),
    { party: selfAdvocacyParty, actor: actors.selfAdvocates },
  ];
  if (random() < 0.6) speakers.push({ party: providerParty(organisation), actor: provider });
  for (const { party, actor } of speakers) {
    const viewId = randomUUID();
    viewIds.push(viewId);
    const stance = pick(STANCES, random);
    step((now) => ({ actor, now,
      type: 'RecordView',
      data: {
        viewId,
        by: party,
        stance,
        inOwnWords: sentences(VIEWS, between(random, 1, 2), random),
        ...(stance === 'has-concerns' || stance === 'opposes' ? { reason: pick(REASONS, random) } : {}),
      },
    }));
  }
  for (let i = between(random, 1, 2); i > 0; i--) {
    const [title, pro, con] = pick(OPTIONS, random);
    step((now) => {
      // A provider puts an option forward in its own name only.
      const byProvider = random() < 0.5 && provider.role === 'provider';
      return { actor: byProvider ? provider : officer, now,
        type: 'ConsiderOption',
        data: { optionId: randomUUID(), title, description: `${title}. ${pick(SUMMARIES, random)}`, pros: [pro], cons: [con], putForwardBy: byProvider ? providerParty(organisation) : random() < 0.5 ? councilParty : selfAdvocacyParty },
      };
    });
  }
  const riskIds: string[] = [];
  for (let i = between(random, 1, 2); i > 0; i--) {
    const riskId = randomUUID();
    riskIds.push(riskId);
    const bearer = pick(affected, random);
    step((now) => ({ actor: officer, now,
      type: 'IdentifyRisk',
      data: { riskId, description: pick(RISKS, random), fallsOn: [personParty(bearer)], likelihood: pick(['low', 'medium'] as const, random), impact: pick(['medium', 'high'] as const, random) },
    }));
    step((now) => ({ actor: officer, now,
      type: 'AcceptRisk',
      data: {
        riskId,
        acceptedBy: [personParty(bearer), councilParty],
        whyWorthTaking: pick(WORTH_TAKING, random),
        mitigations: pickSome(MITIGATIONS, 2, random),
        reviewDate: clock.dateIn(90),
      },
    }));
  }
  const makeDecision = (outcome: 'agreed' | 'agreed-with-changes' | 'declined' | 'deferred') =>
    step((now) => ({ actor: officer, now,
      type: 'MakeDecision',
      data: {
        outcome,
        reasons: pick(DECISION_REASONS, random),
        decidedBy: [councilParty, boardParty],
        claimedRung: pick(HIGH_RUNGS, random),
        reviewDate: clock.dateIn(180),
        answers: outcome === 'deferred' ? [] : viewIds.map((viewId) => ({ viewId, answer: pick(ANSWERS, random) })),
      },
    }));
  const roll = random();
  if (roll < 0.05) makeDecision('deferred');
  makeDecision(roll < 0.6 ? 'agreed' : roll < 0.88 ? 'agreed-with-changes' : 'declined');
  for (let i = between(random, 1, 2); i > 0; i--) {
    step((now) => ({ actor: officer, now,
      type: 'GiveFeedback',
      data: { feedbackId: randomUUID(), to: affected.map(personParty), format: formats[0] ?? 'standard', message: pick(FEEDBACK, random) },
    }));
  }
  for (const person of pickSome(affected, between(random, 1, 3), random)) {
    const [before, after] = pick(BEFORE_AFTER, random);
    step((now) => ({ actor: officer, now,
      type: 'RecordChangeForPerson',
      data: {
        changeId: randomUUID(),
        personId: person.personId,
        area: pick(['home', 'work', 'community', 'relationships', 'choice-and-control', 'support'] as const, random),
        before,
        after,
        direction: random() < 0.8 ? 'better' : 'no-change',
        inPersonsOwnWords: random() < 0.5,
      },
    }));
  }
  if (random() < 0.3) {
    step((now) => ({ actor: actors.selfAdvocates, now,
      type: 'ReviewCoproduction',
      data: { reviewId: randomUUID(), by: selfAdvocacyParty, rungReached: pick(HIGH_RUNGS, random), comments: pick(COMMENTS, random) },
    }));
  }
  const firstRisk = riskIds[0];
  if (firstRisk && random() < 0.2) {
    step((now) => ({ actor: officer, now,
      type: 'ReviewRisk',
      data: { riskId: firstRisk, reviewId: randomUUID(), outcome: pick(['still-acceptable', 'mitigated', 'closed'] as const, random), notes: pick(WORTH_TAKING, random) },
    }));
  }
  if (random() < 0.04) {
    const challengeId = randomUUID();
    step((now) => ({ actor: actors.selfAdvocates, now, type: 'ChallengeDecision', data: { challengeId, by: selfAdvocacyParty, reason: pick(REASONS, random) } }));
    step((now) => ({ actor: officer, now,
      type: 'ResolveChallenge',
      data: { challengeId, panel: [selfAdvocacyParty, { role: 'family-carer', label: 'Family carers group' }, councilParty], finding: pick(['upheld', 'partly-upheld', 'not-upheld'] as const, random), reasons: pick(DECISION_REASONS, random) },
    }));
  }
  if (random() < 0.02) {
    step((now) => ({ actor: officer, now, type: 'SupersedeDecision', data: { supersededBy: randomUUID(), reason: 'A new decision replaces this one after the review.' } }));
  }
  return { decisionId, steps };
}

function personRegistration(person: Person, random: Random, actor: Actor, now: string, key: Buffer): PersonCommand {
  const name = `${pick(['Aisha', 'Tom', 'Grace', 'Daniel', 'Mary', 'Sam', 'Joseph', 'Priya'], random)} ${pick(['Khan', 'Barker', 'Okafor', 'Price', 'Whitfield', 'Lee', 'Hart', 'Shah'], random)}`;
  return {
    type: 'RegisterPerson',
    actor,
    now,
    data: {
      personId: person.personId,
      personal: sealPersonalData({ name, contactDetails: `via ${person.provider}` }, key, person.personId),
      communicationNeeds: person.needs.map((need) => ({ need })),
      supportedBy: [person.provider],
    },
    // What a context loader would read from the provider register: the workload's providers are registered ones.
    registeredProviders: [person.provider],
  };
}

const context = (): PlannedContext => ({ commandId: randomUUID(), requestId: randomUUID() });

/**
 * The commands, in log order: everyone in the register first (one person per 8 decisions,
 * at least 40), then `inFlight` decisions at a time, a step of a random one each turn, with
 * now and then someone's communication needs recorded again.
 */
export function* planDomainCommands(options: DomainLogOptions): Generator<PlannedCommand> {
  const random = lcg(options.seed ?? 1);
  const clock = new Clock(random);
  const actors = makeActors();
  const officer = actors.officers[0];
  if (!officer) throw new Error('no commissioning officer');
  const wantedDecisions = options.decisions ?? Math.ceil((options.events ?? 0) / 22);
  const maxEvents = options.events ?? Number.POSITIVE_INFINITY;
  const peopleCount = Math.max(40, Math.ceil(wantedDecisions / 8));
  // The events a decision should average when both counts are given (the register and the odd needs update aside).
  const stepsPerDecision = options.events && options.decisions ? (0.995 * options.events - peopleCount) / options.decisions : Number.POSITIVE_INFINITY;
  let plannedSteps = 0;
  const people: Person[] = Array.from({ length: peopleCount }, (_, i) => ({
    personId: `P-${(0x100000 + i).toString(36).toUpperCase()}`,
    needs: random() < 0.8 ? [pick(NEEDS, random)] : [],
    provider: pick(PROVIDERS, random),
  }));
  let events = 0;
  for (const [index, person] of people.entries()) {
    if (events >= maxEvents) return;
    events++;
    const key = options.personKey?.(person.personId, index) ?? randomBytes(32);
    yield { aggregate: 'person', stream: personStream(person.personId), context: context(), last: false, command: personRegistration(person, random, officer, clock.tick(), key) };
  }
  let started = 0;
  const inFlight: { stream: string; steps: DecisionStep[]; next: number }[] = [];
  const refill = () => {
    while (inFlight.length < (options.inFlight ?? 300) && started < wantedDecisions) {
      const { decisionId, steps: whole } = decisionScript(random, clock, people, actors);
      // Ahead of the mean asked for: this decision is only just opened (kept whole otherwise), so the mix stays on target.
      const steps = plannedSteps > stepsPerDecision * started ? whole.slice(0, between(random, 1, 5)) : whole;
      plannedSteps += steps.length;
      inFlight.push({ stream: decisionStream(decisionId), steps, next: 0 });
      started++;
    }
  };
  refill();
  while (inFlight.length > 0 && events < maxEvents) {
    events++;
    if (random() < 0.005) {
      const person = pick(people, random);
      const needs = random() < 0.5 ? [pick(NEEDS, random)] : [];
      yield {
        aggregate: 'person',
        stream: personStream(person.personId),
        context: context(),
        last: false,
        command: { type: 'RecordCommunicationNeeds', actor: officer, now: clock.tick(), data: { communicationNeeds: needs.map((need) => ({ need })) } },
      };
      continue;
    }
    const at = Math.floor(random() * inFlight.length);
    const decision = inFlight[at];
    const step = decision?.steps[decision.next++];
    if (!decision || !step) throw new Error('a decision in flight has no next step');
    const last = decision.next === decision.steps.length;
    yield { aggregate: 'decision', stream: decision.stream, context: context(), last, command: step(clock.tick()) };
    if (last) {
      inFlight.splice(at, 1);
      refill();
    }
  }
}


interface StreamHead<State> {
  revision: number;
  hash: string | null;
  state: State;
}

export interface DomainLogSummary {
  events: number;
  decisions: number;
  people: number;
  /** Decisions still open to new facts (not superseded or withdrawn), in the order they were proposed. */
  openDecisionIds: string[];
  /** The mean length of an event's payload as JSON, in bytes. */
  meanDataBytes: number;
  /** The people decisions are proposed as affecting, those named in most first: subject access's heaviest cases. */
  peopleByDecisions: string[];
}

/** Appends this many commands at once: the store writes them in one or two group commits. */
const APPEND_BATCH = 2_000;

/** Plans the log (planDomainCommands) and appends it (appendPlannedCommands). */
export function writeDomainLog(
  store: EventStore,
  registry: EventRegistry,
  options: DomainLogOptions,
  onProgress?: (events: number) => void,
): Promise<DomainLogSummary> {
  return appendPlannedCommands(store, registry, planDomainCommands(options), onProgress);
}

/** Runs each command through its decider and the chain, and appends the events in large batches. */
export async function appendPlannedCommands(
  store: EventStore,
  registry: EventRegistry,
  commands: Iterable<PlannedCommand>,
  onProgress?: (events: number) => void,
): Promise<DomainLogSummary> {
  const decisions = new Map<string, StreamHead<DecisionState>>();
  const people = new Map<string, StreamHead<PersonState>>();
  const proposed: string[] = [];
  const closed = new Set<string>();
  const namedIn = new Map<string, number>();
  let events = 0;
  let dataBytes = 0;
  let pending: Promise<unknown>[] = [];

  function next<State, Event extends DomainEvent>(
    heads: Map<string, StreamHead<State>>,
    decider: { initialState: () => State; evolve: (state: State, event: Event) => State },
    stream: string,
    decide: (state: State) => Event[],
    actor: Actor,
    planned: PlannedCommand,
  ): State {
    const head = heads.get(stream) ?? { revision: -1, hash: null, state: decider.initialState() };
    const decided = decide(head.state);
    const chained = chainEvents(registry, { stream, revision: head.revision, lastHash: head.hash }, decided, actor, {
      ...planned.context,
      recordedAt: new Date().toISOString(),
    });
    const expectedRevision = head.revision === -1 ? ('no_stream' as const) : head.revision;
    const wanted = head.revision + chained.length;
    pending.push(
      store.append(stream, chained, { expectedRevision }).then((result) => {
        if (result.nextExpectedRevision !== wanted) throw new Error(`${stream} is at ${result.nextExpectedRevision}, not ${wanted}`);
      }),
    );
    for (const event of decided) head.state = decider.evolve(head.state, event);
    for (const event of chained) dataBytes += JSON.stringify(event.data).length;
    head.revision = wanted;
    head.hash = chained.at(-1)?.metadata?.hash ?? head.hash;
    heads.set(stream, head);
    events += chained.length;
    return head.state;
  }

  for (const planned of commands) {
    if (planned.aggregate === 'decision') {
      const { command } = planned;
      const state = next(decisions, decisionDecider, planned.stream, (s) => decisionDecider.decide(command, s), command.actor, planned);
      if (command.type === 'ProposeDecision') {
        proposed.push(command.data.decisionId);
        for (const person of command.data.affects.people) namedIn.set(person, (namedIn.get(person) ?? 0) + 1);
      }
      if (state.status === 'superseded' || state.status === 'withdrawn') closed.add(state.decisionId);
      // A finished decision's state is no longer needed to decide: keep memory flat over a million events.
      if (planned.last) decisions.delete(planned.stream);
    } else {
      const { command } = planned;
      next(people, personDecider, planned.stream, (s) => personDecider.decide(command, s), command.actor, planned);
    }
    if (pending.length >= APPEND_BATCH) {
      await Promise.all(pending);
      pending = [];
      onProgress?.(events);
    }
  }
  await Promise.all(pending);
  onProgress?.(events);
  const openDecisionIds = proposed.filter((id) => !closed.has(id));
  const peopleByDecisions = [...namedIn].sort((a, b) => b[1] - a[1]).map(([person]) => person);
  return { events, decisions: proposed.length, people: people.size, openDecisionIds, meanDataBytes: dataBytes / events, peopleByDecisions };
}
