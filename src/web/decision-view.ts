// One decision, easy read first: what is being decided, who was involved (with the
// ladder), the risks we agreed to take, what changed for people, was this co-produced,
// you said — we did, and the timeline that every piece of evidence links into.
import { html, type SafeHtml } from '../shared/html.js';
import { ladderPicture } from './ladder-picture.js';
import { tableRegion } from './layout.js';
import { heading } from './pictures.js';
import type { Check } from '../../projections/coproduction-checks.js';
import type { DecisionDetail } from '../../projections/decision-detail.js';
import type { Provenance } from '../../projections/provenance.js';
import type { RiskRow } from '../../projections/risk-register.js';
import type { TimelineEntry } from '../../projections/timeline.js';
import {
  areaWords,
  dateTimeWords,
  dateWords,
  directionWords,
  flagWords,
  formatWords,
  kindWords,
  outcomeWords,
  partyWords,
  pounds,
  provenanceWords,
  rungWords,
  stanceWords,
  statusWords,
  words,
} from './words.js';

export interface Action {
  href: string;
  label: string;
}

const evidenceHref = (eventId: string) => `#event-${eventId}`;
const partyList = (parties: readonly Parameters<typeof partyWords>[0][]) => parties.map(partyWords).join(', ');

/** Who said it, who wrote it down and how, and the person's own answer to it, with their words. */
function provenanceNote(saidBy: string, provenance: Provenance | undefined): SafeHtml {
  if (!provenance) return html``;
  const sentence = provenanceWords(saidBy, provenance);
  return html`<p class="provenance">${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.</p>${provenance.answers.map((a) =>
    a.inOwnWords
      ? html`<p><strong>${a.kind === 'disputed' ? `${a.personId} says it is wrong:` : `${a.personId} added:`}</strong> ${a.inOwnWords} <a href="${evidenceHref(a.eventId)}">See when, in the timeline</a></p>`
      : '')}`;
}

// Event ids in a check's note ("counted: <id>, <id>; not counted (why): <id>") become links into the timeline.
const EVENT_ID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/;

/** A check's note in words: what it counted and what it did not, each piece of evidence a link. */
function noteWords(check: Check): SafeHtml {
  const plain = check.note.replace(/\bnot counted \(/g, 'Not counted (').replace(/(^|[(;] ?)counted: /g, '$1Counted: ');
  let n = 0;
  return html`${plain.split(EVENT_ID).map((piece, i) => (i % 2 === 1 ? html`<a href="${evidenceHref(piece)}">evidence ${(n += 1)} for check ${check.number}</a>` : piece))}`;
}

function whatIsDecided(d: DecisionDetail): SafeHtml {
  return html`<section aria-labelledby="what">
${heading(2, 'paper', 'What is being decided', 'what')}
<ul class="easy-read">${d.easyReadSummary.map((s) => html`<li>${s}</li>`)}</ul>
<p><strong>Where it is up to:</strong> ${words(statusWords, d.status)}${d.made ? html`. ${words(outcomeWords, d.made.outcome)}` : ''}.</p>
${d.made ? html`<p><strong>Why:</strong> ${d.made.reasons}</p><p><strong>We will look at it again by:</strong> ${dateWords(d.made.reviewDate)}</p>` : ''}
<details>
<summary>More detail</summary>
<p>${words(kindWords, d.kind)}.</p>
<p>${d.summary}</p>
${d.money ? html`<p><strong>Money:</strong> ${pounds(d.money.amount)}, ${d.money.description}.</p>` : ''}
<p><strong>Proposed by:</strong> ${partyWords(d.proposedBy)}.</p>
${d.affects.people.length ? html`<p><strong>People it affects:</strong> ${d.affects.people.join(', ')}.</p>` : ''}
${d.contractId ? html`<p><a href="/app/contracts/${d.contractId}">See the contract</a></p>` : ''}
</details>
</section>`;
}

export function actions(list: readonly Action[]): SafeHtml {
  if (list.length === 0) return html``;
  return html`<section aria-labelledby="do">
${heading(2, 'pencil', 'What you can do', 'do')}
<ul class="actions">${list.map((a) => html`<li><a href="${a.href}">${a.label}</a></li>`)}</ul>
</section>`;
}

type InvolvementEntry = NonNullable<DecisionDetail['involvement']>['entries'][number];

/** Who was involved: the ladder and the table, each row in the words of the page that shows it. */
export function involvementSection(d: DecisionDetail, row: (e: InvolvementEntry) => SafeHtml): SafeHtml {
  const entries = d.involvement?.entries ?? [];
  const review = d.coproductionReview;
  return html`<section aria-labelledby="who">
${heading(2, 'people', 'Who was involved', 'who')}
${ladderPicture({ id: 'ladder', reached: review?.highestRungReached ?? null, claimed: review?.claimedRung ?? d.made?.claimedRung ?? null })}
${entries.length === 0
  ? html`<p>Nobody has been recorded as involved yet.</p>`
  : tableRegion('Everyone recorded as involved', html`<table><caption>Everyone recorded as involved</caption>
<thead><tr><th scope="col">Who</th><th scope="col">When</th><th scope="col">How involved</th><th scope="col">Help to take part</th></tr></thead>
<tbody>${entries.map(row)}</tbody></table>`)}
</section>`;
}

const involvementRow = (e: InvolvementEntry): SafeHtml =>
  html`<tr id="involved-${e.eventId}"><th scope="row">${partyWords(e.party)}</th><td>${e.stage.replace(/-/g, ' ')}${e.beforeDecision ? '' : ' (after the decision)'}</td><td>${words(rungWords, e.rung)}</td><td>${e.support.length ? e.support.map((s) => s.replace(/-/g, ' ')).join(', ') : 'None'}</td></tr>`;

function riskCard(r: RiskRow): SafeHtml {
  return html`<li>
<h3>${r.description}</h3>
<dl class="facts">
<dt>Who it could affect</dt><dd>${partyList(r.fallsOn)}</dd>
<dt>How likely</dt><dd>${r.likelihood}</dd>
<dt>How bad</dt><dd>${r.impact}</dd>
${r.acceptedBy ? html`<dt>Who agreed to take it</dt><dd>${partyList(r.acceptedBy)}</dd>` : ''}
${r.whyWorthTaking ? html`<dt>Why it is worth it</dt><dd>${r.whyWorthTaking}</dd>` : ''}
${r.mitigations?.length ? html`<dt>How we make it safer</dt><dd><ul>${r.mitigations.map((m) => html`<li>${m}</li>`)}</ul></dd>` : ''}
${r.acceptedBy && r.acceptanceProvenance ? html`<dt>Who said so, and who wrote it down</dt><dd>${provenanceNote(partyList(r.acceptedBy), r.acceptanceProvenance)}</dd>` : ''}
${r.reviewDue ? html`<dt>We check it again by</dt><dd>${dateWords(r.reviewDue)}${r.overdue ? html` <span class="tag fail">Overdue</span>` : ''}</dd>` : ''}
</dl>
</li>`;
}

function risks(d: DecisionDetail): SafeHtml {
  const accepted = d.risks.filter((r) => r.acceptedBy);
  const open = d.risks.filter((r) => !r.acceptedBy);
  return html`<section aria-labelledby="risks">
${heading(2, 'risk', 'Risks we agreed to take', 'risks')}
${accepted.length ? html`<ul class="cards">${accepted.map(riskCard)}</ul>` : html`<p>No risks have been agreed yet.</p>`}
${open.length ? html`<h3>Risks not agreed yet</h3><ul class="cards">${open.map(riskCard)}</ul>` : ''}
</section>`;
}

function changes(d: DecisionDetail): SafeHtml {
  const list = d.changesForPeople.changes;
  return html`<section aria-labelledby="changed">
${heading(2, 'change', 'What changed for people', 'changed')}
${list.length === 0
  ? html`<p>Nothing has been recorded yet.</p>`
  : html`<ul class="cards">${list.map(
      (c) => html`<li id="change-${c.changeId}">
<h3>${c.personId}: ${words(areaWords, c.area)}. ${words(directionWords, c.direction)}.</h3>
<p><strong>Before:</strong> ${c.before}</p>
<p><strong>Now:</strong> ${c.after}</p>
<p>${c.inPersonsOwnWords ? 'These are their own words.' : 'Someone else wrote this down.'}</p>
${provenanceNote(c.personId, c.provenance)}
</li>`,
    )}</ul>`}
</section>`;
}

export const marks: Record<Check['status'], { sign: string; words: string }> = {
  pass: { sign: '✓', words: 'Yes' },
  fail: { sign: '✗', words: 'No' },
  'not-yet': { sign: '…', words: 'Not yet' },
};

function coproduced(d: DecisionDetail): SafeHtml {
  const review = d.coproductionReview;
  if (!review) return html``;
  return html`<section aria-labelledby="coproduced">
${heading(2, 'check', 'Was this co-produced?', 'coproduced')}
<p>${review.passed} of ${review.checks.length} checks say yes.</p>
<ol class="cards">${review.checks.map(
    (c) => html`<li>
<p><span class="${c.status}"><span class="mark" aria-hidden="true">${marks[c.status].sign}</span> ${marks[c.status].words}.</span> ${c.question}</p>
<p>${noteWords(c)}</p>
${c.evidence.length
  ? html`<p>Evidence: ${c.evidence.map((id, i) => html`${i ? ', ' : ''}<a href="${evidenceHref(id)}">evidence ${i + 1} for check ${c.number}</a>`)}</p>`
  : ''}
</li>`,
  )}</ol>
${verdicts(review.selfAdvocateVerdicts)}
${review.flags.length ? html`<h3>Things to look at</h3><ul>${review.flags.map((f) => html`<li><strong>${words(flagWords, f.code)}.</strong> ${f.message}${f.evidence.length ? html` ${f.evidence.map((id, i) => html`${i ? ', ' : ''}<a href="${evidenceHref(id)}">evidence ${i + 1} for “${words(flagWords, f.code)}”</a>`)}` : ''}</li>`)}</ul>` : ''}
</section>`;
}

/** Self-advocates' own verdicts: a review is recorded only with a self-advocate's token, so it is in their own words. */
function verdicts(list: NonNullable<DecisionDetail['coproductionReview']>['selfAdvocateVerdicts']): SafeHtml {
  if (list.length === 0) return html``;
  return html`<h3>What self-advocates said</h3><ul class="cards">${list.map(
    (v) => html`<li><p><strong>${partyWords(v.by)}:</strong> ${words(rungWords, v.rungReached)}. ${v.agrees ? 'They agree with how co-produced it is said to be.' : 'They do not agree with how co-produced it is said to be.'}</p>
<p>${v.comments}</p>
<p class="provenance">Said and recorded by ${partyWords(v.by)} (a self-advocate’s own review). <a href="${evidenceHref(v.eventId)}">See when, in the timeline</a></p></li>`,
  )}</ul>`;
}

function youSaidWeDid(d: DecisionDetail): SafeHtml {
  const rows = d.youSaidWeDid;
  return html`<section aria-labelledby="you-said">
${heading(2, 'talk', 'You said — we did', 'you-said')}
${rows.length === 0
  ? html`<p>Nobody has given a view yet.</p>`
  : html`<ul class="cards">${rows.map(
      (r) => html`<li id="view-${r.viewId}">
<h3>${partyWords(r.by)}: ${words(stanceWords, r.stance)}</h3>
<p><strong>You said:</strong> ${r.youSaid}</p>
${r.reason ? html`<p><strong>Why:</strong> ${r.reason}</p>` : ''}
<p><strong>We did:</strong> ${r.weDid ?? 'No answer yet.'}</p>
${provenanceNote(partyWords(r.by), r.provenance)}
</li>`,
    )}</ul>`}
${d.feedback?.length ? html`<h3>Feedback we gave</h3><ul>${d.feedback.map((f) => html`<li>${f.message} (${words(formatWords, f.format)}, to ${partyList(f.to)})</li>`)}</ul>` : ''}
</section>`;
}

function timeline(entries: readonly TimelineEntry[]): SafeHtml {
  return html`<section aria-labelledby="timeline">
${heading(2, 'clock', 'Timeline', 'timeline')}
<ol class="timeline">${entries.map(
    (e) => html`<li id="event-${e.eventId}"><strong>${dateTimeWords(e.at)}</strong>: ${e.who?.name} ${e.what}.</li>`,
  )}</ol>
</section>`;
}

/** Every section of a decision, under the page's own h1. */
export function decisionSections(d: DecisionDetail, timelineEntries: readonly TimelineEntry[], available: readonly Action[] = []): SafeHtml {
  return html`${whatIsDecided(d)}
${actions(available)}
${involvementSection(d, involvementRow)}
${risks(d)}
${changes(d)}
${coproduced(d)}
${youSaidWeDid(d)}
${timeline(timelineEntries)}`;
}

/** The record page's body: a way back, the title, a notice after saving, then its sections (the record's words, or Easy Read). */
export function decisionBody(d: DecisionDetail, sections: SafeHtml, notice?: string): SafeHtml {
  return html`<p><a href="/app/decisions">All decisions</a></p>
${heading(1, 'paper', d.title)}
${notice ? html`<div class="notice" role="status"><p>${notice}</p></div>` : ''}
${sections}`;
}
