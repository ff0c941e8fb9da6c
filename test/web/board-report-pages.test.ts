// The Partnership Board report's pages: the report in plain words (every section, each figure
// against the previous period in words as well as arrows, "fewer than 5" explained once), CSV
// and flag links, the Easy Read version, the period chooser, and who may read it.
import t from 'tap';
import { reportTables } from '../../projections/board-report-schema.js';
import { loadDemoScenario } from '../../src/demo/demo-scenario.js';
import { apiCodes } from '../../src/web/easy-read-codes.js';
import { pageFigures, pointsWithoutPicture, visibleText } from '../../src/web/easy-read.js';
import { easyReportBody } from '../../src/web/report-easy-read.js';
import { choosePeriod, reportLinks } from '../../src/web/report-period.js';
import { reportBody } from '../../src/web/report-view.js';
import { boardReportFixture, providerReportFixture } from '../support/board-report-fixture.js';
import { signIn } from '../support/page-session.js';
import { testApp } from '../support/test-app.js';

// Through the app: the real GET /reports/partnership-board behind the pages, over the demo.
const ctx = await testApp(t);
await loadDemoScenario(ctx.app, ctx.secrets);
await ctx.app.ready();
const codes = apiCodes(ctx.app.swagger());
const pageAs = async (role: keyof typeof ctx.secrets, url: string) => {
  const { cookie } = await signIn(ctx, ctx.secrets[role]);
  return ctx.app.inject({ url, headers: { cookie } });
};

const query = { from: '2026-07-01', to: '2026-09-30' };
const links = reportLinks(query);
const full = reportBody(boardReportFixture, { links, organisation: undefined }).value;
const text = visibleText(full).replace(/\s+/g, ' ');

t.test('every section of the report, in plain words', async (t) => {
  for (const section of ['Decisions', 'Was it co-produced?', 'Listen, act, learn', 'Risks', 'What changed for people', 'Money', 'Challenges', 'Things to look at']) {
    t.match(full, new RegExp(`<h2[^>]*>(?:<svg[^]*?</svg>)?<span>${section.replace('?', '\\?')}</span></h2>`), `the section "${section}"`);
  }
  t.match(text, /1 July 2026 to 30 September 2026/, 'the period');
  t.match(text, /1 April 2026 to 30 June 2026/, 'the previous period');
  t.match(text, /It covers every decision/, 'the scope');
  t.match(text, /Were people who use support involved before the decision was made\?/, 'a check in words, not its code');
  t.match(text, /Direct payment: £41,600\.00/, 'money by route, in words and pounds');
  t.match(text, /I go to the allotment on Tuesdays with my friend now\./, 'a quote people allowed');
  t.match(text, /Median: 6 days\. Longest: 34 days\./, 'days to feedback');
  t.notMatch(text, /involved-before-decision|provider-change|direct-payment|rung-disagreement/, 'no codes');
});

t.test('each figure against the previous period, in words and arrows', async (t) => {
  t.match(text, /↑ up from 12 to 15/, 'up');
  t.match(text, /↓ down from 11 to 9/, 'down');
  t.match(text, /the same as before: 2/, 'the same');
  t.match(full, /<span aria-hidden="true">↑<\/span> up from 12 to 15/, 'the arrow is hidden from screen readers: the words say it');
  t.match(text, /fewer than 5 before, so we cannot compare/, 'a "fewer than 5" cannot be compared');
});

t.test('"fewer than 5" is explained once', async (t) => {
  const explanation = 'We do not show numbers of people smaller than 5, so no one can be recognised.';
  t.equal(text.split(explanation).length - 1, 1, 'once on the page');
  t.match(text, /Hillside Support.*Aire Valley Care.*fewer than 5/, 'people moved from a contract, fewer than 5');
});

t.test('a CSV download for every table, and links to the Easy Read and printable versions', async (t) => {
  for (const table of reportTables) t.match(full, `href="/app/reports/partnership-board/${table}.csv?from=2026-07-01&amp;to=2026-09-30"`, `${table}.csv`);
  t.match(full, 'href="/app/reports/partnership-board/easy-read?from=2026-07-01&amp;to=2026-09-30"');
  t.match(full, 'href="/app/reports/partnership-board/print?from=2026-07-01&amp;to=2026-09-30"');
});

t.test('flags and lists link to their decisions', async (t) => {
  t.match(full, /<a href="\/app\/decisions\/d-hub-1">A community hub in Bramley<\/a>/);
  t.match(full, /<a href="\/app\/decisions\/d-tech-1">Sleep-in support replaced by a responder service<\/a>/);
  t.match(text, /Self-advocates disagree about how co-produced it was/, 'the flag in words');
});

t.test('charts: drawn on the server, each with its words and a table beside it', async (t) => {
  const figures = full.match(/<figure\b[^]*?<\/figure>/g) ?? [];
  t.equal(figures.length, 3, 'the ladder, decisions by kind and the individualised share');
  for (const figure of figures) {
    t.match(figure, /<figcaption/, 'a text alternative');
    t.match(figure, /<svg[^>]*aria-hidden="true"/, 'the bars are drawn, their words are text');
  }
  t.match(text, /Co-production: people share the decision as equals.*claimed 3.*said by people 0/, 'the ladder with counts claimed and said');
  t.match(text, /September 2026.*19%/, 'the share over time');
});

t.test('a provider’s report says whose it is', async (t) => {
  const page = visibleText(reportBody(providerReportFixture, { links, organisation: 'Hillside Support' }).value).replace(/\s+/g, ' ');
  t.match(page, /It covers only the decisions about your organisation, Hillside Support\./);
});

t.test('the Easy Read version: short sentences, a picture beside every point, no codes or ids', async (t) => {
  const page = `<main>${easyReportBody(boardReportFixture, links).value}</main>`;
  const figures = pageFigures(page, ['involved-before-decision', 'provider-change', 'direct-payment', 'no-feedback', 'co-design']);
  t.equal(figures.overLimit, 0, 'every sentence 15 words or fewer');
  t.same([...figures.ids, ...figures.codes, ...figures.plurals], []);
  t.same(pointsWithoutPicture(page), [], 'a picture beside every point');
  const easy = visibleText(page).replace(/\s+/g, ' ');
  t.match(easy, /We made nine decisions\./, 'small numbers in words');
  t.match(easy, /We suggested 15 decisions\. That is more than before\./);
  t.match(easy, /fewer than five/, 'fewer than five, in words');
  t.match(easy, /We do not say how many people when it is fewer than five\./);
  t.notMatch(easy, /d-hub-1|c-hillside/, 'no ids');
});

t.test('the period chooser: this quarter, last quarter, this year, or chosen days', async (t) => {
  t.same(choosePeriod({ period: 'this-quarter' }, '2026-11-29'), { from: '2026-10-01', to: '2026-12-31' });
  t.same(choosePeriod({ period: 'last-quarter' }, '2026-11-29'), { from: '2026-07-01', to: '2026-09-30' });
  t.same(choosePeriod({ period: 'last-quarter' }, '2026-02-10'), { from: '2025-10-01', to: '2025-12-31' });
  t.same(choosePeriod({ period: 'this-year' }, '2026-11-29'), { from: '2026-01-01', to: '2026-12-31' });
  t.same(choosePeriod({ period: 'chosen', from: '2026-03-01', to: '2026-05-31' }, '2026-11-29'), { from: '2026-03-01', to: '2026-05-31' });
  t.same(choosePeriod({}, '2026-11-29'), { from: '2026-10-01', to: '2026-12-31' }, 'this quarter by default');
  t.same(choosePeriod({ from: '2026-03-01', to: '2026-05-31' }, '2026-11-29'), { from: '2026-03-01', to: '2026-05-31' }, 'days given are a chosen period');
});

t.test('every role that may read it finds it in the navigation and reads it', async (t) => {
  for (const role of ['commissioner', 'auditor', 'admin', 'provider', 'self-advocate'] as const) {
    const page = await pageAs(role, '/app/reports/partnership-board?period=this-year');
    t.equal(page.statusCode, 200, `${role}: 200`);
    t.match(page.body, /<a href="\/app\/reports\/partnership-board"[^>]*>Board report<\/a>/, `${role}: the navigation links to it`);
  }
});

t.test('staff get the full report with the period form; a self-advocate gets Easy Read first', async (t) => {
  const staff = await pageAs('commissioner', '/app/reports/partnership-board?period=this-year');
  t.match(staff.body, /<form method="get" action="\/app\/reports\/partnership-board"/);
  t.match(staff.body, /Listen, act, learn/);
  const easy = await pageAs('self-advocate', '/app/reports/partnership-board?period=this-year');
  t.match(easy.body, /What we tell the Partnership Board/);
  const figures = pageFigures(easy.body, codes);
  t.same([...figures.ids, ...figures.codes, ...figures.plurals], [], 'no ids, codes or "(s)"');
  t.same(pointsWithoutPicture(easy.body), [], 'a picture beside every point');
  const fullForThem = await pageAs('self-advocate', '/app/reports/partnership-board/full?period=this-year');
  t.match(fullForThem.body, /Listen, act, learn/, 'the full report is one link away');
});

t.test('a provider sees its own scope', async (t) => {
  const page = await pageAs('provider', '/app/reports/partnership-board?period=this-year');
  t.match(visibleText(page.body).replace(/\s+/g, ' '), /It covers only the decisions about your organisation, Hillside Support\./);
});

t.test('the printable version and a CSV download', async (t) => {
  const print = await pageAs('commissioner', '/app/reports/partnership-board/print?from=2026-01-01&to=2026-12-31');
  t.equal(print.statusCode, 200);
  t.notMatch(print.body, /<form method="get" action="\/app\/reports\/partnership-board"/, 'no form to print');
  t.match(print.body, /Use your browser’s Print command/);
  const csv = await pageAs('commissioner', '/app/reports/partnership-board/decisions.csv?from=2026-01-01&to=2026-12-31');
  t.equal(csv.statusCode, 200);
  t.match(String(csv.headers['content-type']), /^text\/csv/);
  t.match(String(csv.headers['content-disposition']), /attachment; filename="partnership-board-decisions-2026-01-01-to-2026-12-31\.csv"/);
});

t.test('a period that cannot be read is asked again, not an error', async (t) => {
  const page = await pageAs('commissioner', '/app/reports/partnership-board?period=chosen&from=2026-13-01&to=2026-12-31');
  t.equal(page.statusCode, 400);
  t.match(page.body, /Write the first day as a date, like 2026-07-01\./);
});

t.test('an auditor reads the report as it stood at a moment, on every link too', async (t) => {
  const page = await pageAs('auditor', '/app/reports/partnership-board?period=this-year&asOf=5');
  t.equal(page.statusCode, 200);
  t.match(visibleText(page.body).replace(/\s+/g, ' '), /from the record up to log position 5\./);
  t.match(page.body, /decisions\.csv\?from=\d{4}-01-01&amp;to=\d{4}-12-31&amp;asOf=5"/, 'the downloads are of the same moment');
  const wrong = await pageAs('auditor', '/app/reports/partnership-board?period=this-year&asOf=yesterday');
  t.equal(wrong.statusCode, 400);
  t.match(wrong.body, /Write a date and time, like 2026-11-01 10:00, or a log position, like 40\./);
});
