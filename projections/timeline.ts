// Timeline: who did what, when — for one decision from the folded state, or for
// everything by paging through the log with the same describeEvent.
import { asDecisionEvent, DECISION_STREAM_PREFIX } from '../src/domain/decisions/decision-events.js';
import type { StoredEvent } from '../src/store/event-store.js';
import type { Projection } from './projection.js';

export interface TimelineEntry {
  position: number;
  eventId: string;
  at: string;
  stream: string;
  type: string;
  what: string;
  who: { name?: string | undefined; role: string; organisation?: string | undefined } | undefined;
}

/** Plain words for each event type: no free text from the record, so a timeline never leaks a view or a name. */
const sentences: Record<string, string> = {
  DecisionProposed: 'proposed the decision',
  InformationShared: 'shared information',
  ParticipantInvolved: 'recorded who was involved',
  ViewRecorded: 'recorded a view',
  OptionConsidered: 'recorded an option considered',
  RiskIdentified: 'identified a risk',
  RiskAccepted: 'accepted a risk',
  RiskReviewed: 'reviewed a risk',
  SupportedDecisionRecorded: 'recorded a supported decision',
  DecisionMade: 'made the decision',
  FeedbackGiven: 'gave feedback',
  ChangeForPersonRecorded: 'recorded what changed for a person',
  DecisionChallenged: 'challenged the decision',
  ChallengeResolved: 'resolved a challenge',
  CoproductionReviewed: 'reviewed co-production',
  DecisionSuperseded: 'marked the decision superseded',
  DecisionWithdrawn: 'withdrew the decision',
};

export function describeEvent(stored: StoredEvent): TimelineEntry {
  const data = stored.data;
  const at = typeof data === 'object' && data !== null && 'at' in data && typeof data.at === 'string' ? data.at : stored.recordedAt;
  const actor = stored.metadata.actor;
  let what = sentences[stored.type] ?? stored.type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const decision = asDecisionEvent(stored);
  if (decision?.type === 'DecisionMade') what = `made the decision: ${decision.data.outcome}`;
  if (decision?.type === 'ViewRecorded') what = `recorded a view (${decision.data.stance})`;
  return {
    position: stored.position,
    eventId: stored.id,
    at,
    stream: stored.stream,
    type: stored.type,
    what,
    who: actor ? { name: actor.name, role: actor.role, organisation: actor.organisation } : undefined,
  };
}

export interface TimelineState {
  decisions: Record<string, TimelineEntry[]>;
}

export const timeline: Projection<TimelineState> = {
  name: 'timeline',
  version: 1,
  streamPrefixes: [DECISION_STREAM_PREFIX],
  initialState: () => ({ decisions: {} }),
  evolve(state, stored) {
    const decisionId = stored.stream.slice(DECISION_STREAM_PREFIX.length);
    (state.decisions[decisionId] ??= []).push(describeEvent(stored));
    return state;
  },
};
