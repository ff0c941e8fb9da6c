import t from 'tap';
import { changesFor, changesForPeople } from '../../projections/changes-for-people.js';
import { decisionList, listDecisions } from '../../projections/decision-list.js';
import { involvement, involvementOf } from '../../projections/involvement.js';
import { foldEvents } from '../../projections/projection.js';
import { listRisks, riskRegister } from '../../projections/risk-register.js';
import { timeline, timelineQueryAnswer } from '../../projections/timeline.js';
import { viewsAndAnswers, youSaidWeDid } from '../../projections/you-said-we-did.js';
import type { DecisionEvent } from '../../src/domain/decisions/decision-events.js';
import { storedEvents } from '../support/stored-events.js';

const decisionId = '11111111-1111-4111-8111-111111111111';
const stream = `decision-${decisionId}`;
const at = '2026-03-02T10:00:00+00:00';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const anna = { role: 'person-using-support' as const, personId: 'P-7K2Q9M' };
const commissioner = { role: 'commissioner' as const, organisation: 'Leeds City Council' };

const given: DecisionEvent[] = [
  {
    type: 'DecisionProposed',
    data: {
      decisionId,
      kind: 'disaggregation',
      title: 'Holly Road block contract to Individual Service Funds',
      summary: 'Turn the block contract into Individual Service Funds.',
      easyReadSummary: ['Money for the day centre will go to each person.'],
      proposedBy: commissioner,
      affects: { people: ['P-7K2Q9M'], groups: [] },
      contractId: id(99),
      organisations: ['Real Life Options'],
      at,
    },
  },
  { type: 'ParticipantInvolved', data: { decisionId, involvementId: id(1), participant: anna, stage: 'designing-options', rung: 'co-design', support: ['advocate'], at } },
  { type: 'ViewRecorded', data: { decisionId, viewId: id(2), by: anna, stance: 'has-concerns', inOwnWords: 'I want to keep my friends.', reason: 'They matter to me.', at } },
  { type: 'RiskIdentified', data: { decisionId, riskId: id(3), description: 'Losing friendships', fallsOn: [anna], likelihood: 'medium', impact: 'high', at } },
  { type: 'RiskAccepted', data: { decisionId, riskId: id(3), acceptedBy: [anna, commissioner], whyWorthTaking: 'A life in the community', mitigations: ['Keep Tuesday club'], reviewDate: '2026-05-01', at } },
  { type: 'DecisionMade', data: { decisionId, outcome: 'agreed', reasons: 'People want choice.', decidedBy: [commissioner], claimedRung: 'co-design', reviewDate: '2026-09-01', answers: [{ viewId: id(2), answer: 'Tuesday club stays.' }], at } },
  { type: 'ParticipantInvolved', data: { decisionId, involvementId: id(4), participant: anna, stage: 'reviewing', rung: 'co-production', support: [], at } },
  { type: 'ChangeForPersonRecorded', data: { decisionId, changeId: id(5), personId: 'P-7K2Q9M', area: 'work', before: 'No job', after: 'Works at the café', direction: 'better', inPersonsOwnWords: true, at } },
  { type: 'RiskReviewed', data: { decisionId, riskId: id(3), reviewId: id(6), outcome: 'still-acceptable', notes: 'Going well', nextReviewDate: '2026-08-01', at } },
];
const events = storedEvents(given.map((event) => ({ stream, event })));

t.test('decision list', async (t) => {
  const state = foldEvents(decisionList, events);
  const [summary] = listDecisions(state, { kind: 'disaggregation', contractId: id(99) });
  t.equal(summary?.status, 'decided');
  t.equal(summary?.outcome, 'agreed');
  t.same(listDecisions(state, { status: 'proposed' }), [], 'filters by status');
  t.same(listDecisions(state, { kind: 'commissioning' }), [], 'filters by kind');
});

t.test('involvement', async (t) => {
  const result = involvementOf(foldEvents(involvement, events), decisionId);
  t.equal(result?.entries.length, 2);
  t.same(result?.entries.map((e) => e.beforeDecision), [true, false]);
  t.equal(result?.peopleWhoUseSupportTookPartBeforeDecision, true);
  t.same(result?.byStage, { 'designing-options': 1, reviewing: 1 });
  t.equal(involvementOf(foldEvents(involvement, events), id(42)), undefined, 'an unknown decision has none');
});

t.test('risk register', async (t) => {
  const state = foldEvents(riskRegister, events);
  const [risk] = listRisks(state, '2026-06-01T00:00:00Z');
  t.equal(risk?.status, 'accepted');
  t.same(risk?.acceptedBy, [anna, commissioner]);
  t.equal(risk?.reviewDue, '2026-08-01', 'the next review date comes from the last review');
  t.equal(risk?.overdue, false);
  t.equal(listRisks(state, '2026-09-01T00:00:00Z', { overdueOnly: true }).length, 1, 'overdue after the review date');
  t.equal(listRisks(state, '2026-06-01T00:00:00Z', { person: 'P-3H8W4T' }).length, 0, 'by the person who bears it');
});

t.test('changes for people', async (t) => {
  const result = changesFor(foldEvents(changesForPeople, events), { person: 'P-7K2Q9M' });
  t.equal(result.changes.length, 1);
  t.same(result.tally, { better: 1, worse: 0, 'no-change': 0 });
  t.equal(result.inOwnWords, 1);
  t.equal(result.changes[0]?.decisionTitle, 'Holly Road block contract to Individual Service Funds');
});

t.test('you said — we did', async (t) => {
  const [entry] = viewsAndAnswers(foldEvents(youSaidWeDid, events), { decisionId });
  t.equal(entry?.youSaid, 'I want to keep my friends.');
  t.equal(entry?.weDid, 'Tuesday club stays.');
  t.equal(entry?.answered, true);
});

t.test('timeline', async (t) => {
  const entries = timelineQueryAnswer(foldEvents(timeline, events), decisionId);
  t.equal(entries.length, given.length);
  t.equal(entries[5]?.what, 'made the decision: agreed');
  t.equal(entries[2]?.what, 'recorded a view (has-concerns)');
  t.notMatch(JSON.stringify(entries), /keep my friends/, 'no free text from the record');
});
