// The evidence pack and a decision's export, reached with the page session: the API's own
// answers (GET /decisions/:id/evidence, GET /audit/export?decision=) asked for with the
// signed-in person's token, so who may have them stays the API's rule. And the links to them
// that a decision's page offers to those allowed. A self-advocate's pack is the record in
// Easy Read instead, made here from the same answers as the pages.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { decisionDetailAnswer } from '../../projections/decision-detail.js';
import { timelineQuery } from '../../projections/queries.js';
import { html } from '../shared/html.js';
import { PageReadError, problemOf, read } from './api-client.js';
import type { Action } from './decision-view.js';
import { easyRecordSections } from './easy-record-view.js';
import { easyRecordWords, easySentences } from './easy-read-words.js';
import { pageDocument, type Viewer } from './layout.js';
import { queryValue, sendPage, signedIn, type PageContext, type PageDependencies } from './page-context.js';
import { heading } from './pictures.js';

/** The links a decision's page offers beside its forms: the pack for every reader, the export for an auditor. */
export function evidenceLinks(viewer: Viewer, decisionId: string): Action[] {
  const id = encodeURIComponent(decisionId);
  const links: Action[] = [{ href: `/app/decisions/${id}/evidence`, label: 'Evidence pack, to print' }];
  if (viewer.actor.role === 'auditor') links.push({ href: `/app/audit/export?decision=${id}`, label: 'Export this decision’s events' });
  return links;
}

/** One GET of the API as this person, its body kept as it came (HTML or JSON Lines), or the API's refusal thrown for the error pages. */
async function passThrough(deps: PageDependencies, context: PageContext, url: string): Promise<{ body: string; headers: Record<string, unknown> }> {
  const answer = await deps.api.inject({ method: 'GET', url, headers: { authorization: `Bearer ${context.session.token}` } });
  if (answer.statusCode >= 200 && answer.statusCode < 300) return { body: answer.body, headers: answer.headers };
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    body = answer.body;
  }
  throw new PageReadError(problemOf({ status: answer.statusCode, body }));
}

/**
 * The pack is a whole printable document with its own small stylesheet inline; the pages'
 * policy allows no inline style, so the pack's answer allows exactly that one by its hash.
 */
function inlineStyleHashes(page: string): string {
  const hashes = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1] ?? '').digest('base64')}'`);
  return hashes.join(' ');
}

function sendAs(reply: FastifyReply, headers: Record<string, unknown>, body: string): FastifyReply {
  for (const name of ['content-type', 'content-disposition', 'etag']) {
    const value = headers[name];
    if (typeof value === 'string') void reply.header(name, value);
  }
  return reply.send(body);
}

/**
 * The pack as a self-advocate reads it: the whole record in Easy Read, as a page of the site
 * (its print stylesheet drops the navigation), since the auditors' pack names people by id.
 */
async function easyEvidencePage(context: PageContext, decisionId: string): Promise<string> {
  const id = encodeURIComponent(decisionId);
  const decision = await read(context.api, `/decisions/${id}`, decisionDetailAnswer);
  const { entries } = await read(context.api, `/projections/timeline?decision=${id}`, timelineQuery.answerSchema);
  const title = easyRecordWords.packTitle(decision.title);
  const body = html`<p><a href="/app/decisions/${id}">${easyRecordWords.backToDecision}</a></p>
${heading(1, 'record', title)}
<ul class="easy-read">${easyRecordWords.packIntro.map((sentence) => html`<li>${sentence}</li>`)}</ul>
<p><a href="/app/decisions/${id}/easy-read">${easySentences.easyReadLink}</a></p>
<p><a href="/app/decisions/${id}/record">${easySentences.fullRecord}</a></p>
${easyRecordSections(decision, entries, [], context.viewer.actor)}`;
  return pageDocument({ title, body, viewer: context.viewer, current: 'decisions' });
}

export function evidencePages(app: FastifyInstance, deps: PageDependencies): void {
  app.get<{ Params: { id: string } }>('/app/decisions/:id/evidence', async (request, reply) => {
    const context = signedIn(request, reply, deps);
    if (!context) return reply;
    if (context.viewer.actor.role === 'self-advocate') return sendPage(reply, await easyEvidencePage(context, request.params.id));
    const { body, headers } = await passThrough(deps, context, `/decisions/${encodeURIComponent(request.params.id)}/evidence`);
    void reply.header('content-security-policy', `default-src 'none'; style-src ${inlineStyleHashes(body) || "'none'"}; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`);
    return sendAs(reply, headers, body);
  });

  app.get('/app/audit/export', async (request, reply) => {
    const context = signedIn(request, reply, deps);
    if (!context) return reply;
    const decision = queryValue(request.query, 'decision');
    const { body, headers } = await passThrough(deps, context, `/audit/export${decision ? `?decision=${encodeURIComponent(decision)}` : ''}`);
    return sendAs(reply, headers, body);
  });
}
