// The events of a decision's stream (`decision-<id>`), in the past tense, with the
// schema each is validated against when it is written and when it is read.
import { z } from 'zod';
import type { EventDefinition } from '../../events/event-registry.js';
import { entityId } from '../shared/vocabulary.js';
import {
  challenge,
  challengeResolution,
  changeForPerson,
  coproductionReview,
  decisionEventBase,
  decisionMade,
  factConfirmation,
  factDispute,
  feedbackGiven,
  informationShared,
  optionConsidered,
  participantInvolved,
  proposal,
  riskAccepted,
  riskIdentified,
  riskReviewed,
  supersession,
  supportedDecision,
  view,
  withdrawal,
} from './decision-facts.js';

export const decisionEventSchemas = {
  DecisionProposed: proposal.extend(decisionEventBase),
  InformationShared: informationShared.extend({ ...decisionEventBase, informationId: entityId }),
  ParticipantInvolved: participantInvolved.extend({ ...decisionEventBase, involvementId: entityId }),
  ViewRecorded: view.extend({ ...decisionEventBase, viewId: entityId }),
  OptionConsidered: optionConsidered.extend({ ...decisionEventBase, optionId: entityId }),
  RiskIdentified: riskIdentified.extend({ ...decisionEventBase, riskId: entityId }),
  RiskAccepted: riskAccepted.extend({ ...decisionEventBase, riskId: entityId }),
  RiskReviewed: riskReviewed.extend({ ...decisionEventBase, riskId: entityId, reviewId: entityId }),
  SupportedDecisionRecorded: supportedDecision.extend(decisionEventBase),
  DecisionMade: decisionMade.extend(decisionEventBase),
  FeedbackGiven: feedbackGiven.extend({ ...decisionEventBase, feedbackId: entityId }),
  ChangeForPersonRecorded: changeForPerson.extend({ ...decisionEventBase, changeId: entityId }),
  DecisionChallenged: challenge.extend({ ...decisionEventBase, challengeId: entityId }),
  ChallengeResolved: challengeResolution.extend({ ...decisionEventBase, challengeId: entityId }),
  CoproductionReviewed: coproductionReview.extend({ ...decisionEventBase, reviewId: entityId }),
  DecisionSuperseded: supersession.extend(decisionEventBase),
  DecisionWithdrawn: withdrawal.extend(decisionEventBase),
  FactConfirmed: factConfirmation.extend({ ...decisionEventBase, confirmationId: entityId }),
  FactDisputed: factDispute.extend({ ...decisionEventBase, disputeId: entityId }),
} as const;

type Schemas = typeof decisionEventSchemas;
export type DecisionEventType = keyof Schemas;

/** A decision event: its type and its (validated) data. */
export type DecisionEvent = {
  [Type in DecisionEventType]: { type: Type; data: z.output<Schemas[Type]> };
}[DecisionEventType];

export type DecisionEventData<Type extends DecisionEventType> = z.output<Schemas[Type]>;

export const decisionEventDefinitions: EventDefinition[] = Object.entries(decisionEventSchemas).map(
  ([type, schema]) => ({ type, version: 1, schema }),
);

export const decisionStream = (decisionId: string) => `decision-${decisionId}`;
export const DECISION_STREAM_PREFIX = 'decision-';

/**
 * A stored event as a decision event, or undefined for other types. The store has
 * validated every payload against its schema on read, so the data has that shape.
 */
export function asDecisionEvent(event: { type: string; data: unknown }): DecisionEvent | undefined {
  return Object.hasOwn(decisionEventSchemas, event.type) ? ({ type: event.type, data: event.data } as DecisionEvent) : undefined;
}
