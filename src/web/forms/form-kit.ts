// What every form shares: fields described as data, rendered with their labels, hints
// and errors; the API's refusals placed back next to the field they are about, in plain
// words; and a reader that turns what was typed into the API's JSON without losing it.
import { isCalendarDay, type UserRole } from '../../commands/domain-words.js';
import type { Problem } from '../api-client.js';
import type { EasyReadWarning } from '../easy-read.js';
import type { Viewer } from '../layout.js';
import type { Picture } from '../pictures.js';
import { html, type SafeHtml } from '../../shared/html.js';

/** What was typed, exactly as the browser sent it (urlencoded: repeated names become arrays). */
export type Values = Record<string, string | string[] | undefined>;

export interface Choice {
  value: string;
  label: string;
}

export type FieldKind = 'text' | 'textarea' | 'select' | 'radios' | 'checkboxes' | 'date' | 'datetime' | 'money' | 'lines' | 'checkbox';

export interface Field {
  name: string;
  label: string;
  kind: FieldKind;
  hint?: string;
  choices?: readonly Choice[];
  optional?: boolean;
  /** Paths in the API's body whose errors belong to this field (default: the field's name). */
  api?: readonly string[];
}

export interface FieldErrors {
  byField: Record<string, string[]>;
  /** Refusals that are about the whole record, not one field (a domain rule, a permission). */
  general: string[];
}

export const noErrors = (): FieldErrors => ({ byField: {}, general: [] });

export function hasErrors(errors: FieldErrors): boolean {
  return errors.general.length > 0 || Object.keys(errors.byField).length > 0;
}

/** zod's and the API's wording, said the way a person would. */
export function plainWords(message: string): string {
  if (/received undefined|must not be empty|^Required$/i.test(message)) return 'Please fill this in.';
  if (/invalid option|expected one of|must be a uuid|invalid enum/i.test(message)) return 'Please choose one of the options.';
  if (/expected number/i.test(message)) return 'Please write a number.';
  if (/too small.*(array|items)|>=1 items/i.test(message)) return 'Please give at least one.';
  if (/too big.*(string|characters)|<=\d+ characters/i.test(message)) return 'This is too long. Please make it shorter.';
  const sentence = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** Puts each of the API's field errors beside the form field it is about. */
export function placeProblem(fields: readonly Field[], problem: Problem, fieldPaths: Record<string, readonly string[]> = {}): FieldErrors {
  const errors = noErrors();
  for (const { field, message } of problem.errors) {
    const path = field.replace(/^body\.?/, '');
    let best: { name: string; length: number } | undefined;
    for (const f of fields) {
      for (const api of fieldPaths[f.name] ?? f.api ?? [f.name]) {
        const matches = path === api || path.startsWith(`${api}.`);
        if (matches && (!best || api.length > best.length)) best = { name: f.name, length: api.length };
      }
    }
    const target = best ? fields.find((f) => f.name === best.name) : undefined;
    if (target) {
      const choosing = target.kind === 'select' || target.kind === 'radios' || target.kind === 'checkboxes';
      const plain = plainWords(message);
      (errors.byField[target.name] ??= []).push(choosing && plain === 'Please fill this in.' ? 'Please choose.' : plain);
    }
    else errors.general.push(plainWords(message));
  }
  if (problem.errors.length === 0) errors.general.push(problem.detail);
  return errors;
}

export function fieldId(field: Field): string {
  return `f-${field.name}`;
}

/** The element the error summary links to: the input itself, or the first choice of a group. */
function targetId(field: Field): string {
  return field.kind === 'radios' || field.kind === 'checkboxes' ? `${fieldId(field)}-0` : fieldId(field);
}

const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const asText = (value: string | string[] | undefined): string => asList(value).join('\n');

export function errorSummary(fields: readonly Field[], errors: FieldErrors): SafeHtml {
  if (!hasErrors(errors)) return html``;
  const items = fields.flatMap((f) => (errors.byField[f.name] ?? []).map((m) => html`<li><a href="#${targetId(f)}">${f.label}: ${m}</a></li>`));
  // The pages run no script, so the browser itself moves focus here on load (autofocus on a
  // focusable element): a keyboard or screen-reader user starts at what went wrong.
  return html`<div class="error-summary" id="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
<h2 id="error-summary-title">There is a problem</h2>
<p>Nothing was saved. Please look at these and try again.</p>
<ul>${errors.general.map((m) => html`<li>${m}</li>`)}${items}</ul>
</div>`;
}

export function renderField(field: Field, values: Values, errors: FieldErrors): SafeHtml {
  const id = fieldId(field);
  const messages = errors.byField[field.name] ?? [];
  const hintId = field.hint ? `${id}-hint` : undefined;
  const errorId = messages.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  const described = describedBy ? html` aria-describedby="${describedBy}"` : '';
  const invalid = messages.length ? html` aria-invalid="true"` : '';
  const label = html`${field.label}${field.optional ? ' (optional)' : ''}`;
  const hint = field.hint ? html`<p class="hint" id="${hintId}">${field.hint}</p>` : '';
  const error = messages.length ? html`<p class="field-error" id="${errorId}"><span class="visually-hidden">Error: </span>${messages.join(' ')}</p>` : '';
  const value = asText(values[field.name]);
  const wrap = (inner: SafeHtml) => html`<div class="field${messages.length ? ' has-error' : ''}">${inner}</div>`;

  switch (field.kind) {
    case 'radios':
    case 'checkboxes': {
      const type = field.kind === 'radios' ? 'radio' : 'checkbox';
      const chosen = new Set(asList(values[field.name]));
      const choices = (field.choices ?? []).map(
        (c, i) => html`<div class="choice"><input type="${type}" id="${id}-${i}" name="${field.name}" value="${c.value}"${chosen.has(c.value) ? html` checked` : ''}${invalid}>
<label for="${id}-${i}">${c.label}</label></div>`,
      );
      return wrap(html`<fieldset${described}><legend>${label}</legend>${hint}${error}${choices}</fieldset>`);
    }
    case 'checkbox':
      return wrap(html`${hint}${error}<div class="choice"><input type="checkbox" id="${id}" name="${field.name}" value="yes"${value === 'yes' ? html` checked` : ''}${described}${invalid}>
<label for="${id}">${label}</label></div>`);
    case 'select': {
      const options = (field.choices ?? []).map((c) => html`<option value="${c.value}"${c.value === value ? html` selected` : ''}>${c.label}</option>`);
      return wrap(html`<label for="${id}">${label}</label>${hint}${error}<select id="${id}" name="${field.name}"${described}${invalid}><option value="">Choose…</option>${options}</select>`);
    }
    case 'textarea':
    case 'lines':
      return wrap(html`<label for="${id}">${label}</label>${hint}${error}<textarea id="${id}" name="${field.name}" rows="5"${described}${invalid}>${value}</textarea>`);
    default: {
      const type = field.kind === 'date' ? 'date' : field.kind === 'datetime' ? 'datetime-local' : 'text';
      const extra = field.kind === 'money' ? html` inputmode="decimal"` : '';
      return wrap(html`<label for="${id}">${label}</label>${hint}${error}<input type="${type}" id="${id}" name="${field.name}" value="${value}"${extra}${described}${invalid}>`);
    }
  }
}

/**
 * Reads what was typed into the API's shapes. A value it cannot read (money that is not
 * a number, say) is noted against its field, and the form is shown again before any call.
 */
export class FormReader {
  readonly errors = noErrors();
  constructor(readonly values: Values) {}

  text(name: string): string {
    return asText(this.values[name]).trim();
  }
  optional(name: string): string | undefined {
    return this.text(name) || undefined;
  }
  list(name: string): string[] {
    return asList(this.values[name]).map((v) => v.trim()).filter(Boolean);
  }
  lines(name: string): string[] {
    return this.text(name).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  }
  /** Person ids or short names separated by commas, spaces or new lines. */
  words(name: string): string[] {
    return this.text(name).split(/[\s,]+/).filter(Boolean);
  }
  checked(name: string): boolean {
    return this.text(name) === 'yes';
  }
  /** Pounds as typed ("£4,160" or "4160.50") → whole pence. */
  pence(name: string): number | undefined {
    const typed = this.text(name);
    if (!typed) return undefined;
    const match = /^£?\s*(\d{1,3}(,\d{3})*|\d+)(\.\d{1,2})?$/.exec(typed);
    if (!match) {
      this.fail(name, 'Write an amount in pounds, like 4160 or £4,160.50.');
      return undefined;
    }
    return Math.round(Number(typed.replace(/[£,\s]/g, '')) * 100);
  }
  /** A date and time from the browser's picker, read as this server's local time. */
  dateTime(name: string): string | undefined {
    const typed = this.text(name);
    if (!typed) return undefined;
    // Read by its parts: `new Date()` would roll 2026-02-30 over into March without a word.
    const [y, mo, d, h, mi, s = 0] = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(typed)?.slice(1).filter(Boolean).map(Number) ?? [];
    if (y === undefined || mo === undefined || d === undefined || h === undefined || mi === undefined || !isCalendarDay(y, mo, d) || h > 23 || mi > 59 || s > 59) {
      this.fail(name, 'Write a date and time, like 2026-03-01 10:00.');
      return undefined;
    }
    return new Date(y, mo - 1, d, h, mi, s).toISOString();
  }
  /** When something happened: a day alone as typed ("2026-03-01"), or a day and time read as `dateTime` does. */
  dayOrDateTime(name: string): string | undefined {
    const typed = this.text(name);
    if (!typed) return undefined;
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typed)?.slice(1).map(Number);
    const [y = 0, mo = 0, d = 0] = day ?? [];
    if (day && isCalendarDay(y, mo, d)) return typed;
    // Something with a time in it: read (and, if it cannot be, refused) as a date and time.
    if (!day && /^\d{4}-\d{2}-\d{2}[T ]\d/.test(typed)) return this.dateTime(name);
    this.fail(name, 'Write a date, like 2026-03-01, or a date and time, like 2026-03-01 10:00.');
    return undefined;
  }
  fail(name: string, message: string): void {
    (this.errors.byField[name] ??= []).push(message);
  }
}

export interface FormRequest {
  /** The command's own method (forgetting a person is a DELETE). */
  method: 'POST' | 'DELETE';
  url: string;
  body: unknown;
  /** Paths in this body whose errors belong to a field, where they depend on what was typed (items of a list). */
  fieldPaths?: Record<string, readonly string[]>;
}

/** One form: who may send it (its command's roles), what it asks, and how what was typed becomes the API's request. */
export interface FormSpec<Context, Subject = unknown> {
  slug: string;
  roles: readonly UserRole[];
  title: (viewer: Viewer) => string;
  picture: Picture;
  intro: readonly string[];
  submit: string;
  /** Shown on the next page once it is saved. */
  saved: string;
  /** Whether the form makes sense for this decision or contract now. */
  appliesTo?: (subject: Subject) => boolean;
  fields: (ctx: Context) => Field[];
  defaults?: (ctx: Context) => Values;
  request: (r: FormReader, ctx: Context) => FormRequest;
  /** Easy Read warnings shown before saving, unless "save anyway" is ticked. */
  warnings?: (r: FormReader) => EasyReadWarning[];
}
