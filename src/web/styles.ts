// One stylesheet for every page, served as a file so the pages can forbid inline styles.
// Easy Read: text at least 18px (here 19px, scaling with the browser's setting), strong
// contrast (every pair at least 4.5:1), a thick focus ring, targets at least 44px tall.
export const SITE_CSS = `
html { font-size: 118.75%; }
body { margin: 0; font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Arial, sans-serif; color: #0b0c0c; background: #fff; }
.skip-link { position: absolute; left: -9999px; top: 0; padding: 0.5rem 1rem; background: #ffdd00; color: #0b0c0c; }
.skip-link:focus { left: 0.5rem; z-index: 10; }
header.site { background: #1d3a5f; color: #fff; padding: 0.5rem 1rem; }
header.site .bar { max-width: 60rem; margin: 0 auto; display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center; justify-content: space-between; }
header.site a, header.site .who { color: #fff; }
header.site .name { font-weight: 700; font-size: 1.2rem; text-decoration: none; padding: 0.4rem 0; display: inline-block; }
nav.main ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0; padding: 0; align-items: center; }
nav.main a { display: inline-block; padding: 0.5rem 0.25rem; min-height: 24px; }
nav.main a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
nav.main form { margin: 0; }
nav.main button { background: #fff; color: #1d3a5f; border-color: #fff; }
main { display: block; max-width: 60rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
footer.site { max-width: 60rem; margin: 0 auto; padding: 1rem; border-top: 1px solid #505a5f; color: #383f43; }
h1, h2, h3 { line-height: 1.25; margin: 1.5rem 0 0.75rem; }
h1 { font-size: 2rem; } h2 { font-size: 1.5rem; } h3 { font-size: 1.2rem; }
.with-picture { display: flex; align-items: center; gap: 0.75rem; }
.picture { flex: none; width: 3rem; height: 3rem; color: #1d3a5f; }
p, li { max-width: 42rem; }
.easy-read li { margin-bottom: 0.5rem; }
a { color: #1d4f91; text-decoration-thickness: 1px; text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 3px; }
a:focus, button:focus, input:focus, select:focus, textarea:focus, summary:focus, [tabindex]:focus {
  outline: 3px solid #0b0c0c; outline-offset: 2px; box-shadow: 0 0 0 6px #ffdd00;
}
a:focus { background: #ffdd00; color: #0b0c0c; text-decoration: none; }
button, .button { display: inline-block; font: inherit; font-weight: 700; min-height: 2.75rem; min-width: 2.75rem; padding: 0.5rem 1.1rem;
  color: #fff; background: #00703c; border: 2px solid #00703c; border-radius: 4px; cursor: pointer; text-decoration: none; }
button.secondary, .button.secondary { color: #0b0c0c; background: #f3f2f1; border-color: #505a5f; }
label, legend { display: block; font-weight: 700; margin-bottom: 0.25rem; }
legend { font-size: 1.1rem; }
fieldset { border: 0; padding: 0; margin: 0 0 1.5rem; }
.field { margin: 0 0 1.5rem; }
.hint { color: #383f43; margin: 0 0 0.35rem; }
input[type=text], input[type=password], input[type=date], input[type=datetime-local], input[type=number], select, textarea {
  font: inherit; width: 100%; max-width: 36rem; box-sizing: border-box; min-height: 2.75rem; padding: 0.4rem; border: 2px solid #0b0c0c; border-radius: 0; background: #fff; color: #0b0c0c; }
textarea { min-height: 7rem; }
.choice { display: flex; align-items: center; gap: 0.6rem; margin: 0.35rem 0; }
.choice label { font-weight: 400; margin: 0; padding: 0.3rem 0; }
.choice input { width: 1.6rem; height: 1.6rem; margin: 0; flex: none; }
.field.has-error { border-left: 5px solid #d4351c; padding-left: 1rem; }
.field-error { color: #b0281a; font-weight: 700; margin: 0 0 0.35rem; }
.error-summary { border: 5px solid #d4351c; padding: 1rem 1.25rem; margin: 1rem 0 2rem; }
.error-summary h2 { margin-top: 0; }
.error-summary a { color: #b0281a; font-weight: 700; }
.warning-summary { border: 5px solid #1d3a5f; padding: 1rem 1.25rem; margin: 1rem 0 2rem; background: #f3f7fb; }
.notice { border-left: 8px solid #00703c; padding: 0.5rem 1rem; background: #f3f9f5; margin: 1rem 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; }
caption { text-align: left; font-weight: 700; padding: 0.5rem 0; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 0.5rem; text-align: left; vertical-align: top; }
th[scope=row] { font-weight: 400; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
.pass { color: #00703c; font-weight: 700; } .fail { color: #b0281a; font-weight: 700; } .not-yet { color: #594d00; font-weight: 700; }
.mark { display: inline-block; min-width: 1.5rem; }
.tag { display: inline-block; padding: 0.1rem 0.5rem; border: 2px solid currentColor; font-weight: 700; font-size: 0.9rem; }
.cards { list-style: none; padding: 0; }
.cards > li { border: 2px solid #b1b4b6; padding: 0.75rem 1rem; margin-bottom: 1rem; max-width: none; }
.cards h2, .cards h3 { margin-top: 0; }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; list-style: none; padding: 0; }
.actions a { display: inline-block; padding: 0.45rem 0.75rem; border: 2px solid #1d4f91; border-radius: 4px; min-height: 24px; }
.filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-end; }
.filters .field { margin: 0; min-width: 14rem; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; }
.timeline { list-style: none; padding: 0; border-left: 4px solid #1d3a5f; }
.timeline li { padding: 0.25rem 0 0.75rem 1rem; }
.timeline li:target { background: #fff7bf; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dl.facts dt { font-weight: 700; } dl.facts dd { margin: 0; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
@media (max-width: 40rem) { dl.facts { grid-template-columns: 1fr; } }
/* 320 px wide (a phone, or 400% zoom) without scrolling sideways: long ids, words and
   headings break where they must; a table too wide scrolls inside its own labelled region. */
main, header.site, footer.site { overflow-wrap: anywhere; }
.with-picture > * { min-width: 0; }
.table-region { overflow-x: auto; margin: 0.5rem 0 1.5rem; }
.table-region table { margin: 0; }
.filters .field { min-width: min(14rem, 100%); }
/* The money as bars: words and amounts are text, so they stay the page's size at any width. */
.bars { list-style: none; padding: 0; max-width: 42rem; }
.bars li { margin: 0 0 0.75rem; max-width: none; }
.bars .bar-label { display: block; }
.bars .bar-line { display: flex; align-items: center; gap: 0.5rem; }
.bars svg.bar { flex: 1 1 auto; min-width: 0; height: 1.6rem; }
.bars .bar-value { flex: none; font-weight: 700; }
/* The ladder of co-production: rungs between two rails, the rung reached filled in, the rung
   claimed outlined with a dashed line; its words are text, so they never shrink below the page's. */
.ladder-title { font-weight: 700; margin: 0 0 0.5rem; }
.rungs { list-style: none; margin: 0; padding: 0.25rem 0.5rem; max-width: 30rem; border-left: 6px solid #505a5f; border-right: 6px solid #505a5f; }
.rungs li { display: flex; flex-wrap: wrap; gap: 0 0.75rem; align-items: baseline; margin: 0.35rem 0; padding: 0.3rem 0.6rem; max-width: none;
  background: #f3f2f1; border: 1px solid #505a5f; border-radius: 4px; }
.rungs li.reached { background: #00703c; border-color: #00703c; color: #fff; font-weight: 700; }
.rungs li.claimed { border: 4px dashed #1d3a5f; font-weight: 700; }
.rungs .rung-mark { font-weight: 700; }
/* The Board report: bars in groups, each bar named in words beside it; a figure's change under it; people's own words. */
.bars.grouped > li { margin-bottom: 1rem; }
.bars.grouped .bar-label { font-weight: 700; }
.bars .bar-name { flex: 0 0 8.5rem; }
.change { color: #383f43; }
.quote { border-left: 6px solid #1d3a5f; margin: 0 0 1rem; padding: 0.25rem 1rem; }
.quote-about { color: #383f43; margin-top: 0; }
.report-links { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; }
/* Its tables keep whole words on a phone: a table too wide scrolls inside its own region instead. */
.report th, .report td { overflow-wrap: normal; }
/* Printing: the record without the site around it (no navigation, buttons or forms), every
   "More detail" open (Chromium opens <details> through ::details-content; the evidence pack
   is the print view for other browsers), and the address of every link printed after it. */
@media print {
  html { font-size: 12pt; }
  .skip-link, nav.main, footer.site, form, button, .button, .actions, .filters { display: none !important; }
  header.site { background: none; color: #0b0c0c; padding: 0; border-bottom: 2px solid #0b0c0c; }
  header.site a, header.site .who { color: #0b0c0c; }
  main { max-width: none; padding: 0; }
  details::details-content { content-visibility: visible; display: block; }
  details > summary { list-style: none; font-weight: 700; }
  main a[href]::after { content: " (" attr(href) ")"; font-weight: 400; overflow-wrap: anywhere; }
  main a[href^="#"]::after { content: ""; }
  a { color: #0b0c0c; }
  .table-region { overflow: visible; }
  .rungs li.reached { background: none; color: #0b0c0c; border: 3px solid #0b0c0c; }
  tr, figure, .cards > li, .timeline li { break-inside: avoid; }
  /* The Board report on paper: no links to other versions or downloads, no addresses after its
     links (the decisions are named by their titles), each table and chart whole on its page. */
  .report-links, .csv-link, .print-note { display: none !important; }
  .report a[href]::after { content: ""; }
  .report table, .report .quote { break-inside: avoid; }
  .report h2, .report h3 { break-after: avoid; }
}
`;
