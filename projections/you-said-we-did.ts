// You said — we did: every view and the answer it got (in the decision, or after a challenge).
import { z } from 'zod';
import { stance } from '../src/domain/decisions/decision-facts.js';
import { asDecisionEvent, DECISION_STREAM_PREFIX } from '../src/domain/decisions/decision-events.js';
import { party } from '../src/domain/shared/vocabulary.js';
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
  views: Record<string, ViewAndAnswer>;
  titles: Record<string, string>;
  /** View ids per decision, so one decision's views are found without scanning them all. */
  byDecision: Record<string, string[]>;
}

export const youSaidWeDid: Projection<YouSaidWeDidState> = {
  name: 'you-said-we-did',
  version: 3,
  streamPrefixes: [DECISION_STREAM_PREFIX],
  initialState: () => ({ views: {}, titles: {}, byDecision: {} }),
  evolve(state, stored) {
    const event = asDecisionEvent(stored);
    if (!event) return state;
    if (event.type === 'DecisionProposed') state.titles[event.data.decisionId] = event.data.title;
    if (event.type === 'ViewRecorded') {
      const v = event.data;
      state.views[v.viewId] = {
        decisionId: v.decisionId,
        viewId: v.viewId,
        by: v.by,
        stance: v.stance,
        youSaid: v.inOwnWords,
        ...(v.reason ? { reason: v.reason } : {}),
        saidAt: v.at,
        viewEventId: stored.id,
        provenance: provenanceOf(stored, event),
      };
      (state.byDecision[v.decisionId] ??= []).push(v.viewId);
    }
    if ((event.type === 'FactConfirmed' || event.type === 'FactDisputed') && event.data.fact === 'view') {
      const view = state.views[event.data.factId];
      if (view?.provenance) view.provenance = answered(view.provenance, stored, event);
    }
    if (event.type === 'DecisionMade') {
      for (const answer of event.data.answers) {
        const view = state.views[answer.viewId];
        if (!view) continue;
        view.weDid = answer.answer;
        view.answeredAt = event.data.at;
        view.answerEventId = stored.id;
      }
    }
    return state;
  },
};

export function viewsAndAnswers(state: YouSaidWeDidState, filter: { decisionId?: string; person?: string } = {}): YouSaidWeDidRow[] {
  const candidates = filter.decisionId ? (state.byDecision[filter.decisionId] ?? []).flatMap((id) => state.views[id] ?? []) : Object.values(state.views);
  return candidates
    .filter((v) => (!filter.decisionId || v.decisionId === filter.decisionId) && (!filter.person || v.by.personId === filter.person || v.by.onBehalfOf === filter.person))
    .map((v) => ({ ...v, decisionTitle: state.titles[v.decisionId] ?? '', answered: v.weDid !== undefined }));
}
