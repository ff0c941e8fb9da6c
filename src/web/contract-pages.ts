// Contracts: the list and one contract's money (chart and table), with links to the
// forms on it (their routes are the command forms', src/web/forms/).
import type { FastifyInstance } from 'fastify';
import { read } from './api-client.js';
import { formLinks, savedNotice } from './forms/command-form-routes.js';
import { newRecordForm } from './forms/command-forms.js';
import { mayUse } from './forms/record-form-routes.js';
import { contractOffer } from './forms/record-choices.js';
import { html, type SafeHtml } from '../shared/html.js';
import { pageDocument, tableRegion } from './layout.js';
import { moneyChart, moneyRows, peopleMovedChart } from './money-chart.js';
import { queryValue, sendPage, signedIn, type PageContext, type PageDependencies } from './page-context.js';
import { heading } from './pictures.js';
import { contractDetailSchema, type ContractDetail } from '../../projections/contract-detail.js';
import { contractsAnswerSchema } from '../../projections/contracts.js';
import { easyBudgetWords } from './easy-read-words.js';
import { isSelfAdvocate } from './forms/party-choices.js';
import { dateWords, pounds } from './words.js';

const contractUrl = (id: string) => `/contracts/${encodeURIComponent(id)}`;

async function listPage(context: PageContext): Promise<string> {
  const register = newRecordForm('contracts', context.viewer);
  const { contracts } = await read(context.api, '/projections/contracts', contractsAnswerSchema);
  const body = html`${heading(1, 'money', 'Contracts')}
<ul class="easy-read"><li>A contract says what the council pays a provider for.</li><li>Choose one to see where the money goes.</li></ul>
${register && mayUse(context.viewer, register) ? html`<p><a class="button secondary" href="/app/contracts/new">${register.title(context.viewer)}</a></p>` : ''}
${contracts.length === 0
  ? html`<p>There are no contracts yet.</p>`
  : html`<ul class="cards">${contracts.map(
      (c) => html`<li><h2><a href="/app/contracts/${c.contractId}">${c.provider}: ${c.service}</a></h2>
<p>${c.type.replace(/-/g, ' ')} contract, ${pounds(c.value)} a year. ${c.peopleMovedByToday ?? c.peopleMoved} of ${c.peopleCovered.length} people have moved to their own budget.${c.peoplePlannedToMove ? html` ${c.peoplePlannedToMove} more ${c.peoplePlannedToMove === 1 ? 'is' : 'are'} planned to move.` : ''}</p></li>`,
    )}</ul>`}`;
  return pageDocument({ title: 'Contracts', body, viewer: context.viewer, current: 'contracts' });
}

type Allocation = ContractDetail['allocations'][number];

const howPaid = (a: Allocation) => `${a.route.replace(/-/g, ' ')}${a.heldBy ? `, held by ${a.heldBy}` : ''}`;
const movedOn = (a: Allocation, planned: ReadonlyMap<string, string>) =>
  a.movedOn ? (planned.get(a.personId) === a.movedOn ? `Planned for ${dateWords(a.movedOn)}` : dateWords(a.movedOn)) : 'Not yet';

/** The budgets as a self-advocate reads them: their own, and the others counted, never named by id. */
function easyBudgets(me: string | undefined, allocations: readonly Allocation[], planned: ReadonlyMap<string, string>): SafeHtml {
  const mine = allocations.filter((a) => a.personId === me);
  const others = new Set(allocations.map((a) => a.personId).filter((p) => p !== me)).size;
  const myMove = me === undefined ? undefined : planned.get(me);
  return html`${planned.size ? html`<p>${easyBudgetWords.planned(planned.size)}</p>` : ''}
${myMove ? html`<p>${easyBudgetWords.youArePlanned(dateWords(myMove))}</p>` : ''}
${mine.length
  ? mine.map((a) => html`${heading(3, 'money', easyBudgetWords.yourBudget)}
<dl><dt>${easyBudgetWords.eachYear}</dt><dd>${pounds(a.amount)}</dd><dt>${easyBudgetWords.how}</dt><dd>${howPaid(a)}</dd><dt>${easyBudgetWords.movedOn}</dt><dd>${movedOn(a, planned)}</dd></dl>`)
  : html`<p>${easyBudgetWords.noBudget}</p>`}
${others ? html`<p>${easyBudgetWords.others(others)}</p>` : ''}`;
}

function contractPage(context: PageContext, contract: ContractDetail, notice: string | undefined): string {
  // Only moves dated on or before today count as done; later ones are shown as planned.
  const money = { ...contract.money, peopleMoved: contract.peopleMovedByToday ?? contract.money.peopleMoved };
  const planned = new Map((contract.moves ?? []).filter((m) => m.planned).map((m) => [m.personId, m.date]));
  // A provider is told which budgets it holds (the API lists them for providers only).
  const held = contract.allocations.filter((a) => contract.allocationsHeldByYou?.includes(a.allocationId));
  const forms = formLinks('contracts', context.viewer, contract.contractId, contractOffer(contract, []));
  const easy = isSelfAdvocate(context.viewer);
  const body = html`<p><a href="/app/contracts">All contracts</a></p>
${heading(1, 'money', `${contract.provider}: ${contract.service}`)}
${notice ? html`<div class="notice" role="status"><p>${notice}</p></div>` : ''}
<p>A ${contract.type.replace(/-/g, ' ')} contract from ${dateWords(contract.start)}${contract.end ? html` to ${dateWords(contract.end)}` : ''}. It is ${contract.status}.</p>
${contract.disaggregation ? html`<p><a href="/app/decisions/${contract.disaggregation.decisionId}">See the decision to split this contract</a></p>` : ''}
${forms.length ? html`<ul class="actions">${forms.map((f) => html`<li><a href="${f.href}">${f.label}</a></li>`)}</ul>` : ''}
<section aria-labelledby="money">
${heading(2, 'money', 'Where the money goes', 'money')}
${moneyChart(money, contract.peopleCovered.length)}
${tableRegion('The money, in numbers', html`<table><caption>The money, in numbers</caption>
<thead><tr><th scope="col">What</th><th scope="col" class="number">Amount</th></tr></thead>
<tbody>${moneyRows(money, contract.peopleCovered.length).map((r) => html`<tr><th scope="row">${r.label}</th><td class="number">${r.value}</td></tr>`)}</tbody>
</table>`)}
</section>
<section aria-labelledby="moved">
${heading(2, 'people', 'People moved to their own budget', 'moved')}
${peopleMovedChart(money.peopleMoved, contract.peopleCovered.length)}
${easy ? '' : planned.size ? html`<p>${planned.size} ${planned.size === 1 ? 'person is' : 'people are'} planned to move: ${[...planned].map(([personId, date]) => `${personId} on ${dateWords(date)}`).join(', ')}.</p>` : ''}
${held.length ? html`<p>You hold the Individual Service Fund of ${held.map((a) => a.personId).join(', ')}.</p>` : ''}
${contract.allocations.length && easy
  ? easyBudgets(context.viewer.actor.personId, contract.allocations, planned)
  : contract.allocations.length
  ? tableRegion('Budgets', html`<table><caption>Budgets</caption>
<thead><tr><th scope="col">Person</th><th scope="col" class="number">Each year</th><th scope="col">How</th><th scope="col">Moved on</th></tr></thead>
<tbody>${contract.allocations.map(
      (a) => html`<tr><th scope="row">${a.personId}</th><td class="number">${pounds(a.amount)}</td><td>${howPaid(a)}</td><td>${movedOn(a, planned)}</td></tr>`,
    )}</tbody></table>`)
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

  app.get<{ Params: { id: string } }>('/app/contracts/:id', async (request, reply) => {
    const context = signedIn(request, reply, deps);
    if (!context) return reply;
    const contract = await read(context.api, contractUrl(request.params.id), contractDetailSchema);
    const saved = queryValue(request.query, 'saved');
    const notice = savedNotice('contracts', context.viewer, saved);
    return sendPage(reply, contractPage(context, contract, notice));
  });
}
