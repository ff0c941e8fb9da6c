// A contract's money as a bar chart drawn on the server: one bar per amount, on one
// scale, each labelled with its value. Its title and description say the same numbers,
// and the page prints them in a table too.
import { html, type SafeHtml } from '../shared/html.js';
import type { ContractMoney } from '../../projections/contract-detail.js';
import { pounds } from './words.js';

const WIDTH = 640;
const LABEL_WIDTH = 230;
const BAR_HEIGHT = 34;
const GAP = 14;

export function moneyRows(money: ContractMoney, peopleCovered: number): { label: string; value: string; amount?: number }[] {
  return [
    { label: 'Block value each year', value: pounds(money.value), amount: money.value },
    { label: 'Money released to budgets', value: pounds(money.released), amount: money.released },
    { label: 'Allocated to people', value: pounds(money.allocated), amount: money.allocated },
    { label: 'Released, not yet allocated', value: pounds(money.releasedNotYetAllocated), amount: money.releasedNotYetAllocated },
    { label: 'Remaining in the block', value: pounds(money.remainingInBlock), amount: money.remainingInBlock },
    { label: 'People moved to their own budget', value: `${money.peopleMoved} of ${peopleCovered}` },
  ];
}

export function moneyChart(money: ContractMoney, peopleCovered: number): SafeHtml {
  const bars = moneyRows(money, peopleCovered).filter((r) => r.amount !== undefined);
  const scale = (WIDTH - LABEL_WIDTH - 130) / Math.max(money.value, 1);
  const height = bars.length * (BAR_HEIGHT + GAP) + GAP;
  const description = bars.map((b) => `${b.label}: ${b.value}.`).join(' ');
  const colours = ['#1d3a5f', '#1d4f91', '#00703c', '#594d00', '#505a5f'];
  return html`<figure>
<svg role="img" aria-labelledby="money-title money-desc" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" focusable="false">
<title id="money-title">The contract’s money, as bars</title>
<desc id="money-desc">${description}</desc>
${bars.map((b, i) => {
  const y = GAP + i * (BAR_HEIGHT + GAP);
  const width = Math.max(2, Math.round((b.amount ?? 0) * scale));
  return html`<text x="0" y="${y + 23}" font-size="16" fill="#0b0c0c">${b.label}</text>
<rect x="${LABEL_WIDTH}" y="${y}" width="${width}" height="${BAR_HEIGHT}" fill="${colours[i] ?? '#1d3a5f'}"/>
<text x="${LABEL_WIDTH + width + 8}" y="${y + 23}" font-size="16" font-weight="700" fill="#0b0c0c">${b.value}</text>`;
})}
</svg>
<figcaption>${description}</figcaption>
</figure>`;
}

/** People moved to their own budgets: one figure per person covered, filled in once they moved. */
export function peopleMovedChart(moved: number, covered: number): SafeHtml {
  const total = Math.max(covered, moved);
  const said = `${moved} of ${total} people have moved to their own budget.`;
  const figures = Array.from({ length: total }, (_, i) => {
    const x = 8 + i * 44;
    const fill = i < moved ? '#00703c' : '#ffffff';
    return html`<g><circle cx="${x + 16}" cy="14" r="9" fill="${fill}" stroke="#0b0c0c" stroke-width="2"/><path d="M${x + 2} 52c0-14 6-24 14-24s14 10 14 24z" fill="${fill}" stroke="#0b0c0c" stroke-width="2"/></g>`;
  });
  return html`<figure>
<svg role="img" aria-label="${said}" viewBox="0 0 ${Math.max(total * 44 + 16, 60)} 60" width="${Math.max(total * 44 + 16, 60)}" height="60" focusable="false">${figures}</svg>
<figcaption>${said} A filled-in figure is a person who has moved.</figcaption>
</figure>`;
}
