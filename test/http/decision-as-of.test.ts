// GET /decisions/:id?asOf=: a decision exactly as it stood at a past moment, for auditors:
// its own state folded from its stream up to then, and the projections replayed to then.
import t from 'tap';
import { COUNCIL } from '../../src/demo/demo-scenario.js';
import { hillsideProposal, viewOfHs01 } from '../support/records.js';
import { signIn } from '../support/page-session.js';
import { testApp } from '../support/test-app.js';

t.test('before the decision it is undecided, after it the outcome, reasons and feedback show; before the proposal there was none', async (t) => {
  const ctx = await testApp(t);
  const { app, bearer } = ctx;
  const post = async (url: string, payload: object, headers = bearer.commissioner) => {
    const answer = await app.inject({ method: 'POST', url, headers, payload });
    t.equal(answer.statusCode, 201, `${url} recorded`);
    return answer.json() as { decisionId: string; viewId: string; position: number };
  };
  const before = await ctx.store.headPosition();
  const momentBefore = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 5));
  const { decisionId, position: proposedAt } = await post('/decisions', hillsideProposal);
  const { viewId, position: viewedAt } = await post(`/decisions/${decisionId}/views`, viewOfHs01('I want to keep seeing my friends.'), bearer['self-advocate']);
  const { position: decidedAt } = await post(`/decisions/${decisionId}/decision`, {
    outcome: 'agreed-with-changes',
    reasons: 'People told us they want support in the community, with friends kept together.',
    decidedBy: [{ role: 'commissioner', organisation: COUNCIL }],
    claimedRung: 'co-production',
    reviewDate: '2027-06-30',
    answers: [{ viewId, answer: 'Friendship groups will stay together.' }],
  });
  await post(`/decisions/${decisionId}/feedback`, { to: [{ role: 'person-using-support', personId: 'P-HS01' }], format: 'easy-read', message: 'We agreed. Your friends stay with you.' });

  const asOf = async (moment: string | number, headers = bearer.auditor) =>
    app.inject({ url: `/decisions/${decisionId}?asOf=${encodeURIComponent(String(moment))}`, headers });

  const undecided = await asOf(viewedAt);
  t.equal(undecided.statusCode, 200);
  t.match(undecided.json(), { status: 'proposed', revision: 1, asOfPosition: viewedAt, youSaidWeDid: [{ viewId, answered: false }] });
  t.equal(undecided.json().made, undefined, 'no outcome yet');
  t.same(undecided.json().feedback ?? [], [], 'no feedback yet');

  const decided = await asOf(decidedAt);
  t.match(decided.json(), { status: 'decided', made: { outcome: 'agreed-with-changes', reasons: /friends kept together/ }, youSaidWeDid: [{ viewId, answered: true }] });
  t.same(decided.json().feedback ?? [], [], 'the feedback came after');

  const now = await asOf(new Date().toISOString());
  t.match(now.json(), { status: 'decided', feedback: [{ format: 'easy-read' }] });
  const current = await app.inject({ url: `/decisions/${decisionId}`, headers: bearer.auditor });
  const { asOfPosition: _a, ...currentRest } = current.json();
  const { asOfPosition: _b, ...nowRest } = now.json();
  t.same(nowRest, currentRest, 'as of now, the same answer as the current one');

  for (const moment of [before, proposedAt - 1, momentBefore]) {
    const none = await asOf(moment);
    t.equal(none.statusCode, 404, `nothing at ${moment}`);
    t.match(none.json(), { code: 'PL_ERR_DECISION_NOT_FOUND', detail: /had not been recorded at that moment/ });
  }
  const bad = await asOf('last tuesday');
  t.equal(bad.statusCode, 400);
  t.match(bad.json().detail, /asOf/);

  // The read rules for people are the same in the past as now.
  for (const role of ['self-advocate', 'provider', 'auditor'] as const) {
    const past = (await asOf(decidedAt, bearer[role])).json();
    const present = (await app.inject({ url: `/decisions/${decisionId}`, headers: bearer[role] })).json();
    t.same({ people: past.people, changes: past.changesForPeople }, { people: present.people, changes: present.changesForPeople }, `${role}: the same people visible`);
  }
});

t.test('the auditor page shows the outcome and reasons as they stood at the moment picked', async (t) => {
  const ctx = await testApp(t);
  const { app, bearer } = ctx;
  const proposed = await app.inject({ method: 'POST', url: '/decisions', headers: bearer.commissioner, payload: hillsideProposal });
  const { decisionId, position: proposedAt } = proposed.json() as { decisionId: string; position: number };
  const decided = await app.inject({
    method: 'POST',
    url: `/decisions/${decisionId}/decision`,
    headers: bearer.commissioner,
    payload: { outcome: 'agreed', reasons: 'The day centre building is to close next spring.', decidedBy: [{ role: 'commissioner', organisation: COUNCIL }], claimedRung: 'consultation', reviewDate: '2027-06-30', answers: [] },
  });
  const { position: decidedAt } = decided.json() as { position: number };
  const { cookie } = await signIn(ctx, ctx.secrets.auditor);
  const page = (moment: number) => app.inject({ url: `/app/audit?decision=${decisionId}&moment=${moment}`, headers: { cookie } });

  const then = await page(proposedAt);
  t.equal(then.statusCode, 200);
  t.match(then.body, `As it stood at log position ${proposedAt}`);
  t.notMatch(then.body, 'day centre building is to close', 'not decided yet at that moment');
  const later = await page(decidedAt);
  t.match(later.body, 'The day centre building is to close next spring.', 'the reasons as they stood');
  t.match(later.body, 'Agreed');
  t.match((await page(0)).body, 'had not been recorded yet at that moment');
});
