// A contract's money as a bar chart drawn on the server: one bar per amount, on one
// scale, each labelled with its words and value as text (the page prints them in a
// table too).
import { html, type SafeHtml } from '../shared/html.js';
import type { ContractMoney } from '../../projections/contract-detail.js';
import { pounds } from './words.js';

/** The bars' own scale: a bar's length out of this, however wide the page is. */
const SCALE = 1000;

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
  const colours = ['#1d3a5f', '#1d4f91', '#00703c', '#594d00', '#505a5f'];
  // Only the bars are drawn; their words and amounts are the page's own text, so they keep
  // the page's size on a phone instead of shrinking with a picture scaled to fit.
  return html`<figure aria-labelledby="money-title">
<figcaption id="money-title">The contract’s money, as bars on one scale.</figcaption>
<ul class="bars">${bars.map((b, i) => {
  const length = Math.max(2, Math.round(((b.amount ?? 0) / Math.max(money.value, 1)) * SCALE));
  return html`<li><span class="bar-label">${b.label}</span>
<span class="bar-line"><svg class="bar" viewBox="0 0 ${SCALE} 10" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect width="${length}" height="10" fill="${colours[i] ?? '#1d3a5f'}"/></svg><span class="bar-value">${b.value}</span></span></li>`;
})}</ul>
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
