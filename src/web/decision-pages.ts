// The decisions list (with filters by kind, status and flag), one decision's page, and
// the forms on a decision and for proposing one.
import type { FastifyInstance } from 'fastify';
import { flagCodes } from '../../projections/coproduction-review.js';
import { read } from './api-client.js';
import { decisionBody, type Action } from './decision-view.js';
import { decisionForms, type DecisionFormContext } from './forms/decision-forms.js';
import type { FormSpec, Values } from './forms/form-kit.js';
import { formPage, submitForm } from './forms/form-page.js';
import { forbiddenPage, mayUse, registerRecordForms } from './forms/record-form-routes.js';
import { proposeDecision } from './forms/new-record-forms.js';
import { html } from './html.js';
import { pageDocument, type Viewer } from './layout.js';
import { formValues, queryValue, sendPage, signedIn, type PageContext, type PageDependencies } from './page-context.js';
import { heading } from './pictures.js';
import type { ContractRow, DecisionDetail, DecisionSummary, TimelineEntry } from './read-models.js';
import { dateWords, flagWords, kindWords, outcomeWords, statusWords, words } from './words.js';

const selectFilter = (name: string, label: string, table: Record<string, string>, chosen: string | undefined) => html`<div class="field">
<label for="filter-${name}">${label}</label>
<select id="filter-${name}" name="${name}"><option value="">Any</option>${Object.entries(table).map(
  ([value, words]) => html`<option value="${value}"${value === chosen ? html` selected` : ''}>${words}</option>`,
)}</select></div>`;

async function listPage(context: PageContext, query: unknown): Promise<string> {
  const filter = { kind: queryValue(query, 'kind'), status: queryValue(query, 'status'), flag: queryValue(query, 'flag') };
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) if (value) params.set(name, value);
  const { decisions } = await read<{ decisions: DecisionSummary[] }>(context.api, `/decisions${params.size ? `?${params}` : ''}`);
  const flags = Object.fromEntries(flagCodes.map((code) => [code, words(flagWords, code)]));
  const canPropose = mayUse(context.viewer, proposeDecision);
  const body = html`${heading(1, 'list', 'Decisions')}
<ul class="easy-read"><li>These are decisions about support.</li><li>Choose one to see who was involved and what changed.</li></ul>
${canPropose ? html`<p><a class="button secondary" href="/app/decisions/new">${proposeDecision.title(context.viewer)}</a></p>` : ''}
<form method="get" action="/app/decisions" class="filters" aria-label="Filter decisions">
${selectFilter('kind', 'Kind', kindWords, filter.kind)}
${selectFilter('status', 'Where it is up to', statusWords, filter.status)}
${selectFilter('flag', 'Things to look at', flags, filter.flag)}
<p><button type="submit">Show decisions</button></p>
</form>
<h2>${decisions.length === 1 ? '1 decision' : `${decisions.length} decisions`}</h2>
${decisions.length === 0
  ? html`<p>No decisions match. Try fewer filters.</p>`
  : html`<ul class="cards">${decisions.map(
      (d) => html`<li><h3><a href="/app/decisions/${d.decisionId}">${d.title}</a></h3>
<p>${words(kindWords, d.kind)}. ${words(statusWords, d.status)}${d.outcome ? html`: ${words(outcomeWords, d.outcome)}` : ''}.</p>
<p>Proposed ${dateWords(d.proposedAt)}${d.reviewDate ? html`. Review by ${dateWords(d.reviewDate)}` : ''}.</p></li>`,
    )}</ul>`}`;
  return pageDocument({ title: 'Decisions', body, viewer: context.viewer, current: 'decisions' });
}

function actionsFor(viewer: Viewer, decision: DecisionDetail): Action[] {
  return decisionForms
    .filter((f) => mayUse(viewer, f) && (f.appliesTo?.(decision) ?? true))
    .map((f) => ({ href: `/app/decisions/${decision.decisionId}/${f.slug}`, label: f.title(viewer) }));
}

const decisionUrl = (id: string) => `/decisions/${encodeURIComponent(id)}`;

export async function decisionPages(app: FastifyInstance, deps: PageDependencies): Promise<void> {
  app.get('/app/decisions', async (request, reply) => {
    const context = signedIn(request, reply, deps);
    if (!context) return reply;
    return sendPage(reply, await listPage(context, request.query));
  });

  // Proposing: its own page, before /app/decisions/:id (a static path wins in the router).
  const proposal = async (context: PageContext) => ({
    viewer: context.viewer,
    contracts: (await read<{ contracts: ContractRow[] }>(context.api, '/projections/contracts')).contracts,
  });
  const proposalPage = (ctx: Awaited<ReturnType<typeof proposal>>, values: Values, extra: Partial<Parameters<typeof formPage>[3]> = {}) =>
    formPage(proposeDecision, ctx, ctx.viewer, { action: '/app/decisions/new', back: { href: '/app/decisions', label: 'All decisions' }, values, current: 'decisions', ...extra });

  app.get('/app/decisions/new', async (request, reply) => {
    const context = signedIn(request, reply, deps);
    if (!context) return reply;
    if (!mayUse(context.viewer, proposeDecision)) return forbiddenPage(reply, context.viewer);
    return sendPage(reply, proposalPage(await proposal(context), {}));
  });

  app.post('/app/decisions/new', async (request, reply) => {
    const context = signedIn(request, reply, deps);
    if (!context) return reply;
    if (!mayUse(context.viewer, proposeDecision)) return forbiddenPage(reply, context.viewer);
    const ctx = await proposal(context);
    const values = formValues(request.body);
    const result = await submitForm(proposeDecision, ctx, values, context.api);
    if (result.saved) return reply.redirect(`/app/decisions/${String(result.answer.decisionId)}?saved=new`, 303);
    return sendPage(reply, proposalPage(ctx, values, { errors: result.errors, warnings: result.warnings }), 400);
  });

  app.get<{ Params: { id: string } }>('/app/decisions/:id', async (request, reply) => {
    const context = signedIn(request, reply, deps);
    if (!context) return reply;
    const { id } = request.params;
    const decision = await read<DecisionDetail>(context.api, decisionUrl(id));
    const { entries } = await read<{ entries: TimelineEntry[] }>(context.api, `/projections/timeline?decision=${encodeURIComponent(id)}`);
    const saved = queryValue(request.query, 'saved');
    const notice = saved === 'new' ? proposeDecision.saved : decisionForms.find((f) => f.slug === saved)?.saved;
    const body = decisionBody(decision, entries, actionsFor(context.viewer, decision), notice);
    return sendPage(reply, pageDocument({ title: decision.title, body, viewer: context.viewer, current: 'decisions' }));
  });

  registerRecordForms(app, deps, '/app/decisions', async (context, id, slug) => {
    const spec = decisionForms.find((f) => f.slug === slug);
    if (!spec) return undefined;
    const decision = await read<DecisionDetail>(context.api, decisionUrl(id));
    const ctx: DecisionFormContext = { decision, viewer: context.viewer };
    const recordPage = `/app/decisions/${decision.decisionId}`;
    return {
      spec,
      ctx,
      recordPage,
      allowed: mayUse(context.viewer, spec) && (spec.appliesTo?.(decision) ?? true),
      page: (values, extra = {}) =>
        formPage(spec, ctx, context.viewer, {
          action: `${recordPage}/${spec.slug}`,
          back: { href: recordPage, label: 'Back to the decision' },
          about: decision.title,
          values,
          current: 'decisions',
          ...extra,
        }),
    };
  });
}
