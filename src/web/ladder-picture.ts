// The ladder of co-production as a picture: seven rungs, lowest at the bottom, with the
// rung reached filled in and the rung claimed outlined, and the same facts in the words
// under it. The rungs are a list drawn by the stylesheet (.rungs), not an SVG: its words
// are the page's text, so they keep the page's size on a phone instead of shrinking with
// a picture scaled to fit.
import { ladder } from '../commands/domain-words.js';
import { html, type SafeHtml } from '../shared/html.js';
import { rungWords, words } from './words.js';

function rungName(rung: string): string {
  return words(rungWords, rung).split(':')[0] ?? rung;
}

export function ladderPicture(options: { id: string; reached: string | null; claimed: string | null }): SafeHtml {
  const { reached, claimed } = options;
  const position = (rung: string | null) => (rung ? ladder.findIndex((onLadder) => onLadder === rung) + 1 : 0);
  const said = [
    reached ? `Reached: ${rungName(reached)}, rung ${position(reached)} of 7.` : 'No rung reached yet by people who use support.',
    claimed ? `Claimed by the decision-makers: ${rungName(claimed)}, rung ${position(claimed)} of 7.` : 'No rung claimed yet.',
  ].join(' ');
  const rungs = [...ladder].reverse().map((rung, i) => {
    const isReached = rung === reached;
    const isClaimed = rung === claimed;
    const marks = [isReached ? 'reached' : '', isClaimed ? 'claimed' : ''].filter(Boolean).join(' and ');
    const classes = ['rung', isReached ? 'reached' : '', isClaimed ? 'claimed' : ''].filter(Boolean).join(' ');
    return html`<li class="${classes}"><span class="rung-name">${ladder.length - i}. ${rungName(rung)}</span>${marks ? html`<span class="rung-mark">← ${marks}</span>` : ''}</li>`;
  });
  const captionId = `${options.id}-caption`;
  return html`<figure class="ladder" aria-labelledby="${captionId}">
<p class="ladder-title">The ladder of co-production, highest rung first</p>
<ol class="rungs">${rungs}</ol>
<figcaption id="${captionId}">${said}</figcaption>
</figure>`;
}
