// The automatic Easy Read check over the demo, as a self-advocate meets it: every page they
// can reach from the decision list (followed link by link), and the figures for each demo
// decision before (the full record, today's page) and after (its Easy Read page).
import t from 'tap';
import { loadDemoScenario } from '../../src/demo/demo-scenario.js';
import { apiCodes } from '../../src/web/easy-read-codes.js';
import { MAX_WORDS_PER_SENTENCE, pageFigures, pointsWithoutPicture, type PageFigures } from '../../src/web/easy-read.js';
import { signIn } from '../support/page-session.js';
import { testApp } from '../support/test-app.js';

const ctx = await testApp(t);
await loadDemoScenario(ctx.app, ctx.secrets);
await ctx.app.ready();
const codes = apiCodes(ctx.app.swagger());
const { cookie } = await signIn(ctx, ctx.secrets['self-advocate']);
const get = async (url: string) => ctx.app.inject({ url, headers: { cookie } });

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const figuresLine = (f: PageFigures) =>
  `${f.sentences} sentences, ${percent(f.shareOverLimit)} over ${MAX_WORDS_PER_SENTENCE} words, ${f.ids.length} ids (${[...new Set(f.ids)].join(' ') || 'none'}), ${f.codes.length} codes (${[...new Set(f.codes)].join(' ') || 'none'}), ${f.plurals.length} "(s)"`;

/** Every /app page reachable by following links from the decision list, with its HTML. */
async function reachable(start: string): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const url = queue.shift() ?? '';
    if (pages.has(url)) continue;
    const answer = await get(url);
    if (answer.statusCode !== 200 || !String(answer.headers['content-type']).startsWith('text/html')) continue;
    pages.set(url, answer.body);
    for (const [, href] of answer.body.matchAll(/<a [^>]*href="([^"#]+)/g)) {
      const link = (href ?? '').replace(/&amp;/g, '&');
      if (link.startsWith('/app') && !pages.has(link)) queue.push(link);
    }
  }
  return pages;
}

const decisions = (await ctx.app.inject({ url: '/decisions', headers: ctx.bearer['self-advocate'] })).json() as { decisions: { decisionId: string; title: string }[] };

t.test('the figures for each demo decision, before (the full record) and after (the Easy Read page)', async (t) => {
  for (const { decisionId, title } of decisions.decisions) {
    const before = pageFigures((await get(`/app/decisions/${decisionId}/record`)).body, codes);
    const after = pageFigures((await get(`/app/decisions/${decisionId}`)).body, codes);
    t.comment(`${title}\n  before: ${figuresLine(before)}\n  after:  ${figuresLine(after)}`);
    t.ok(after.sentences > 0, `${title}: the Easy Read page has sentences`);
  }
});

t.test('a self-advocate’s first decision page is its Easy Read page; others get the record, one link from it', async (t) => {
  const [first] = decisions.decisions;
  const page = (await get(`/app/decisions/${first?.decisionId}`)).body;
  t.match(page, /What it means for you/);
  t.match(page, new RegExp(`href="/app/decisions/${first?.decisionId}/record"`), 'the full record is linked');
  const staff = await signIn(ctx, ctx.secrets.commissioner);
  const record = (await ctx.app.inject({ url: `/app/decisions/${first?.decisionId}`, headers: { cookie: staff.cookie } })).body;
  t.match(record, new RegExp(`href="/app/decisions/${first?.decisionId}/easy-read">Easy Read<`), 'staff see the record with a link to Easy Read');
  t.match((await ctx.app.inject({ url: `/app/decisions/${first?.decisionId}/easy-read`, headers: { cookie: staff.cookie } })).body, /What it means for you/);
});

/**
 * Pages a self-advocate can reach that are not yet Easy Read, and why: their checks are
 * reported as TODO (printed, not failing) until each is rewritten; every other page must pass.
 */
t.test('every page a self-advocate can reach passes the Easy Read check', async (t) => {
  const pages = await reachable('/app/decisions');
  t.ok(pages.size > decisions.decisions.length * 2, `${pages.size} pages reached`);
  for (const [url, body] of pages) {
    const f = pageFigures(body, codes);
    t.comment(`${url}: ${figuresLine(f)}`);
    t.ok(f.shareOverLimit <= 0.05, `${url}: at least 95% of sentences have ${MAX_WORDS_PER_SENTENCE} words or fewer (${percent(1 - f.shareOverLimit)})`);
    t.same(f.ids, [], `${url}: no pseudonymous ids`);
    t.same(f.codes, [], `${url}: no codes`);
    t.same(f.plurals, [], `${url}: no "(s)"`);
  }
});

t.test('a picture beside every point of every Easy Read page', async (t) => {
  for (const { decisionId, title } of decisions.decisions) {
    t.same(pointsWithoutPicture((await get(`/app/decisions/${decisionId}`)).body), [], `${title}: every list item has its picture`);
  }
});
