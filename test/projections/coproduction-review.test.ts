import t from 'tap';
import { allFlags, coproductionReview, reviewDecision } from '../../projections/coproduction-review.js';
import { foldEvents } from '../../projections/projection.js';
import type { DecisionEvent } from '../../src/domain/decisions/decision-events.js';
import { storedEvents } from '../support/stored-events.js';

const decisionId = '11111111-1111-4111-8111-111111111111';
const stream = `decision-${decisionId}`;
const at = '2026-03-02T10:00:00+00:00';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const anna = { role: 'person-using-support' as const, personId: 'P-7K2Q9M' };
const bilal = { role: 'person-using-support' as const, personId: 'P-3H8W4T' };
const provider = { role: 'provider' as const, organisation: 'Real Life Options' };
const commissioner = { role: 'commissioner' as const, organisation: 'Leeds City Council' };

const proposed: DecisionEvent = {
  type: 'DecisionProposed',
  data: {
    decisionId,
    kind: 'commissioning',
    title: 'Holly Road day service',
    summary: 'Change the day service.',
    easyReadSummary: ['We want to change the day service.'],
    proposedBy: commissioner,
    affects: { people: ['P-7K2Q9M', 'P-3H8W4T'], groups: [] },
    organisations: ['Real Life Options'],
    at,
  },
};
const informed = (who: typeof anna, n: number, timing: 'before-asking-for-views' | 'after-asking-for-views' = 'before-asking-for-views'): DecisionEvent => ({
  type: 'InformationShared',
  data: { decisionId, informationId: id(n), sharedWith: [who], format: 'easy-read', timing, sharedAt: at, description: 'Easy-read letter', at },
});
const involved = (who: typeof anna | typeof provider | typeof commissioner, n: number, rung: 'co-production' | 'informing' = 'co-production'): DecisionEvent => ({
  type: 'ParticipantInvolved',
  data: { decisionId, involvementId: id(n), participant: who, stage: 'designing-options', rung, support: [], at },
});
const view = (who: typeof anna, n: number): DecisionEvent => ({
  type: 'ViewRecorded',
  data: { decisionId, viewId: id(n), by: who, stance: 'supports', inOwnWords: 'I want to try new things.', at },
});
const made = (answers: string[], when = at): DecisionEvent => ({
  type: 'DecisionMade',
  data: { decisionId, outcome: 'agreed', reasons: 'People want it.', decidedBy: [commissioner], claimedRung: 'co-production', reviewDate: '2026-09-01', answers: answers.map((viewId) => ({ viewId, answer: 'We did it.' })), at: when },
});
const riskIdentified: DecisionEvent = { type: 'RiskIdentified', data: { decisionId, riskId: id(50), description: 'Bus travel', fallsOn: [anna], likelihood: 'low', impact: 'medium', at } };
const riskAccepted = (by: (typeof anna | typeof commissioner)[]): DecisionEvent => ({
  type: 'RiskAccepted',
  data: { decisionId, riskId: id(50), acceptedBy: by, whyWorthTaking: 'More freedom', mitigations: [], reviewDate: '2026-05-01', at },
});
const feedback: DecisionEvent = { type: 'FeedbackGiven', data: { decisionId, feedbackId: id(60), to: [anna, bilal], format: 'easy-read', message: 'This is what we decided.', at } };
const change: DecisionEvent = {
  type: 'ChangeForPersonRecorded',
  data: { decisionId, changeId: id(70), personId: 'P-7K2Q9M', area: 'work', before: 'No job', after: 'A job at the café', direction: 'better', inPersonsOwnWords: true, at },
};
const review = (rung: 'co-production' | 'consultation'): DecisionEvent => ({
  type: 'CoproductionReviewed',
  data: { decisionId, reviewId: id(80), by: { role: 'self-advocate', label: 'Speak Up group' }, rungReached: rung, comments: 'We were asked late.', at },
});

const fold = (events: DecisionEvent[]) => foldEvents(coproductionReview, storedEvents(events.map((event) => ({ stream, event }))));
const statuses = (events: DecisionEvent[], now = '2026-03-10T00:00:00+00:00') =>
  reviewDecision(fold(events), decisionId, now)?.checks.map((c) => c.status);

t.test('a decision co-produced with people who use support passes all nine checks', async (t) => {
  const events = [
    proposed,
    informed(anna, 1),
    informed(bilal, 2),
    involved(anna, 3),
    involved(bilal, 4),
    involved(provider, 5),
    involved(commissioner, 6),
    view(anna, 7),
    riskIdentified,
    riskAccepted([anna, commissioner]),
    made([id(7)]),
    feedback,
    change,
    review('co-production'),
  ];
  const result = reviewDecision(fold(events), decisionId, '2026-03-10T00:00:00+00:00');
  t.same(result?.checks.map((c) => c.status), Array(9).fill('pass'));
  t.equal(result?.passed, 9);
  t.equal(result?.highestRungReached, 'co-production');
  t.equal(result?.claimedRung, 'co-production');
  t.same(result?.flags, []);
  t.ok(result?.checks.every((c) => c.evidence.length > 0), 'every check points to its evidence');
});

t.test('lip service: told afterwards, one person present, no feedback', async (t) => {
  const events = [proposed, involved(anna, 3, 'informing'), view(anna, 7), informed(anna, 1, 'after-asking-for-views'), made([]), review('consultation')];
  const now = '2026-04-15T00:00:00+00:00'; // more than 28 days after the decision
  const result = reviewDecision(fold(events), decisionId, now);
  const byKey = Object.fromEntries(result?.checks.map((c) => [c.key, c.status]) ?? []);
  t.equal(byKey['involved-before-decision'], 'pass');
  t.equal(byKey['not-the-only-one'], 'fail', 'only one person who uses support');
  t.equal(byKey['accessible-information-first'], 'fail', 'information came after the views were asked');
  t.equal(byKey['three-partners'], 'fail', 'no provider took part');
  t.equal(byKey['views-answered'], 'fail', 'the view got no answer');
  t.equal(byKey['feedback-given'], 'fail', 'no feedback in 28 days');
  t.equal(byKey['self-advocates-agree'], 'fail', 'the self-advocates say consultation, not co-production');
  t.equal(result?.highestRungReached, 'informing');
  const codes = result?.flags.map((f) => f.code).sort();
  t.same(codes, ['no-feedback', 'only-one-person', 'rung-disagreement']);
  t.match(result?.flags.find((f) => f.code === 'rung-disagreement')?.message, /We were asked late/, 'a disagreement carries the self-advocate’s reason');
});

t.test('before the decision, checks wait rather than fail', async (t) => {
  t.same(statuses([proposed]), ['not-yet', 'not-yet', 'not-yet', 'not-yet', 'not-yet', 'pass', 'not-yet', 'not-yet', 'not-yet']);
});

t.test('feedback is not yet due within 28 days', async (t) => {
  const early = statuses([proposed, involved(anna, 3), made([])], '2026-03-20T00:00:00+00:00');
  t.equal(early?.[6], 'not-yet');
  const late = statuses([proposed, involved(anna, 3), made([])], '2026-04-20T00:00:00+00:00');
  t.equal(late?.[6], 'fail');
});

t.test('a risk accepted without the person who bears it fails check 6', async (t) => {
  t.equal(statuses([proposed, riskIdentified, riskAccepted([commissioner])])?.[5], 'fail');
  t.equal(statuses([proposed, riskIdentified, riskAccepted([{ role: 'family-carer', onBehalfOf: 'P-7K2Q9M' } as never, commissioner])])?.[5], 'pass', 'a representative they chose counts');
});

t.test('overdue reviews are flagged across all decisions', async (t) => {
  const state = fold([proposed, involved(anna, 3), riskIdentified, riskAccepted([anna]), made([]), feedback]);
  const flags = allFlags(state, '2026-10-01T00:00:00+00:00').map((f) => f.code).sort();
  t.same(flags, ['decision-review-overdue', 'only-one-person', 'risk-review-overdue']);
});
