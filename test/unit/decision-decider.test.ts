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
const groupToken: Actor = { id: 'tok-g', name: 'Speak Up group', role: 'self-advocate' };
/** The people Real Life Options supports, as the route reads them from the register. */
const supportedByProvider = ['P-7K2Q9M'];

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
const ownProvider = { role: 'provider' as const, organisation: 'Real Life Options' };
const otherProviderParty = { role: 'provider' as const, organisation: 'Other Care Ltd' };
const councilParty = { role: 'commissioner' as const, organisation: 'Leeds City Council' };
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
  const supportedPeople = actor.role === 'provider' && actor.organisation === 'Real Life Options' ? supportedByProvider : [];
  return { type, data, actor, now, supportedPeople } as DecisionCommand;
}

t.test('propose', async (t) => {
  spec.given([]).when(command('ProposeDecision', proposal)).then(t, [proposed]);
  spec.given([proposed]).when(command('ProposeDecision', proposal)).thenRefuses(t, 'PL_ERR_ALREADY_EXISTS');
  const providerChange = { ...proposal, kind: 'provider-change' as const, proposedBy: ownProvider, affects: { people: ['P-7K2Q9M'], groups: [] } };
  spec
    .given([])
    .when(command('ProposeDecision', providerChange, provider))
    .then(t, [{ type: 'DecisionProposed', data: { ...providerChange, at: now } }], 'a provider proposes a change in its own name, for its own organisation');
  spec.given([]).when(command('ProposeDecision', { ...proposal, kind: 'provider-change' })).thenRefuses(t, 'PL_ERR_WRONG_DECISION_KIND', 'only providers propose provider changes');
  spec.given([]).when(command('ProposeDecision', proposal, provider)).thenRefuses(t, 'PL_ERR_WRONG_DECISION_KIND', 'providers do not propose commissioning decisions');
});

t.test('propose a disaggregation of a block contract', async (t) => {
  const contractId = id(9);
  const base = { ...proposal, kind: 'disaggregation' as const, contractId, organisations: ['Real Life Options'] };
  const block = { contractId, provider: 'Real Life Options', type: 'block', status: 'active' };
  spec
    .given([])
    .when(command('ProposeDecision', { ...base, contract: block }))
    .then(t, [{ type: 'DecisionProposed', data: { ...base, at: now } }], 'the contract’s provider is concerned, as sent');
  spec
    .given([])
    .when(command('ProposeDecision', { ...base, organisations: [], contract: block }))
    .thenRefuses(t, 'PL_ERR_VALIDATION', 'a disaggregation that leaves out the contract’s provider is refused, not corrected');
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
  spec.given([proposed, decisionMade]).when(command('ReviewCoproduction', review, groupToken)).then(t, [{ type: 'CoproductionReviewed', data: { ...review, decisionId, at: now } }]);
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
    .when(command('RecordView', { ...view, by: { role: 'self-advocate', personId: 'P-7K2Q9M', onBehalfOf: 'P-7K2Q9M' } }, selfAdvocate))
    .then(t, [{ type: 'ViewRecorded', data: { ...view, by: { role: 'self-advocate', personId: 'P-7K2Q9M', onBehalfOf: 'P-7K2Q9M' }, decisionId, at: now } }], 'or as a self-advocate, for themself');
  spec
    .given([proposed])
    .when(command('RecordView', { ...view, by: { role: 'person-using-support', personId: 'P-3H8W4T', onBehalfOf: 'P-7K2Q9M' } }, selfAdvocate))
    .thenRefuses(t, 'PL_ERR_NOT_OWN_PERSON', 'a self-advocate token does not speak as someone else “on behalf of” its own person');
  spec
    .given([proposed])
    .when(command('RecordView', { ...view, by: { role: 'family-carer', onBehalfOf: 'P-7K2Q9M', label: 'Family carer' } }, selfAdvocate))
    .thenRefuses(t, 'PL_ERR_NOT_OWN_PERSON', 'nor as their family carer: the carer records with a token of their own, or the commissioner records it');
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

t.test('who may name whom: a provider speaks for its own organisation and names only the people it supports', async (t) => {
  const providerChange = { ...proposal, kind: 'provider-change' as const, proposedBy: ownProvider, affects: { people: ['P-7K2Q9M'], groups: [] } };
  const refusals: [string, DecisionCommand][] = [
    ['proposes for another organisation', command('ProposeDecision', { ...providerChange, organisations: ['Other Care Ltd'] }, provider)],
    ['proposes for no organisation', command('ProposeDecision', { ...providerChange, organisations: [] }, provider)],
    ['proposes for itself and another', command('ProposeDecision', { ...providerChange, organisations: ['Real Life Options', 'Other Care Ltd'] }, provider)],
    ['proposes in another provider’s name', command('ProposeDecision', { ...providerChange, proposedBy: otherProviderParty }, provider)],
    ['proposes in the commissioner’s name', command('ProposeDecision', { ...providerChange, proposedBy: councilParty }, provider)],
    ['proposes in a person’s name', command('ProposeDecision', { ...providerChange, proposedBy: person }, provider)],
    ['names someone it does not support as affected', command('ProposeDecision', { ...providerChange, affects: { people: ['P-3H8W4T'], groups: [] } }, provider)],
    [
      'proposes a change on another provider’s contract',
      command('ProposeDecision', { ...providerChange, contractId: id(9), contract: { contractId: id(9), provider: 'Other Care Ltd', type: 'block', status: 'active' } }, provider),
    ],
    ['records another provider’s view', command('RecordView', { viewId, by: otherProviderParty, stance: 'supports', inOwnWords: 'Yes.' }, provider)],
    ['records a person’s view as theirs', command('RecordView', { viewId, by: person, stance: 'supports', inOwnWords: 'Yes.' }, provider)],
    ['records the commissioner’s view', command('RecordView', { viewId, by: councilParty, stance: 'supports', inOwnWords: 'Yes.' }, provider)],
    ['says another provider put an option forward', command('ConsiderOption', { optionId: id(3), title: 'A', description: 'B', pros: [], cons: [], putForwardBy: otherProviderParty }, provider)],
    ['says a person put an option forward', command('ConsiderOption', { optionId: id(3), title: 'A', description: 'B', pros: [], cons: [], putForwardBy: person }, provider)],
    ['names another provider as involved', command('RecordInvolvement', { involvementId: id(2), participant: otherProviderParty, stage: 'deciding', rung: 'engagement', support: [] }, provider)],
    ['names a person it does not support as involved', command('RecordInvolvement', { involvementId: id(2), participant: { role: 'person-using-support', personId: 'P-3H8W4T' }, stage: 'deciding', rung: 'engagement', support: [] }, provider)],
    ['names a carer for a person it does not support', command('RecordInvolvement', { involvementId: id(2), participant: { role: 'family-carer', onBehalfOf: 'P-3H8W4T' }, stage: 'deciding', rung: 'engagement', support: [] }, provider)],
    ['shares information with a person it does not support', command('ShareInformation', { informationId: id(1), sharedWith: [person, { role: 'person-using-support', personId: 'P-3H8W4T' }], format: 'easy-read', timing: 'before-asking-for-views', sharedAt: now, description: 'Letter' }, provider)],
    ['says a risk falls on another provider', command('IdentifyRisk', { riskId: id(11), description: 'Staff leave', fallsOn: [otherProviderParty], likelihood: 'low', impact: 'low' }, provider)],
    ['says a person it does not support accepted a risk', command('AcceptRisk', { riskId, ...acceptance, acceptedBy: [{ role: 'person-using-support', personId: 'P-3H8W4T' }] }, provider)],
    ['gives feedback to another provider', command('GiveFeedback', { feedbackId: id(4), to: [otherProviderParty], format: 'standard', message: 'Done.' }, provider)],
    ['records a change for a person it does not support', command('RecordChangeForPerson', { changeId: id(5), personId: 'P-3H8W4T', area: 'home', before: 'A', after: 'B', direction: 'better', inPersonsOwnWords: false }, provider)],
  ];
  for (const [title, each] of refusals) {
    spec.given(each.type === 'ProposeDecision' ? [] : [proposed, riskIdentified]).when(each).thenRefuses(t, 'PL_ERR_NOT_OWN_ORGANISATION', `a provider never ${title}`);
  }

  spec.given([]).when(command('ProposeDecision', { ...providerChange, contractId: id(9) }, provider)).thenRefuses(t, 'PL_ERR_CONTRACT_NOT_FOUND', 'a change on a contract names a contract that exists');
  const ownContract = { contractId: id(9), provider: 'Real Life Options', type: 'spot', status: 'active' };
  spec
    .given([])
    .when(command('ProposeDecision', { ...providerChange, contractId: id(9), contract: ownContract }, provider))
    .then(t, [{ type: 'DecisionProposed', data: { ...providerChange, contractId: id(9), at: now } }], 'a provider proposes a change on its own contract');
  const supported = { role: 'family-carer' as const, onBehalfOf: 'P-7K2Q9M' };
  const accepted = { riskId, ...acceptance, acceptedBy: [person, supported, ownProvider, councilParty] };
  spec.given([proposed, riskIdentified]).when(command('AcceptRisk', accepted, provider)).then(t, [{ type: 'RiskAccepted', data: { ...accepted, decisionId, at: now } }], 'it names itself, the people it supports and their carers, and the commissioner');
  const ownView = { viewId, by: ownProvider, stance: 'supports' as const, inOwnWords: 'We can do this.' };
  spec.given([proposed]).when(command('RecordView', ownView, provider)).then(t, [{ type: 'ViewRecorded', data: { ...ownView, decisionId, at: now } }], 'it records its own view');
});

t.test('who may name whom: a commissioner records people’s views, never a provider’s', async (t) => {
  const refusals: [string, DecisionCommand][] = [
    ['proposes in a provider’s name', command('ProposeDecision', { ...proposal, proposedBy: ownProvider })],
    ['records a provider’s view', command('RecordView', { viewId, by: ownProvider, stance: 'supports', inOwnWords: 'Yes.' })],
    ['says a provider put an option forward', command('ConsiderOption', { optionId: id(3), title: 'A', description: 'B', pros: [], cons: [], putForwardBy: ownProvider })],
    ['challenges in a provider’s name', command('ChallengeDecision', { challengeId, by: ownProvider, reason: 'No.' })],
  ];
  for (const [title, each] of refusals) {
    spec.given(each.type === 'ProposeDecision' ? [] : [proposed]).when(each).thenRefuses(t, 'PL_ERR_NOT_OWN_ORGANISATION', `a commissioner never ${title}`);
  }
  const carer = { viewId, by: { role: 'family-carer' as const, onBehalfOf: 'P-3H8W4T', label: 'Family carer' }, stance: 'supports' as const, inOwnWords: 'She would like this.' };
  spec.given([proposed]).when(command('RecordView', carer)).then(t, [{ type: 'ViewRecorded', data: { ...carer, decisionId, at: now } }], 'it records a carer’s view gathered at a meeting');
  const information = { informationId: id(1), sharedWith: [otherProviderParty, { role: 'person-using-support' as const, personId: 'P-3H8W4T' }], format: 'standard' as const, timing: 'after-asking-for-views' as const, sharedAt: now, description: 'Letter' };
  spec.given([proposed]).when(command('ShareInformation', information)).then(t, [{ type: 'InformationShared', data: { ...information, decisionId, at: now } }], 'and names anyone else');
});

t.test('who may name whom: a self-advocate token speaks only as its own person', async (t) => {
  const other = { role: 'person-using-support' as const, personId: 'P-3H8W4T' };
  const asOtherForMe = { ...other, onBehalfOf: 'P-7K2Q9M' };
  const refusals: [string, DecisionCommand][] = [
    ['gives a view as someone else “on behalf of” its person', command('RecordView', { viewId, by: asOtherForMe, stance: 'supports', inOwnWords: 'Yes.' }, selfAdvocate)],
    ['gives its person’s view “on behalf of” someone else', command('RecordView', { viewId, by: { ...person, onBehalfOf: 'P-3H8W4T' }, stance: 'supports', inOwnWords: 'Yes.' }, selfAdvocate)],
    ['challenges as someone else', command('ChallengeDecision', { challengeId, by: asOtherForMe, reason: 'Nobody asked me.' }, selfAdvocate)],
    ['reviews co-production as someone else', command('ReviewCoproduction', { reviewId: id(6), by: asOtherForMe, rungReached: 'informing', comments: 'Told, not asked.' }, selfAdvocate)],
    ['reviews as a group “for” its person', command('ReviewCoproduction', { reviewId: id(6), by: { role: 'self-advocate', label: 'Speak Up', onBehalfOf: 'P-7K2Q9M' }, rungReached: 'informing', comments: 'Told.' }, selfAdvocate)],
    ['gives a view as the commissioner', command('RecordView', { viewId, by: councilParty, stance: 'supports', inOwnWords: 'Yes.' }, selfAdvocate)],
    ['gives a view as a provider', command('RecordView', { viewId, by: ownProvider, stance: 'supports', inOwnWords: 'Yes.' }, selfAdvocate)],
    ['gives a view as its person, in an organisation’s name', command('RecordView', { viewId, by: { role: 'self-advocate', personId: 'P-7K2Q9M', organisation: 'Other Care Ltd' }, stance: 'supports', inOwnWords: 'Yes.' }, selfAdvocate)],
    ['records a change for someone else', command('RecordChangeForPerson', { changeId: id(5), personId: 'P-3H8W4T', area: 'home', before: 'A', after: 'B', direction: 'better', inPersonsOwnWords: true }, selfAdvocate)],
    ['(unbound) gives a view as a person', command('RecordView', { viewId, by: person, stance: 'supports', inOwnWords: 'Yes.' }, groupToken)],
    ['(unbound) reviews “on behalf of” a person', command('ReviewCoproduction', { reviewId: id(6), by: { role: 'self-advocate', label: 'Speak Up', onBehalfOf: 'P-7K2Q9M' }, rungReached: 'informing', comments: 'Told.' }, groupToken)],
    ['(unbound) challenges as the commissioner', command('ChallengeDecision', { challengeId, by: councilParty, reason: 'No.' }, groupToken)],
    ['(unbound) challenges as the Partnership Board', command('ChallengeDecision', { challengeId, by: { role: 'partnership-board', label: 'Board' }, reason: 'No.' }, groupToken)],
    ['(unbound) records a change for anyone', command('RecordChangeForPerson', { changeId: id(5), personId: 'P-7K2Q9M', area: 'home', before: 'A', after: 'B', direction: 'better', inPersonsOwnWords: true }, groupToken)],
  ];
  for (const [title, each] of refusals) spec.given([proposed]).when(each).thenRefuses(t, 'PL_ERR_NOT_OWN_PERSON', `a self-advocate token never ${title}`);
  spec.given([proposed]).when(command('RecordView', { viewId, by: ownProvider, stance: 'supports', inOwnWords: 'Yes.' }, groupToken)).thenRefuses(t, 'PL_ERR_NOT_OWN_PERSON', 'an unbound token never writes in a provider’s name');
  const asThemself = { challengeId, by: { role: 'self-advocate' as const, personId: 'P-7K2Q9M', label: 'Speak Up' }, reason: 'Nobody asked me.' };
  spec.given([proposed]).when(command('ChallengeDecision', asThemself, selfAdvocate)).then(t, [{ type: 'DecisionChallenged', data: { ...asThemself, decisionId, at: now } }], 'it challenges as its own person, naming their group');
  const asGroup = { challengeId, by: { role: 'family-carer' as const, label: 'Family carers group' }, reason: 'Nobody asked us.' };
  spec.given([proposed]).when(command('ChallengeDecision', asGroup, groupToken)).then(t, [{ type: 'DecisionChallenged', data: { ...asGroup, decisionId, at: now } }], 'an unbound token speaks as a group');
});

t.test('who may name whom: auditors and admins record nothing', async (t) => {
  const auditor: Actor = { id: 'tok-a', name: 'Audit', role: 'auditor' };
  spec.given([proposed]).when(command('RecordView', { viewId, by: person, stance: 'supports', inOwnWords: 'Yes.' }, auditor)).thenRefuses(t, 'PL_ERR_FORBIDDEN');
  spec.given([proposed]).when(command('GiveFeedback', { feedbackId: id(4), to: [councilParty], format: 'standard', message: 'Done.' }, { ...auditor, role: 'admin' })).thenRefuses(t, 'PL_ERR_FORBIDDEN');
});

// --- Issue 15: provenance, confirmations and disputes, when it happened ---------------------

const recordedForAnna = { recordedFor: 'P-7K2Q9M', gathered: 'in-a-meeting' as const, readBack: true };
const viewForAnna = { viewId, by: person, stance: 'supports' as const, inOwnWords: 'I want to try the gardening club.', provenance: recordedForAnna };
const viewForAnnaRecorded: DecisionEvent = { type: 'ViewRecorded', data: { ...viewForAnna, decisionId, at: now } };
const riskAcceptedForAnna: DecisionEvent = { type: 'RiskAccepted', data: { ...acceptance, riskId, provenance: recordedForAnna, decisionId, at: now } };
const changeForAnna = { changeId: id(5), personId: 'P-7K2Q9M', area: 'work' as const, before: 'No job', after: 'A job at the café', direction: 'better' as const, inPersonsOwnWords: true };
const changeRecorded: DecisionEvent = { type: 'ChangeForPersonRecorded', data: { ...changeForAnna, decisionId, at: now } };
const confirmation = { confirmationId: id(20), fact: 'view' as const, factId: viewId, personId: 'P-7K2Q9M' };
const dispute = { disputeId: id(21), fact: 'view' as const, factId: viewId, personId: 'P-7K2Q9M', inOwnWords: 'I said I was not sure.' };

t.test('a voice recorded for someone says for whom, how it was gathered and whether it was read back', async (t) => {
  spec.given([proposed]).when(command('RecordView', viewForAnna)).then(t, [viewForAnnaRecorded], 'a commissioner records Anna’s view for her, with its provenance');
  spec.given([proposed]).when(command('RecordView', viewForAnna, provider)).thenRefuses(t, 'PL_ERR_NOT_OWN_ORGANISATION', 'the provider’s naming rules still apply to the author');
  spec
    .given([proposed])
    .when(command('RecordView', { ...viewForAnna, provenance: { ...recordedForAnna, recordedFor: 'P-3H8W4T' } }))
    .thenRefuses(t, 'PL_ERR_NOT_THEIR_FACT', 'recorded for someone the view is not from');
  spec
    .given([proposed])
    .when(command('RecordView', { ...viewForAnna, provenance: recordedForAnna }, selfAdvocate))
    .thenRefuses(t, 'PL_ERR_VALIDATION', 'a person recording their own words sends no provenance: it is read from their token');
  spec
    .given([proposed, riskIdentified])
    .when(command('AcceptRisk', { ...acceptance, riskId, provenance: recordedForAnna }))
    .then(t, [riskAcceptedForAnna], 'an acceptance recorded for a person who accepted it');
  spec
    .given([proposed, riskIdentified])
    .when(command('AcceptRisk', { ...acceptance, acceptedBy: [councilParty], riskId, provenance: recordedForAnna }))
    .thenRefuses(t, 'PL_ERR_NOT_THEIR_FACT', 'recorded for Anna, but Anna is not among those who accepted it');
  spec
    .given([proposed, decisionMade])
    .when(command('RecordChangeForPerson', { ...changeForAnna, provenance: { ...recordedForAnna, recordedFor: 'P-3H8W4T' } }))
    .thenRefuses(t, 'PL_ERR_NOT_THEIR_FACT', 'a change is recorded for the person it happened to');
  spec
    .given([proposed, decisionMade])
    .when(command('RecordChangeForPerson', { ...changeForAnna, provenance: { ...recordedForAnna, recordedFor: 'P-OTHER1' } }, provider))
    .thenRefuses(t, 'PL_ERR_NOT_OWN_ORGANISATION', 'whom it is recorded for is named like anyone else');
});

t.test('the person confirms or disputes what was recorded for them, once', async (t) => {
  spec
    .given([proposed, viewForAnnaRecorded])
    .when(command('ConfirmFact', confirmation, selfAdvocate))
    .then(t, [{ type: 'FactConfirmed', data: { ...confirmation, decisionId, at: now } }], 'Anna confirms with her own token');
  spec
    .given([proposed, viewForAnnaRecorded])
    .when(command('DisputeFact', dispute, selfAdvocate))
    .then(t, [{ type: 'FactDisputed', data: { ...dispute, decisionId, at: now } }], 'Anna disputes it in her own words');
  const byCommissioner = { ...confirmation, provenance: { ...recordedForAnna, gathered: 'phone' as const } };
  spec
    .given([proposed, viewForAnnaRecorded])
    .when(command('ConfirmFact', byCommissioner))
    .then(t, [{ type: 'FactConfirmed', data: { ...byCommissioner, decisionId, at: now } }], 'a commissioner records her confirmation, saying how they heard it');
  spec.given([proposed, viewForAnnaRecorded]).when(command('ConfirmFact', confirmation)).thenRefuses(t, 'PL_ERR_PROVENANCE_NEEDED', 'a commissioner without provenance');
  spec
    .given([proposed, viewForAnnaRecorded])
    .when(command('ConfirmFact', { ...confirmation, provenance: recordedForAnna }, selfAdvocate))
    .thenRefuses(t, 'PL_ERR_VALIDATION', 'the person answers for themself, with no provenance');
  spec
    .given([proposed, viewForAnnaRecorded])
    .when(command('DisputeFact', { ...dispute, personId: 'P-3H8W4T', provenance: { ...recordedForAnna, recordedFor: 'P-3H8W4T' } }))
    .thenRefuses(t, 'PL_ERR_NOT_THEIR_FACT', 'only the person it concerns answers it');
  spec
    .given([proposed, viewForAnnaRecorded])
    .when(command('DisputeFact', { ...dispute, personId: 'P-3H8W4T' }, { ...selfAdvocate, personId: 'P-3H8W4T' }))
    .thenRefuses(t, 'PL_ERR_NOT_THEIR_FACT', 'another person’s own token cannot answer for Anna’s view');
  spec.given([proposed, viewForAnnaRecorded]).when(command('ConfirmFact', { ...confirmation, personId: 'P-3H8W4T' }, selfAdvocate)).thenRefuses(t, 'PL_ERR_NOT_OWN_PERSON');
  spec.given([proposed, viewForAnnaRecorded]).when(command('ConfirmFact', confirmation, groupToken)).thenRefuses(t, 'PL_ERR_NOT_OWN_PERSON', 'an unbound token answers for nobody');
  spec.given([proposed]).when(command('ConfirmFact', confirmation, selfAdvocate)).thenRefuses(t, 'PL_ERR_FACT_NOT_FOUND');
  const confirmed: DecisionEvent = { type: 'FactConfirmed', data: { ...confirmation, decisionId, at: now } };
  const disputed: DecisionEvent = { type: 'FactDisputed', data: { ...dispute, decisionId, at: now } };
  spec.given([proposed, viewForAnnaRecorded, confirmed]).when(command('ConfirmFact', confirmation, selfAdvocate)).thenRefuses(t, 'PL_ERR_FACT_ALREADY_ANSWERED', 'confirmed twice');
  spec.given([proposed, viewForAnnaRecorded, disputed]).when(command('ConfirmFact', confirmation, selfAdvocate)).thenRefuses(t, 'PL_ERR_FACT_ALREADY_ANSWERED', 'disputed, then confirmed');
  spec.given([proposed, viewForAnnaRecorded, confirmed]).when(command('DisputeFact', dispute, selfAdvocate)).thenRefuses(t, 'PL_ERR_FACT_ALREADY_ANSWERED', 'confirmed, then disputed');

  const riskAnswer = { confirmationId: id(22), fact: 'risk-acceptance' as const, factId: riskId, personId: 'P-7K2Q9M' };
  spec.given([proposed, riskIdentified, riskAcceptedForAnna]).when(command('ConfirmFact', riskAnswer, selfAdvocate)).then(t, [{ type: 'FactConfirmed', data: { ...riskAnswer, decisionId, at: now } }], 'a risk acceptance, by a person who bears it');
  spec.given([proposed, riskIdentified]).when(command('ConfirmFact', riskAnswer, selfAdvocate)).thenRefuses(t, 'PL_ERR_FACT_NOT_FOUND', 'a risk not yet accepted');
  const changeAnswer = { disputeId: id(23), fact: 'change' as const, factId: id(5), personId: 'P-7K2Q9M', inOwnWords: 'I do not work there any more.' };
  spec.given([proposed, decisionMade, changeRecorded]).when(command('DisputeFact', changeAnswer, selfAdvocate)).then(t, [{ type: 'FactDisputed', data: { ...changeAnswer, decisionId, at: now } }], 'a change');
});

t.test('when it happened: never in the future, never before the proposal unless it prepared it', async (t) => {
  const meeting = { involvementId: id(2), participant: person, stage: 'designing-options' as const, rung: 'co-design' as const, support: [], occurredAt: '2026-03-01T15:00:00+00:00' };
  const lateProposal: DecisionEvent = { type: 'DecisionProposed', data: { ...proposal, at: '2026-02-01T09:00:00+00:00' } };
  spec.given([lateProposal]).when(command('RecordInvolvement', meeting)).then(t, [{ type: 'ParticipantInvolved', data: { ...meeting, decisionId, at: now } }], 'a meeting recorded the day after it happened');
  spec.given([lateProposal]).when(command('RecordInvolvement', { ...meeting, occurredAt: '2026-03-02' })).then(t, [{ type: 'ParticipantInvolved', data: { ...meeting, occurredAt: '2026-03-02', decisionId, at: now } }], 'a day alone: today is not the future');
  spec.given([lateProposal]).when(command('RecordInvolvement', { ...meeting, occurredAt: '2026-03-03' })).thenRefuses(t, 'PL_ERR_HAPPENS_LATER', 'tomorrow');
  spec.given([lateProposal]).when(command('RecordView', { ...viewForAnna, occurredAt: '2026-03-02T10:00:01+00:00' })).thenRefuses(t, 'PL_ERR_HAPPENS_LATER', 'a second after now');
  spec.given([lateProposal]).when(command('RecordInvolvement', { ...meeting, occurredAt: '2026-01-31' })).thenRefuses(t, 'PL_ERR_BEFORE_PROPOSAL', 'a meeting about it before it was proposed');
  spec.given([lateProposal]).when(command('RecordInvolvement', { ...meeting, occurredAt: '2026-02-01' })).then(t, [{ type: 'ParticipantInvolved', data: { ...meeting, occurredAt: '2026-02-01', decisionId, at: now } }], 'the day it was proposed');
  const papers = { informationId: id(1), sharedWith: [person], format: 'easy-read' as const, timing: 'before-asking-for-views' as const, sharedAt: '2026-01-20T10:00:00+00:00', description: 'Easy-read letter', occurredAt: '2026-01-20' };
  spec.given([lateProposal]).when(command('ShareInformation', papers)).then(t, [{ type: 'InformationShared', data: { ...papers, decisionId, at: now } }], 'information shared to prepare it may come first');
  spec.given([lateProposal, decisionMade]).when(command('GiveFeedback', { feedbackId: id(4), to: [person], format: 'easy-read', message: 'Thank you.', occurredAt: '2027-01-01' })).thenRefuses(t, 'PL_ERR_HAPPENS_LATER');
  spec.given([lateProposal]).when(command('MakeDecision', { ...made, answers: [], occurredAt: '2026-01-15' })).thenRefuses(t, 'PL_ERR_BEFORE_PROPOSAL');
  spec.given([lateProposal, decisionMade]).when(command('RecordChangeForPerson', { ...changeForAnna, occurredAt: '2099-01-01' })).thenRefuses(t, 'PL_ERR_HAPPENS_LATER');
});

t.test('a proposal may say when it was made, at a meeting before it was recorded: never in the future, and facts after it keep to it', async (t) => {
  const atTheMeeting = { ...proposal, occurredAt: '2026-01-10' };
  spec.given([]).when(command('ProposeDecision', atTheMeeting)).then(t, [{ type: 'DecisionProposed', data: { ...atTheMeeting, at: now } }], 'proposed at a meeting in January, recorded now');
  spec.given([]).when(command('ProposeDecision', { ...proposal, occurredAt: '2026-03-03' })).thenRefuses(t, 'PL_ERR_HAPPENS_LATER', 'not proposed yet');
  const backdated: DecisionEvent = { type: 'DecisionProposed', data: { ...atTheMeeting, at: now } };
  const meeting = { involvementId: id(2), participant: person, stage: 'designing-options' as const, rung: 'co-design' as const, support: [] };
  spec.given([backdated]).when(command('RecordInvolvement', { ...meeting, occurredAt: '2026-01-20' })).then(t, [{ type: 'ParticipantInvolved', data: { ...meeting, occurredAt: '2026-01-20', decisionId, at: now } }], 'a meeting after the proposal, before it was recorded');
  spec.given([backdated]).when(command('RecordInvolvement', { ...meeting, occurredAt: '2026-01-09' })).thenRefuses(t, 'PL_ERR_BEFORE_PROPOSAL', 'a meeting before it was proposed');
});

t.test('a risk acceptance says when it happened, like the other facts', async (t) => {
  const lateProposal: DecisionEvent = { type: 'DecisionProposed', data: { ...proposal, at: '2026-02-01T09:00:00+00:00' } };
  const agreedAtTheMeeting = { riskId, ...acceptance, occurredAt: '2026-02-20' };
  spec.given([lateProposal, riskIdentified]).when(command('AcceptRisk', agreedAtTheMeeting)).then(t, [{ type: 'RiskAccepted', data: { ...agreedAtTheMeeting, decisionId, at: now } }], 'agreed at a meeting before it was recorded');
  spec.given([lateProposal, riskIdentified]).when(command('AcceptRisk', { ...agreedAtTheMeeting, occurredAt: '2026-03-03' })).thenRefuses(t, 'PL_ERR_HAPPENS_LATER', 'not agreed yet');
  spec.given([lateProposal, riskIdentified]).when(command('AcceptRisk', { ...agreedAtTheMeeting, occurredAt: '2026-01-31' })).thenRefuses(t, 'PL_ERR_BEFORE_PROPOSAL', 'not before the decision was proposed');
});
