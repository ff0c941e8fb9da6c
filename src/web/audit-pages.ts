// For auditors: pick a moment (a date and time, or a log position) and see a decision as
// it stood then (GET /decisions/:id?asOf=: its outcome, reasons and feedback too); and verify the log.
import type { FastifyInstance } from 'fastify';
import { decisionDetailAnswer, decisionListAnswer, type DecisionDetail } from '../../projections/decision-detail.js';
import { verificationResponse } from '../http/routes/audit-routes.js';
import { read, PageReadError } from './api-client.js';
import { decisionSections } from './decision-view.js';
import { forbiddenPage } from './forms/record-form-routes.js';
import { html, type SafeHtml } from '../shared/html.js';
import { pageDocument, tableRegion } from './layout.js';
import { queryValue, sendPage, signedIn, type PageContext, type PageDependencies } from './page-context.js';
import { heading } from './pictures.js';
import { timelineQuery } from '../../projections/queries.js';
import type { TimelineEntry } from '../../projections/timeline.js';
import { dateTimeWords, statusWords, words } from './words.js';

/** A log position as typed, or a date and time read as this server's local time; undefined when neither. */
export function momentOf(typed: string): string | undefined {
  const text = typed.trim();
  if (/^\d+$/.test(text)) return text;
  const time = new Date(text);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

/** The two questions a moment answers: what the record said then, or what had happened by then (counting what was recorded later). */
type AsOfKind = 'recorded' | 'happened';
const asOfKinds: Record<AsOfKind, { label: string; hint: string }> = {
  recorded: { label: 'What the record said on', hint: 'Only what had been recorded by then.' },
  happened: { label: 'What had happened by', hint: 'Also what was recorded later, by the day it happened. Give a date and time.' },
};

async function asItStood(context: PageContext, decisionId: string, asOf: string, kind: AsOfKind): Promise<SafeHtml> {
  const moment = `asOf=${encodeURIComponent(asOf)}`;
  let detail: DecisionDetail & { asOfPosition: number };
  try {
    detail = await read(context.api, `/decisions/${encodeURIComponent(decisionId)}?${moment}&asOfKind=${kind}`, decisionDetailAnswer);
  } catch (err) {
    if (!(err instanceof PageReadError) || err.problem.status !== 404) throw err;
    const when = /^\d+$/.test(asOf) ? `log position ${asOf}` : dateTimeWords(asOf);
    return html`<section aria-labelledby="then"><h2 id="then">As it stood at ${when}</h2><p>This decision had not been recorded yet at that moment.</p></section>`;
  }
  if (kind === 'happened') {
    // Facts recorded later count by when they happened, so the timeline is the whole record, each entry at when it was recorded.
    const { entries } = await read(context.api, `/projections/timeline?decision=${encodeURIComponent(decisionId)}`, timelineQuery.answerSchema);
    return html`<section aria-labelledby="then"><h2 id="then">What had happened by ${dateTimeWords(asOf)}</h2>
<p><strong>${detail.title}</strong>. ${words(statusWords, detail.status)}.</p>
<p>This counts what was recorded later, by when it happened. The timeline shows when each thing was recorded, up to now.</p>
</section>
${logTable(entries)}
${decisionSections(detail, entries)}`;
  }
  const { entries } = await read(context.api, `/projections/timeline?decision=${encodeURIComponent(decisionId)}&${moment}`, timelineQuery.answerSchema);
  const last = entries.at(-1);
  return html`<section aria-labelledby="then"><h2 id="then">As it stood at log position ${detail.asOfPosition}</h2>
<p><strong>${detail.title}</strong>. ${words(statusWords, detail.status)}.${last ? html` The last thing recorded by then was at position ${last.position}, ${secondWords(last.at)}.` : ''}</p>
</section>
${logTable(entries)}
${decisionSections(detail, entries)}`;
}

/** A recorded time to the second, as an auditor compares it with the export's. */
export function secondWords(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  return time.toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Europe/London' });
}

/** Which moments can be asked about: the first and last position and time in the log, and this decision's own positions. */
function momentsThatExist(log: readonly TimelineEntry[], decisionEntries: readonly TimelineEntry[]): SafeHtml {
  const first = log[0];
  const last = log.at(-1);
  if (!first || !last) return html`<p>Nothing has been recorded in the log yet.</p>`;
  const own = decisionEntries.map((e) => e.position);
  return html`<div class="notice" id="moments"><p>The log goes from position ${first.position}, recorded ${secondWords(first.at)}, to position ${last.position}, recorded ${secondWords(last.at)}.</p>
${own.length ? html`<p>This decision was recorded at positions ${own.join(', ')}.</p>` : ''}</div>`;
}

/** The timeline as the log holds it: each entry's position and recorded time to the second. */
function logTable(entries: readonly TimelineEntry[]): SafeHtml {
  return html`<section aria-labelledby="log-entries"><h2 id="log-entries">In the log, by position</h2>
${tableRegion('This decision in the log, by position', html`<table><caption>This decision in the log, by position</caption>
<thead><tr><th scope="col" class="number">Position</th><th scope="col">Recorded</th><th scope="col">What</th></tr></thead>
<tbody>${entries.map((e) => html`<tr><td class="number">${e.position}</td><td>${secondWords(e.at)}</td><td>${e.who?.name ? `${e.who.name} ` : ''}${e.what}</td></tr>`)}</tbody></table>`)}
</section>`;
}

async function verification(context: PageContext): Promise<SafeHtml> {
  const result = await read(context.api, '/audit/verify', verificationResponse);
  const summary = result.verification.summary;
  return html`<div class="${result.ok ? 'notice' : 'error-summary'}" role="status">
<p><strong class="${result.ok ? 'pass' : 'fail'}">${result.ok ? '✓ Verified.' : '✗ Not verified.'}</strong> ${summary}</p></div>`;
}

export async function auditPages(app: FastifyInstance, deps: PageDependencies): Promise<void> {
  app.get('/app/audit', async (request, reply) => {
    const context = signedIn(request, reply, deps);
    if (!context) return reply;
    if (context.viewer.actor.role !== 'auditor') return forbiddenPage(reply, context.viewer);
    const chosen = queryValue(request.query, 'decision');
    const typed = queryValue(request.query, 'moment') ?? '';
    const { decisions } = await read(context.api, '/decisions', decisionListAnswer);
    const log = (await read(context.api, '/projections/timeline', timelineQuery.answerSchema)).entries;
    const decisionKnown = chosen !== undefined && decisions.some((d) => d.decisionId === chosen);
    const ownEntries = decisionKnown ? (await read(context.api, `/projections/timeline?decision=${encodeURIComponent(chosen)}`, timelineQuery.answerSchema)).entries : [];
    const kind: AsOfKind = queryValue(request.query, 'asOfKind') === 'happened' ? 'happened' : 'recorded';
    const asOf = typed ? momentOf(typed) : undefined;
    const momentError = typed && !asOf
      ? 'Write a date and time, like 2026-11-01 10:00, or a log position, like 40.'
      : asOf && kind === 'happened' && /^\d+$/.test(asOf)
        ? 'To see what had happened by a moment, give a date and time, not a log position.'
        : undefined;
    let result: SafeHtml = html``;
    if (chosen && asOf && !momentError) {
      try {
        result = await asItStood(context, chosen, asOf, kind);
      } catch (err) {
        if (!(err instanceof PageReadError)) throw err;
        result = html`<div class="error-summary" role="alert"><p>${err.problem.detail}</p></div>`;
      }
    }
    const verified = queryValue(request.query, 'verify') === '1' ? await verification(context) : html``;
    const body = html`${heading(1, 'look', 'Check the record')}
<ul class="easy-read"><li>See any decision as it stood at a moment in the past.</li><li>Check that nothing in the log was changed.</li></ul>
<section aria-labelledby="verify">
${heading(2, 'check', 'Check nothing was changed', 'verify')}
<form method="get" action="/app/audit"><input type="hidden" name="verify" value="1"><button type="submit">Run verification</button></form>
${verified}
</section>
<section aria-labelledby="moment">
${heading(2, 'clock', 'See a decision at a moment', 'moment')}
<form method="get" action="/app/audit" novalidate>
<div class="field"><label for="f-decision">Decision</label><select id="f-decision" name="decision">${decisions.map(
      (d) => html`<option value="${d.decisionId}"${d.decisionId === chosen ? html` selected` : ''}>${d.title}</option>`,
    )}</select></div>
<div class="field${momentError ? ' has-error' : ''}"><label for="f-moment">Moment</label>
<p class="hint" id="f-moment-hint">A date and time, like 2026-11-01 10:00, or a log position, like 40.</p>
${momentError ? html`<p class="field-error" id="f-moment-error">${momentError}</p>` : ''}
<input type="text" id="f-moment" name="moment" value="${typed}" aria-describedby="f-moment-hint${momentError ? ' f-moment-error' : ''}"${momentError ? html` aria-invalid="true"` : ''}></div>
<div class="field"><fieldset><legend>Which question</legend>${Object.entries(asOfKinds).map(
      ([value, { label, hint }], i) => html`<div class="choice"><input type="radio" id="f-asOfKind-${i}" name="asOfKind" value="${value}"${value === kind ? html` checked` : ''} aria-describedby="f-asOfKind-${i}-hint">
<label for="f-asOfKind-${i}">${label}</label><p class="hint" id="f-asOfKind-${i}-hint">${hint}</p></div>`,
    )}</fieldset></div>
<p><button type="submit">Show the decision then</button></p>
</form>
${momentsThatExist(log, ownEntries)}
</section>
${result}`;
    return sendPage(reply, pageDocument({ title: 'Check the record', body, viewer: context.viewer, current: 'audit' }));
  });
}
