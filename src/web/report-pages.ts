// The Partnership Board report's pages: a form to choose the period (and an organisation, a
// contract or a kind), the report itself (a self-advocate meets its Easy Read version first),
// a printable version, and each table as a CSV download. All of it read through the API with
// the reader's own token (GET /reports/partnership-board), so a provider's report is its own.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { boardReportSchema, reportQuery, reportTable, type ReportQuery } from '../../projections/board-report-schema.js';
import { contractsAnswerSchema } from '../../projections/contracts.js';
import { PageReadError, problemOf, read } from './api-client.js';
import { momentOf } from './audit-pages.js';
import { notFoundPage } from './dead-ends.js';
import { html, type SafeHtml } from '../shared/html.js';
import { pageDocument } from './layout.js';
import { pageContext, queryValue, sendPage, signedIn, type PageContext, type PageDependencies } from './page-context.js';
import { heading } from './pictures.js';
import { easyReportBody } from './report-easy-read.js';
import { choosePeriod, isPeriodChoice, periodChoiceNames, periodChoices, periodWords, REPORT_PAGE, reportLinks, type PeriodChoice } from './report-period.js';
import { reportBody } from './report-view.js';
import { kindWords } from './words.js';

type Version = 'full' | 'easy-read' | 'print';

interface Chosen {
  period: PeriodChoice | undefined;
  typed: { from: string; to: string };
  query: ReportQuery | undefined;
  asOf: string | undefined;
  errors: Partial<Record<'from' | 'to' | 'asOf', string>>;
}

const fieldErrors = {
  from: 'Write the first day as a date, like 2026-07-01.',
  to: 'Write the last day as a date, like 2026-09-30.',
  order: 'The last day must be on or after the first day.',
  asOf: 'Write a date and time, like 2026-11-01 10:00, or a log position, like 40.',
};

/** Today in London, as YYYY-MM-DD: the day the quarters are counted from. */
const londonDay = (ms: number) => new Date(ms).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });

function chosenFrom(request: FastifyRequest, context: PageContext, today: string): Chosen {
  const value = (name: string) => queryValue(request.query, name);
  const choice = value('period');
  const period = isPeriodChoice(choice) ? choice : undefined;
  const typed = choosePeriod({ period, from: value('from'), to: value('to') }, today);
  // A provider's report is its own organisation's anyway (the API scopes it): no organisation to choose.
  const organisation = context.viewer.actor.role === 'provider' ? undefined : value('organisation');
  const parsed = reportQuery.safeParse({ ...typed, organisation, contract: value('contract'), kind: value('kind') });
  const errors: Chosen['errors'] = {};
  if (!parsed.success) for (const issue of parsed.error.issues) if (issue.path[0] === 'from' || issue.path[0] === 'to') errors[issue.path[0]] = fieldErrors[issue.path[0]];
  if (parsed.success && parsed.data.from > parsed.data.to) errors.to = fieldErrors.order;
  const typedMoment = context.viewer.actor.role === 'auditor' ? value('asOf') : undefined;
  const asOf = typedMoment ? momentOf(typedMoment) : undefined;
  if (typedMoment && !asOf) errors.asOf = fieldErrors.asOf;
  return { period, typed, query: parsed.success && !Object.keys(errors).length ? parsed.data : undefined, asOf, errors };
}

const option = (value: string, words: string, chosen: string | undefined) => html`<option value="${value}"${value === chosen ? html` selected` : ''}>${words}</option>`;

function field(name: 'from' | 'to' | 'asOf', label: string, hint: string, value: string, error: string | undefined, type = 'date'): SafeHtml {
  const described = `f-${name}-hint${error ? ` f-${name}-error` : ''}`;
  return html`<div class="field${error ? ' has-error' : ''}"><label for="f-${name}">${label}</label><p class="hint" id="f-${name}-hint">${hint}</p>
${error ? html`<p class="field-error" id="f-${name}-error">${error}</p>` : ''}
<input type="${type}" id="f-${name}" name="${name}" value="${value}" aria-describedby="${described}"${error ? html` aria-invalid="true"` : ''}></div>`;
}

/** The form that chooses the report: a period (a quarter or a year, or chosen days), then what to narrow it to. */
async function chooseForm(context: PageContext, request: FastifyRequest, chosen: Chosen, action: string, today: string): Promise<SafeHtml> {
  // An administrator reads no contracts: the form then offers no organisation or contract to narrow to.
  const contracts = await read(context.api, '/projections/contracts', contractsAnswerSchema).then(
    (answer) => answer.contracts,
    (err: unknown) => {
      if (err instanceof PageReadError && err.problem.status === 403) return [];
      throw err;
    },
  );
  const value = (name: string) => queryValue(request.query, name);
  const current = chosen.period ?? (value('from') || value('to') ? 'chosen' : 'this-quarter');
  const choiceHint = (choice: PeriodChoice) => (choice === 'chosen' ? 'Write the first and last day below.' : periodWords(choosePeriod({ period: choice }, today)));
  const organisations = [...new Set(contracts.map((c) => c.provider))].sort();
  const isProvider = context.viewer.actor.role === 'provider';
  return html`<form method="get" action="${action}" class="report-choose" novalidate aria-label="Choose the report">
<fieldset class="field"><legend>Which period</legend>${periodChoiceNames.map(
    (choice, i) => html`<div class="choice"><input type="radio" id="f-period-${i}" name="period" value="${choice}"${choice === current ? html` checked` : ''} aria-describedby="f-period-${i}-hint">
<label for="f-period-${i}">${periodChoices[choice]}</label><p class="hint" id="f-period-${i}-hint">${choiceHint(choice)}</p></div>`,
  )}</fieldset>
<div class="filters">
${field('from', 'First day', 'For days you choose, like 2026-07-01.', chosen.typed.from, chosen.errors.from)}
${field('to', 'Last day', 'For days you choose, like 2026-09-30.', chosen.typed.to, chosen.errors.to)}
</div>
<div class="filters">
${isProvider || !organisations.length ? '' : html`<div class="field"><label for="f-organisation">Organisation</label><select id="f-organisation" name="organisation">${option('', 'Any', undefined)}${organisations.map((o) => option(o, o, value('organisation')))}</select></div>`}
${contracts.length ? html`<div class="field"><label for="f-contract">Contract</label><select id="f-contract" name="contract">${option('', 'Any', undefined)}${contracts.map((c) => option(c.contractId, `${c.provider}: ${c.service}`, value('contract')))}</select></div>` : ''}
<div class="field"><label for="f-kind">Kind of decision</label><select id="f-kind" name="kind">${option('', 'Any', undefined)}${Object.entries(kindWords).map(([k, words]) => option(k, words, value('kind')))}</select></div>
</div>
${context.viewer.actor.role === 'auditor' ? field('asOf', 'As it stood at (optional)', 'A date and time, like 2026-11-01 10:00, or a log position, like 40.', value('asOf') ?? '', chosen.errors.asOf, 'text') : ''}
<p><button type="submit">Show the report</button></p>
</form>`;
}

const TITLE = 'Partnership Board report';

async function reportPage(request: FastifyRequest, reply: FastifyReply, deps: PageDependencies, version: Version): Promise<FastifyReply> {
  const context = signedIn(request, reply, deps);
  if (!context) return reply;
  const today = londonDay(deps.now());
  const chosen = chosenFrom(request, context, today);
  const action = version === 'full' && request.url.startsWith(`${REPORT_PAGE}/full`) ? `${REPORT_PAGE}/full` : REPORT_PAGE;
  const form = version === 'print' ? html`` : await chooseForm(context, request, chosen, action, today);
  const page = (body: SafeHtml, status = 200) =>
    sendPage(reply, pageDocument({ title: version === 'easy-read' ? 'What we tell the Partnership Board' : TITLE, body, viewer: context.viewer, current: 'reports' }), status);
  const problems = Object.values(chosen.errors);
  if (!chosen.query) {
    return page(html`${heading(1, 'people', TITLE)}<div class="error-summary" role="alert"><h2>There is a problem</h2><ul>${problems.map((p) => html`<li>${p}</li>`)}</ul></div>${form}`, 400);
  }
  const links = reportLinks(chosen.query, chosen.asOf);
  // The API's own refusal of a period (400) is said beside the form, to be chosen again.
  const report = await read(context.api, `/reports/partnership-board?${links.query}`, boardReportSchema).catch((err: unknown) => {
    if (err instanceof PageReadError && err.problem.status === 400) return err.problem.detail;
    throw err;
  });
  if (typeof report === 'string') {
    return page(html`${heading(1, 'people', TITLE)}<div class="error-summary" role="alert"><h2>There is a problem</h2><p>${report}</p></div>${form}`, 400);
  }
  const organisation = context.viewer.actor.organisation;
  if (version === 'easy-read') return page(html`${easyReportBody(report, links, organisation)}${form}`);
  const printNote = version === 'print' ? html`<p class="print-note">Use your browser’s Print command to print this report or save it as a PDF.</p>` : '';
  return page(html`${heading(1, 'people', TITLE)}${printNote}${form}${reportBody(report, { links, organisation })}`);
}

/** A table of the report as CSV, passed through from the API as it answered (a download, named by its period). */
async function csvDownload(request: FastifyRequest<{ Params: { table: string } }>, reply: FastifyReply, deps: PageDependencies): Promise<FastifyReply> {
  const context = signedIn(request, reply, deps);
  if (!context) return reply;
  const table = reportTable.safeParse(request.params.table);
  const chosen = chosenFrom(request, context, londonDay(deps.now()));
  if (!table.success || !chosen.query) return sendPage(reply, notFoundPage(context.viewer), 404);
  const links = reportLinks(chosen.query, chosen.asOf);
  const answer = await context.api.get(`/reports/partnership-board/${table.data}.csv?${links.query}`);
  if (answer.status !== 200 || typeof answer.body !== 'string') throw new PageReadError(problemOf(answer));
  const name = `partnership-board-${table.data}-${chosen.query.from}-to-${chosen.query.to}.csv`;
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(answer.body);
}

export function reportPages(app: FastifyInstance, deps: PageDependencies): void {
  // A self-advocate meets the Easy Read version first; everyone else the full report, one link from it.
  app.get(REPORT_PAGE, async (request, reply) =>
    reportPage(request, reply, deps, pageContext(request, deps)?.viewer.actor.role === 'self-advocate' ? 'easy-read' : 'full'));
  app.get(`${REPORT_PAGE}/full`, async (request, reply) => reportPage(request, reply, deps, 'full'));
  app.get(`${REPORT_PAGE}/easy-read`, async (request, reply) => reportPage(request, reply, deps, 'easy-read'));
  app.get(`${REPORT_PAGE}/print`, async (request, reply) => reportPage(request, reply, deps, 'print'));
  app.get<{ Params: { table: string } }>(`${REPORT_PAGE}/:table.csv`, async (request, reply) => csvDownload(request, reply, deps));
}
