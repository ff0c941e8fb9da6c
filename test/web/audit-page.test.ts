// The auditor's page "See a decision at a moment": the outcome, reasons and feedback as
// they stood at the moment picked, read from GET /decisions/:id?asOf=.
import t from 'tap';
import { COUNCIL } from '../../src/demo/demo-scenario.js';
import { signIn } from '../support/page-session.js';
import { hillsideProposal } from '../support/records.js';
import { testApp } from '../support/test-app.js';

const REASONS = 'The day centre building is to close next spring.';
const FEEDBACK = 'We agreed. Your friends stay with you.';

t.test('the auditor page shows the outcome, reasons and feedback as they stood at the moment picked', async (t) => {
  const ctx = await testApp(t);
  const { app, bearer } = ctx;
  const post = async (url: string, payload: object) => {
    const answer = await app.inject({ method: 'POST', url, headers: bearer.commissioner, payload });
    t.equal(answer.statusCode, 201, `${url} recorded`);
    return answer.json() as { decisionId: string; position: number };
  };
  const { decisionId, position: proposedAt } = await post('/decisions', hillsideProposal);
  const decision = { outcome: 'agreed', reasons: REASONS, decidedBy: [{ role: 'commissioner', organisation: COUNCIL }], claimedRung: 'consultation', reviewDate: '2027-06-30', answers: [] };
  const { position: decidedAt } = await post(`/decisions/${decisionId}/decision`, decision);
  const { position: feedbackAt } = await post(`/decisions/${decisionId}/feedback`, { to: [{ role: 'person-using-support', personId: 'P-HS01' }], format: 'easy-read', message: FEEDBACK });
  const { cookie } = await signIn(ctx, ctx.secrets.auditor);
  const page = async (moment: number) => (await app.inject({ url: `/app/audit?decision=${decisionId}&moment=${moment}`, headers: { cookie } })).body;

  const proposed = await page(proposedAt);
  t.match(proposed, `As it stood at log position ${proposedAt}`);
  t.notMatch(proposed, REASONS, 'not decided yet at that moment');
  t.notMatch(proposed, 'Agreed', 'no outcome yet');

  const decided = await page(decidedAt);
  t.match(decided, 'Agreed', 'the outcome as it stood');
  t.match(decided, REASONS, 'the reasons as they stood');
  t.notMatch(decided, FEEDBACK, 'the feedback came after');

  t.match(await page(feedbackAt), FEEDBACK, 'the feedback once given');
  t.match(await page(0), 'had not been recorded yet at that moment');
});
