// Every command on a decision, described once: its route, body, the ids it mints, who may
// send it, its summary, the context it loads and its form (decision-forms.ts). Every one but a proposal concerns an
// existing decision and names people, so each loads whom a provider may name.
import { z } from 'zod';
import { decisionDecider, type DecisionCommand } from '../domain/decisions/decide.js';
import { decisionStream } from '../domain/decisions/decision-events.js';
import * as facts from '../domain/decisions/decision-facts.js';
import { commandsOf, type CommandTable } from './command-table.js';
import * as forms from './decision-forms.js';
import { proposalContext, supportedPeople } from './context-loaders.js';

const command = commandsOf(decisionDecider, 'decisions');

const byDecision = z.object({ id: z.string().uuid('a decision id is a uuid') });
const byRisk = byDecision.extend({ riskId: z.string().uuid('a risk id is a uuid') });
const byChallenge = byDecision.extend({ challengeId: z.string().uuid('a challenge id is a uuid') });
/** What every command on one existing decision shares. */
const onADecision = {
  params: byDecision,
  stream: ({ params }: { params: { id: string } }) => decisionStream(params.id),
  context: supportedPeople,
  answer: ({ params }: { params: { id: string } }) => ({ decisionId: params.id }),
};
const onARisk = { ...onADecision, params: byRisk, answer: ({ params }: { params: { id: string; riskId: string } }) => ({ decisionId: params.id, riskId: params.riskId }) };

export const decisionCommands: CommandTable<DecisionCommand> = {
  ProposeDecision: command('ProposeDecision', {
    path: '/decisions',
    params: z.object({}),
    body: facts.proposal,
    mints: { decisionId: 'decision' },
    roles: ['commissioner', 'provider'],
    summary: 'Propose a decision (commissioning, provider-change or disaggregation)',
    stream: ({ ids }) => decisionStream(ids.decisionId),
    context: proposalContext,
    toCommand: ({ base, body, ids }, { contract, supportedPeople }) => ({
      ...base,
      data: { ...body, decisionId: ids.decisionId, ...(contract ? { contract } : {}) },
      supportedPeople,
    }),
    form: forms.proposeDecision,
  }),
  ShareInformation: command('ShareInformation', {
    ...onADecision,
    path: '/decisions/:id/information',
    body: facts.informationShared,
    mints: { informationId: 'informationId' },
    roles: ['commissioner', 'provider'],
    summary: 'Record information shared, in which accessible format, and when',
    toCommand: ({ base, body, ids }, supportedPeople) => ({ ...base, data: { ...body, ...ids }, supportedPeople }),
    form: forms.shareInformation,
  }),
  RecordInvolvement: command('RecordInvolvement', {
    ...onADecision,
    path: '/decisions/:id/involvement',
    body: facts.participantInvolved,
    mints: { involvementId: 'involvementId' },
    roles: ['commissioner', 'provider'],
    summary: 'Record who was involved, at which stage, on which rung, with what support',
    toCommand: ({ base, body, ids }, supportedPeople) => ({ ...base, data: { ...body, ...ids }, supportedPeople }),
    form: forms.recordInvolvement,
  }),
  RecordView: command('RecordView', {
    ...onADecision,
    path: '/decisions/:id/views',
    body: facts.view,
    mints: { viewId: 'viewId' },
    roles: ['commissioner', 'provider', 'self-advocate'],
    summary: 'Record a view in the person’s own words',
    toCommand: ({ base, body, ids }, supportedPeople) => ({ ...base, data: { ...body, ...ids }, supportedPeople }),
    form: forms.recordView,
  }),
  ConsiderOption: command('ConsiderOption', {
    ...onADecision,
    path: '/decisions/:id/options',
    body: facts.optionConsidered,
    mints: { optionId: 'optionId' },
    roles: ['commissioner', 'provider'],
    summary: 'Record an option considered, with its pros and cons',
    toCommand: ({ base, body, ids }, supportedPeople) => ({ ...base, data: { ...body, ...ids }, supportedPeople }),
    form: forms.considerOption,
  }),
  IdentifyRisk: command('IdentifyRisk', {
    ...onADecision,
    path: '/decisions/:id/risks',
    body: facts.riskIdentified,
    mints: { riskId: 'riskId' },
    roles: ['commissioner', 'provider'],
    summary: 'Identify a risk: what it is, who it falls on, likelihood and impact',
    toCommand: ({ base, body, ids }, supportedPeople) => ({ ...base, data: { ...body, ...ids }, supportedPeople }),
    form: forms.identifyRisk,
  }),
  AcceptRisk: command('AcceptRisk', {
    ...onARisk,
    path: '/decisions/:id/risks/:riskId/acceptance',
    body: facts.riskAccepted,
    roles: ['commissioner', 'provider'],
    summary: 'Accept a risk: who accepted it, why it is worth taking, mitigations, review date',
    toCommand: ({ base, body, params }, supportedPeople) => ({ ...base, data: { ...body, riskId: params.riskId }, supportedPeople }),
    form: forms.acceptRisk,
  }),
  ReviewRisk: command('ReviewRisk', {
    ...onARisk,
    path: '/decisions/:id/risks/:riskId/reviews',
    body: facts.riskReviewed,
    mints: { reviewId: 'review' },
    roles: ['commissioner', 'provider'],
    summary: 'Review an accepted risk',
    toCommand: ({ base, body, params, ids }, supportedPeople) => ({ ...base, data: { ...body, riskId: params.riskId, ...ids }, supportedPeople }),
    form: forms.reviewRisk,
  }),
  RecordSupportedDecision: command('RecordSupportedDecision', {
    ...onADecision,
    path: '/decisions/:id/supported-decision',
    body: facts.supportedDecision,
    roles: ['commissioner'],
    summary: 'Record how a person was supported to make a decision about their own support (or a best-interests decision)',
    toCommand: ({ base, body }, supportedPeople) => ({ ...base, data: body, supportedPeople }),
    form: forms.recordSupportedDecision,
  }),
  MakeDecision: command('MakeDecision', {
    ...onADecision,
    path: '/decisions/:id/decision',
    body: facts.decisionMade,
    roles: ['commissioner'],
    summary: 'Make the decision: outcome, reasons, who decided, the rung claimed, review date, an answer to each view',
    toCommand: ({ base, body }, supportedPeople) => ({ ...base, data: body, supportedPeople }),
    form: forms.makeDecision,
  }),
  GiveFeedback: command('GiveFeedback', {
    ...onADecision,
    path: '/decisions/:id/feedback',
    body: facts.feedbackGiven,
    mints: { feedbackId: 'feedbackId' },
    roles: ['commissioner', 'provider'],
    summary: 'Record feedback given: to whom, in what format, what they were told',
    toCommand: ({ base, body, ids }, supportedPeople) => ({ ...base, data: { ...body, ...ids }, supportedPeople }),
    form: forms.giveFeedback,
  }),
  RecordChangeForPerson: command('RecordChangeForPerson', {
    ...onADecision,
    path: '/decisions/:id/changes',
    body: facts.changeForPerson,
    mints: { changeId: 'changeId' },
    roles: ['commissioner', 'provider', 'self-advocate'],
    summary: 'Record what changed for a person',
    toCommand: ({ base, body, ids }, supportedPeople) => ({ ...base, data: { ...body, ...ids }, supportedPeople }),
    form: forms.recordChangeForPerson,
  }),
  ChallengeDecision: command('ChallengeDecision', {
    ...onADecision,
    path: '/decisions/:id/challenges',
    body: facts.challenge,
    mints: { challengeId: 'challengeId' },
    roles: ['self-advocate', 'commissioner'],
    summary: 'Challenge the decision, saying why',
    toCommand: ({ base, body, ids }, supportedPeople) => ({ ...base, data: { ...body, ...ids }, supportedPeople }),
    form: forms.challengeDecision,
  }),
  ResolveChallenge: command('ResolveChallenge', {
    ...onADecision,
    path: '/decisions/:id/challenges/:challengeId/resolution',
    params: byChallenge,
    body: facts.challengeResolution,
    roles: ['commissioner'],
    summary: 'Resolve a challenge: the review panel, its finding and any revision',
    toCommand: ({ base, body, params }, supportedPeople) => ({ ...base, data: { ...body, challengeId: params.challengeId }, supportedPeople }),
    answer: ({ params }) => ({ decisionId: params.id, challengeId: params.challengeId }),
    form: forms.resolveChallenge,
  }),
  ReviewCoproduction: command('ReviewCoproduction', {
    ...onADecision,
    path: '/decisions/:id/coproduction-reviews',
    body: facts.coproductionReview,
    mints: { reviewId: 'reviewId' },
    roles: ['self-advocate'],
    summary: 'A self-advocate’s review of how far co-production went',
    toCommand: ({ base, body, ids }, supportedPeople) => ({ ...base, data: { ...body, ...ids }, supportedPeople }),
    form: forms.reviewCoproduction,
  }),
  SupersedeDecision: command('SupersedeDecision', {
    ...onADecision,
    path: '/decisions/:id/supersession',
    body: facts.supersession,
    roles: ['commissioner'],
    summary: 'Mark the decision as superseded by another',
    toCommand: ({ base, body }, supportedPeople) => ({ ...base, data: body, supportedPeople }),
    form: forms.supersedeDecision,
  }),
  WithdrawDecision: command('WithdrawDecision', {
    ...onADecision,
    path: '/decisions/:id/withdrawal',
    body: facts.withdrawal,
    roles: ['commissioner', 'provider'],
    summary: 'Withdraw the decision',
    toCommand: ({ base, body }, supportedPeople) => ({ ...base, data: body, supportedPeople }),
    form: forms.withdrawDecision,
  }),
  ConfirmFact: command('ConfirmFact', {
    ...onADecision,
    path: '/decisions/:id/confirmations',
    body: facts.factConfirmation,
    mints: { confirmationId: 'confirmationId' },
    roles: ['self-advocate', 'commissioner'],
    summary: 'A person confirms a view, risk acceptance or change recorded for them (or a commissioner records their confirmation, saying how)',
    toCommand: ({ base, body, ids }, supportedPeople) => ({ ...base, data: { ...body, ...ids }, supportedPeople }),
    form: forms.confirmFact,
  }),
  DisputeFact: command('DisputeFact', {
    ...onADecision,
    path: '/decisions/:id/disputes',
    body: facts.factDispute,
    mints: { disputeId: 'disputeId' },
    roles: ['self-advocate', 'commissioner'],
    summary: 'A person disputes a view, risk acceptance or change recorded for them, in their own words (or a commissioner records their dispute, saying how)',
    toCommand: ({ base, body, ids }, supportedPeople) => ({ ...base, data: { ...body, ...ids }, supportedPeople }),
    form: forms.disputeFact,
  }),
};
