// The routes of every command's form: `/app/<kind>/new` for the command that starts a
// record (propose, register) and `/app/<kind>/:id/<slug>` for the commands on one. Each
// loads its record through the API with the person's own token, offers what the record
// holds, and sends what was typed through the same API: every rule stays the API's.
import type { FastifyInstance } from 'fastify';
import type { RecordChoice } from '../../commands/command-form.js';
import { contractDetailSchema } from '../../../projections/contract-detail.js';
import { contractsAnswerSchema } from '../../../projections/contracts.js';
import { decisionDetailAnswer, decisionListAnswer } from '../../../projections/decision-detail.js';
import { read, type ApiClient } from '../api-client.js';
import { decisionNowWords, notOpenSentences } from '../dead-ends.js';
import type { Section, Viewer } from '../layout.js';
import { formValues, sendPage, signedIn, type PageContext, type PageDependencies } from '../page-context.js';
import type { Action } from '../decision-view.js';
import { newRecordForm, recordForms, type CommandFormContext, type RecordKind } from './command-forms.js';
import { formPage, submitForm, type FormPageOptions } from './form-page.js';
import type { Values } from './form-kit.js';
import { forbiddenPage, mayUse, registerRecordForms } from './record-form-routes.js';
import { contractOffer, decisionOffer, newRecordOffer, personOffer, type RecordOffer } from './record-choices.js';
import { personEntrySchema } from '../../../projections/person-entry.js';
import { partyNamer } from '../words.js';
import { isSelfAdvocate } from './party-choices.js';

interface LoadedRecord {
  /** Said above the form: what it is about. */
  about: string;
  /** Where the record is up to, in one sentence: the reason a form that needs otherwise is not open. */
  now?: string;
  offer: RecordOffer;
}

interface KindOfRecord {
  /** The key of the new record's id in the API's answer. */
  idKey: string;
  section: Section;
  back: string;
  list: { href: string; label: string };
  load: (api: ApiClient, id: string, viewer: Viewer, needs: (source: RecordChoice) => boolean) => Promise<LoadedRecord>;
}

const at = (path: string, id: string) => `${path}/${encodeURIComponent(id)}`;

const kinds: Record<RecordKind, KindOfRecord> = {
  decisions: {
    idKey: 'decisionId',
    section: 'decisions',
    back: 'Back to the decision',
    list: { href: '/app/decisions', label: 'All decisions' },
    load: async (api, id, viewer, needs) => {
      const decision = await read(api, at('/decisions', id), decisionDetailAnswer);
      const others = needs('otherDecisions') ? (await read(api, '/decisions', decisionListAnswer)).decisions : [];
      return { about: decision.title, now: decisionNowWords[decision.status], offer: decisionOffer(decision, viewer, others) };
    },
  },
  contracts: {
    idKey: 'contractId',
    section: 'contracts',
    back: 'Back to the contract',
    list: { href: '/app/contracts', label: 'All contracts' },
    load: async (api, id) => {
      const contract = await read(api, at('/contracts', id), contractDetailSchema);
      const { decisions } = await read(api, `/decisions?contract=${encodeURIComponent(contract.contractId)}`, decisionListAnswer);
      return { about: `${contract.provider}: ${contract.service}`, offer: contractOffer(contract, decisions) };
    },
  },
  providers: {
    // The register has no page per provider: a new one is shown in the list.
    idKey: 'provider',
    section: 'home',
    back: 'Back to the providers',
    list: { href: '/app/providers', label: 'All providers' },
    load: async () => ({ about: 'The provider register', offer: newRecordOffer([]) }),
  },
  people: {
    idKey: 'personId',
    section: 'home',
    back: 'Back to the person',
    list: { href: '/app/people', label: 'All people' },
    load: async (api, id, viewer) => {
      const person = await read(api, at('/people', id), personEntrySchema);
      const about = isSelfAdvocate(viewer) ? partyNamer(viewer.actor)({ role: 'person-using-support', personId: person.personId }) : person.personId;
      return { about, offer: personOffer(person) };
    },
  },
};

/** The forms a person may use on this record now, as links for its page. */
export function formLinks(kind: RecordKind, viewer: Viewer, recordId: string, offer: RecordOffer): Action[] {
  return recordForms(kind, viewer)
    .filter((f) => mayUse(viewer, f) && (f.condition === undefined || offer.holds(f.condition)))
    .map((f) => ({ href: `${at(`/app/${kind}`, recordId)}/${f.slug}`, label: f.title(viewer) }));
}

/** The words a record's page says once a form on it (or the one that started it) is saved. */
export function savedNotice(kind: RecordKind, viewer: Viewer, slug: string | undefined): string | undefined {
  if (!slug) return undefined;
  if (slug === 'new') return newRecordForm(kind, viewer)?.saved;
  return recordForms(kind, viewer).find((f) => f.slug === slug)?.saved;
}

function newFormRoutes(app: FastifyInstance, deps: PageDependencies, kind: RecordKind): void {
  const { idKey, section, list } = kinds[kind];
  const url = `/app/${kind}/new`;
  const prepare = async (context: PageContext) => {
    const spec = newRecordForm(kind, context.viewer);
    if (!spec || !mayUse(context.viewer, spec)) return undefined;
    const contracts = kind === 'decisions' ? (await read(context.api, '/projections/contracts', contractsAnswerSchema)).contracts : [];
    const offer = newRecordOffer(contracts);
    const ctx: CommandFormContext = { viewer: context.viewer, recordId: undefined, choices: offer.choices, unanswered: offer.unanswered };
    const page = (values: Values, extra: Partial<FormPageOptions> = {}) => formPage(spec, ctx, context.viewer, { action: url, back: list, values, current: section, ...extra });
    return { spec, ctx, page };
  };

  app.get(url, async (request, reply) => {
    const context = signedIn(request, reply, deps);
    if (!context) return reply;
    const form = await prepare(context);
    if (!form) return forbiddenPage(reply, context.viewer);
    return sendPage(reply, form.page(context.restored ?? form.spec.defaults?.(form.ctx) ?? {}));
  });

  app.post(url, async (request, reply) => {
    const context = signedIn(request, reply, deps);
    if (!context) return reply;
    const form = await prepare(context);
    if (!form) return forbiddenPage(reply, context.viewer);
    const values = formValues(request.body);
    const result = await submitForm(form.spec, form.ctx, values, context.api);
    if (result.saved) {
      const saved = kind === 'providers' ? list.href : at(`/app/${kind}`, String(result.answer[idKey]));
      return reply.redirect(`${saved}?saved=new`, 303);
    }
    return sendPage(reply, form.page(values, { errors: result.errors, warnings: result.warnings }), 400);
  });
}

/** Every command's form, under the pages of the record it belongs to. */
export function commandFormRoutes(app: FastifyInstance, deps: PageDependencies): void {
  newFormRoutes(app, deps, 'providers');
  for (const kind of ['decisions', 'contracts', 'people'] as const) {
    newFormRoutes(app, deps, kind);
    const { section, back, load } = kinds[kind];
    registerRecordForms(app, deps, `/app/${kind}`, async (context, id, slug) => {
      const spec = recordForms(kind, context.viewer).find((f) => f.slug === slug);
      if (!spec) return undefined;
      const record = await load(context.api, id, context.viewer, (source) => spec.sources.includes(source));
      const ctx: CommandFormContext = { viewer: context.viewer, recordId: id, choices: record.offer.choices, unanswered: record.offer.unanswered };
      const recordPage = at(`/app/${kind}`, id);
      return {
        spec,
        ctx,
        recordPage,
        allowed: mayUse(context.viewer, spec),
        notOpen:
          spec.condition === undefined || record.offer.holds(spec.condition)
            ? undefined
            : {
                sentences: notOpenSentences({ now: record.now, condition: spec.condition, formTitle: spec.title(context.viewer) }),
                instead: formLinks(kind, context.viewer, id, record.offer),
              },
        page: (values, extra = {}) =>
          formPage(spec, ctx, context.viewer, {
            action: `${recordPage}/${spec.slug}`,
            back: { href: recordPage, label: back },
            about: record.about,
            values,
            current: section,
            ...(spec.confirm ? { cancel: { href: recordPage, label: 'No, go back' } } : {}),
            ...extra,
          }),
      };
    });
  }
}
