// One decision in Easy Read: what is being decided, what it means for you, what you said and
// what we did, was it done with you (the ladder, each rung in a line) and what you can do.
// The reader's own person is "you"; nobody else is named by an id, and no code is shown.
// Every point is a list item with its picture on the left; the full record is its own page.
import { html, type SafeHtml } from '../shared/html.js';
import type { Party } from '../commands/domain-words.js';
import { ladder } from '../commands/domain-words.js';
import type { DecisionDetail } from '../../projections/decision-detail.js';
import type { Provenance } from '../../projections/provenance.js';
import type { Action } from './decision-view.js';
import { easyDirection, easyHeadings, easyOutcome, easySentences as say, easyStance, easyStatus, pictureAlt, rungLine } from './easy-read-words.js';
import { heading, pointPicture, type Picture } from './pictures.js';
import { areaWords, dateWords, words } from './words.js';

/** One point: its picture on the left, then its sentences (each its own paragraph: one idea each). */
function point(name: Picture, ...sentences: readonly (string | SafeHtml)[]): SafeHtml {
  return html`<li>${pointPicture(name, pictureAlt[name])}<div>${sentences.map((s) => html`<p>${s}</p>`)}</div></li>`;
}

const points = (items: readonly SafeHtml[]) => html`<ul class="points">${items}</ul>`;

/** Whether the party is the reader's own person (themselves, or someone acting for them). */
const isYou = (me: string | undefined) => (p: Party) => me !== undefined && (p.personId === me || p.onBehalfOf === me);

/** Sentences of a text someone wrote, one per line, so that each is its own idea. */
const sentencesOf = (text: string) => text.split(/(?<=[.!?])\s+/).filter((s) => s.trim() !== '');

function whatIsDecided(d: DecisionDetail): SafeHtml {
  const made = d.made;
  return html`<section aria-labelledby="what">
${heading(2, 'paper', easyHeadings.what, 'what')}
${points([
  ...d.easyReadSummary.map((s) => point('paper', s)),
  point('check', easyStatus[d.status], ...(made ? [easyOutcome[made.outcome]] : [])),
  ...(made ? [point('talk', html`<strong>${say.why}</strong> ${sentencesOf(made.reasons)[0] ?? ''}`, ...sentencesOf(made.reasons).slice(1))] : []),
  ...(made ? [point('calendar', say.reviewBy(dateWords(made.reviewDate)))] : []),
])}
</section>`;
}

/** What the reader answered about a fact written down for them: right or wrong, when, and their own words. */
function yourAnswers(provenance: Provenance | undefined): SafeHtml[] {
  return (provenance?.answers ?? []).flatMap((a) => [
    html`<p>${a.kind === 'confirmed' ? say.youConfirmed(dateWords(a.at)) : say.youDisputed(dateWords(a.at))}</p>`,
    ...(a.inOwnWords ? [html`<p><strong>${say.yourWords}</strong> ${a.inOwnWords}</p>`] : []),
  ]);
}

function whatItMeans(d: DecisionDetail, me: string | undefined): SafeHtml {
  const changes = d.changesForPeople.changes.filter((c) => c.personId === me);
  const risks = d.risks.filter((r) => r.acceptedBy && r.fallsOn.some(isYou(me)));
  const items = [
    ...changes.map((c) => {
      const direction = easyDirection[c.direction];
      return html`<li id="change-${c.changeId}">${pointPicture(direction.picture, pictureAlt[direction.picture])}<div>
<p>${words(areaWords, c.area)}.</p><p>${direction.words}</p>
<p><strong>${say.before}</strong> ${c.before}</p><p><strong>${say.now}</strong> ${c.after}</p>
${c.provenance && !c.provenance.byThePerson ? html`<p>${say.writtenForYou}</p>` : ''}${yourAnswers(c.provenance)}
</div></li>`;
    }),
    ...risks.map((r) => point('risk', say.riskForYou, r.description)),
  ];
  return html`<section aria-labelledby="means">
${heading(2, 'you', easyHeadings.means, 'means')}
${points(items.length ? items : [point('you', say.noChangeForYou)])}
</section>`;
}

function whatYouSaid(d: DecisionDetail, me: string | undefined): SafeHtml {
  const yours = d.youSaidWeDid.filter((v) => isYou(me)(v.by));
  const others = d.youSaidWeDid.length - yours.length;
  const items = yours.map((v) => {
    const stance = easyStance[v.stance];
    return html`<li id="view-${v.viewId}">${pointPicture(stance.picture, pictureAlt[stance.picture])}<div>
<p>${stance.you}</p>
<p><strong>${say.youSaid}</strong> ${v.youSaid}</p>
<p><strong>${say.weDid}</strong> ${v.weDid ?? say.noAnswer}</p>
${v.provenance && !v.provenance.byThePerson ? html`<p>${say.writtenForYou}</p>` : ''}
${yourAnswers(v.provenance)}
</div></li>`;
  });
  return html`<section aria-labelledby="you-said">
${heading(2, 'talk', easyHeadings.said, 'you-said')}
${points([...(items.length ? items : [point('you', say.noViewFromYou)]), ...(others ? [point('people', say.othersGaveViews(others))] : [])])}
</section>`;
}

function doneWithYou(d: DecisionDetail, me: string | undefined): SafeHtml {
  const review = d.coproductionReview;
  const reached = review?.highestRungReached ?? null;
  const claimed = review?.claimedRung ?? d.made?.claimedRung ?? null;
  const mine = (d.involvement?.entries ?? []).filter((e) => isYou(me)(e.party));
  const you = me === undefined ? [] : [point('you', mine.some((e) => e.beforeDecision) ? say.youTookPart : mine.length ? say.youTookPartAfter : say.youWereNotInvolved)];
  const rungs = [...ladder].reverse().map((rung, i) =>
    point('ladder', `${ladder.length - i}. ${rungLine[rung]}`, ...(rung === reached ? [html`<strong>${say.reached}</strong>`] : []), ...(rung === claimed ? [html`<strong>${say.claimed}</strong>`] : [])),
  );
  return html`<section aria-labelledby="with-you">
${heading(2, 'people', easyHeadings.withYou, 'with-you')}
${points([...you, point('people', say.coproductionMeans, say.ladderIntro)])}
<ol class="points ladder-points" aria-label="The ladder of co-production, top rung first">${rungs}</ol>
${review ? points([point('check', say.checks(review.passed, review.checks.length))]) : ''}
</section>`;
}

function whatYouCanDo(d: DecisionDetail, available: readonly Action[]): SafeHtml {
  return html`<section aria-labelledby="do">
${heading(2, 'pencil', easyHeadings.canDo, 'do')}
${available.length ? html`<ul class="points actions">${available.map((a) => html`<li>${pointPicture('pencil', pictureAlt.pencil)}<div><p><a href="${a.href}">${a.label}</a></p></div></li>`)}</ul>` : ''}
<ul class="points">${point('record', html`<a href="/app/decisions/${d.decisionId}/record">${say.fullRecord}</a>`, say.fullRecordWhy)}
${point('list', html`<a href="/app/decisions">${say.allDecisions}</a>`)}</ul>
</section>`;
}

/** The Easy Read page's body, under its own h1; `me` is the reader's own person id, if they have one. */
export function easyReadBody(d: DecisionDetail, me: string | undefined, available: readonly Action[], notice?: string): SafeHtml {
  return html`${heading(1, 'paper', d.title)}
${notice ? html`<div class="notice" role="status"><p>${notice}</p></div>` : ''}
${whatIsDecided(d)}
${whatItMeans(d, me)}
${whatYouSaid(d, me)}
${doneWithYou(d, me)}
${whatYouCanDo(d, available)}`;
}

/** The page's own style: a picture on the left of every point. */
export const EASY_READ_CSS = `
.points { list-style: none; padding: 0; }
.points > li { display: flex; gap: 1rem; align-items: flex-start; margin-bottom: 1rem; max-width: none; }
.points > li > div > p { margin: 0 0 0.35rem; }
/* The forms' links keep their button look, one under another beside their pictures. */
.points.actions { display: block; }
`;
