// The decision form answers several views at once: a refusal about one answer must be
// shown beside that answer's box, even when the boxes before it were left empty.
import t from 'tap';
import { csrfOf, FORM, signIn } from '../support/page-session.js';
import { COUNCIL } from '../../src/demo/demo-scenario.js';
import { hillsideProposal, viewOfHs01 } from '../support/records.js';
import { testApp } from '../support/test-app.js';

t.test('an error about the second answer is placed by the second box, and what was typed is kept', async (t) => {
  const ctx = await testApp(t);
  const proposed = await ctx.app.inject({ method: 'POST', url: '/decisions', headers: ctx.bearer.commissioner, payload: hillsideProposal });
  const decisionId: string = proposed.json().decisionId;
  const viewIds: string[] = [];
  for (const words of ['I want to keep my friends.', 'I want to go swimming.']) {
    const view = viewOfHs01(words);
    const answer = await ctx.app.inject({ method: 'POST', url: `/decisions/${decisionId}/views`, headers: ctx.bearer['self-advocate'], payload: view });
    viewIds.push(answer.json().viewId);
  }
  const [first = '', second = ''] = viewIds;

  const { cookie } = await signIn(ctx, ctx.secrets.commissioner);
  const page = await ctx.app.inject({ url: `/app/decisions/${decisionId}/decide`, headers: { cookie } });
  t.equal(page.statusCode, 200);
  const tooLong = 'We will find a pool nearby. '.repeat(200); // over the 5,000 characters an answer may have
  const before = await ctx.store.headPosition();
  const refused = await ctx.app.inject({
    method: 'POST',
    url: `/app/decisions/${decisionId}/decide`,
    headers: { cookie, 'content-type': FORM },
    payload: new URLSearchParams({
      _csrf: csrfOf(page.body),
      outcome: 'agreed',
      reasons: 'People told us they want support in the community.',
      decidedBy: `commissioner:${COUNCIL}`,
      claimedRung: 'co-production',
      [`answer-${first}`]: '',
      [`answer-${second}`]: tooLong,
    }).toString(),
  });
  t.equal(await ctx.store.headPosition(), before, 'nothing was saved');
  t.match(refused.body, `id="f-answer-${second}-error"`, 'the error is by the second box');
  t.notMatch(refused.body, `id="f-answer-${first}-error"`, 'and not by the first');
  t.match(refused.body, /too long/);
  t.match(refused.body, tooLong.slice(0, 60), 'what was typed is kept');
});
