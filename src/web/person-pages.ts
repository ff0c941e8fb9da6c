// The people in the register: a list of the pseudonymous ids the decisions name (what every
// reader sees already), and one person's page, read through GET /people/:id so the API's
// read rules decide who sees a name. Each page links to the register's forms that apply.
import type { FastifyInstance } from 'fastify';
import { decisionListAnswer } from '../../projections/decision-detail.js';
import { html, type SafeHtml } from '../shared/html.js';
import { read } from './api-client.js';
import { formLinks, savedNotice } from './forms/command-form-routes.js';
import { newRecordForm } from './forms/command-forms.js';
import { personEntrySchema } from '../../projections/person-entry.js';
import { providerListSchema } from '../../projections/provider-register.js';
import { mayUse } from './forms/record-form-routes.js';
import { personOffer } from './forms/record-choices.js';
import { pageDocument } from './layout.js';
import { queryValue, sendPage, signedIn, type PageDependencies } from './page-context.js';
import { heading } from './pictures.js';
import { easyPeopleWords } from './easy-read-words.js';
import { isSelfAdvocate } from './forms/party-choices.js';
import { choiceWords, words } from './words.js';

/** The people list for a self-advocate: their own page, and the others counted (they may not read them). */
function easyPeopleList(me: string | undefined, people: readonly string[]): SafeHtml {
  const others = people.filter((p) => p !== me).length;
  return html`${heading(1, 'people', 'People')}
<ul class="easy-read">${easyPeopleWords.listIntro.map((s) => html`<li>${s}</li>`)}</ul>
${me ? html`<ul class="cards"><li><h2><a href="/app/people/${me}">${easyPeopleWords.yourPage}</a></h2></li></ul>` : ''}
${others ? html`<p>${easyPeopleWords.others(others)}</p>` : ''}`;
}

export async function personPages(app: FastifyInstance, deps: PageDependencies): Promise<void> {
  app.get('/app/people', async (request, reply) => {
    const context = signedIn(request, reply, deps);
    if (!context) return reply;
    const { decisions } = await read(context.api, '/decisions', decisionListAnswer);
    const people = [...new Set(decisions.flatMap((d) => d.people))].sort();
    const register = newRecordForm('people', context.viewer);
    const body = isSelfAdvocate(context.viewer)
      ? easyPeopleList(context.viewer.actor.personId, people)
      : html`${heading(1, 'people', 'People')}
<ul class="easy-read"><li>These are the people the decisions are about, by their id.</li><li>Choose one to see their register entry.</li></ul>
${register && mayUse(context.viewer, register) ? html`<p><a class="button secondary" href="/app/people/new">${register.title(context.viewer)}</a> <a href="/app/providers">The providers</a></p>` : ''}
${people.length === 0 ? html`<p>No decisions name anyone yet.</p>` : html`<ul class="cards">${people.map((p) => html`<li><h2><a href="/app/people/${p}">${p}</a></h2></li>`)}</ul>`}`;
    return sendPage(reply, pageDocument({ title: 'People', body, viewer: context.viewer, current: 'home' }));
  });

  app.get('/app/providers', async (request, reply) => {
    const context = signedIn(request, reply, deps);
    if (!context) return reply;
    const { providers } = await read(context.api, '/providers', providerListSchema);
    const register = newRecordForm('providers', context.viewer);
    const notice = savedNotice('providers', context.viewer, queryValue(request.query, 'saved'));
    const body = html`${heading(1, 'people', 'Providers')}
<ul class="easy-read"><li>These are the organisations that provide support.</li><li>Contracts, budgets and moves name them.</li></ul>
${notice ? html`<div class="notice" role="status"><p>${notice}</p></div>` : ''}
${register && mayUse(context.viewer, register) ? html`<p><a class="button secondary" href="/app/providers/new">${register.title(context.viewer)}</a></p>` : ''}
${providers.length === 0 ? html`<p>No provider is registered yet.</p>` : html`<ul class="cards">${providers.map((p) => html`<li><h2>${p.name}</h2></li>`)}</ul>`}`;
    return sendPage(reply, pageDocument({ title: 'Providers', body, viewer: context.viewer, current: 'home' }));
  });

  app.get<{ Params: { id: string } }>('/app/people/:id', async (request, reply) => {
    const context = signedIn(request, reply, deps);
    if (!context) return reply;
    const person = await read(context.api, `/people/${encodeURIComponent(request.params.id)}`, personEntrySchema);
    const notice = savedNotice('people', context.viewer, queryValue(request.query, 'saved'));
    const links = formLinks('people', context.viewer, person.personId, personOffer(person));
    const needs = person.communicationNeeds.map((n) => words(choiceWords.communicationNeed, n.need));
    // A self-advocate reads only their own entry (the API's read rule): it speaks to them, without their id.
    const easy = isSelfAdvocate(context.viewer);
    const title = easy ? (person.forgotten ? easyPeopleWords.forgotten : person.name) : person.forgotten ? `${person.personId}: forgotten` : `${person.name} (${person.personId})`;
    const label = easy
      ? { needs: easyPeopleWords.needs, needsDetail: easyPeopleWords.needsDetail, contact: easyPeopleWords.contact, supportedBy: easyPeopleWords.supportedBy, none: easyPeopleWords.noneYet }
      : { needs: 'Communication needs', needsDetail: 'More about their needs', contact: 'Contact details', supportedBy: 'Providers who support them', none: 'None recorded' };
    const body = html`<p><a href="/app/people">All people</a></p>
${heading(1, 'people', title)}
${notice ? html`<div class="notice" role="status"><p>${notice}</p></div>` : ''}
${links.length ? html`<ul class="actions">${links.map((a) => html`<li><a href="${a.href}">${a.label}</a></li>`)}</ul>` : ''}
<dl>
<dt>${label.needs}</dt><dd>${needs.length ? needs.join(', ') : label.none}</dd>
${person.needsDetail ? html`<dt>${label.needsDetail}</dt><dd>${person.needsDetail}</dd>` : ''}
${person.contactDetails ? html`<dt>${label.contact}</dt><dd>${person.contactDetails}</dd>` : ''}
<dt>${label.supportedBy}</dt><dd>${person.supportedBy.length ? person.supportedBy.join(', ') : label.none}</dd>
</dl>`;
    return sendPage(reply, pageDocument({ title: easy ? title : person.forgotten ? person.personId : person.name, body, viewer: context.viewer, current: 'home' }));
  });
}
