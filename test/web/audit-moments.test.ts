// The auditor's page says which moments exist (the first and last position and time in the
// log, and the chosen decision's own positions) and shows the decision's log entries with
// their positions and recorded times to the second.
import t from 'tap';
import { secondWords } from '../../src/web/audit-pages.js';
import { signIn } from '../support/page-session.js';
import { hillsideProposal } from '../support/records.js';
import { testApp } from '../support/test-app.js';

t.test('a recorded time is said to the second, in UK time', async (t) => {
  t.equal(secondWords('2026-11-01T10:00:05.123Z'), '1 November 2026 at 10:00:05');
  t.equal(secondWords('not a time'), 'not a time');
});

t.test('the as-of page names the positions and times that exist, and the log entries to the second', async (t) => {
  const ctx = await testApp(t);
  const proposed = await ctx.app.inject({ method: 'POST', url: '/decisions', headers: ctx.bearer.commissioner, payload: hillsideProposal });
  const { decisionId, position } = proposed.json() as { decisionId: string; position: number };
  const { entries } = (await ctx.app.inject({ url: '/projections/timeline', headers: ctx.bearer.auditor })).json() as { entries: { position: number; at: string }[] };
  const first = entries[0];
  const last = entries.at(-1);
  if (!first || !last) throw new Error('an empty log');
  const { cookie } = await signIn(ctx, ctx.secrets.auditor);

  const blank = (await ctx.app.inject({ url: '/app/audit', headers: { cookie } })).body;
  t.match(blank, `The log goes from position ${first.position}, recorded ${secondWords(first.at)}, to position ${last.position}, recorded ${secondWords(last.at)}.`);

  const page = (await ctx.app.inject({ url: `/app/audit?decision=${decisionId}&moment=${position}`, headers: { cookie } })).body;
  t.match(page, `This decision was recorded at positions ${position}.`);
  t.match(page, /<h2 id="log-entries">In the log, by position<\/h2>/);
  t.match(page, `<td class="number">${position}</td><td>${secondWords(last.at)}</td>`, 'each entry with its position and time to the second');
  t.match(page, `position ${position}, ${secondWords(last.at)}`, 'the last thing recorded by then, to the second');
  t.match(page, 'role="region" aria-label="This decision in the log, by position" tabindex="0"', 'a wide table scrolls in its own region');
});
