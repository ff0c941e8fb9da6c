// The Partnership Board report, figure by figure, from given events: the second quarter of
// 2026 against the first. Decisions whose lives cut through the period, a superseded and a
// withdrawn one, people forgotten, the small-number rule, consent for quotes, the money.
import t from 'tap';
import { boardReport, type BoardReportInput } from '../../projections/board-report.js';
import { boardRows } from '../../projections/board-rows.js';
import { contracts } from '../../projections/contracts.js';
import { reviewDecision, coproductionReview } from '../../projections/coproduction-review.js';
import { foldEvents } from '../../projections/projection.js';
import { contractStream, type ContractEvent } from '../../src/domain/contracts/contract-events.js';
import type { DecisionEvent } from '../../src/domain/decisions/decision-events.js';
import { personStream, type PersonEvent } from '../../src/domain/people/person-events.js';
import type { DomainEvent } from '../../src/domain/decider.js';
import { storedEvents } from '../support/stored-events.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [A, B, C, D] = [id(1), id(2), id(3), id(4)];
const contractId = id(900);
const ORG = 'Real Life Options';
const person = (personId: string) => ({ role: 'person-using-support' as const, personId });
const anna = person('P-7K2Q9M');
const bilal = person('P-3H8W4T');
const commissioner = { role: 'commissioner' as const, organisation: 'Leeds City Council' };
const day = (date: string) => `${date}T10:00:00+00:00`;
const NOW = '2026-09-01T12:00:00.000Z';
const annasToken = { id: 'tok-anna', role: 'self-advocate' as const, name: 'Anna' };

type Given = { stream: string; event: DomainEvent; actor?: typeof annasToken };
const on = (decisionId: string, event: DecisionEvent, actor?: typeof annasToken): Given => ({ stream: `decision-${decisionId}`, event, ...(actor ? { actor } : {}) });
const proposed = (decisionId: string, date: string, kind: 'commissioning' | 'provider-change', organisations: string[], contract?: string): Given =>
  on(decisionId, {
    type: 'DecisionProposed',
    data: {
      decisionId, kind, title: `Decision ${decisionId.slice(-1)}`, summary: 'A change.', easyReadSummary: ['A change.'], proposedBy: commissioner,
      affects: { people: [], groups: [] }, organisations, ...(contract ? { contractId: contract } : {}), at: day(date),
    },
  });
const made = (decisionId: string, date: string, outcome: 'agreed' | 'deferred', reviewDate: string, answers: string[] = []): Given =>
  on(decisionId, { type: 'DecisionMade', data: { decisionId, outcome, reasons: 'Reasons.', decidedBy: [commissioner], claimedRung: 'co-production', reviewDate, answers: answers.map((viewId) => ({ viewId, answer: 'Done.' })), at: day(date) } });
const change = (n: number, personId: string, date: string, consent: { ownWords: boolean; mayBeQuoted?: boolean }): Given =>
  on(A, {
    type: 'ChangeForPersonRecorded',
    data: { decisionId: A, changeId: id(700 + n), personId, area: 'work', before: 'No job', after: `A job, says ${personId}`, direction: 'better', inPersonsOwnWords: consent.ownWords, ...(consent.mayBeQuoted === undefined ? {} : { mayBeQuoted: consent.mayBeQuoted }), at: day(date) },
  });
const contract = (event: ContractEvent): Given => ({ stream: contractStream(contractId), event });

const given: Given[] = [
  contract({ type: 'ContractRegistered', data: { contractId, provider: ORG, type: 'block', annualValue: 100_000, peopleCovered: ['P-7K2Q9M'], service: 'Day centre', start: '2026-01-01', at: day('2026-01-02') } }),
  // A: proposed in the first quarter, made in the second; feedback given five days after, recorded in the third quarter.
  proposed(A, '2026-02-10', 'commissioning', [ORG], contractId),
  on(A, { type: 'ParticipantInvolved', data: { decisionId: A, involvementId: id(10), participant: anna, stage: 'designing-options', rung: 'co-production', support: [], at: day('2026-04-01') } }),
  on(A, { type: 'ViewRecorded', data: { decisionId: A, viewId: id(20), by: anna, stance: 'supports', inOwnWords: 'Yes.', at: day('2026-04-02') } }, annasToken),
  on(A, { type: 'ViewRecorded', data: { decisionId: A, viewId: id(21), by: bilal, stance: 'supports', inOwnWords: 'Yes.', at: day('2026-04-03') } }),
  made(A, '2026-04-15', 'agreed', '2026-10-01', [id(20), id(21)]),
  on(A, { type: 'FeedbackGiven', data: { decisionId: A, feedbackId: id(30), to: [anna], format: 'easy-read', message: 'We agreed.', occurredAt: day('2026-04-20'), at: day('2026-07-05') } }),
  on(A, { type: 'CoproductionReviewed', data: { decisionId: A, reviewId: id(40), by: { role: 'self-advocate', label: 'Speak Up' }, rungReached: 'consultation', comments: 'Asked late.', at: day('2026-05-01') } }),
  change(1, 'P-7K2Q9M', '2026-05-02', { ownWords: true, mayBeQuoted: true }),
  change(2, 'P-3H8W4T', '2026-05-03', { ownWords: true }),
  change(3, 'P-9C4V2N', '2026-05-04', { ownWords: true, mayBeQuoted: true }),
  { stream: personStream('P-9C4V2N'), event: { type: 'PersonalDataErased', data: { personId: 'P-9C4V2N', reason: 'the-person-asked', at: day('2026-06-01') } } satisfies PersonEvent },
  // B: deferred in the first quarter, to be looked at again by 1 May; decided only after the second quarter.
  proposed(B, '2026-03-01', 'provider-change', ['Other Org']),
  made(B, '2026-03-20', 'deferred', '2026-05-01'),
  made(B, '2026-08-01', 'agreed', '2027-01-01'),
  // C: proposed and superseded in the second quarter; D: proposed and withdrawn in the first.
  proposed(C, '2026-05-01', 'commissioning', [ORG]),
  on(C, { type: 'DecisionSuperseded', data: { decisionId: C, supersededBy: A, reason: 'Replaced.', at: day('2026-06-01') } }),
  proposed(D, '2026-01-05', 'commissioning', [ORG]),
  on(D, { type: 'DecisionWithdrawn', data: { decisionId: D, reason: 'Not needed.', at: day('2026-02-01') } }),
  contract({ type: 'DisaggregationPlanned', data: { contractId, decisionId: A, timetable: [{ step: 'Split', by: '2026-06-01' }], amountToRelease: 40_000, at: day('2026-04-16') } }),
  contract({ type: 'IndividualBudgetAllocated', data: { contractId, allocationId: id(800), personId: 'P-7K2Q9M', amount: 20_000, route: 'direct-payment', at: day('2026-05-10') } }),
  contract({ type: 'PersonMovedToNewArrangement', data: { contractId, allocationId: id(800), personId: 'P-7K2Q9M', date: '2026-05-20', at: day('2026-05-10') } }),
];

const events = storedEvents(given);
const rows = foldEvents(boardRows, events);
const money = foldEvents(contracts, events);
const report = (overrides: Partial<BoardReportInput> = {}) =>
  boardReport({ rows, contracts: money, query: { from: '2026-04-01', to: '2026-06-30' }, now: NOW, asOfPosition: events.length, readable: 'everyone', ...overrides });

t.test('decisions fall in the period by when each step happened, beside the quarter before', async (t) => {
  const r = report();
  t.same(r.period, { from: '2026-04-01', to: '2026-06-30', previousFrom: '2026-01-01', previousTo: '2026-03-31' }, 'the quarter before (whole months are compared with as many months before)');
  t.same(r.decisions.proposed, { now: 1, before: 3, change: 'down' });
  t.same(r.decisions.made, { now: 1, before: 0, change: 'up' }, 'a deferral is not a decision');
  t.same(r.decisions.deferred, { now: 0, before: 1, change: 'down' });
  t.same(r.decisions.superseded, { now: 1, before: 0, change: 'up' });
  t.same(r.decisions.withdrawn, { now: 0, before: 1, change: 'down' });
  t.same(r.decisions.openPastReview, [{ decisionId: B, title: 'Decision 2', reviewDate: '2026-05-01' }], 'decided in August, B was still open past its review at the end of June');
  const later = report({ query: { from: '2026-07-01', to: '2026-09-30' } });
  t.same(later.decisions.openPastReview, [], 'by the end of September it was decided');
  t.same(later.decisions.made.now, 1);
});

t.test('co-production: the checks as the review judges them now, the ladder and the disagreements', async (t) => {
  const r = report();
  const review = reviewDecision(foldEvents(coproductionReview, events), A, NOW);
  for (const check of review?.checks ?? []) {
    const counted = r.coproduction.checks.find((c) => c.key === check.key);
    const status = check.status === 'not-yet' ? 'notYet' : check.status;
    t.equal(counted?.[status].now, 1, `${check.key}: ${check.status}, as GET /decisions/:id says`);
  }
  t.match(r.coproduction.ladder.find((l) => l.rung === 'co-production'), { claimed: 1, saidByPeople: 0 });
  t.match(r.coproduction.ladder.find((l) => l.rung === 'consultation'), { claimed: 0, saidByPeople: 1 });
  t.same(r.coproduction.disagreements, [{ decisionId: A, title: 'Decision 1', claimed: 'co-production', saidByPeople: ['consultation'] }]);
  t.same(r.flags.find((f) => f.code === 'rung-disagreement')?.decisions, [{ decisionId: A, title: 'Decision 1' }]);
});

t.test('listening: views in their own words or recorded for them, answered, and days to feedback by when it was given', async (t) => {
  const { listening } = report();
  t.same(listening.viewsFromPeople.now, 2);
  t.same(listening.inOwnWords.now, 1);
  t.same(listening.recordedForThem.now, 1);
  t.same(listening.answered.now, 2);
  t.same(listening.daysToFeedback, { median: 5, worst: 5 }, 'given on 20 April, though recorded in July');
  t.same(listening.withoutFeedback, []);
});

t.test('what changed: everyone counted, fewer than 5 shown as such, quoted only with consent and never once forgotten', async (t) => {
  const { changes } = report();
  t.same(changes.recorded, { now: 3, before: 0, change: 'up' });
  t.same(changes.peopleWithAChange, { now: { fewerThan: 5 }, before: 0, change: 'unknown' }, 'the forgotten person is counted');
  t.same(changes.byArea, [{ area: 'work', better: 3, worse: 0, noChange: 0 }]);
  t.same(changes.quotes, [{ area: 'work', direction: 'better', words: 'A job, says P-7K2Q9M' }], 'no consent, or forgotten: not quoted');
  t.same(report({ readable: new Set(['P-3H8W4T']) }).changes.quotes, [], 'only words the reader may read');
  t.same(report({ forgottenNow: (p) => p === 'P-7K2Q9M' }).changes.quotes, [], 'forgotten since: not quoted, even as it stood');
  t.notMatch(JSON.stringify(rows.rows.get(A)), /says P-9C4V2N/, 'a forgotten person’s words leave the read model');
});

t.test('five people or more are given as a number', async (t) => {
  const more = [...given, ...['P-1A1A1A', 'P-2B2B2B'].map((p, i) => change(10 + i, p, '2026-06-02', { ownWords: false }))];
  const r = boardReport({ rows: foldEvents(boardRows, storedEvents(more)), contracts: money, query: { from: '2026-04-01', to: '2026-06-30' }, now: NOW, asOfPosition: 0, readable: 'everyone' });
  t.same(r.changes.peopleWithAChange.now, 5);
});

t.test('money as it stood at the end of the period, and the share individualised month by month', async (t) => {
  const { money: m } = report();
  t.same(m.contracts, [{ contractId, provider: ORG, released: 40_000, allocatedByRoute: [{ route: 'direct-payment', amount: 20_000 }], remainingInBlock: 60_000, peopleMoved: { fewerThan: 5 } }]);
  t.same(m.individualisedOverTime, [{ month: '2026-04', share: 0 }, { month: '2026-05', share: 0.2 }, { month: '2026-06', share: 0.2 }]);
  t.same(report({ query: { from: '2026-01-01', to: '2026-03-31' } }).money.contracts[0]?.released, 0, 'nothing was released before the plan');
});

t.test('filters and an organisation’s own report read only its decisions', async (t) => {
  const own = report({ organisation: ORG });
  t.equal(own.scope, 'organisation');
  t.same(own.decisions.proposed, { now: 1, before: 2, change: 'down' }, 'B concerns another organisation');
  t.same(own.decisions.openPastReview, []);
  t.same(report({ query: { from: '2026-04-01', to: '2026-06-30', kind: 'provider-change' } }).decisions.proposed, { now: 0, before: 1, change: 'down' });
  t.same(report({ query: { from: '2026-04-01', to: '2026-06-30', contract: contractId } }).decisions.made.now, 1);
  t.same(report({ organisation: 'Other Org' }).money.contracts, [], 'another organisation’s contracts are not in it');
});

t.test('a period of days is compared with as many days before it', async (t) => {
  t.same(report({ query: { from: '2026-04-10', to: '2026-04-19' } }).period, { from: '2026-04-10', to: '2026-04-19', previousFrom: '2026-03-31', previousTo: '2026-04-09' });
  t.same(report({ query: { from: '2026-03-01', to: '2026-03-31' } }).period.previousFrom, '2026-02-01', 'March against February');
});

t.test('a list names at most 100 decisions; a flag counts them all', async (t) => {
  const many = Array.from({ length: 105 }, (_, i) => id(2000 + i));
  const lots = storedEvents(many.flatMap((decisionId) => [proposed(decisionId, '2026-04-02', 'commissioning', [ORG]), made(decisionId, '2026-04-03', 'agreed', '2026-10-01')]));
  const r = boardReport({ rows: foldEvents(boardRows, lots), contracts: money, query: { from: '2026-04-01', to: '2026-06-30' }, now: NOW, asOfPosition: 0, readable: 'everyone' });
  const withoutPeople = r.flags.find((f) => f.code === 'decided-without-people');
  t.equal(withoutPeople?.count, 105);
  t.equal(withoutPeople?.decisions.length, 100);
  t.equal(r.listening.withoutFeedback.length, 100);
  t.equal(r.decisions.made.now, 105, 'counts are never cut short');
});

t.test('a need recorded later judges check 3 again, in the rows as in the review', async (t) => {
  const informed: Given = on(A, { type: 'InformationShared', data: { decisionId: A, informationId: id(50), sharedWith: [anna], format: 'large-print', timing: 'before-asking-for-views', sharedAt: day('2026-03-30'), description: 'A letter', at: day('2026-03-30') } });
  const needs: Given = { stream: personStream('P-7K2Q9M'), event: { type: 'CommunicationNeedsRecorded', data: { personId: 'P-7K2Q9M', communicationNeeds: [{ need: 'easy-read' }], at: day('2026-06-10') } } satisfies PersonEvent };
  const status = (events: Given[]) => {
    const stored = storedEvents(events);
    const fromRows = foldEvents(boardRows, stored).rows.get(A)?.checks['accessible-information-first'];
    const fromReview = reviewDecision(foldEvents(coproductionReview, stored), A, NOW)?.checks.find((c) => c.key === 'accessible-information-first')?.status;
    return { fromRows, fromReview };
  };
  const before = given.slice(0, 2);
  const rest = given.slice(2);
  t.same(status([...before, informed, ...rest]), { fromRows: 'pass', fromReview: 'pass' }, 'large print, and no need recorded');
  t.same(status([...before, informed, ...rest, needs]), { fromRows: 'fail', fromReview: 'fail' }, 'she needs easy read');
});
