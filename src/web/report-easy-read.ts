// The Partnership Board report in Easy Read: what the Board is told, one idea a sentence,
// small numbers in words, a picture beside every point, counts only (nobody named, no id,
// no code). Pure: it takes the parsed report, as the full report's page does.
import type { BoardReport, PeopleCount } from '../../projections/board-report-schema.js';
import { html, type SafeHtml } from '../shared/html.js';
import { easyCount, easyDirection, easyNumber, easyReportWords as say, pictureAlt } from './easy-read-words.js';
import { heading, pointPicture, type Picture } from './pictures.js';
import type { ReportLinks } from './report-period.js';
import { dateWords } from './words.js';

function point(name: Picture, ...sentences: readonly (string | SafeHtml)[]): SafeHtml {
  return html`<li>${pointPicture(name, pictureAlt[name])}<div>${sentences.filter((s) => s !== '').map((s) => html`<p>${s}</p>`)}</div></li>`;
}

const section = (id: string, picture: Picture, title: string, items: readonly SafeHtml[]) => html`<section aria-labelledby="${id}">
${heading(2, picture, title, id)}
<ul class="points">${items}</ul>
</section>`;

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const people = (count: PeopleCount) => (typeof count === 'number' ? easyCount(count, 'person', 'people') : `${say.fewerThanFive} people`);
const decisions = (n: number) => easyCount(n, 'decision', 'decisions');
const trend = (c: { change: keyof typeof say.trend }) => say.trend[c.change];

function about(r: BoardReport, organisation: string | undefined): SafeHtml {
  return html`<ul class="points">
${point('calendar', say.period(dateWords(r.period.from), dateWords(r.period.to)), say.compared)}
${point('people', say.board, say.boardWho)}
${r.scope === 'organisation' ? point('list', say.onlyYours(organisation ?? r.filters.organisation ?? '')) : ''}
${point('you', say.smallNumbers, say.keepsSafe)}
</ul>`;
}

function decisionsPart(r: BoardReport): SafeHtml {
  const d = r.decisions;
  const late = d.openPastReview.length;
  return section('easy-decisions', 'list', say.headings.decisions, [
    point('paper', say.suggested(decisions(d.proposed.now)), trend(d.proposed)),
    point('check', say.made(decisions(d.made.now)), trend(d.made)),
    ...(d.deferred.now ? [point('clock', say.putOff(decisions(d.deferred.now)))] : []),
    ...(late ? [point('calendar', capital(say.late(decisions(late))))] : []),
  ]);
}

function togetherPart(r: BoardReport): SafeHtml {
  const passed = (key: string) => r.coproduction.checks.find((c) => c.key === key)?.pass.now ?? 0;
  const disagreements = r.coproduction.disagreements.length;
  return section('easy-together', 'people', say.headings.together, [
    point('people', say.tookPartFirst(decisions(passed('involved-before-decision')))),
    point('people', say.twoOrMore(decisions(passed('not-the-only-one')))),
    point('ladder', say.selfAdvocatesSaid, disagreements ? say.disagreed(decisions(disagreements)) : say.allAgreed),
  ]);
}

function saidPart(r: BoardReport): SafeHtml {
  const l = r.listening;
  const { median } = l.daysToFeedback;
  return section('easy-said', 'talk', say.headings.said, [
    point('talk', say.views(easyCount(l.viewsFromPeople.now, 'view', 'views')), trend(l.viewsFromPeople), say.answered(easyNumber(l.answered.now))),
    point('you', capital(say.ownWords(easyCount(l.inOwnWords.now, 'view', 'views'), l.inOwnWords.now === 1))),
    ...(median !== null ? [point('calendar', median === 0 ? say.sameDay : say.halfTheTime(easyCount(median, 'day', 'days')))] : []),
    ...(l.withoutFeedback.length ? [point('no', say.notTold(decisions(l.withoutFeedback.length)))] : []),
  ]);
}

function risksPart(r: BoardReport): SafeHtml {
  const k = r.risks;
  return section('easy-risks', 'risk', say.headings.risks, [
    point('risk', say.risks(easyCount(k.accepted.now, 'risk', 'risks')), say.together(easyNumber(k.acceptedWithThePeople.now))),
    point('people', capital(say.affected(people(k.peopleBearing.now)))),
  ]);
}

function changesPart(r: BoardReport): SafeHtml {
  const c = r.changes;
  const sum = (pick: (a: BoardReport['changes']['byArea'][number]) => number) => c.byArea.reduce((n, a) => n + pick(a), 0);
  const better = sum((a) => a.better);
  const worse = sum((a) => a.worse);
  return section('easy-changes', 'change', say.headings.changes, [
    point('change', say.changes(easyCount(c.recorded.now, 'change', 'changes')), trend(c.recorded)),
    ...(better ? [point('yes', capital(say.better(easyCount(better, 'change', 'changes'))))] : []),
    ...(worse ? [point('no', capital(say.worse(easyCount(worse, 'change', 'changes'))))] : []),
    ...c.quotes.map((q) => point(easyDirection[q.direction].picture, say.someoneSaid, `“${q.words}”`)),
  ]);
}

function moneyPart(r: BoardReport): SafeHtml {
  const shares = r.money.individualisedOverTime;
  const first = shares[0];
  const last = shares.at(-1);
  const pounds = (share: number) => Math.round(share * 100);
  return section('easy-money', 'money', say.headings.money, [
    ...(last ? [point('money', say.share(pounds(last.share)), ...(first && first !== last ? [say.shareBefore(pounds(first.share))] : []))] : []),
    ...r.money.contracts
      .filter((m) => m.peopleMoved !== 0)
      .map((m) => point('people', capital(say.moved(people(m.peopleMoved), m.provider)))),
  ]);
}

function challengesPart(r: BoardReport): SafeHtml {
  const c = r.challenges;
  return section('easy-challenges', 'question', say.headings.challenges, [
    point('question', say.challenged(easyCount(c.raised.now, 'time', 'times')), ...(c.resolved.now ? [say.panels(easyCount(c.resolved.now, 'challenge', 'challenges'))] : [])),
    ...(c.panelsWithoutPeople.now ? [point('people', capital(say.panelsWithout(easyCount(c.panelsWithoutPeople.now, 'group', 'groups'))))] : []),
  ]);
}

function lookPart(r: BoardReport): SafeHtml {
  const seen = new Map(r.flags.flatMap((f) => f.decisions).map((d) => [d.decisionId, d.title]));
  const items = [...seen].map(([id, title]) => point('look', html`<a href="/app/decisions/${encodeURIComponent(id)}">${title}</a>`));
  return section('easy-look', 'look', say.headings.look, items.length ? [point('look', say.closerLook), ...items] : [point('yes', say.nothingToLook)]);
}

/** The Easy Read report under its own h1; `organisation` is a provider reader's own. */
export function easyReportBody(r: BoardReport, links: ReportLinks, organisation?: string): SafeHtml {
  return html`${heading(1, 'people', say.title)}
${about(r, organisation)}
${decisionsPart(r)}
${togetherPart(r)}
${saidPart(r)}
${risksPart(r)}
${changesPart(r)}
${moneyPart(r)}
${challengesPart(r)}
${lookPart(r)}
${section('easy-more', 'record', say.headings.more, [point('record', html`<a href="${links.full}">${say.fullReport}</a>`, say.fullReportWhy)])}`;
}
