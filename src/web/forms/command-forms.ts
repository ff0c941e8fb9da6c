// Every command's form, made from its command-table entry: the fields it asks (for this
// role), the choices each offers, and how what was typed becomes the API's request. Nothing
// here is about one command: a new entry with a `form` gets its form without a line here.
import type { ChoiceSource, FormCondition, FormField, FormPicture, RecordChoice } from '../../commands/command-form.js';
import type { CommandEntry } from '../../commands/command-table.js';
import { commandEntries } from '../../commands/command-tables.js';
import { checkEasyRead } from '../easy-read.js';
import type { Viewer } from '../layout.js';
import type { Picture } from '../pictures.js';
import { choiceWords } from '../words.js';
import type { Choice, Field, FormReader, FormRequest, FormSpec, Values } from './form-kit.js';
import { partyOf } from './party-choices.js';

/** The kinds of record a form is on, by the first part of its command's path. */
export type RecordKind = 'decisions' | 'contracts' | 'people' | 'providers';

/** What a form on one record (or starting one) knows: who asks, the record's id, what it offers to choose. */
export interface CommandFormContext {
  viewer: Viewer;
  recordId: string | undefined;
  choices: (source: RecordChoice) => Choice[];
  /** Views still waiting for their answer ("you said — we did"), for an `answers` field. */
  unanswered: readonly { viewId: string; label: string }[];
}

export interface CommandFormSpec extends FormSpec<CommandFormContext> {
  /** When the form is offered (see CommandForm.appliesTo); always when undefined. */
  condition: FormCondition | undefined;
  /** Asked on a page of its own, with a cancel link (forgetting a person). */
  confirm: boolean;
  /** What its choices need from the record (so a list is read only for the form that offers it). */
  sources: readonly RecordChoice[];
}

// Every picture a form names is one the pages draw: a name missing from either side is a type error.
const pictures: Record<FormPicture, Picture> = {
  paper: 'paper', people: 'people', risk: 'risk', change: 'change', check: 'check', talk: 'talk',
  money: 'money', pencil: 'pencil', key: 'key', list: 'list', ladder: 'ladder',
};

/** What a `when` field says unless its own hint says more. */
const WHEN_HINT = 'The day, like 2026-03-01, or the day and time, like 2026-03-01 10:00.';

/** How many rows of a timetable a `steps` field offers. */
const STEPS = 3;

const kindOf = (entry: CommandEntry): RecordKind | undefined => {
  const kind = entry.path.split('/')[1];
  return kind === 'decisions' || kind === 'contracts' || kind === 'people' || kind === 'providers' ? kind : undefined;
};
const startsRecord = (entry: CommandEntry) => !entry.path.includes(':id');
const paramsOf = (entry: CommandEntry) => [...entry.path.matchAll(/:(\w+)/g)].flatMap((m) => (m[1] ? [m[1]] : []));
const nameOf = (field: FormField) => field.name ?? field.path;
const isParty = (source: ChoiceSource | undefined) => source !== undefined && 'from' in source && (source.from === 'parties' || source.from === 'authors');
/** A field that sends a part of another field's choice is not asked itself. */
const readFromAnother = (field: FormField) => field.part !== undefined && field.part.of !== nameOf(field);
const asked = (viewer: Viewer) => (field: FormField) =>
  (!field.onlyFor || field.onlyFor.includes(viewer.actor.role)) && field.fixed === undefined && !readFromAnother(field);
const applies = (viewer: Viewer) => (field: FormField) => !field.onlyFor || field.onlyFor.includes(viewer.actor.role);

function choicesOf(source: ChoiceSource | undefined, ctx: CommandFormContext): Choice[] {
  if (!source) return [];
  if ('from' in source) return ctx.choices(source.from);
  const except = new Set(source.except ?? []);
  return Object.entries<string>(choiceWords[source.words]).filter(([value]) => !except.has(value)).map(([value, label]) => ({ value, label }));
}

/** The page's fields for one form field: most are one, a timetable is rows, answers are one box per view. */
function pageFields(field: FormField, ctx: CommandFormContext, params: readonly string[]): Field[] {
  const name = nameOf(field);
  const api = [field.path, ...(params.includes(field.path) ? [`params.${field.path}`] : []), ...(field.api ?? [])];
  const common = { name, label: field.label, api, ...(field.hint ? { hint: field.hint } : {}), ...(field.optional ? { optional: true } : {}) };
  switch (field.kind) {
    case 'answers':
      return ctx.unanswered.map((v) => ({ name: `answer-${v.viewId}`, label: v.label, kind: 'textarea', optional: true }));
    case 'steps':
      return Array.from({ length: STEPS }, (_, i): Field[] => [
        { name: `step-${i + 1}`, label: `${field.label} ${i + 1}`, kind: 'text', optional: i > 0, api: [`${field.path}.${i}.step`, ...(i === 0 ? [field.path] : [])] },
        { name: `by-${i + 1}`, label: `${field.label} ${i + 1} done by`, kind: 'date', optional: i > 0, api: [`${field.path}.${i}.by`] },
      ]).flat();
    case 'needs':
      return [{ ...common, kind: 'checkboxes', choices: choicesOf(field.choices, ctx) }];
    case 'ids':
      return [{ ...common, kind: 'text' }];
    case 'when':
      return [{ ...common, kind: 'text', hint: field.hint ?? WHEN_HINT }];
    case 'radios':
    case 'select':
    case 'checkboxes':
      return [{ ...common, kind: field.kind, choices: choicesOf(field.choices, ctx) }];
    default:
      return [{ ...common, kind: field.kind }];
  }
}

/** What was typed into one field, as the API's body wants it (undefined: not sent). */
function readField(field: FormField, r: FormReader, ctx: CommandFormContext): unknown {
  const name = nameOf(field);
  const { actor } = ctx.viewer;
  if (field.part) return r.text(field.part.of).split('|')[field.part.index] || undefined;
  if (field.fixed === 'me') return { role: actor.role, organisation: actor.organisation };
  if (field.fixed === 'myOrganisations') return actor.organisation ? [actor.organisation] : [];
  if (field.fixed) return field.fixed.value;
  switch (field.kind) {
    case 'text':
    case 'textarea':
      return field.optional ? r.optional(name) : r.text(name);
    case 'date':
      return r.optional(name);
    case 'datetime':
      return r.dateTime(name);
    case 'when':
      return r.dayOrDateTime(name);
    case 'money':
      return r.pence(name);
    case 'lines':
      return r.lines(name);
    case 'ids':
      return r.words(name);
    case 'checkbox':
      return r.checked(name);
    case 'radios':
    case 'select':
      return isParty(field.choices) ? partyOf(r.text(name)) : r.optional(name);
    case 'checkboxes': {
      const chosen = isParty(field.choices) ? r.list(name).flatMap((key) => partyOf(key) ?? []) : r.list(name);
      return field.optional && chosen.length === 0 ? undefined : chosen;
    }
    case 'needs':
      return r.list(name).map((need) => ({ need }));
    case 'answers':
      // Only the answers written are sent, so answers.N is the Nth of those, not the Nth box.
      return ctx.unanswered.map((v) => ({ viewId: v.viewId, answer: r.text(`answer-${v.viewId}`) })).filter((a) => a.answer !== '');
    case 'steps':
      return Array.from({ length: STEPS }, (_, i) => ({ step: r.text(`step-${i + 1}`), by: r.optional(`by-${i + 1}`) })).filter((s, i) => i === 0 || s.step || s.by);
  }
}

function requestOf(entry: CommandEntry, fields: readonly FormField[], r: FormReader, ctx: CommandFormContext): FormRequest {
  const params = paramsOf(entry);
  const body: Record<string, unknown> = {};
  const values: Record<string, string> = {};
  const fieldPaths: Record<string, string[]> = {};
  for (const field of fields) {
    const value = readField(field, r, ctx);
    if (field.kind === 'answers' && Array.isArray(value)) {
      value.forEach((a: { viewId: string }, i) => (fieldPaths[`answer-${a.viewId}`] = [`${field.path}.${i}`]));
    }
    if (params.includes(field.path)) {
      values[field.path] = typeof value === 'string' ? value : '';
      continue;
    }
    const [outer = '', inner] = field.path.split('.');
    if (inner === undefined) body[outer] = value;
    else {
      const nested = body[outer];
      body[outer] = { ...(typeof nested === 'object' && nested !== null ? nested : {}), [inner]: value };
    }
  }
  // A nested object nothing was typed into (money, a revision, provenance with its box unticked) is not sent at all.
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => v === undefined || v === false)) delete body[key];
  }
  const url = entry.path.replace(/:(\w+)/g, (_, param: string) => encodeURIComponent((param === 'id' ? ctx.recordId : values[param]) || 'none'));
  return { method: entry.method, url, body, fieldPaths };
}

/** The form of one command as the signed-in person sees it: their role's words and fields. */
export function commandFormSpec(entry: CommandEntry, viewer: Viewer): CommandFormSpec {
  const { form } = entry;
  const words = { ...form, ...form.wordsFor?.[viewer.actor.role] };
  const fields = form.fields.filter(applies(viewer));
  const params = paramsOf(entry);
  return {
    slug: form.slug,
    roles: entry.roles,
    title: () => words.title,
    picture: pictures[form.picture],
    intro: words.intro,
    submit: words.submit,
    saved: words.saved,
    condition: form.appliesTo,
    confirm: form.confirm ?? false,
    sources: fields.flatMap((f) => (f.choices && 'from' in f.choices ? [f.choices.from] : [])),
    fields: (ctx) => fields.filter(asked(viewer)).flatMap((f) => pageFields(f, ctx, params)),
    defaults: (ctx) => mineFor(fields, ctx),
    request: (r, ctx) => requestOf(entry, fields, r, ctx),
    warnings: (r) => fields.filter((f) => f.easyRead).flatMap((f) => checkEasyRead(r.lines(nameOf(f)))),
  };
}

/** For someone who speaks for themself, the answers that are theirs to start with: themself, and "in my own words". */
function mineFor(fields: readonly FormField[], ctx: CommandFormContext): Values {
  const me = ctx.viewer.actor.personId;
  if (!me) return {};
  const values: Values = {};
  for (const field of fields.filter((f) => f.mine)) {
    if (field.kind === 'checkbox') values[nameOf(field)] = 'yes';
    else values[nameOf(field)] = isParty(field.choices) ? `person:${me}` : me;
  }
  return values;
}

/** The forms on a record of this kind, in table order, for this person. */
export function recordForms(kind: RecordKind, viewer: Viewer): CommandFormSpec[] {
  return commandEntries.filter((e) => kindOf(e) === kind && !startsRecord(e)).map((e) => commandFormSpec(e, viewer));
}

/** The form that starts a record of this kind (propose, register), if there is one. */
export function newRecordForm(kind: RecordKind, viewer: Viewer): CommandFormSpec | undefined {
  const entry = commandEntries.find((e) => kindOf(e) === kind && startsRecord(e));
  return entry ? commandFormSpec(entry, viewer) : undefined;
}

/** Every command's form, for the tests that open each one. */
export const everyCommandForm = (viewer: Viewer): { kind: RecordKind; starts: boolean; spec: CommandFormSpec }[] =>
  commandEntries.flatMap((e) => {
    const kind = kindOf(e);
    return kind ? [{ kind, starts: startsRecord(e), spec: commandFormSpec(e, viewer) }] : [];
  });

/** The slugs of the forms on a record of this kind, for the tests that ask each one. */
export const formSlugs = (kind: RecordKind): string[] =>
  commandEntries.filter((e) => kindOf(e) === kind && !startsRecord(e)).map((e) => e.form.slug);
