// The ladder of co-production as a picture: seven rungs, lowest at the bottom, with the
// rung reached filled in and the rung claimed outlined. The same facts are in its title
// and description (its text alternative) and in the words printed under it.
import { ladder } from '../commands/domain-words.js';
import { html, type SafeHtml } from '../shared/html.js';
import { rungWords, words } from './words.js';

const RUNG_HEIGHT = 44;
const WIDTH = 560;

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
  const height = ladder.length * RUNG_HEIGHT + 16;
  const rungs = [...ladder].reverse().map((rung, i) => {
    const y = 8 + i * RUNG_HEIGHT;
    const isReached = rung === reached;
    const isClaimed = rung === claimed;
    const fill = isReached ? '#00703c' : '#f3f2f1';
    const text = isReached ? '#ffffff' : '#0b0c0c';
    const marks = [isReached ? 'reached' : '', isClaimed ? 'claimed' : ''].filter(Boolean).join(' and ');
    return html`<g>
<rect x="60" y="${y + 4}" width="260" height="${RUNG_HEIGHT - 10}" rx="4" fill="${fill}" stroke="${isClaimed ? '#1d3a5f' : '#505a5f'}" stroke-width="${isClaimed ? 5 : 1}"${isClaimed ? html` stroke-dasharray="10 5"` : ''}/>
<text x="74" y="${y + 27}" font-size="17" fill="${text}"${isReached || isClaimed ? html` font-weight="700"` : ''}>${ladder.length - i}. ${rungName(rung)}</text>
${marks ? html`<text x="344" y="${y + 27}" font-size="17" font-weight="700" fill="#0b0c0c">← ${marks}</text>` : ''}
</g>`;
  });
  const titleId = `${options.id}-title`;
  const descId = `${options.id}-desc`;
  return html`<figure>
<svg role="img" aria-labelledby="${titleId} ${descId}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" focusable="false">
<title id="${titleId}">The ladder of co-production</title>
<desc id="${descId}">${said}</desc>
<path d="M52 4V${height - 4}M328 4V${height - 4}" stroke="#505a5f" stroke-width="6"/>
${rungs}
</svg>
<figcaption>${said}</figcaption>
</figure>`;
}
