// The two routes every form on one record (a decision, a contract) has: GET shows it,
// POST sends it to the API and either goes back to the record or shows the form again
// with what went wrong. Who may use a form is its command's roles, from the command table.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { notFoundPage, notOpenPage, plainPage } from '../dead-ends.js';
import type { Action } from '../decision-view.js';
import type { Viewer } from '../layout.js';
import { formValues, sendPage, signedIn, type PageContext, type PageDependencies } from '../page-context.js';
import type { FormSpec, Values } from './form-kit.js';
import { submitForm, type FormPageOptions } from './form-page.js';

export const mayUse = (viewer: Viewer, spec: { roles: readonly string[] }) => spec.roles.includes(viewer.actor.role);

export function forbiddenPage(reply: FastifyReply, viewer: Viewer): FastifyReply {
  return sendPage(reply, plainPage({ title: 'You cannot do this', sentences: ['Your sign-in does not let you do this.', 'Ask someone who can.'], viewer }), 403);
}

function notOpen<C>(reply: FastifyReply, viewer: Viewer, form: RecordForm<C>): FastifyReply {
  const formTitle = form.spec.title(viewer);
  const { sentences = [], instead = [] } = form.notOpen ?? {};
  // Refused as before (403), but saying why: the role may use this form, the record is not where it can act.
  return sendPage(reply, notOpenPage(viewer, { formTitle, sentences, instead, recordPage: { href: form.recordPage, label: 'Back to the record' } }), 403);
}

/** One form on one record, ready to show or to send. */
export interface RecordForm<C> {
  spec: FormSpec<C, never>;
  ctx: C;
  /** The viewer's role may send this command. */
  allowed: boolean;
  /** Why the form does not apply to the record as it is now, in plain words, and what can be done instead; undefined when it does. */
  notOpen: { sentences: string[]; instead: Action[] } | undefined;
  /** The record's own page, where a saved form goes back to. */
  recordPage: string;
  page(values: Values, extra?: Partial<FormPageOptions>): string;
}

export type RecordFormLoader<C> = (context: PageContext, id: string, slug: string) => Promise<RecordForm<C> | undefined>;

/** GET and POST `<prefix>/:id/:form` for the forms `load` knows. */
export function registerRecordForms<C>(app: FastifyInstance, deps: PageDependencies, prefix: string, load: RecordFormLoader<C>): void {
  const url = `${prefix}/:id/:form`;

  app.get<{ Params: { id: string; form: string } }>(url, async (request, reply) => {
    const context = signedIn(request, reply, deps);
    if (!context) return reply;
    const form = await load(context, request.params.id, request.params.form);
    if (!form) return sendPage(reply, notFoundPage(context.viewer, 'page'), 404);
    if (!form.allowed) return forbiddenPage(reply, context.viewer);
    if (form.notOpen) return notOpen(reply, context.viewer, form);
    return sendPage(reply, form.page(context.restored ?? form.spec.defaults?.(form.ctx) ?? {}));
  });

  app.post<{ Params: { id: string; form: string } }>(url, async (request, reply) => {
    const context = signedIn(request, reply, deps);
    if (!context) return reply;
    const form = await load(context, request.params.id, request.params.form);
    if (!form) return sendPage(reply, notFoundPage(context.viewer, 'page'), 404);
    if (!form.allowed) return forbiddenPage(reply, context.viewer);
    if (form.notOpen) return notOpen(reply, context.viewer, form);
    const values = formValues(request.body);
    const result = await submitForm(form.spec, form.ctx, values, context.api);
    if (result.saved) return reply.redirect(`${form.recordPage}?saved=${form.spec.slug}`, 303);
    return sendPage(reply, form.page(values, { errors: result.errors, warnings: result.warnings }), 400);
  });
}
