// The decisions list (with filters by kind, status and flag) and one decision's page, with
// links to the forms on it (their routes are the command forms', src/web/forms/).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { flagCodes } from '../../projections/coproduction-checks.js';
import { decisionDetailAnswer, decisionListAnswer } from '../../projections/decision-detail.js';
import { read } from './api-client.js';
import { decisionBody, decisionSections } from './decision-view.js';
import { easyRecordSections } from './easy-record-view.js';
import { easyReadBody } from './easy-read-view.js';
import { easySentences } from './easy-read-words.js';
import { formLinks, savedNotice } from './forms/command-form-routes.js';
import { evidenceLinks } from './evidence-pages.js';
import { newRecordForm } from './forms/command-forms.js';
import { mayUse } from './forms/record-form-routes.js';
import { decisionOffer } from './forms/record-choices.js';
import { html } from '../shared/html.js';
import { pageDocument } from './layout.js';
import { pageContext, queryValue, sendPage, signedIn, type PageContext, type PageDependencies } from './page-context.js';
import { heading } from './pictures.js';
import { timelineQuery } from '../../projections/queries.js';
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
  const { decisions } = await read(context.api, `/decisions${params.size ? `?${params}` : ''}`, decisionListAnswer);
  const flags = Object.fromEntries(flagCodes.map((code) => [code, words(flagWords, code)]));
  const propose = newRecordForm('decisions', context.viewer);
  const canPropose = propose !== undefined && mayUse(context.viewer, propose);
  const me = context.viewer.actor.personId;
  const body = html`${heading(1, 'list', 'Decisions')}
<ul class="easy-read"><li>These are decisions about support.</li><li>Choose one to see who was involved and what changed.</li></ul>
${canPropose ? html`<p><a class="button secondary" href="/app/decisions/new">${propose.title(context.viewer)}</a></p>` : ''}
${context.viewer.actor.role === 'commissioner' ? html`<p><a href="/app/people">People in the register</a></p>` : ''}
${me ? html`<p><a href="/app/people/${me}">About me, and how I like information</a></p>` : ''}
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

const decisionUrl = (id: string) => `/decisions/${encodeURIComponent(id)}`;

export async function decisionPages(app: FastifyInstance, deps: PageDependencies): Promise<void> {
  app.get('/app/decisions', async (request, reply) => {
    const context = signedIn(request, reply, deps);
    if (!context) return reply;
    return sendPage(reply, await listPage(context, request.query));
  });

  /** The Easy Read page, or the full record with a link to it. */
  const decisionPage = (kind: 'easy-read' | 'record') => async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const context = signedIn(request, reply, deps);
    if (!context) return reply;
    const { id } = request.params;
    const decision = await read(context.api, decisionUrl(id), decisionDetailAnswer);
    const notice = savedNotice('decisions', context.viewer, queryValue(request.query, 'saved'));
    const available = formLinks('decisions', context.viewer, decision.decisionId, decisionOffer(decision, context.viewer));
    if (kind === 'easy-read') {
      const body = easyReadBody(decision, context.viewer.actor.personId, available, notice);
      return sendPage(reply, pageDocument({ title: decision.title, body, viewer: context.viewer, current: 'decisions' }));
    }
    const { entries } = await read(context.api, `/projections/timeline?decision=${encodeURIComponent(id)}`, timelineQuery.answerSchema);
    const easyRead = html`<p><a href="/app/decisions/${decision.decisionId}/easy-read">${easySentences.easyReadLink}</a></p>`;
    const links = [...available, ...evidenceLinks(context.viewer, decision.decisionId)];
    // A self-advocate reads the full record in Easy Read too; staff read the record's own words and ids.
    const sections = context.viewer.actor.role === 'self-advocate' ? easyRecordSections(decision, entries, links, context.viewer.actor) : decisionSections(decision, entries, links);
    const body = html`${easyRead}${decisionBody(decision, sections, notice)}`;
    return sendPage(reply, pageDocument({ title: decision.title, body, viewer: context.viewer, current: 'decisions' }));
  };
  // A self-advocate meets the Easy Read page first; everyone else the full record, one link from it.
  app.get<{ Params: { id: string } }>('/app/decisions/:id', async (request, reply) =>
    decisionPage(pageContext(request, deps)?.viewer.actor.role === 'self-advocate' ? 'easy-read' : 'record')(request, reply));
  app.get<{ Params: { id: string } }>('/app/decisions/:id/easy-read', decisionPage('easy-read'));
  app.get<{ Params: { id: string } }>('/app/decisions/:id/record', decisionPage('record'));
}
