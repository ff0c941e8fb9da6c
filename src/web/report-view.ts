// The Partnership Board report as a page: every section of the report in plain words, each
// figure with the previous period's beside it in words as well as an arrow, a chart with a
// table beside it where a picture helps, a CSV download under every table, and the decisions
// behind each list and flag linked. Pure: it takes the parsed report (the API's answer).
import type { BoardReport, PeopleCount, ReportTable } from '../../projections/board-report-schema.js';
import { html, type SafeHtml } from '../shared/html.js';
import { easyRolePlural } from './easy-read-words.js';
import { tableRegion } from './layout.js';
import { heading, type Picture } from './pictures.js';
import { kindsChart, ladderCountsChart, monthWords, percent, shareChart } from './report-charts.js';
import type { ReportLinks } from './report-period.js';
import { areaWords, checkWords, choiceWords, dateTimeWords, dateWords, directionWords, flagWords, kindWords, pounds, rungWords, words } from './words.js';

interface Compared<T> {
  now: T;
  before: T;
  change: 'up' | 'down' | 'same' | 'unknown';
}

export const SMALL_NUMBER_WORDS = 'We do not show numbers of people smaller than 5, so no one can be recognised.';

const shown = (value: number | PeopleCount) => (typeof value === 'number' ? String(value) : `fewer than ${value.fewerThan}`);
const arrow = (mark: string) => html`<span aria-hidden="true">${mark}</span>`;

/** A figure against the previous period, in words; the arrow repeats the words for the eye only. */
export function changeWords(c: Compared<number | PeopleCount>): SafeHtml {
  switch (c.change) {
    case 'up':
      return html`${arrow('↑')} up from ${shown(c.before)} to ${shown(c.now)}`;
    case 'down':
      return html`${arrow('↓')} down from ${shown(c.before)} to ${shown(c.now)}`;
    case 'same':
      return html`${arrow('=')} the same as before: ${shown(c.now)}`;
    case 'unknown':
      return html`${shown(c.now)} now, ${shown(c.before)} before, so we cannot compare`;
  }
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const decisionLink = (d: { decisionId: string; title: string }) => html`<a href="/app/decisions/${encodeURIComponent(d.decisionId)}">${d.title}</a>`;

function csvLink(links: ReportLinks, table: ReportTable, name: string): SafeHtml {
  return html`<p class="csv-link"><a href="${links.csv(table)}" download>Download “${name}” as a spreadsheet (CSV)</a></p>`;
}

/** A table of figures, each with the previous period's, and its CSV download under it. */
function comparedTable(links: ReportLinks, table: ReportTable, caption: string, rows: readonly [string, Compared<number | PeopleCount>][]): SafeHtml {
  return html`${tableRegion(caption, html`<table><caption>${caption}</caption>
<thead><tr><th scope="col">What</th><th scope="col" class="number">This period</th><th scope="col">Against the previous period</th></tr></thead>
<tbody>${rows.map(([label, c]) => html`<tr><th scope="row">${label}</th><td class="number">${shown(c.now)}</td><td>${changeWords(c)}</td></tr>`)}</tbody></table>`)}
${csvLink(links, table, caption)}`;
}

/** A plain table (label, then columns), with its CSV download under it. */
function plainTable(links: ReportLinks, table: ReportTable, caption: string, head: readonly string[], rows: readonly (readonly (string | SafeHtml)[])[]): SafeHtml {
  const body = rows.length
    ? rows.map(([first, ...rest]) => html`<tr><th scope="row">${first}</th>${rest.map((cell) => html`<td>${cell}</td>`)}</tr>`)
    : html`<tr><td colspan="${head.length}">None in this period.</td></tr>`;
  return html`${tableRegion(caption, html`<table><caption>${caption}</caption>
<thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>${body}</tbody></table>`)}
${csvLink(links, table, caption)}`;
}

/** A list of decisions, each linked, or a sentence saying there are none. */
function decisionList(items: readonly { decisionId: string; title: string; note?: string }[], none: string): SafeHtml {
  return items.length ? html`<ul>${items.map((d) => html`<li>${decisionLink(d)}${d.note ? html` (${d.note})` : ''}</li>`)}</ul>` : html`<p>${none}</p>`;
}

const section = (id: string, picture: Picture, title: string, body: SafeHtml) => html`<section aria-labelledby="${id}">
${heading(2, picture, title, id)}
${body}
</section>`;

function decisionsSection(r: BoardReport, links: ReportLinks): SafeHtml {
  const d = r.decisions;
  return section('decisions', 'list', 'Decisions', html`${comparedTable(links, 'decisions', 'Decisions in this period', [
    ['Proposed', d.proposed], ['Made', d.made], ['Put off (deferred)', d.deferred], ['Replaced by a newer decision', d.superseded], ['Withdrawn', d.withdrawn],
  ])}
<h3>By kind</h3>
${kindsChart(r)}
${plainTable(links, 'decisions-by-kind', 'Decisions by kind', ['Kind', 'Proposed', 'Made'], d.byKind.map((k) => [words(kindWords, k.kind), html`${k.proposed.now}: ${changeWords(k.proposed)}`, html`${k.made.now}: ${changeWords(k.made)}`]))}
<h3>Still open after their review date</h3>
${decisionList(d.openPastReview.map((o) => ({ ...o, note: `review was due ${dateWords(o.reviewDate)}` })), 'No open decision is past its review date.')}
${csvLink(links, 'open-past-review', 'Open after their review date')}`);
}

function coproductionSection(r: BoardReport, links: ReportLinks): SafeHtml {
  const c = r.coproduction;
  const cell = (x: Compared<number>) => html`${x.now}<br><span class="change">${changeWords(x)}</span>`;
  return section('coproduction', 'check', 'Was it co-produced?', html`<p>For the decisions made in this period: how many passed each of the nine checks, as the record stands now.</p>
${plainTable(links, 'checks', 'The nine checks', ['Check', 'Passed', 'Failed', 'Not yet'], c.checks.map((k) => [checkWords[k.key], cell(k.pass), cell(k.fail), cell(k.notYet)]))}
<h3>The rung claimed, and the rung people said was reached</h3>
${ladderCountsChart(r)}
${plainTable(links, 'ladder', 'The ladder of co-production, in numbers', ['Rung', 'Claimed by decision-makers', 'Said by self-advocates'], [...c.ladder].reverse().map((l) => [words(rungWords, l.rung), String(l.claimed), String(l.saidByPeople)]))}
<h3>Where self-advocates disagree</h3>
${decisionList(c.disagreements.map((x) => ({ ...x, note: `claimed: ${x.claimed ? words(rungWords, x.claimed) : 'no rung'}; self-advocates said: ${x.saidByPeople.map((s) => words(rungWords, s)).join('; ')}` })), 'No self-advocate disagreed with the rung claimed.')}
${csvLink(links, 'disagreements', 'Where self-advocates disagree')}`);
}

function listeningSection(r: BoardReport, links: ReportLinks): SafeHtml {
  const l = r.listening;
  const { median, worst } = l.daysToFeedback;
  return section('listening', 'talk', 'Listen, act, learn', html`${comparedTable(links, 'listening', 'Views from people who use support', [
    ['Views given', l.viewsFromPeople], ['In their own words', l.inOwnWords], ['Written down for them', l.recordedForThem], ['Confirmed by them afterwards', l.confirmedByThem], ['Answered in “you said, we did”', l.answered],
  ])}
<h3>Days from a decision to telling people about it</h3>
<p>${median === null ? 'No decision made in this period has had feedback yet.' : `Median: ${median} days. Longest: ${worst ?? median} days.`}</p>
<h3>Decisions with no feedback yet</h3>
${decisionList(l.withoutFeedback, 'Every decision made in this period has had feedback.')}
${csvLink(links, 'without-feedback', 'Decisions with no feedback yet')}`);
}

function risksSection(r: BoardReport, links: ReportLinks): SafeHtml {
  const k = r.risks;
  return section('risks', 'risk', 'Risks', html`<p>Positive risks: risks taken because they are worth it for people.</p>
${comparedTable(links, 'risks', 'Risks accepted', [
    ['Accepted', k.accepted], ['Accepted with the people who bear them', k.acceptedWithThePeople], ['Accepted for them, not with them', k.acceptedForThem], ['People who use support who bear them', k.peopleBearing], ['Reviews due', k.reviewsDue],
  ])}
${plainTable(links, 'risks-accepted-by', 'Who accepted them', ['Who', 'Risks'], k.acceptedBy.map((a) => [capital(easyRolePlural[a.role]), String(a.count)]))}
<h3>Risk reviews overdue</h3>
${decisionList(k.reviewsOverdue.map((o) => ({ ...o, note: `review was due ${dateWords(o.due)}` })), 'No risk review is overdue.')}
${csvLink(links, 'risk-reviews-overdue', 'Risk reviews overdue')}`);
}

function changesSection(r: BoardReport, links: ReportLinks): SafeHtml {
  const c = r.changes;
  return section('changes', 'change', 'What changed for people', html`${comparedTable(links, 'changes', 'Changes recorded', [['Changes recorded', c.recorded], ['People with a change', c.peopleWithAChange]])}
${plainTable(links, 'changes-by-area', 'Changes by part of life', ['Part of life', 'Better', 'Worse', 'No change'], c.byArea.map((a) => [words(areaWords, a.area), String(a.better), String(a.worse), String(a.noChange)]))}
<h3>In people’s own words</h3>
<p>Only words the person allowed us to show, without their name.</p>
${c.quotes.length ? c.quotes.map((q) => html`<blockquote class="quote"><p>“${q.words}”</p><p class="quote-about">${words(areaWords, q.area)}: ${words(directionWords, q.direction)}.</p></blockquote>`) : html`<p>Nobody has allowed their words to be shown for this period.</p>`}
${csvLink(links, 'quotes', 'In people’s own words')}`);
}

function moneySection(r: BoardReport, links: ReportLinks): SafeHtml {
  const m = r.money;
  const routes = (a: BoardReport['money']['contracts'][number]) =>
    a.allocatedByRoute.length ? html`${a.allocatedByRoute.map((x, i) => html`${i ? html`<br>` : ''}${words(choiceWords.fundingRoute, x.route)}: ${pounds(x.amount)}`)}` : 'None yet';
  return section('money', 'money', 'Money', html`<p>Money moved from block contracts to people’s own budgets.</p>
${plainTable(links, 'money', 'Block contracts', ['Provider', 'Released from the block', 'Given to people, by how it is paid', 'Remaining in the block', 'People moved'], m.contracts.map((a) => [a.provider, pounds(a.released), routes(a), pounds(a.remainingInBlock), shown(a.peopleMoved)]))}
<h3>The share of spending that is individualised</h3>
${shareChart(r)}
${plainTable(links, 'individualised-share', 'The individualised share, by month', ['Month (at its end)', 'Share'], m.individualisedOverTime.map((x) => [monthWords(x.month), percent(x.share)]))}`);
}

function challengesSection(r: BoardReport, links: ReportLinks): SafeHtml {
  const c = r.challenges;
  return section('challenges', 'question', 'Challenges', html`${comparedTable(links, 'challenges', 'Challenges to decisions', [
    ['Raised', c.raised], ['Resolved by a panel', c.resolved], ['Panels with people who use support or family members', c.panelsWithPeople], ['Panels without them', c.panelsWithoutPeople],
  ])}
<h3>What the panels found</h3>
<ul>${c.outcomes.map((o) => html`<li>${words(choiceWords.finding, o.finding)}: ${o.count}</li>`)}</ul>`);
}

function flagsSection(r: BoardReport, links: ReportLinks): SafeHtml {
  return section('flags', 'look', 'Things to look at', html`${r.flags.length
    ? r.flags.map((f) => html`<h3>${words(flagWords, f.code)} (${f.decisions.length})</h3>${decisionList(f.decisions, '')}`)
    : html`<p>Nothing is flagged for this period.</p>`}
${csvLink(links, 'flags', 'Things to look at')}`);
}

/** Whose report and which period, said once at the top, with the small-number rule. */
function aboutTheReport(r: BoardReport, organisation: string | undefined): SafeHtml {
  const p = r.period;
  const only = [r.filters.organisation ? `about ${r.filters.organisation}` : '', r.filters.contract ? `about one contract` : '', r.filters.kind ? `of one kind: ${words(kindWords, r.filters.kind).toLowerCase()}` : ''].filter(Boolean);
  return html`<p>From ${dateWords(p.from)} to ${dateWords(p.to)}, compared with the period of the same length before it, ${dateWords(p.previousFrom)} to ${dateWords(p.previousTo)}.</p>
<p>${r.scope === 'organisation' ? `It covers only the decisions about your organisation, ${organisation ?? r.filters.organisation ?? 'yours'}.` : 'It covers every decision.'}${r.scope === 'everything' && only.length ? ` Only decisions ${only.join(', ')}.` : ''}</p>
<p>Made ${dateTimeWords(r.generatedAt)}, from the record up to log position ${r.asOfPosition}. It names nobody: only counts, and words people allowed us to show.</p>
<div class="notice"><p>${SMALL_NUMBER_WORDS} Such a number is shown as “fewer than 5”.</p></div>`;
}

/** The whole report under its h1; `organisation` is a provider reader's own. */
export function reportBody(r: BoardReport, options: { links: ReportLinks; organisation: string | undefined }): SafeHtml {
  const { links } = options;
  return html`<div class="report">
${aboutTheReport(r, options.organisation)}
<ul class="report-links"><li><a href="${links.easyRead}">Easy Read version</a></li><li><a href="${links.print}">Printable version</a></li></ul>
${decisionsSection(r, links)}
${coproductionSection(r, links)}
${listeningSection(r, links)}
${risksSection(r, links)}
${changesSection(r, links)}
${moneySection(r, links)}
${challengesSection(r, links)}
${flagsSection(r, links)}
</div>`;
}
