// You said — we did: every view and the answer it got (in the decision, or after a challenge).
import { z } from 'zod';
import { stance } from '../src/domain/decisions/decision-facts.js';
import { asDecisionEvent, DECISION_STREAM_PREFIX } from '../src/domain/decisions/decision-events.js';
import { party } from '../src/domain/shared/vocabulary.js';
import type { Documents } from './documents.js';
import type { Projection } from './projection.js';
import { answered, provenanceOf, provenanceSchema } from './provenance.js';

const viewAndAnswerSchema = z.object({
  decisionId: z.string(),
  viewId: z.string(),
  by: party,
  stance,
  youSaid: z.string(),
  reason: z.string().optional(),
  saidAt: z.string(),
  weDid: z.string().optional(),
  answeredAt: z.string().optional(),
  viewEventId: z.string(),
  answerEventId: z.string().optional(),
  /** Who said it, who recorded it for whom and how, and whether the person confirmed or disputed it. */
  provenance: provenanceSchema.optional(),
});
export type ViewAndAnswer = z.infer<typeof viewAndAnswerSchema>;

/** A view as listed: with its decision's title and whether it was answered. */
export const youSaidWeDidRowSchema = viewAndAnswerSchema.extend({ decisionTitle: z.string(), answered: z.boolean() });
export type YouSaidWeDidRow = z.infer<typeof youSaidWeDidRowSchema>;

export interface YouSaidWeDidState {
  views: Documents<ViewAndAnswer>;
  /** Each decision's title by decision id, for the rows. */
  titles: Documents<{ title: string }>;
}

/** Whoever the view is from: the person who said it, and the person it was said for. */
function peopleHeard(view: ViewAndAnswer): string[] {
  return [...new Set([view.by.personId, view.by.onBehalfOf].filter((id) => id !== undefined))];
}

/** Views still waiting for "we did": the flagged answer reads these alone. */
const UNANSWERED = 'unanswered';

export const youSaidWeDid: Projection<YouSaidWeDidState> = {
  name: 'you-said-we-did',
  version: 3,
  streamPrefixes: [DECISION_STREAM_PREFIX],
  collections: {
    views: {
      indexes: {
        decision: (view) => [view.decisionId],
        person: peopleHeard,
        unanswered: (view) => (view.weDid === undefined ? [UNANSWERED] : []),
      },
    },
    titles: {},
  },
  evolve(state, stored) {
    const event = asDecisionEvent(stored);
    if (!event) return;
    if (event.type === 'DecisionProposed') state.titles.set(event.data.decisionId, { title: event.data.title });
    if (event.type === 'ViewRecorded') {
      const v = event.data;
      state.views.set(v.viewId, {
        decisionId: v.decisionId,
        viewId: v.viewId,
        by: v.by,
        stance: v.stance,
        youSaid: v.inOwnWords,
        ...(v.reason ? { reason: v.reason } : {}),
        saidAt: v.at,
        viewEventId: stored.id,
        provenance: provenanceOf(stored, event),
      });
    }
    if ((event.type === 'FactConfirmed' || event.type === 'FactDisputed') && event.data.fact === 'view') {
      const view = state.views.get(event.data.factId);
      if (view?.provenance) state.views.set(view.viewId, { ...view, provenance: answered(view.provenance, stored, event) });
    }
    if (event.type === 'DecisionMade') {
      for (const answer of event.data.answers) {
        const view = state.views.get(answer.viewId);
        if (view) state.views.set(view.viewId, { ...view, weDid: answer.answer, answeredAt: event.data.at, answerEventId: stored.id });
      }
    }
  },
};

export interface ViewsFilter {
  decisionId?: string | undefined;
  person?: string | undefined;
  /** Only views not yet answered. */
  unansweredOnly?: boolean | undefined;
}

export function viewsAndAnswers(state: YouSaidWeDidState, filter: ViewsFilter = {}): YouSaidWeDidRow[] {
  const titleOf = titleLookup(state.titles);
  return candidatesFor(state, filter)
    .filter(
      (v) =>
        (!filter.decisionId || v.decisionId === filter.decisionId) &&
        (!filter.person || v.by.personId === filter.person || v.by.onBehalfOf === filter.person) &&
        (!filter.unansweredOnly || v.weDid === undefined),
    )
    .map((v) => ({ ...v, decisionTitle: titleOf(v.decisionId), answered: v.weDid !== undefined }));
}

/** One read per decision, however many of its views are listed. */
function titleLookup(titles: Documents<{ title: string }>): (decisionId: string) => string {
  const read = new Map<string, string>();
  return (decisionId) => {
    const known = read.get(decisionId);
    if (known !== undefined) return known;
    const title = titles.get(decisionId)?.title ?? '';
    read.set(decisionId, title);
    return title;
  };
}

/** The views the filter could match, through its narrowest index; every view only when it names none. */
function candidatesFor({ views }: YouSaidWeDidState, filter: ViewsFilter): ViewAndAnswer[] {
  if (filter.decisionId) return views.withIndex('decision', filter.decisionId);
  if (filter.person) return views.withIndex('person', filter.person);
  if (filter.unansweredOnly) return views.withIndex('unanswered', UNANSWERED);
  return [...views.values()];
}
