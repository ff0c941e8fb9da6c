// Commands on a decision and the rules they must keep. Pure: the ids, the time and
// the actor come on the command; a broken rule is a refusal with a stable code.
import type { z } from 'zod';
import { refuse } from '../../errors.js';
import type { Actor } from '../actor.js';
import type { Command, Decider } from '../decider.js';
import { checkWhomItNames, type Named } from '../shared/who-may-name-whom.js';
import type { RecordedForSomeone } from '../shared/provenance.js';
import { isInTheFuture } from '../shared/when-it-happened.js';
import { evolveDecision, initialDecisionState, personOf, type Decision, type DecisionState } from './decision.js';
import { checkProvenance, checkWhenItHappened, mayAnswer } from './voice-rules.js';
import type { DecisionEvent } from './decision-events.js';
import type * as facts from './decision-facts.js';

type Fact<S extends z.ZodType> = z.output<S>;

/** What a disaggregation proposal needs to know of the contract it concerns (read by the caller). */
export interface ContractContext {
  contractId: string;
  provider: string;
  type: string;
  status: string;
}

export type DecisionCommand =
  | Command<'ProposeDecision', Fact<typeof facts.proposal> & { decisionId: string; contract?: ContractContext }>
  | Command<'ShareInformation', Fact<typeof facts.informationShared> & { informationId: string }>
  | Command<'RecordInvolvement', Fact<typeof facts.participantInvolved> & { involvementId: string }>
  | Command<'RecordView', Fact<typeof facts.view> & { viewId: string }>
  | Command<'ConsiderOption', Fact<typeof facts.optionConsidered> & { optionId: string }>
  | Command<'IdentifyRisk', Fact<typeof facts.riskIdentified> & { riskId: string }>
  | Command<'AcceptRisk', Fact<typeof facts.riskAccepted> & { riskId: string }>
  | Command<'ReviewRisk', Fact<typeof facts.riskReviewed> & { riskId: string; reviewId: string }>
  | Command<'RecordSupportedDecision', Fact<typeof facts.supportedDecision>>
  | Command<'MakeDecision', Fact<typeof facts.decisionMade>>
  | Command<'GiveFeedback', Fact<typeof facts.feedbackGiven> & { feedbackId: string }>
  | Command<'RecordChangeForPerson', Fact<typeof facts.changeForPerson> & { changeId: string }>
  | Command<'ChallengeDecision', Fact<typeof facts.challenge> & { challengeId: string }>
  | Command<'ResolveChallenge', Fact<typeof facts.challengeResolution> & { challengeId: string }>
  | Command<'ReviewCoproduction', Fact<typeof facts.coproductionReview> & { reviewId: string }>
  | Command<'SupersedeDecision', Fact<typeof facts.supersession>>
  | Command<'WithdrawDecision', Fact<typeof facts.withdrawal>>
  | Command<'ConfirmFact', Fact<typeof facts.factConfirmation> & { confirmationId: string }>
  | Command<'DisputeFact', Fact<typeof facts.factDispute> & { disputeId: string }>;

export type DecisionCommandType = DecisionCommand['type'];

export function decideDecision(command: DecisionCommand, state: DecisionState): DecisionEvent[] {
  const at = command.now;
  if (command.type === 'ProposeDecision') return [propose(command, state)];

  const decision = existing(state);
  if (decision.status === 'superseded' || decision.status === 'withdrawn') {
    refuse('PL_ERR_DECISION_CLOSED', `This decision was ${decision.status}; nothing more can be recorded on it.`);
  }
  mayActOn(command.actor, decision);
  checkWhomItNames({ actor: command.actor, supportedPeople: command.supportedPeople ?? [] }, namedIn(command));
  checkWhenItHappened('occurredAt' in command.data ? command.data.occurredAt : undefined, command.now, command.type === 'ShareInformation', decision);
  checkProvenance(command.actor, 'provenance' in command.data ? command.data.provenance : undefined, whomItConcerns(command));
  const decisionId = decision.decisionId;

  switch (command.type) {
    case 'ShareInformation':
      return [{ type: 'InformationShared', data: { ...command.data, decisionId, at } }];
    case 'RecordInvolvement':
      return [{ type: 'ParticipantInvolved', data: { ...command.data, decisionId, at } }];
    case 'RecordView':
      return [{ type: 'ViewRecorded', data: { ...command.data, decisionId, at } }];
    case 'ConsiderOption':
      return [{ type: 'OptionConsidered', data: { ...command.data, decisionId, at } }];
    case 'IdentifyRisk':
      if (decision.risks.some((r) => r.riskId === command.data.riskId)) {
        refuse('PL_ERR_ALREADY_EXISTS', 'A risk with this id has already been identified.');
      }
      return [{ type: 'RiskIdentified', data: { ...command.data, decisionId, at } }];
    case 'AcceptRisk': {
      const risk = findRisk(decision, command.data.riskId);
      if (risk.status !== 'identified') {
        refuse('PL_ERR_RISK_ALREADY_ACCEPTED', 'This risk has already been accepted; record a review instead.');
      }
      return [{ type: 'RiskAccepted', data: { ...command.data, decisionId, at } }];
    }
    case 'ReviewRisk': {
      const risk = findRisk(decision, command.data.riskId);
      if (risk.status === 'closed') refuse('PL_ERR_RISK_CLOSED', 'This risk was closed at its last review.');
      return [{ type: 'RiskReviewed', data: { ...command.data, decisionId, at } }];
    }
    case 'RecordSupportedDecision':
      return [{ type: 'SupportedDecisionRecorded', data: { ...command.data, decisionId, at } }];
    case 'MakeDecision': {
      if (decision.status === 'decided') {
        refuse('PL_ERR_DECISION_ALREADY_MADE', 'This decision has already been made; a change needs a new decision that supersedes it.');
      }
      const known = new Set(decision.viewIds);
      const unknown = command.data.answers.find((a) => !known.has(a.viewId));
      if (unknown) refuse('PL_ERR_VIEW_NOT_FOUND', `There is no recorded view ${unknown.viewId} to answer.`);
      return [{ type: 'DecisionMade', data: { ...command.data, decisionId, at } }];
    }
    case 'GiveFeedback':
      return [{ type: 'FeedbackGiven', data: { ...command.data, decisionId, at } }];
    case 'RecordChangeForPerson':
      if (command.actor.role === 'self-advocate' && !command.data.inPersonsOwnWords) {
        refuse('PL_ERR_NOT_OWN_PERSON', 'A self-advocate records a change in the person’s own words.');
      }
      return [{ type: 'ChangeForPersonRecorded', data: { ...command.data, decisionId, at } }];
    case 'ChallengeDecision':
      return [{ type: 'DecisionChallenged', data: { ...command.data, decisionId, at } }];
    case 'ResolveChallenge': {
      const challenge = decision.challenges.find((c) => c.challengeId === command.data.challengeId);
      if (!challenge) refuse('PL_ERR_CHALLENGE_NOT_FOUND', `There is no challenge ${command.data.challengeId} on this decision.`);
      if (challenge.resolved) refuse('PL_ERR_CHALLENGE_ALREADY_RESOLVED', 'This challenge has already been resolved.');
      if (command.data.revision && decision.status !== 'decided') {
        refuse('PL_ERR_DECISION_NOT_MADE', 'Only a decision that has been made can be revised.');
      }
      return [{ type: 'ChallengeResolved', data: { ...command.data, decisionId, at } }];
    }
    case 'ReviewCoproduction':
      return [{ type: 'CoproductionReviewed', data: { ...command.data, decisionId, at } }];
    case 'SupersedeDecision':
      if (command.data.supersededBy === decisionId) {
        refuse('PL_ERR_ALREADY_EXISTS', 'A decision cannot supersede itself.');
      }
      return [{ type: 'DecisionSuperseded', data: { ...command.data, decisionId, at } }];
    case 'WithdrawDecision':
      if (command.actor.role === 'provider' && decision.kind !== 'provider-change') {
        refuse('PL_ERR_NOT_OWN_ORGANISATION', 'A provider may withdraw only its own proposals.');
      }
      return [{ type: 'DecisionWithdrawn', data: { ...command.data, decisionId, at } }];
    case 'ConfirmFact':
      mayAnswer(command.actor, command.data, decision);
      return [{ type: 'FactConfirmed', data: { ...command.data, decisionId, at } }];
    case 'DisputeFact':
      mayAnswer(command.actor, command.data, decision);
      return [{ type: 'FactDisputed', data: { ...command.data, decisionId, at } }];
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

function propose(command: Extract<DecisionCommand, { type: 'ProposeDecision' }>, state: DecisionState): DecisionEvent {
  if (state.status !== 'none') refuse('PL_ERR_ALREADY_EXISTS', 'A decision with this id already exists.');
  const { contract, ...proposal } = command.data;
  const { actor } = command;
  if (proposal.kind === 'provider-change') {
    if (actor.role !== 'provider') refuse('PL_ERR_WRONG_DECISION_KIND', 'A provider-change decision is proposed by a provider.');
  } else if (actor.role === 'provider') {
    refuse('PL_ERR_WRONG_DECISION_KIND', 'A provider proposes provider-change decisions; commissioners propose the others.');
  }
  checkWhomItNames({ actor, supportedPeople: command.supportedPeople ?? [] }, namedIn(command));
  if (proposal.contractId !== undefined && (!contract || contract.contractId !== proposal.contractId)) {
    refuse('PL_ERR_CONTRACT_NOT_FOUND', `There is no contract ${proposal.contractId}.`);
  }
  // A provider proposes changes to what it delivers, not to another provider's contract.
  if (proposal.kind === 'provider-change' && contract && contract.provider !== actor.organisation) {
    refuse('PL_ERR_NOT_OWN_ORGANISATION', `Contract ${contract.contractId} is held by another provider; ${actor.organisation ?? 'a provider'} proposes changes to its own contracts only.`);
  }
  if (proposal.kind === 'disaggregation') {
    if (!contract) refuse('PL_ERR_CONTRACT_NOT_FOUND', 'A disaggregation decision names the block contract it concerns.');
    if (contract.type !== 'block') refuse('PL_ERR_NOT_A_BLOCK_CONTRACT', `Contract ${contract.contractId} is a ${contract.type} contract, not a block contract.`);
    if (contract.status === 'ended') refuse('PL_ERR_CONTRACT_ENDED', `Contract ${contract.contractId} has ended.`);
    // What was sent is recorded as sent: a proposal that leaves out the provider concerned is refused, never corrected.
    if (!proposal.organisations.includes(contract.provider)) {
      refuse('PL_ERR_VALIDATION', `The disaggregation of contract ${contract.contractId} concerns its provider: name ${contract.provider} among the organisations.`);
    }
  }
  if (proposal.occurredAt !== undefined && isInTheFuture(proposal.occurredAt, command.now)) {
    refuse('PL_ERR_HAPPENS_LATER', `${proposal.occurredAt} is in the future: record a proposal when it has been made.`);
  }
  return { type: 'DecisionProposed', data: { ...proposal, at: command.now } };
}

function existing(state: DecisionState): Decision {
  if (state.status === 'none') refuse('PL_ERR_DECISION_NOT_FOUND', 'There is no decision with this id.');
  return state;
}

function findRisk(decision: Decision, riskId: string) {
  const risk = decision.risks.find((r) => r.riskId === riskId);
  if (!risk) refuse('PL_ERR_RISK_NOT_IDENTIFIED', `Risk ${riskId} has not been identified on this decision; identify it first.`);
  return risk;
}

/** A provider acts only on decisions that concern its own organisation. */
function mayActOn(actor: Actor, decision: Decision): void {
  if (actor.role !== 'provider') return;
  if (!actor.organisation || !decision.organisations.includes(actor.organisation)) {
    refuse('PL_ERR_NOT_OWN_ORGANISATION', `This decision does not concern ${actor.organisation ?? 'your organisation'}.`);
  }
}

/** Every party, person and organisation a command names, for the rules of who may name whom. */
function namedIn(command: DecisionCommand): Named {
  switch (command.type) {
    case 'ProposeDecision':
      return { authors: [command.data.proposedBy], people: command.data.affects.people, concerns: command.data.organisations };
    case 'ShareInformation':
      return { parties: command.data.sharedWith };
    case 'RecordInvolvement':
      return { parties: [command.data.participant] };
    case 'RecordView':
      return { authors: [command.data.by], people: recordedFor(command.data.provenance) };
    case 'ConsiderOption':
      return { authors: [command.data.putForwardBy] };
    case 'IdentifyRisk':
      return { parties: command.data.fallsOn };
    case 'AcceptRisk':
      return { parties: command.data.acceptedBy, people: recordedFor(command.data.provenance) };
    case 'RecordSupportedDecision':
      return { people: [command.data.personId], parties: [...command.data.chosenHelpers, ...(command.data.bestInterests?.consulted ?? [])] };
    case 'MakeDecision':
      return { parties: command.data.decidedBy };
    case 'GiveFeedback':
      return { parties: command.data.to };
    case 'RecordChangeForPerson':
      return { people: [command.data.personId, ...recordedFor(command.data.provenance)] };
    case 'ChallengeDecision':
      return { authors: [command.data.by] };
    case 'ResolveChallenge':
      return { parties: command.data.panel };
    case 'ReviewCoproduction':
      return { authors: [command.data.by] };
    case 'ConfirmFact':
    case 'DisputeFact':
      return { people: [command.data.personId, ...recordedFor(command.data.provenance)] };
    case 'ReviewRisk':
    case 'SupersedeDecision':
    case 'WithdrawDecision':
      return {};
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

/** The people a voice is about, for its provenance; undefined when the command carries no voice. */
function whomItConcerns(command: DecisionCommand): string[] | undefined {
  switch (command.type) {
    case 'RecordView':
      return [personOf(command.data.by)].filter((p): p is string => p !== undefined);
    case 'AcceptRisk':
      return command.data.acceptedBy.map(personOf).filter((p): p is string => p !== undefined);
    case 'RecordChangeForPerson':
      return [command.data.personId];
    default:
      return undefined;
  }
}

function recordedFor(provenance: RecordedForSomeone | undefined): string[] {
  return provenance ? [provenance.recordedFor] : [];
}

export const decisionDecider: Decider<DecisionState, DecisionCommand, DecisionEvent> = {
  initialState: initialDecisionState,
  evolve: evolveDecision,
  decide: decideDecision,
};
