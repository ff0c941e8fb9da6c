/** Money in whole pence, as pounds with their pence: 416000 → "£4,160.00". The one way money is written, in pages, records and refusals. */
export function pounds(pence: number): string {
  return `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
