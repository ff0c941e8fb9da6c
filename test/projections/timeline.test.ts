// The timeline of a decision: given decision, contract and register events, then the
// decision's entries hold the contract and register events that concern it, in log order,
// with who did it and when — and no personal field ever reaches an entry.
import t from 'tap';
import { foldEvents } from '../../projections/projection.js';
import { timeline, timelineQueryAnswer } from '../../projections/timeline.js';
import { contractStream, type ContractEvent } from '../../src/domain/contracts/contract-events.js';
import { decisionStream, type DecisionEvent } from '../../src/domain/decisions/decision-events.js';
import { personStream, type PersonEvent } from '../../src/domain/people/person-events.js';
import type { DomainEvent } from '../../src/domain/decider.js';
import type { Actor } from '../../src/store/event-store.js';
import { storedEvents } from '../support/stored-events.js';

const at = (day: number) => `2026-10-${String(day).padStart(2, '0')}T09:00:00+01:00`;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const block = id(1);
const otherContract = id(2);
const disaggregation = id(9);
const unrelatedDecision = id(8);
const affected = 'P-HS01';
const notAffected = 'P-XX99';
const commissioner: Actor = { id: 'tok-c', role: 'commissioner', name: 'Jo Fielding', organisation: 'Leeds City Council' };
const commissionerParty = { role: 'commissioner' as const, organisation: 'Leeds City Council' };

/** Sealed fields and needs detail as they would sit in the register: none may reach a timeline entry. */
const sealed = { alg: 'AES-256-GCM' as const, keyId: 'SEALED-KEY-ID', iv: 'SEALEDIVSEALEDIV', tag: 'SEALEDTAGSEALEDTAGSEAL==', ciphertext: 'U0VBTEVEQ0lQSEVSVEVYVA==' };
const needs = [{ need: 'british-sign-language' as const, flag: 'BSL' }];

const proposed: DecisionEvent = {
  type: 'DecisionProposed',
  data: {
    decisionId: disaggregation,
    kind: 'disaggregation',
    title: 'Hillside block to Individual Service Funds',
    summary: 'Turn the block into individual budgets.',
    easyReadSummary: ['Money will go to each person.'],
    proposedBy: commissionerParty,
    affects: { people: [affected], groups: [] },
    contractId: block,
    organisations: ['Hillside Support'],
    at: at(3),
  },
};
const unrelated: DecisionEvent = {
  type: 'DecisionProposed',
  data: {
    decisionId: unrelatedDecision,
    kind: 'commissioning',
    title: 'Respite beds',
    summary: 'More respite.',
    easyReadSummary: ['More short breaks.'],
    proposedBy: commissionerParty,
    affects: { people: [notAffected], groups: [] },
    organisations: [],
    at: at(3),
  },
};

const given: { stream: string; event: DomainEvent; actor?: Actor }[] = [
  // Before the decision: the person's registration and the contract's registration.
  { stream: personStream(affected), event: { type: 'PersonRegistered', data: { personId: affected, personal: sealed, communicationNeeds: needs, supportedBy: ['Hillside Support'], at: at(1) } } satisfies PersonEvent },
  { stream: personStream(notAffected), event: { type: 'PersonRegistered', data: { personId: notAffected, personal: sealed, communicationNeeds: [], supportedBy: [], at: at(1) } } satisfies PersonEvent },
  {
    stream: contractStream(block),
    event: { type: 'ContractRegistered', data: { contractId: block, provider: 'Hillside Support', type: 'block', annualValue: 40_000_000, peopleCovered: [affected], service: 'Hillside day centre', start: '2024-04-01', at: at(2) } } satisfies ContractEvent,
  },
  { stream: decisionStream(disaggregation), event: proposed, actor: commissioner },
  { stream: decisionStream(unrelatedDecision), event: unrelated },
  { stream: personStream(affected), event: { type: 'CommunicationNeedsRecorded', data: { personId: affected, communicationNeeds: needs, personal: sealed, at: at(4) } } satisfies PersonEvent },
  { stream: personStream(notAffected), event: { type: 'CommunicationNeedsRecorded', data: { personId: notAffected, communicationNeeds: needs, at: at(4) } } satisfies PersonEvent },
  { stream: contractStream(block), event: { type: 'DisaggregationPlanned', data: { contractId: block, decisionId: disaggregation, timetable: [{ step: 'Budgets start', by: '2027-02-01' }], amountToRelease: 30_000_000, at: at(5) } } satisfies ContractEvent, actor: commissioner },
  { stream: contractStream(block), event: { type: 'IndividualBudgetAllocated', data: { contractId: block, allocationId: id(11), personId: affected, amount: 10_000_000, route: 'individual-service-fund', heldBy: 'Hillside Support', at: at(6) } } satisfies ContractEvent },
  { stream: contractStream(otherContract), event: { type: 'ContractVaried', data: { contractId: otherContract, change: 'More hours.', reasons: 'Annual review.', newAnnualValue: 1_000, at: at(6) } } satisfies ContractEvent },
  { stream: contractStream(block), event: { type: 'PersonMovedToNewArrangement', data: { contractId: block, personId: affected, allocationId: id(11), date: '2027-02-01', at: at(7) } } satisfies ContractEvent },
  { stream: personStream(affected), event: { type: 'SupportingProvidersChanged', data: { personId: affected, supportedBy: ['Wharfedale Living'], at: at(8) } } satisfies PersonEvent },
  { stream: contractStream(block), event: { type: 'AllocationEnded', data: { contractId: block, allocationId: id(11), personId: affected, date: '2027-06-30', reason: 'Chose another provider.', at: at(9) } } satisfies ContractEvent },
  { stream: contractStream(block), event: { type: 'ContractVaried', data: { contractId: block, change: 'Less block.', reasons: 'Money released.', newAnnualValue: 10_000_000, at: at(10) } } satisfies ContractEvent },
  { stream: contractStream(block), event: { type: 'ContractEnded', data: { contractId: block, date: '2027-12-31', reason: 'All moved.', at: at(11) } } satisfies ContractEvent },
  { stream: personStream(affected), event: { type: 'PersonalDataErased', data: { personId: affected, reason: 'the-person-asked', at: at(12) } } satisfies PersonEvent },
];
const events = storedEvents(given);
const state = foldEvents(timeline, events);
const entries = timelineQueryAnswer(state, disaggregation);

t.test('a disaggregation decision shows its contract events and the register events of the people it affects, in log order', async (t) => {
  t.same(
    entries.map((e) => e.what),
    [
      `registered ${affected}`,
      'proposed the decision',
      `recorded communication needs for ${affected}`,
      'planned the disaggregation of the contract',
      `allocated an individual budget for ${affected}`,
      `moved ${affected} to a new arrangement`,
      `changed who supports ${affected}`,
      `ended an allocation for ${affected}`,
      'varied the contract',
      'ended the contract',
      `erased the personal data of ${affected}`,
    ],
  );
  const positions = entries.map((e) => e.position);
  t.same(positions, [...positions].sort((a, b) => a - b), 'in log order');
  t.notOk(entries.some((e) => e.type === 'ContractRegistered'), 'the contract’s registration is not one of the decision’s events');
  t.notOk(entries.some((e) => e.stream === contractStream(otherContract)), 'another contract’s events stay out');
  t.notOk(JSON.stringify(entries).includes(notAffected), 'a person the decision does not affect stays out');
});

t.test('each entry says who did it and when', async (t) => {
  const plan = entries.find((e) => e.type === 'DisaggregationPlanned');
  t.same(plan?.who, { name: 'Jo Fielding', role: 'commissioner', organisation: 'Leeds City Council' });
  t.equal(plan?.at, at(5), 'the time the event records');
  t.equal(plan?.stream, contractStream(block));
  t.equal(entries[0]?.at, at(1));
});

t.test('no personal field reaches a timeline entry', async (t) => {
  const text = JSON.stringify([...state.entries.values(), ...state.decisions.values()]);
  for (const secret of [sealed.keyId, sealed.iv, sealed.tag, sealed.ciphertext, 'AES-256-GCM', 'BSL', 'british-sign-language', 'Wharfedale Living', 'Chose another provider', 'the-person-asked']) {
    t.notOk(text.includes(secret), `no ${secret}`);
  }
  const keys = new Set(entries.flatMap((e) => Object.keys(e)));
  t.same([...keys].sort(), ['at', 'eventId', 'position', 'stream', 'type', 'what', 'who'], 'an entry holds only the timeline’s own fields');
});

t.test('a decision of another kind naming no contract has only its own events and its people’s', async (t) => {
  t.same(
    timelineQueryAnswer(state, unrelatedDecision).map((e) => e.what),
    [`registered ${notAffected}`, 'proposed the decision', `recorded communication needs for ${notAffected}`],
  );
});

t.test('the whole timeline holds each event once, in log order', async (t) => {
  const all = timelineQueryAnswer(state, undefined);
  t.equal(all.length, events.length, 'every event once');
  t.same(
    all.map((e) => e.position),
    events.map((e) => e.position),
  );
  t.same(timelineQueryAnswer(state, disaggregation), entries, 'one decision: its entries');
  t.same(timelineQueryAnswer(state, id(77)), [], 'an unknown decision: none');
});
