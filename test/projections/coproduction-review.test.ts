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

/** Anna's own (bound self-advocate) token: what it records is in her own words. */
const annasToken = { id: 'tok-anna', role: 'self-advocate', name: 'Anna' };
/** An event recorded by Anna herself rather than by the commissioning team (storedEvents' default actor). */
const byAnna = (event: DecisionEvent) => ({ event, actor: annasToken });
type Given = DecisionEvent | { event: DecisionEvent; actor: typeof annasToken };
const fold = (events: Given[]) =>
  foldEvents(coproductionReview, storedEvents(events.map((given) => ('actor' in given ? { stream, ...given } : { stream, event: given }))));
const confirmed = (fact: 'view' | 'risk-acceptance' | 'change', factId: string, n: number, disputed = false): Given =>
  byAnna(
    disputed
      ? { type: 'FactDisputed', data: { decisionId, disputeId: id(n), fact, factId, personId: 'P-7K2Q9M', inOwnWords: 'That is not what I said.', at } }
      : { type: 'FactConfirmed', data: { decisionId, confirmationId: id(n), fact, factId, personId: 'P-7K2Q9M', at } },
  );
const statuses = (events: Given[], now = '2026-03-10T00:00:00+00:00') =>
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
    // Issue 15: a view counts as Anna's own when she recorded it, a risk as accepted with her when she confirmed it.
    byAnna(view(anna, 7)),
    riskIdentified,
    riskAccepted([anna, commissioner]),
    confirmed('risk-acceptance', id(50), 90),
    made([id(7)]),
    feedback,
    byAnna(change),
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
  // Issue 15's rung rule: being told (the informing rung) is not being involved, so check 1 now fails here.
  t.equal(byKey['involved-before-decision'], 'fail', 'Anna was only told, on the informing rung');
  t.equal(byKey['not-the-only-one'], 'fail', 'only one person who uses support');
  t.equal(byKey['accessible-information-first'], 'fail', 'information came after the views were asked');
  t.equal(byKey['three-partners'], 'fail', 'no provider took part');
  t.equal(byKey['views-answered'], 'fail', 'the view got no answer');
  t.equal(byKey['feedback-given'], 'fail', 'no feedback in 28 days');
  t.equal(byKey['self-advocates-agree'], 'fail', 'the self-advocates say consultation, not co-production');
  t.equal(result?.highestRungReached, 'informing');
  const codes = result?.flags.map((f) => f.code).sort();
  // Issue 15's new flags join the three it raised before: told, not involved; a view unanswered; a view recorded for Anna, unconfirmed.
  t.same(codes, ['decided-without-people', 'no-feedback', 'on-behalf-unconfirmed', 'only-one-person', 'rung-disagreement', 'told-afterwards', 'views-unanswered']);
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
  // Issue 15: the acceptance recorded for Anna counts once she has confirmed it.
  const state = fold([proposed, involved(anna, 3), riskIdentified, riskAccepted([anna]), confirmed('risk-acceptance', id(50), 90), made([]), feedback]);
  const flags = allFlags(state, '2026-10-01T00:00:00+00:00').map((f) => f.code).sort();
  t.same(flags, ['decision-review-overdue', 'only-one-person', 'risk-review-overdue']);
});

// --- Issue 15: the review weighs evidence, not claims -----------------------------------------

const reviewOf = (events: Given[], now = '2026-03-10T00:00:00+00:00') => reviewDecision(fold(events), decisionId, now);
const statusOf = (events: Given[], key: string, now?: string) => reviewOf(events, now)?.checks.find((c) => c.key === key)?.status;
const flagCodesOf = (events: Given[], now?: string) => reviewOf(events, now)?.flags.map((f) => f.code) ?? [];
/** The same view of Anna's four ways: recorded for her, by her, recorded for her and confirmed, recorded for her and disputed. */
const annasView = {
  'recorded for her': [view(anna, 7)],
  'recorded by her': [byAnna(view(anna, 7))],
  'confirmed by her': [view(anna, 7), confirmed('view', id(7), 91)],
  'disputed by her': [view(anna, 7), confirmed('view', id(7), 91, true)],
};

t.test('the rung rule: being told is not being involved (checks 1, 2 and 4)', async (t) => {
  const partners = [involved(provider, 5), involved(commissioner, 6)];
  const told = [proposed, involved(anna, 3, 'informing'), { ...involved(bilal, 4, 'informing') }, ...partners, made([])];
  const asked = [proposed, involved(anna, 3), involved(bilal, 4), ...partners, made([])];
  t.equal(statusOf(told, 'involved-before-decision'), 'fail', 'check 1: two people told, none involved');
  t.equal(statusOf(asked, 'involved-before-decision'), 'pass');
  t.equal(statusOf(told, 'not-the-only-one'), 'fail', 'check 2');
  t.equal(statusOf(asked, 'not-the-only-one'), 'pass');
  t.equal(statusOf(told, 'three-partners'), 'fail', 'check 4: people who use support missing');
  t.equal(statusOf(asked, 'three-partners'), 'pass');
  t.ok(flagCodesOf(told).includes('told-afterwards'));
  t.notOk(flagCodesOf(asked).includes('told-afterwards'));
  const note = reviewOf(told)?.checks[0]?.note ?? '';
  t.match(note, /not counted \(informing rung or below/, 'the note says what it did not count');
});

t.test('check 3 counts only the views that are the person’s own', async (t) => {
  const expected = { 'recorded for her': 'fail', 'recorded by her': 'pass', 'confirmed by her': 'pass', 'disputed by her': 'fail' };
  for (const [how, events] of Object.entries(annasView)) {
    t.equal(statusOf([proposed, informed(anna, 1), ...events, made([id(7)])], 'accessible-information-first'), expected[how as keyof typeof expected], how);
  }
});

t.test('check 4: people who use support are a partner by their own views, not views recorded for them', async (t) => {
  const expected = { 'recorded for her': 'fail', 'recorded by her': 'pass', 'confirmed by her': 'pass', 'disputed by her': 'fail' };
  for (const [how, events] of Object.entries(annasView)) {
    const result = reviewOf([proposed, involved(provider, 5), involved(commissioner, 6), ...events, made([id(7)])]);
    const check = result?.checks.find((c) => c.key === 'three-partners');
    t.equal(check?.status, expected[how as keyof typeof expected], how);
    if (how === 'recorded for her') t.match(check?.note, /not counted \(views recorded for people, not confirmed by them\): /);
  }
});

t.test('check 6: a risk is accepted with its bearer only if they accepted it, confirmed it or chose who did, and did not dispute it', async (t) => {
  const base = [proposed, riskIdentified];
  t.equal(statusOf([...base, riskAccepted([anna, commissioner])], 'risks-accepted-with-bearers'), 'fail', 'recorded for her');
  t.equal(statusOf([...base, byAnna(riskAccepted([anna, commissioner]))], 'risks-accepted-with-bearers'), 'pass', 'recorded by her');
  t.equal(statusOf([...base, riskAccepted([anna, commissioner]), confirmed('risk-acceptance', id(50), 91)], 'risks-accepted-with-bearers'), 'pass', 'confirmed by her');
  t.equal(statusOf([...base, riskAccepted([anna, commissioner]), confirmed('risk-acceptance', id(50), 91, true)], 'risks-accepted-with-bearers'), 'fail', 'disputed by her');
  const helper = { role: 'advocate' as const, label: 'Advocacy for All' };
  const chose: DecisionEvent = {
    type: 'SupportedDecisionRecorded',
    data: { decisionId, personId: 'P-7K2Q9M', mode: 'supported-decision', howSupported: 'With her advocate', chosenHelpers: [helper], at },
  };
  const withHelper: DecisionEvent = { type: 'RiskAccepted', data: { decisionId, riskId: id(50), acceptedBy: [anna, helper], whyWorthTaking: 'More freedom', mitigations: [], reviewDate: '2026-05-01', at } };
  t.equal(statusOf([...base, chose, withHelper], 'risks-accepted-with-bearers'), 'pass', 'accepted by a helper she chose');
  t.ok(flagCodesOf([...base, riskAccepted([anna, commissioner])]).includes('risks-accepted-for-not-with'));
});

t.test('check 8: a change the person disputes does not count', async (t) => {
  const base = [proposed, involved(anna, 3), made([])];
  const late = '2026-10-01T00:00:00+00:00'; // after the review date
  t.equal(statusOf([...base, change], 'changes-recorded', late), 'pass', 'recorded for her: counted, and flagged until she confirms it');
  t.ok(flagCodesOf([...base, change], late).includes('on-behalf-unconfirmed'));
  t.equal(statusOf([...base, byAnna(change)], 'changes-recorded', late), 'pass', 'recorded by her');
  t.notOk(flagCodesOf([...base, byAnna(change)], late).includes('on-behalf-unconfirmed'));
  t.equal(statusOf([...base, change, confirmed('change', id(70), 91)], 'changes-recorded', late), 'pass', 'confirmed by her');
  const disputed = reviewOf([...base, change, confirmed('change', id(70), 91, true)], late)?.checks.find((c) => c.key === 'changes-recorded');
  t.equal(disputed?.status, 'fail', 'disputed by her');
  t.match(disputed?.note, /not counted \(disputed by the person\)/);
});

t.test('on-behalf-unconfirmed: a view recorded for a person until they confirm or dispute it', async (t) => {
  const has = (events: Given[]) => flagCodesOf([proposed, ...events]).includes('on-behalf-unconfirmed');
  t.ok(has(annasView['recorded for her']));
  t.notOk(has(annasView['recorded by her']));
  t.notOk(has(annasView['confirmed by her']));
  t.notOk(has(annasView['disputed by her']), 'a dispute is an answer: it counts against, but is not unconfirmed');
});

t.test('order and time use when things happened; recorded-late flags a fact recorded over 28 days after', async (t) => {
  const meeting = '2026-03-03T10:00:00+00:00';
  const viewGiven: DecisionEvent = { type: 'ViewRecorded', data: { decisionId, viewId: id(7), by: anna, stance: 'supports', inOwnWords: 'Yes.', occurredAt: '2026-03-05', at: '2026-03-05T10:00:00+00:00' } };
  const papersTypedLater: DecisionEvent = {
    type: 'InformationShared',
    data: { decisionId, informationId: id(1), sharedWith: [anna], format: 'easy-read', timing: 'before-asking-for-views', sharedAt: meeting, description: 'Easy-read letter', at: '2026-03-06T10:00:00+00:00' },
  };
  const events = [proposed, involved(anna, 3), byAnna(viewGiven), papersTypedLater, made([id(7)], '2026-03-07T10:00:00+00:00')];
  t.equal(statusOf(events, 'accessible-information-first'), 'pass', 'the papers went out before the view, though typed after it');

  const decidedOn = (occurredAt: string): DecisionEvent => ({
    type: 'DecisionMade',
    data: { decisionId, outcome: 'agreed', reasons: 'People want it.', decidedBy: [commissioner], claimedRung: 'co-production', reviewDate: '2026-09-01', answers: [], occurredAt, at: '2026-04-20T10:00:00+00:00' },
  });
  t.equal(statusOf([proposed, involved(anna, 3), decidedOn('2026-03-02')], 'feedback-given', '2026-04-21T00:00:00+00:00'), 'fail', 'the 28 days run from when it was decided, not typed');
  t.ok(flagCodesOf([proposed, involved(anna, 3), decidedOn('2026-03-02')], '2026-04-21T00:00:00+00:00').includes('recorded-late'));
  t.notOk(flagCodesOf([proposed, involved(anna, 3), decidedOn('2026-04-10')], '2026-04-21T00:00:00+00:00').includes('recorded-late'));
});

t.test('challenges and panels', async (t) => {
  const challengeId = id(40);
  const challenged: DecisionEvent = { type: 'DecisionChallenged', data: { decisionId, challengeId, by: anna, reason: 'Nobody asked me about Saturdays.', at } };
  const resolved = (finding: 'upheld' | 'partly-upheld' | 'not-upheld', panel: { role: 'commissioner' | 'family-carer'; organisation?: string; label?: string }[], revised = false): DecisionEvent => ({
    type: 'ChallengeResolved',
    data: { decisionId, challengeId, panel, finding, reasons: 'We looked again.', ...(revised ? { revision: { outcome: 'agreed-with-changes' as const, reasons: 'Saturdays kept.' } } : {}), at },
  });
  const base = [proposed, involved(anna, 3), made([]), challenged];
  const family = { role: 'family-carer' as const, label: 'Carers group' };
  t.ok(flagCodesOf(base).includes('challenge-open'));
  t.notOk(flagCodesOf([...base, resolved('not-upheld', [commissioner, family])]).includes('challenge-open'));
  t.ok(flagCodesOf([...base, resolved('partly-upheld', [commissioner, family])]).includes('challenge-upheld'), 'partly upheld, not yet revisited');
  t.notOk(flagCodesOf([...base, resolved('partly-upheld', [commissioner, family], true)]).includes('challenge-upheld'), 'revised in the resolution');
  const superseded: DecisionEvent = { type: 'DecisionSuperseded', data: { decisionId, supersededBy: id(99), reason: 'A new decision keeps Saturdays.', at } };
  t.notOk(flagCodesOf([...base, resolved('upheld', [commissioner, family]), superseded]).includes('challenge-upheld'), 'superseded by a later decision');
  t.ok(flagCodesOf([...base, resolved('not-upheld', [commissioner])]).includes('panel-without-people'), 'commissioners only');
  t.notOk(flagCodesOf([...base, resolved('not-upheld', [commissioner, family])]).includes('panel-without-people'));
  const message = reviewOf([...base, resolved('not-upheld', [commissioner])])?.flags.find((f) => f.code === 'panel-without-people')?.message;
  t.match(message, /include them/, 'the message says what to do');
});

t.test('a risk acceptance typed long after the people agreed to take it is recorded-late, like the other facts', async (t) => {
  const agreedOn = (occurredAt: string): DecisionEvent => {
    const accepted = riskAccepted([anna, commissioner]);
    return accepted.type === 'RiskAccepted' ? { ...accepted, data: { ...accepted.data, occurredAt, at: '2026-04-20T10:00:00+00:00' } } : accepted;
  };
  t.ok(flagCodesOf([proposed, agreedOn('2026-03-02')], '2026-04-21T00:00:00+00:00').includes('recorded-late'), 'agreed seven weeks before it was typed');
  t.notOk(flagCodesOf([proposed, agreedOn('2026-04-10')], '2026-04-21T00:00:00+00:00').includes('recorded-late'), 'agreed ten days before');
});
