import t from 'tap';
import type { Actor } from '../../src/domain/actor.js';
import { decisionDecider, type DecisionCommand } from '../../src/domain/decisions/decide.js';
import type { DecisionEvent } from '../../src/domain/decisions/decision-events.js';
import { specify } from '../support/decider-spec.js';

const spec = specify(decisionDecider);
const now = '2026-03-02T10:00:00+00:00';
const decisionId = '11111111-1111-4111-8111-111111111111';
const viewId = '22222222-2222-4222-8222-222222222222';
const riskId = '33333333-3333-4333-8333-333333333333';
const challengeId = '44444444-4444-4444-8444-444444444444';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const commissioner: Actor = { id: 'tok-c', name: 'Leeds commissioning team', role: 'commissioner' };
const provider: Actor = { id: 'tok-p', name: 'Real Life Options', role: 'provider', organisation: 'Real Life Options' };
const otherProvider: Actor = { id: 'tok-o', name: 'Other Care Ltd', role: 'provider', organisation: 'Other Care Ltd' };
const selfAdvocate: Actor = { id: 'tok-s', name: 'Self-advocate', role: 'self-advocate', personId: 'P-7K2Q9M' };

const proposal = {
  decisionId,
  kind: 'commissioning' as const,
  title: 'Change the day service at Holly Road',
  summary: 'Move from a block-funded day centre to support in the community.',
  easyReadSummary: ['We want to change the day service.', 'We want to hear what you think.'],
  proposedBy: { role: 'commissioner' as const, organisation: 'Leeds City Council' },
  affects: { people: ['P-7K2Q9M', 'P-3H8W4T'], groups: ['People who use Holly Road'] },
  organisations: ['Real Life Options'],
};
const proposed: DecisionEvent = { type: 'DecisionProposed', data: { ...proposal, at: now } };
const person = { role: 'person-using-support' as const, personId: 'P-7K2Q9M' };
const viewRecorded: DecisionEvent = {
  type: 'ViewRecorded',
  data: { decisionId, viewId, by: person, stance: 'has-concerns', inOwnWords: 'I like my friends at the centre.', reason: 'I will miss them.', at: now },
};
const riskIdentified: DecisionEvent = {
  type: 'RiskIdentified',
  data: { decisionId, riskId, description: 'Travelling alone by bus', fallsOn: [person], likelihood: 'medium', impact: 'medium', at: now },
};
const acceptance = {
  acceptedBy: [person, { role: 'commissioner' as const, organisation: 'Leeds City Council' }],
  whyWorthTaking: 'Travelling alone means more freedom.',
  mitigations: ['Travel training first'],
  reviewDate: '2026-06-01',
};
const made = {
  outcome: 'agreed' as const,
  reasons: 'People told us they want more time in the community.',
  decidedBy: [{ role: 'partnership-board' as const, label: 'Learning Disability Partnership Board' }],
  claimedRung: 'co-production' as const,
  reviewDate: '2026-09-01',
  answers: [{ viewId, answer: 'You can keep meeting your friends every Tuesday.' }],
};
const decisionMade: DecisionEvent = { type: 'DecisionMade', data: { ...made, decisionId, at: now } };
const challenged: DecisionEvent = {
  type: 'DecisionChallenged',
  data: { decisionId, challengeId, by: person, reason: 'Nobody asked me.', at: now },
};

function command<C extends DecisionCommand['type']>(
  type: C,
  data: Extract<DecisionCommand, { type: C }>['data'],
  actor: Actor = commissioner,
): DecisionCommand {
  return { type, data, actor, now } as DecisionCommand;
}

t.test('propose', async (t) => {
  spec.given([]).when(command('ProposeDecision', proposal)).then(t, [proposed]);
  spec.given([proposed]).when(command('ProposeDecision', proposal)).thenRefuses(t, 'PL_ERR_ALREADY_EXISTS');
  spec
    .given([])
    .when(command('ProposeDecision', { ...proposal, kind: 'provider-change' }, provider))
    .then(t, [{ type: 'DecisionProposed', data: { ...proposal, kind: 'provider-change', organisations: ['Real Life Options'], at: now } }], 'a provider-change is bound to the proposing provider');
  spec.given([]).when(command('ProposeDecision', { ...proposal, kind: 'provider-change' })).thenRefuses(t, 'PL_ERR_WRONG_DECISION_KIND', 'only providers propose provider changes');
  spec.given([]).when(command('ProposeDecision', proposal, provider)).thenRefuses(t, 'PL_ERR_WRONG_DECISION_KIND', 'providers do not propose commissioning decisions');
});

t.test('propose a disaggregation of a block contract', async (t) => {
  const contractId = id(9);
  const base = { ...proposal, kind: 'disaggregation' as const, contractId, organisations: [] };
  const block = { contractId, provider: 'Real Life Options', type: 'block', status: 'active' };
  spec
    .given([])
    .when(command('ProposeDecision', { ...base, contract: block }))
    .then(t, [{ type: 'DecisionProposed', data: { ...base, organisations: ['Real Life Options'], at: now } }], 'the contract’s provider is concerned');
  spec.given([]).when(command('ProposeDecision', base)).thenRefuses(t, 'PL_ERR_CONTRACT_NOT_FOUND', 'the contract must be known');
  spec.given([]).when(command('ProposeDecision', { ...base, contract: { ...block, type: 'spot' } })).thenRefuses(t, 'PL_ERR_NOT_A_BLOCK_CONTRACT');
  spec.given([]).when(command('ProposeDecision', { ...base, contract: { ...block, status: 'ended' } })).thenRefuses(t, 'PL_ERR_CONTRACT_ENDED');
});

t.test('facts recorded on a proposed decision', async (t) => {
  const information = { informationId: id(1), sharedWith: [person], format: 'easy-read' as const, timing: 'before-asking-for-views' as const, sharedAt: now, description: 'Easy-read letter about the change' };
  spec.given([proposed]).when(command('ShareInformation', information)).then(t, [{ type: 'InformationShared', data: { ...information, decisionId, at: now } }]);
  const involvement = { involvementId: id(2), participant: person, stage: 'designing-options' as const, rung: 'co-design' as const, support: ['advocate' as const] };
  spec.given([proposed]).when(command('RecordInvolvement', involvement)).then(t, [{ type: 'ParticipantInvolved', data: { ...involvement, decisionId, at: now } }]);
  const option = { optionId: id(3), title: 'Individual Service Funds', description: 'Each person chooses their support.', pros: ['Choice'], cons: ['Takes time'], putForwardBy: person };
  spec.given([proposed]).when(command('ConsiderOption', option)).then(t, [{ type: 'OptionConsidered', data: { ...option, decisionId, at: now } }]);
  const feedback = { feedbackId: id(4), to: [person], format: 'easy-read' as const, message: 'Thank you. This is what we decided.' };
  spec.given([proposed, decisionMade]).when(command('GiveFeedback', feedback)).then(t, [{ type: 'FeedbackGiven', data: { ...feedback, decisionId, at: now } }]);
  const change = { changeId: id(5), personId: 'P-7K2Q9M', area: 'community' as const, before: 'Day centre five days a week', after: 'Gardening club and a job', direction: 'better' as const, inPersonsOwnWords: true };
  spec.given([proposed, decisionMade]).when(command('RecordChangeForPerson', change, provider)).then(t, [{ type: 'ChangeForPersonRecorded', data: { ...change, decisionId, at: now } }]);
  const review = { reviewId: id(6), by: { role: 'self-advocate' as const, label: 'Speak Up self-advocacy group' }, rungReached: 'consultation' as const, comments: 'We were asked, but late.' };
  spec.given([proposed, decisionMade]).when(command('ReviewCoproduction', review, { ...selfAdvocate, personId: undefined })).then(t, [{ type: 'CoproductionReviewed', data: { ...review, decisionId, at: now } }]);
});

t.test('nothing can be recorded on a decision that does not exist', async (t) => {
  spec.given([]).when(command('WithdrawDecision', { reason: 'No longer needed' })).thenRefuses(t, 'PL_ERR_DECISION_NOT_FOUND');
});

t.test('views', async (t) => {
  const view = { viewId, by: person, stance: 'has-concerns' as const, inOwnWords: 'I like my friends at the centre.', reason: 'I will miss them.' };
  spec.given([proposed]).when(command('RecordView', view, selfAdvocate)).then(t, [viewRecorded]);
  spec
    .given([proposed])
    .when(command('RecordView', { ...view, by: { role: 'person-using-support', personId: 'P-3H8W4T' } }, selfAdvocate))
    .thenRefuses(t, 'PL_ERR_NOT_OWN_PERSON', 'a self-advocate token speaks for its own person');
  spec
    .given([proposed])
    .when(command('RecordView', { ...view, by: { role: 'family-carer', onBehalfOf: 'P-7K2Q9M', label: 'Family carer' } }, selfAdvocate))
    .then(t, [{ type: 'ViewRecorded', data: { ...view, by: { role: 'family-carer', onBehalfOf: 'P-7K2Q9M', label: 'Family carer' }, decisionId, at: now } }], 'or on their behalf');
  spec.given([proposed]).when(command('RecordView', { ...view, by: { role: 'provider', organisation: 'Other Care Ltd' } }, otherProvider)).thenRefuses(t, 'PL_ERR_NOT_OWN_ORGANISATION', 'a provider acts only on its own organisation’s matters');
});

t.test('risks: identified before accepted, accepted once, closed means closed', async (t) => {
  const identify = { riskId, description: 'Travelling alone by bus', fallsOn: [person], likelihood: 'medium' as const, impact: 'medium' as const };
  spec.given([proposed]).when(command('IdentifyRisk', identify)).then(t, [riskIdentified]);
  spec.given([proposed, riskIdentified]).when(command('IdentifyRisk', identify)).thenRefuses(t, 'PL_ERR_ALREADY_EXISTS');
  spec.given([proposed]).when(command('AcceptRisk', { riskId, ...acceptance })).thenRefuses(t, 'PL_ERR_RISK_NOT_IDENTIFIED', 'a risk must be identified before it is accepted');
  const accepted: DecisionEvent = { type: 'RiskAccepted', data: { riskId, ...acceptance, decisionId, at: now } };
  spec.given([proposed, riskIdentified]).when(command('AcceptRisk', { riskId, ...acceptance })).then(t, [accepted]);
  spec.given([proposed, riskIdentified, accepted]).when(command('AcceptRisk', { riskId, ...acceptance })).thenRefuses(t, 'PL_ERR_RISK_ALREADY_ACCEPTED');
  const review = { riskId, reviewId: id(7), outcome: 'closed' as const, notes: 'Travel training worked.' };
  const reviewed: DecisionEvent = { type: 'RiskReviewed', data: { ...review, decisionId, at: now } };
  spec.given([proposed, riskIdentified, accepted]).when(command('ReviewRisk', review)).then(t, [reviewed]);
  spec.given([proposed]).when(command('ReviewRisk', review)).thenRefuses(t, 'PL_ERR_RISK_NOT_IDENTIFIED');
  spec.given([proposed, riskIdentified, accepted, reviewed]).when(command('ReviewRisk', { ...review, reviewId: id(8) })).thenRefuses(t, 'PL_ERR_RISK_CLOSED');
});

t.test('a decision is made once', async (t) => {
  spec.given([proposed, viewRecorded]).when(command('MakeDecision', made)).then(t, [decisionMade]);
  spec.given([proposed, viewRecorded, decisionMade]).when(command('MakeDecision', made)).thenRefuses(t, 'PL_ERR_DECISION_ALREADY_MADE');
  spec.given([proposed]).when(command('MakeDecision', made)).thenRefuses(t, 'PL_ERR_VIEW_NOT_FOUND', 'answers refer to recorded views');
  const deferred: DecisionEvent = { type: 'DecisionMade', data: { ...made, outcome: 'deferred', answers: [], decisionId, at: now } };
  spec.given([proposed, viewRecorded, deferred]).when(command('MakeDecision', made)).then(t, [decisionMade], 'a deferred decision can be made later');
});

t.test('supported decisions', async (t) => {
  const supported = { personId: 'P-7K2Q9M', mode: 'supported-decision' as const, howSupported: 'Easy-read options and time with her sister.', chosenHelpers: [{ role: 'family-carer' as const, onBehalfOf: 'P-7K2Q9M' }] };
  spec.given([proposed]).when(command('RecordSupportedDecision', supported)).then(t, [{ type: 'SupportedDecisionRecorded', data: { ...supported, decisionId, at: now } }]);
  spec.given([proposed]).when(command('RecordSupportedDecision', { ...supported, personId: 'P-3H8W4T' }, selfAdvocate)).thenRefuses(t, 'PL_ERR_NOT_OWN_PERSON');
});

t.test('challenges are resolved once', async (t) => {
  spec.given([proposed, decisionMade]).when(command('ChallengeDecision', { challengeId, by: person, reason: 'Nobody asked me.' }, selfAdvocate)).then(t, [challenged]);
  const resolution = {
    challengeId,
    panel: [{ role: 'self-advocate' as const, label: 'Panel member with a learning disability' }, { role: 'family-carer' as const, label: 'Family member' }],
    finding: 'partly-upheld' as const,
    reasons: 'People were asked too late.',
    revision: { outcome: 'agreed-with-changes' as const, reasons: 'The centre stays open two days a week while people try new things.' },
  };
  const resolved: DecisionEvent = { type: 'ChallengeResolved', data: { ...resolution, decisionId, at: now } };
  spec.given([proposed, decisionMade, challenged]).when(command('ResolveChallenge', resolution)).then(t, [resolved]);
  spec.given([proposed, decisionMade, challenged, resolved]).when(command('ResolveChallenge', resolution)).thenRefuses(t, 'PL_ERR_CHALLENGE_ALREADY_RESOLVED');
  spec.given([proposed, decisionMade]).when(command('ResolveChallenge', resolution)).thenRefuses(t, 'PL_ERR_CHALLENGE_NOT_FOUND');
  spec.given([proposed, { ...challenged }]).when(command('ResolveChallenge', resolution)).thenRefuses(t, 'PL_ERR_DECISION_NOT_MADE', 'only a made decision can be revised');
  const state = [proposed, decisionMade, challenged, resolved].reduce(decisionDecider.evolve, decisionDecider.initialState());
  t.equal(state.status !== 'none' && state.outcome, 'agreed-with-changes', 'the revision is the outcome in force');
});

t.test('superseded or withdrawn decisions cannot change', async (t) => {
  const superseded: DecisionEvent = { type: 'DecisionSuperseded', data: { decisionId, supersededBy: id(10), reason: 'A new plan', at: now } };
  spec.given([proposed]).when(command('SupersedeDecision', { supersededBy: id(10), reason: 'A new plan' })).then(t, [superseded]);
  spec.given([proposed]).when(command('SupersedeDecision', { supersededBy: decisionId, reason: 'x' })).thenRefuses(t, 'PL_ERR_ALREADY_EXISTS');
  spec.given([proposed, superseded]).when(command('MakeDecision', { ...made, answers: [] })).thenRefuses(t, 'PL_ERR_DECISION_CLOSED');
  const withdrawn: DecisionEvent = { type: 'DecisionWithdrawn', data: { decisionId, reason: 'No longer needed', at: now } };
  spec.given([proposed]).when(command('WithdrawDecision', { reason: 'No longer needed' })).then(t, [withdrawn]);
  spec.given([proposed, withdrawn]).when(command('RecordView', { viewId, by: person, stance: 'supports', inOwnWords: 'Yes' })).thenRefuses(t, 'PL_ERR_DECISION_CLOSED');
});
