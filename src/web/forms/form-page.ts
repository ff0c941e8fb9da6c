// Showing a form, and handling what it sends: read what was typed, warn about easy read,
// send it to the API, and on a refusal show the same form again with each error beside
// its field, a summary at the top that links to them, and everything typed kept.
import type { ApiClient } from '../api-client.js';
import { problemOf } from '../api-client.js';
import type { EasyReadWarning } from '../easy-read.js';
import { html } from '../../shared/html.js';
import { csrfField, pageDocument, type Section, type Viewer } from '../layout.js';
import { heading } from '../pictures.js';
import { errorSummary, FormReader, hasErrors, noErrors, placeProblem, renderField, type FieldErrors, type FormSpec, type Values } from './form-kit.js';

export const SAVE_ANYWAY = 'saveAnyway';

export interface FormPageOptions {
  action: string;
  back: { href: string; label: string };
  /** What the form is about (a decision's or contract's title), said above the form. */
  about?: string;
  values: Values;
  errors?: FieldErrors;
  warnings?: readonly EasyReadWarning[];
  current?: Section;
  /** A way out beside the button, for a form that asks to confirm (forgetting a person). */
  cancel?: { href: string; label: string };
}

export function formPage<C>(spec: FormSpec<C, never>, ctx: C, viewer: Viewer, options: FormPageOptions): string {
  const fields = spec.fields(ctx);
  const errors = options.errors ?? noErrors();
  const warnings = options.warnings ?? [];
  const title = spec.title(viewer);
  const body = html`<p><a href="${options.back.href}">${options.back.label}</a></p>
${heading(1, spec.picture, title)}
${options.about ? html`<p><strong>About:</strong> ${options.about}</p>` : ''}
<ul class="easy-read">${spec.intro.map((s) => html`<li>${s}</li>`)}</ul>
${errorSummary(fields, errors)}
${warnings.length
  ? html`<div class="warning-summary" id="warning-summary" role="alert" aria-labelledby="warning-title" tabindex="-1"${hasErrors(errors) ? '' : html` autofocus`}>
<h2 id="warning-title">Please check the easy-read summary</h2>
<p>It was not saved yet. Easy read uses short sentences and everyday words.</p>
<ul>${warnings.map((w) => html`<li><a href="#f-easyReadSummary">${w.message}</a></li>`)}</ul>
<p>Change the words and send it again. Or tick “Save anyway”.</p>
</div>`
  : ''}
<form method="post" action="${options.action}" novalidate>
${csrfField(viewer.csrf)}
${fields.map((f) => renderField(f, options.values, errors))}
${warnings.length
  ? renderField({ name: SAVE_ANYWAY, label: 'Save anyway, without changing the easy-read summary', kind: 'checkbox' }, options.values, errors)
  : ''}
<p><button type="submit">${spec.submit}</button>${options.cancel ? html` <a class="button secondary" href="${options.cancel.href}">${options.cancel.label}</a>` : ''}</p>
</form>`;
  return pageDocument({ title: hasErrors(errors) ? `Error: ${title}` : title, body, viewer, ...(options.current ? { current: options.current } : {}) });
}

export type Submission = { saved: true; answer: Record<string, unknown> } | { saved: false; errors: FieldErrors; warnings: EasyReadWarning[] };

export async function submitForm<C>(spec: FormSpec<C, never>, ctx: C, values: Values, api: ApiClient): Promise<Submission> {
  const reader = new FormReader(values);
  const request = spec.request(reader, ctx);
  if (hasErrors(reader.errors)) return { saved: false, errors: reader.errors, warnings: [] };
  const warnings = spec.warnings?.(reader) ?? [];
  if (warnings.length > 0 && !reader.checked(SAVE_ANYWAY)) return { saved: false, errors: noErrors(), warnings };
  const answer = request.method === 'DELETE' ? await api.delete(request.url, request.body) : await api.post(request.url, request.body);
  if (answer.status >= 200 && answer.status < 300) {
    const body = typeof answer.body === 'object' && answer.body !== null ? (answer.body as Record<string, unknown>) : {};
    return { saved: true, answer: body };
  }
  return { saved: false, errors: placeProblem(spec.fields(ctx), problemOf(answer), request.fieldPaths), warnings };
}
