// Server-rendered HTML without a template engine: a tagged template that escapes every
// value it is given, unless the value is already SafeHtml (made by this module). All free
// text in the log (views in people's own words, risk descriptions) reaches pages through it.
// In shared, not web: the subject access report and the evidence pack print with it too.

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** html`<p>${text}</p>`: strings are escaped, SafeHtml and arrays of it are inserted as they are. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Markup this code wrote itself (an inline SVG picture, say), never text from a request or the log. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** A whole printable document: one column, print styles, readable without any script. */
export function printableDocument(options: { title: string; lang?: string; body: SafeHtml }): string {
  return html`<!doctype html>
<html lang="${options.lang ?? 'en-GB'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<style>${trusted(PRINT_CSS)}</style>
</head>
<body>
<main>
${options.body}
</main>
</body>
</html>`.value;
}

const PRINT_CSS = `
body { font: 18px/1.5 system-ui, -apple-system, "Segoe UI", Arial, sans-serif; color: #1b1b1b; background: #fff; margin: 0; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem; }
h1, h2, h3 { line-height: 1.25; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #6b6b6b; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eeeeee; }
.pass { color: #0b6b2b; } .fail { color: #a4000f; } .not-yet { color: #5a4a00; }
a { color: #0b4f9c; }
a:focus, button:focus { outline: 3px solid #ffbf47; outline-offset: 2px; }
@media print { main { max-width: none; padding: 0; } a { color: inherit; text-decoration: none; } section { break-inside: avoid-page; } }
`;
