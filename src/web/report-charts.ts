// The Board report's charts, drawn on the server as the contract page's money chart is: only
// the bars are SVG (hidden from screen readers), their words and numbers are the page's own
// text, so they keep the page's size on a phone and never shrink with a scaled picture. Each
// chart has a caption saying what it shows, and the page puts a table of the same figures beside it.
import { ladder } from '../commands/domain-words.js';
import type { BoardReport } from '../../projections/board-report-schema.js';
import { html, type SafeHtml } from '../shared/html.js';
import { kindWords, rungWords, words } from './words.js';

/** The bars' own scale: a bar's length out of this, however wide the page is. */
const SCALE = 1000;

interface Bar {
  label: string;
  value: number;
  /** The value as the reader reads it ("3", "19%"). */
  shown: string;
  colour: string;
}

interface BarGroup {
  label: string;
  bars: readonly Bar[];
}

// Colours with at least 3:1 against white, told apart by their labels too (never by colour alone).
const CLAIMED = '#1d3a5f';
const SAID = '#00703c';

function bar(b: Bar, max: number): SafeHtml {
  const length = b.value > 0 ? Math.max(4, Math.round((b.value / Math.max(max, 1)) * SCALE)) : 0;
  return html`<span class="bar-line"><span class="bar-name">${b.label}</span> <svg class="bar" viewBox="0 0 ${SCALE} 10" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect width="${length}" height="10" fill="${b.colour}"/></svg> <span class="bar-value">${b.shown}</span></span>`;
}

/** Groups of bars on one scale, under a caption that says what they show. */
export function barChart(options: { id: string; caption: string; groups: readonly BarGroup[]; max?: number }): SafeHtml {
  const max = options.max ?? Math.max(0, ...options.groups.flatMap((g) => g.bars.map((b) => b.value)));
  const captionId = `${options.id}-caption`;
  return html`<figure class="report-chart" aria-labelledby="${captionId}">
<figcaption id="${captionId}">${options.caption}</figcaption>
<ul class="bars grouped">${options.groups.map((g) => html`<li><span class="bar-label">${g.label}</span>${g.bars.map((b) => bar(b, max))}</li>`)}</ul>
</figure>`;
}

const rungName = (rung: string) => words(rungWords, rung);

/** The ladder, highest rung first: how many decisions claimed each rung, and how many self-advocates' reviews said it was reached. */
export function ladderCountsChart(report: BoardReport): SafeHtml {
  const byRung = new Map(report.coproduction.ladder.map((r) => [r.rung, r]));
  const groups = [...ladder].reverse().map((rung, i) => {
    const counts = byRung.get(rung) ?? { claimed: 0, saidByPeople: 0 };
    return {
      label: `${ladder.length - i}. ${rungName(rung)}`,
      bars: [
        { label: 'claimed', value: counts.claimed, shown: String(counts.claimed), colour: CLAIMED },
        { label: 'said by people', value: counts.saidByPeople, shown: String(counts.saidByPeople), colour: SAID },
      ],
    };
  });
  return barChart({
    id: 'ladder-chart',
    caption: 'The ladder of co-production, highest rung first: for each rung, how many decisions the decision-makers claimed reached it, and how many times self-advocates said it was reached.',
    groups,
  });
}

/** Decisions proposed and made in the period, by kind. */
export function kindsChart(report: BoardReport): SafeHtml {
  return barChart({
    id: 'kinds-chart',
    caption: 'Decisions proposed and made in this period, by kind.',
    groups: report.decisions.byKind.map((k) => ({
      label: words(kindWords, k.kind),
      bars: [
        { label: 'proposed', value: k.proposed.now, shown: String(k.proposed.now), colour: CLAIMED },
        { label: 'made', value: k.made.now, shown: String(k.made.now), colour: SAID },
      ],
    })),
  });
}

export const percent = (share: number) => `${Math.round(share * 100)}%`;
export const monthWords = (month: string) => new Date(`${month}-15T12:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The individualised share of spending at the end of each month, on a scale of 0 to 100%. */
export function shareChart(report: BoardReport): SafeHtml {
  return barChart({
    id: 'share-chart',
    caption: 'The share of spending that goes to people’s own budgets, at the end of each month, out of 100%.',
    max: 1,
    groups: report.money.individualisedOverTime.map((m) => ({
      label: monthWords(m.month),
      bars: [{ label: 'individualised', value: m.share, shown: percent(m.share), colour: SAID }],
    })),
  });
}
