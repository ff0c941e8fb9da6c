import t from 'tap';
import { changesForPeople } from '../../projections/changes-for-people.js';
import { coproductionReview } from '../../projections/coproduction-review.js';
import { decisionDetail, decisionDetailSchema } from '../../projections/decision-detail.js';
import { decisionRecordOf, decisionRecords } from '../../projections/decision-records.js';
import { involvement } from '../../projections/involvement.js';
import { peopleDirectory } from '../../projections/people-directory.js';
import { foldEvents, type Collections, type Projection } from '../../projections/projection.js';
import { riskRegister } from '../../projections/risk-register.js';
import { youSaidWeDid } from '../../projections/you-said-we-did.js';
import type { DecisionEvent } from '../../src/domain/decisions/decision-events.js';
import type { StoredEvent } from '../../src/store/event-store.js';
import { storedEvents } from '../support/stored-events.js';

const decisionId = '22222222-2222-4222-8222-222222222222';
const stream = `decision-${decisionId}`;
const at = '2026-03-02T10:00:00+00:00';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const anna = { role: 'person-using-support' as const, personId: 'P-7K2Q9M' };
const ben = { role: 'person-using-support' as const, personId: 'P-4B8N2X' };
const commissioner = { role: 'commissioner' as const, organisation: 'Leeds City Council' };

const given: DecisionEvent[] = [
  {
    type: 'DecisionProposed',
    data: {
      decisionId,
      kind: 'commissioning',
      title: 'Day opportunities in Holly Road',
      summary: 'What people do in the day.',
      easyReadSummary: ['What you do in the day.'],
      proposedBy: commissioner,
      affects: { people: [anna.personId, ben.personId], groups: [] },
      organisations: [],
      at,
    },
  },
  { type: 'ViewRecorded', data: { decisionId, viewId: id(1), by: anna, stance: 'supports', inOwnWords: 'I like it.', at } },
  { type: 'RiskIdentified', data: { decisionId, riskId: id(2), description: 'Losing friendships', fallsOn: [anna], likelihood: 'medium', impact: 'high', at } },
  { type: 'RiskReviewed', data: { decisionId, riskId: id(2), reviewId: id(3), outcome: 'closed', notes: 'It did not happen.', at } },
  { type: 'DecisionMade', data: { decisionId, outcome: 'agreed', reasons: 'People want it.', decidedBy: [commissioner], claimedRung: 'co-design', reviewDate: '2026-09-01', answers: [{ viewId: id(1), answer: 'We did it.' }], at } },
  { type: 'ChangeForPersonRecorded', data: { decisionId, changeId: id(4), personId: anna.personId, area: 'community', before: 'Home all day.', after: 'Out twice a week.', direction: 'better', inPersonsOwnWords: true, at } },
  { type: 'ChangeForPersonRecorded', data: { decisionId, changeId: id(5), personId: ben.personId, area: 'work', before: 'No job.', after: 'A job.', direction: 'better', inPersonsOwnWords: false, at } },
  { type: 'DecisionChallenged', data: { decisionId, challengeId: id(6), by: ben, reason: 'Nobody asked me.', at } },
  { type: 'ChallengeResolved', data: { decisionId, challengeId: id(6), panel: [anna], finding: 'partly-upheld', reasons: 'Asked too late.', revision: { outcome: 'agreed-with-changes', reasons: 'Two days a week.' }, at } },
];
const events = storedEvents(given.map((event) => ({ stream, event })));

const projections: Projection[] = [decisionRecords, riskRegister, involvement, changesForPeople, youSaidWeDid, coproductionReview, peopleDirectory];
const statesOf = (log: StoredEvent[]) => new Map(projections.map((p) => [p.name, foldEvents(p, log)]));
const states = statesOf(events);
// Each state is the one its own projection folded.
const stateOf = <S extends Collections<S>>(projection: Projection<S>) => states.get(projection.name) as S;
const now = '2026-04-01T00:00:00.000Z';
const query = { decisionId, stateOf, directory: foldEvents(peopleDirectory, []), now };

t.test('decision records: every fact in order, the outcome in force and the stream revision', async (t) => {
  const record = decisionRecordOf(foldEvents(decisionRecords, events), decisionId);
  t.ok(record, 'recorded once proposed');
  if (!record) return;
  t.equal(record.title, 'Day opportunities in Holly Road');
  t.equal(record.status, 'decided');
  t.equal(record.made?.outcome, 'agreed', 'the decision as made');
  t.equal(record.outcome, 'agreed-with-changes', 'the revision after the challenge is the outcome in force');
  t.equal(record.revision, given.length - 1, 'the revision of the last event');
  t.same(record.views.map((v) => v.inOwnWords), ['I like it.'], 'views in full, in their own words');
  t.equal(record.risks[0]?.status, 'closed', 'a risk closed at its review');
  t.equal(record.challenges[0]?.resolution?.finding, 'partly-upheld');
  t.equal(decisionRecordOf(foldEvents(decisionRecords, events.slice(1)), decisionId), undefined, 'nothing before the proposal');
});

t.test('decision detail: the record with what the projections say, after the read rules, as its schema says', async (t) => {
  const everyone = decisionDetail({ ...query, readable: 'everyone' });
  t.ok(everyone);
  t.same(decisionDetailSchema.parse(everyone), everyone, 'the answer is exactly what its schema describes');
  t.same(everyone?.changes.map((c) => c.personId), [anna.personId, ben.personId]);
  t.equal(everyone?.coproductionReview?.checks.length, 9, 'the nine checks');
  t.same(everyone?.risks.map((r) => r.status), ['closed'], 'the register’s risks');
  t.same(everyone?.youSaidWeDid.map((v) => v.weDid), ['We did it.']);

  const annaOnly = decisionDetail({ ...query, readable: new Set([anna.personId]) });
  t.same(annaOnly?.changes.map((c) => c.personId), [anna.personId], 'no change about someone the reader may not read');
  t.same(annaOnly?.changesForPeople.changes.map((c) => c.personId), [anna.personId]);
  t.same(annaOnly?.people.map((p) => [p.personId, p.visible]), [[anna.personId, true], [ben.personId, false]]);

  t.equal(decisionDetail({ ...query, decisionId: id(99), readable: 'everyone' }), undefined, 'no decision, no detail');
});
