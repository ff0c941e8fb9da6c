// GET /reports/partnership-board over the demo: its totals agree with what each decision's
// own answer (GET /decisions/:id) says, a provider's report is its own organisation's, each
// table downloads as CSV, and the roles and refusals are as the README says.
import t from 'tap';
import { boardReportSchema, reportTables, type BoardReport } from '../../projections/board-report-schema.js';
import { checkKeys, flagCodes } from '../../projections/coproduction-checks.js';
import { decisionDetailAnswer } from '../../projections/decision-detail.js';
import { DAY_SERVICE_PROVIDER, loadDemoScenario } from '../../src/demo/demo-scenario.js';
import { hillsideProposal } from '../support/records.js';
import { testApp } from '../support/test-app.js';

const DAY_MS = 86_400_000;
const to = new Date().toISOString().slice(0, 10);
/** Everything the demo holds: its history goes back two quarters. */
const from = new Date(Date.now() - 1800 * DAY_MS).toISOString().slice(0, 10);
const period = `from=${from}&to=${to}`;

t.test('the report over the demo', async (t) => {
  const ctx = await testApp(t);
  const { app, bearer, secrets } = ctx;
  await loadDemoScenario(app, secrets);
  const get = (url: string, headers = bearer.commissioner) => app.inject({ url, headers });
  const report = async (query = period, headers = bearer.commissioner): Promise<BoardReport> => {
    const answer = await get(`/reports/partnership-board?${query}`, headers);
    t.equal(answer.statusCode, 200, `GET /reports/partnership-board?${query}`);
    return boardReportSchema.parse(answer.json());
  };

  await t.test('its totals agree with each decision’s own answer', async (t) => {
    const r = await report();
    const { decisions } = (await get('/decisions')).json() as { decisions: { decisionId: string }[] };
    const details = await Promise.all(decisions.map(async ({ decisionId }) => decisionDetailAnswer.parse((await get(`/decisions/${decisionId}`)).json())));
    t.equal(r.decisions.proposed.now, details.length, 'every decision was proposed in the period');
    const decided = details.filter((d) => d.coproductionReview && d.made && d.made.outcome !== 'deferred');
    t.equal(r.decisions.made.now, decided.length, 'made');
    for (const key of checkKeys) {
      const statuses = decided.map((d) => d.coproductionReview?.checks.find((c) => c.key === key)?.status);
      const counted = r.coproduction.checks.find((c) => c.key === key);
      t.same(
        { pass: counted?.pass.now, fail: counted?.fail.now, notYet: counted?.notYet.now },
        { pass: statuses.filter((s) => s === 'pass').length, fail: statuses.filter((s) => s === 'fail').length, notYet: statuses.filter((s) => s === 'not-yet').length },
        `check ${key}`,
      );
    }
    for (const code of flagCodes) {
      const flagged = details.filter((d) => d.coproductionReview?.flags.some((f) => f.code === code)).map((d) => d.decisionId).sort();
      const inReport = (r.flags.find((f) => f.code === code)?.decisions ?? []).map((d) => d.decisionId).sort();
      t.same(inReport, flagged, `flag ${code}`);
    }
    t.equal(r.changes.recorded.now, details.reduce((n, d) => n + d.changes.length, 0), 'changes recorded');
    t.equal(r.risks.accepted.now, details.reduce((n, d) => n + d.risks.filter((risk) => risk.acceptedAt !== undefined).length, 0), 'risks accepted');
    t.equal(r.decisions.superseded.now + r.decisions.withdrawn.now, details.filter((d) => d.status === 'superseded' || d.status === 'withdrawn').length, 'superseded or withdrawn');
    t.ok(r.money.contracts.length > 0, 'the demo’s contracts are in it');
    t.equal(r.period.previousTo < r.period.from, true, 'compared with the period before');
  });

  await t.test('a provider’s report covers only its own organisation’s decisions', async (t) => {
    const r = await report(period, bearer.provider);
    t.equal(r.scope, 'organisation');
    t.equal(r.filters.organisation, DAY_SERVICE_PROVIDER);
    const { decisions } = (await get('/decisions')).json() as { decisions: { organisations: string[] }[] };
    t.equal(r.decisions.proposed.now, decisions.filter((d) => d.organisations.includes(DAY_SERVICE_PROVIDER)).length);
    t.ok(r.money.contracts.every((c) => c.provider === DAY_SERVICE_PROVIDER), 'its own contracts only');
    const other = await get(`/reports/partnership-board?${period}&organisation=Someone%20Else`, bearer.provider);
    t.equal(other.statusCode, 403);
    t.match(other.json(), { code: 'PL_ERR_FORBIDDEN' });
  });

  await t.test('who may read it, and what is refused', async (t) => {
    for (const role of ['auditor', 'admin', 'self-advocate'] as const) t.equal((await get(`/reports/partnership-board?${period}`, bearer[role])).statusCode, 200, role);
    t.equal((await app.inject({ url: `/reports/partnership-board?${period}` })).statusCode, 401, 'no token');
    const backwards = await get(`/reports/partnership-board?from=${to}&to=${from}`);
    t.equal(backwards.statusCode, 400);
    t.match(backwards.json(), { code: 'PL_ERR_VALIDATION' });
    const asOf = await report(`${period}&asOf=1`);
    t.equal(asOf.asOfPosition, 1, 'as it stood at the first event');
    t.equal(asOf.decisions.proposed.now, 0);
  });

  await t.test('every table downloads as CSV with one header row and the period in its name', async (t) => {
    for (const table of reportTables) {
      const answer = await get(`/reports/partnership-board/${table}.csv?${period}`);
      t.equal(answer.statusCode, 200, table);
      t.match(answer.headers['content-type'], /^text\/csv/);
      t.equal(answer.headers['content-disposition'], `attachment; filename="partnership-board-${table}-${from}-to-${to}.csv"`);
      const lines = answer.body.split('\r\n').filter(Boolean);
      t.ok(lines.length >= 1, `${table}: a header row`);
      t.notMatch(lines[0], /\d{3,}/, `${table}: the first row is the header`);
    }
    const decisions = (await get(`/reports/partnership-board/decisions.csv?${period}`)).body;
    t.match(decisions, /^figure,this period,previous period,change\r\nproposed,\d+,\d+,(up|down|same)\r\n/);
    t.equal((await get(`/reports/partnership-board/nonsense.csv?${period}`)).statusCode, 400, 'no such table');
  });
});

t.test('a change is quoted only when the person said it may be: ticked, their own words, and the reader may read them', async (t) => {
  const { app, bearer } = await testApp(t);
  const post = async (url: string, payload: object, headers: { authorization: string }) => {
    const answer = await app.inject({ method: 'POST', url, headers, payload });
    t.equal(answer.statusCode, 201, url);
    return answer.json() as { decisionId: string };
  };
  const { decisionId } = await post('/decisions', hillsideProposal, bearer.commissioner);
  const change = (after: string, mayBeQuoted?: boolean) => ({ personId: 'P-HS01', area: 'community', before: 'Home all day.', after, direction: 'better', inPersonsOwnWords: true, ...(mayBeQuoted === undefined ? {} : { mayBeQuoted }) });
  await post(`/decisions/${decisionId}/changes`, change('I go to the allotment with Sam.', true), bearer['self-advocate']);
  await post(`/decisions/${decisionId}/changes`, change('I see my friends on Fridays.'), bearer['self-advocate']);
  await post(`/decisions/${decisionId}/changes`, change('I catch the bus myself.', false), bearer['self-advocate']);
  const quotes = async (headers: { authorization: string }) =>
    boardReportSchema.parse((await app.inject({ url: `/reports/partnership-board?${period}`, headers })).json()).changes.quotes.map((q) => q.words);
  t.same(await quotes(bearer.commissioner), ['I go to the allotment with Sam.'], 'absent or false is no');
  t.same(await quotes(bearer['self-advocate']), ['I go to the allotment with Sam.'], 'their own words, to themself');
  t.same(await quotes(bearer.admin), [], 'an administrator reads no one’s words');
  const record = (await app.inject({ url: `/decisions/${decisionId}`, headers: bearer.commissioner })).json() as { changes: { mayBeQuoted?: boolean }[] };
  t.same(record.changes.map((c) => c.mayBeQuoted), [true, undefined, false], 'kept as sent');
});
