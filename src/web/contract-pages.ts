// Contracts: the list, one contract's money (chart and table), and the commissioners'
// forms: register a contract, plan a disaggregation, allocate a budget.
import type { FastifyInstance } from 'fastify';
import { read } from './api-client.js';
import type { FormSpec, Values } from './forms/form-kit.js';
import { formPage, submitForm, type FormPageOptions } from './forms/form-page.js';
import { forbiddenPage, mayUse, registerRecordForms } from './forms/record-form-routes.js';
import { allocateBudget, planDisaggregation, registerContract, type ContractFormContext } from './forms/new-record-forms.js';
import { html } from './html.js';
import { pageDocument } from './layout.js';
import { moneyChart, moneyRows, peopleMovedChart } from './money-chart.js';
import { formValues, queryValue, sendPage, signedIn, type PageContext, type PageDependencies } from './page-context.js';
import { heading } from './pictures.js';
import type { ContractDetail, ContractRow, DecisionSummary } from './read-models.js';
import { dateWords, pounds } from './words.js';

const contractForms: readonly FormSpec<ContractFormContext, ContractDetail>[] = [planDisaggregation, allocateBudget];
const contractUrl = (id: string) => `/contracts/${encodeURIComponent(id)}`;

async function listPage(context: PageContext): Promise<string> {
  const { contracts } = await read<{ contracts: ContractRow[] }>(context.api, '/projections/contracts');
  const body = html`${heading(1, 'money', 'Contracts')}
<ul class="easy-read"><li>A contract says what the council pays a provider for.</li><li>Choose one to see where the money goes.</li></ul>
${mayUse(context.viewer, registerContract) ? html`<p><a class="button secondary" href="/app/contracts/new">Register a contract</a></p>` : ''}
${contracts.length === 0
  ? html`<p>There are no contracts yet.</p>`
  : html`<ul class="cards">${contracts.map(
      (c) => html`<li><h2><a href="/app/contracts/${c.contractId}">${c.provider}: ${c.service}</a></h2>
<p>${c.type.replace(/-/g, ' ')} contract, ${pounds(c.value)} a year. ${c.peopleMoved.length} of ${c.peopleCovered.length} people moved to their own budget.</p></li>`,
    )}</ul>`}`;
  return pageDocument({ title: 'Contracts', body, viewer: context.viewer, current: 'contracts' });
}

function contractPage(context: PageContext, contract: ContractDetail, notice: string | undefined): string {
  const { money } = contract;
  const forms = contractForms.filter((f) => mayUse(context.viewer, f) && (f.appliesTo?.(contract) ?? true));
  const body = html`<p><a href="/app/contracts">All contracts</a></p>
${heading(1, 'money', `${contract.provider}: ${contract.service}`)}
${notice ? html`<div class="notice" role="status"><p>${notice}</p></div>` : ''}
<p>A ${contract.type.replace(/-/g, ' ')} contract from ${dateWords(contract.start)}${contract.end ? html` to ${dateWords(contract.end)}` : ''}. It is ${contract.status}.</p>
${contract.disaggregation ? html`<p><a href="/app/decisions/${contract.disaggregation.decisionId}">See the decision to split this contract</a></p>` : ''}
${forms.length ? html`<ul class="actions">${forms.map((f) => html`<li><a href="/app/contracts/${contract.contractId}/${f.slug}">${f.title(context.viewer)}</a></li>`)}</ul>` : ''}
<section aria-labelledby="money">
${heading(2, 'money', 'Where the money goes', 'money')}
${moneyChart(money, contract.peopleCovered.length)}
<table><caption>The money, in numbers</caption>
<thead><tr><th scope="col">What</th><th scope="col" class="number">Amount</th></tr></thead>
<tbody>${moneyRows(money, contract.peopleCovered.length).map((r) => html`<tr><th scope="row">${r.label}</th><td class="number">${r.value}</td></tr>`)}</tbody>
</table>
</section>
<section aria-labelledby="moved">
${heading(2, 'people', 'People moved to their own budget', 'moved')}
${peopleMovedChart(money.peopleMoved, contract.peopleCovered.length)}
${contract.allocations.length
  ? html`<table><caption>Budgets</caption>
<thead><tr><th scope="col">Person</th><th scope="col" class="number">Each year</th><th scope="col">How</th><th scope="col">Moved on</th></tr></thead>
<tbody>${contract.allocations.map(
      (a) => html`<tr><th scope="row">${a.personId}</th><td class="number">${pounds(a.amount)}</td><td>${a.route.replace(/-/g, ' ')}${a.heldBy ? html`, held by ${a.heldBy}` : ''}</td><td>${a.movedOn ? dateWords(a.movedOn) : 'Not yet'}</td></tr>`,
    )}</tbody></table>`
  : html`<p>No budgets have been allocated yet.</p>`}
</section>`;
  return pageDocument({ title: `${contract.provider}: ${contract.service}`, body, viewer: context.viewer, current: 'contracts' });
}

export async function contractPages(app: FastifyInstance, deps: PageDependencies): Promise<void> {
  app.get('/app/contracts', async (request, reply) => {
    const context = signedIn(request, reply, deps);
    if (!context) return reply;
    return sendPage(reply, await listPage(context));
  });

  const newPage = (context: PageContext, values: Values, extra: Partial<FormPageOptions> = {}) =>
    formPage(registerContract, { viewer: context.viewer }, context.viewer, { action: '/app/contracts/new', back: { href: '/app/contracts', label: 'All contracts' }, values, current: 'contracts', ...extra });

  app.get('/app/contracts/new', async (request, reply) => {
    const context = signedIn(request, reply, deps);
    if (!context) return reply;
    if (!mayUse(context.viewer, registerContract)) return forbiddenPage(reply, context.viewer);
    return sendPage(reply, newPage(context, {}));
  });

  app.post('/app/contracts/new', async (request, reply) => {
    const context = signedIn(request, reply, deps);
    if (!context) return reply;
    if (!mayUse(context.viewer, registerContract)) return forbiddenPage(reply, context.viewer);
    const values = formValues(request.body);
    const result = await submitForm(registerContract, { viewer: context.viewer }, values, context.api);
    if (result.saved) return reply.redirect(`/app/contracts/${String(result.answer.contractId)}?saved=new`, 303);
    return sendPage(reply, newPage(context, values, { errors: result.errors }), 400);
  });

  app.get<{ Params: { id: string } }>('/app/contracts/:id', async (request, reply) => {
    const context = signedIn(request, reply, deps);
    if (!context) return reply;
    const contract = await read<ContractDetail>(context.api, contractUrl(request.params.id));
    const saved = queryValue(request.query, 'saved');
    const notice = saved === 'new' ? registerContract.saved : contractForms.find((f) => f.slug === saved)?.saved;
    return sendPage(reply, contractPage(context, contract, notice));
  });

  registerRecordForms(app, deps, '/app/contracts', async (context, id, slug) => {
    const spec = contractForms.find((f) => f.slug === slug);
    if (!spec) return undefined;
    const contract = await read<ContractDetail>(context.api, contractUrl(id));
    const { decisions } = await read<{ decisions: DecisionSummary[] }>(context.api, `/decisions?contract=${encodeURIComponent(contract.contractId)}`);
    const ctx: ContractFormContext = { viewer: context.viewer, contract, decisions };
    const recordPage = `/app/contracts/${contract.contractId}`;
    return {
      spec,
      ctx,
      recordPage,
      allowed: mayUse(context.viewer, spec) && (spec.appliesTo?.(contract) ?? true),
      page: (values, extra = {}) =>
        formPage(spec, ctx, context.viewer, {
          action: `${recordPage}/${spec.slug}`,
          back: { href: recordPage, label: 'Back to the contract' },
          about: `${contract.provider}: ${contract.service}`,
          values,
          current: 'contracts',
          ...extra,
        }),
    };
  });
}
