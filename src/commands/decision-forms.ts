// The form of every command on a decision: its words and fields, written once, each named
// by the body path it fills (checked by formOf). The table's entries carry them; the pages
// render them. Kept beside the table, not inside it, so each file stays short.
import * as facts from '../domain/decisions/decision-facts.js';
import { formOf } from './command-form.js';

/** When it happened, asked of staff recording it afterwards; left empty, it happened as it is recorded. */
const whenItHappened = {
  path: 'occurredAt', label: 'When it happened', kind: 'when', optional: true,
  hint: 'If it happened before today, say when: the day, like 2026-03-01, or the day and time, like 2026-03-01 10:00. Leave it empty if it is happening now.',
} as const;

/**
 * Asked of staff writing down a person's words for them: for whom, how they heard it and
 * whether they read it back. A self-advocate is the person: their own forms ask none of it.
 */
const forSomeone = [
  { path: 'provenance.recordedFor', name: 'recordedFor', label: 'Whose words you are writing down', kind: 'select', optional: true, choices: { from: 'people' }, api: ['provenance'], onlyFor: ['commissioner', 'provider'], hint: 'If a person told you this and you are writing it down for them, choose them. They can then say if it is right.' },
  { path: 'provenance.gathered', name: 'gathered', label: 'How you heard it', kind: 'radios', optional: true, choices: { words: 'howGathered' }, onlyFor: ['commissioner', 'provider'], hint: 'Only if you are writing down a person’s words for them.' },
  { path: 'provenance.readBack', name: 'readBack', label: 'I read it back to them', kind: 'checkbox', optional: true, onlyFor: ['commissioner', 'provider'], hint: 'Tick this if you read what you wrote back to them, in a way they understand.' },
] as const;

export const proposeDecision = formOf(facts.proposal, {
  slug: 'new', picture: 'pencil', title: 'Propose a decision', submit: 'Propose', saved: 'The proposal is saved.',
  intro: ['Say what you want to decide, and who it affects.', 'Write an easy-read summary: one short sentence on each line.'],
  wordsFor: { provider: { title: 'Propose a change' } },
  fields: [
    { path: 'kind', label: 'What kind of decision', kind: 'radios', choices: { words: 'decisionKind', except: ['provider-change'] }, onlyFor: ['commissioner'] },
    { path: 'kind', label: 'Kind', kind: 'text', fixed: { value: 'provider-change' }, onlyFor: ['provider'] },
    { path: 'proposedBy', label: 'Proposed by', kind: 'text', fixed: 'me' },
    { path: 'title', label: 'Title', kind: 'text' },
    { path: 'summary', label: 'Summary', kind: 'textarea' },
    { path: 'easyReadSummary', label: 'Easy-read summary', kind: 'lines', easyRead: true, hint: 'One sentence on each line. Use 15 words or fewer in each sentence, and everyday words.' },
    { path: 'affects.people', name: 'people', label: 'People it affects', kind: 'ids', optional: true, hint: 'Person ids, like P-HS01, separated by commas.' },
    { path: 'affects.groups', name: 'groups', label: 'Groups it affects', kind: 'lines', optional: true, hint: 'One on each line.', api: ['affects'] },
    { path: 'contractId', label: 'Contract', kind: 'select', optional: true, hint: 'A decision to split a block contract names it.', choices: { from: 'contracts' }, onlyFor: ['commissioner'] },
    { path: 'money.amount', name: 'amount', label: 'Money involved, in pounds', kind: 'money', optional: true, api: ['money'], onlyFor: ['commissioner'] },
    { path: 'money.description', name: 'moneyDescription', label: 'What the money is for', kind: 'text', optional: true, onlyFor: ['commissioner'] },
    { path: 'organisations', label: 'Providers it concerns', kind: 'lines', optional: true, hint: 'One on each line.', onlyFor: ['commissioner'] },
    { path: 'organisations', label: 'Providers it concerns', kind: 'lines', fixed: 'myOrganisations', onlyFor: ['provider'] },
    { ...whenItHappened, label: 'When it was proposed', hint: 'If it was proposed before today, at a meeting, say when: the day, like 2026-03-01. Leave it empty if you are proposing it now.' },
  ],
});

export const shareInformation = formOf(facts.informationShared, {
  slug: 'information', picture: 'paper', title: 'Share information', submit: 'Save', saved: 'The information you shared is recorded.', appliesTo: 'notClosed',
  intro: ['Record what you shared, with whom, and in which format.'],
  fields: [
    { path: 'sharedWith', label: 'Shared with', kind: 'checkboxes', choices: { from: 'parties' } },
    { path: 'format', label: 'Format', kind: 'radios', choices: { words: 'accessibleFormat' } },
    { path: 'timing', label: 'When', kind: 'radios', choices: { words: 'timing' } },
    { path: 'sharedAt', label: 'Date and time it was shared', kind: 'datetime' },
    { path: 'description', label: 'What was shared', kind: 'text' },
    { ...whenItHappened, label: 'When the papers went out, if not then', hint: 'Only if they went out at another time: the day, like 2026-03-01, or the day and time.' },
  ],
});

export const recordInvolvement = formOf(facts.participantInvolved, {
  slug: 'involvement', picture: 'people', title: 'Record who was involved', submit: 'Save', saved: 'The involvement is recorded.', appliesTo: 'notClosed',
  intro: ['Record who took part, at which stage, and how far up the ladder of co-production.'],
  fields: [
    { path: 'participant', label: 'Who took part', kind: 'select', choices: { from: 'parties' } },
    { path: 'stage', label: 'Stage', kind: 'radios', choices: { words: 'stage' } },
    { path: 'rung', label: 'Rung of the ladder', kind: 'radios', choices: { words: 'rung' } },
    { path: 'support', label: 'Support to take part', kind: 'checkboxes', optional: true, choices: { words: 'participationSupport' } },
    { path: 'notes', label: 'Notes', kind: 'textarea', optional: true },
    whenItHappened,
  ],
});

export const recordView = formOf(facts.view, {
  slug: 'view', picture: 'talk', title: 'Give your view', submit: 'Send my view', appliesTo: 'open',
  intro: ['Tell us what you think.', 'Use your own words.', 'We will answer you.'],
  saved: 'Thank you. Your view is saved. You can see it in “You said — we did”.',
  fields: [
    { path: 'by', label: 'Who is this from?', kind: 'radios', choices: { from: 'authors' }, mine: true },
    { path: 'stance', label: 'What do you think?', kind: 'radios', choices: { words: 'stance' } },
    { path: 'inOwnWords', label: 'Your view, in your own words', kind: 'textarea' },
    { path: 'reason', label: 'Why?', kind: 'textarea', optional: true, hint: 'If you are worried or do not agree, please say why.' },
    ...forSomeone,
    { ...whenItHappened, onlyFor: ['commissioner', 'provider'] },
  ],
});

export const considerOption = formOf(facts.optionConsidered, {
  slug: 'option', picture: 'list', title: 'Record an option', submit: 'Save', saved: 'The option is recorded.', appliesTo: 'open',
  intro: ['Record an option that was considered, with what is good and bad about it.'],
  fields: [
    { path: 'title', label: 'Option', kind: 'text' },
    { path: 'description', label: 'Description', kind: 'textarea' },
    { path: 'pros', label: 'Good things', kind: 'lines', optional: true, hint: 'One on each line.' },
    { path: 'cons', label: 'Bad things', kind: 'lines', optional: true, hint: 'One on each line.' },
    { path: 'putForwardBy', label: 'Put forward by', kind: 'select', choices: { from: 'authors' } },
  ],
});

export const identifyRisk = formOf(facts.riskIdentified, {
  slug: 'risk', picture: 'risk', title: 'Record a risk', submit: 'Save', saved: 'The risk is recorded.', appliesTo: 'open',
  intro: ['Record something that could go wrong, and who it would fall on.'],
  fields: [
    { path: 'description', label: 'What could go wrong', kind: 'textarea' },
    { path: 'fallsOn', label: 'Who it would fall on', kind: 'checkboxes', choices: { from: 'parties' } },
    { path: 'likelihood', label: 'How likely', kind: 'radios', choices: { words: 'level' } },
    { path: 'impact', label: 'How bad it would be', kind: 'radios', choices: { words: 'level' } },
  ],
});

export const acceptRisk = formOf(facts.riskAccepted, {
  slug: 'risk-acceptance', picture: 'risk', title: 'Accept a risk', submit: 'Accept the risk', appliesTo: 'hasOpenRisk',
  intro: ['Record a risk you agreed to take, with the people who bear it.'],
  saved: 'The risk is accepted. You can see it in “Risks we agreed to take”.',
  fields: [
    { path: 'riskId', label: 'Which risk', kind: 'radios', choices: { from: 'openRisks' } },
    { path: 'acceptedBy', label: 'Who agreed to take it', kind: 'checkboxes', choices: { from: 'parties' }, hint: 'Include the people it falls on.' },
    { path: 'whyWorthTaking', label: 'Why it is worth taking', kind: 'textarea' },
    { path: 'mitigations', label: 'How you will make it safer', kind: 'lines', optional: true, hint: 'One on each line.' },
    { path: 'reviewDate', label: 'Check it again by', kind: 'date' },
    { ...whenItHappened, label: 'When they agreed to take it', hint: 'If they agreed before today, say when: the day, like 2026-03-01, or the day and time.' },
    ...forSomeone,
  ],
}, ['riskId']);

export const reviewRisk = formOf(facts.riskReviewed, {
  slug: 'risk-review', picture: 'risk', title: 'Review a risk', submit: 'Save the review', saved: 'The risk review is recorded.', appliesTo: 'hasAcceptedRisk',
  intro: ['Look again at a risk you agreed to take.', 'Say how it is going, and when to look again.'],
  fields: [
    { path: 'riskId', label: 'Which risk', kind: 'radios', choices: { from: 'acceptedRisks' } },
    { path: 'outcome', label: 'How is it now?', kind: 'radios', choices: { words: 'riskReviewOutcome' } },
    { path: 'notes', label: 'Notes', kind: 'textarea' },
    { path: 'nextReviewDate', label: 'Look at it again by', kind: 'date', optional: true },
  ],
}, ['riskId']);

export const recordSupportedDecision = formOf(facts.supportedDecision, {
  slug: 'supported-decision', picture: 'people', title: 'Record a supported decision', submit: 'Save', saved: 'The supported decision is recorded.', appliesTo: 'notClosed',
  intro: ['Record how a person was supported to decide about their own support.', 'If they could not decide, record the best-interests decision instead.'],
  fields: [
    { path: 'personId', label: 'Whose decision', kind: 'select', choices: { from: 'people' } },
    { path: 'mode', label: 'How it was decided', kind: 'radios', choices: { words: 'supportedDecisionMode' } },
    { path: 'howSupported', label: 'How the person was supported', kind: 'textarea' },
    { path: 'chosenHelpers', label: 'Helpers the person chose', kind: 'checkboxes', optional: true, choices: { from: 'parties' } },
    { path: 'decisionMakingAgreement', label: 'Decision-making agreement', kind: 'textarea', optional: true },
    { path: 'bestInterests.consulted', name: 'consulted', label: 'For a best-interests decision: who was consulted', kind: 'checkboxes', optional: true, choices: { from: 'parties' }, api: ['bestInterests'] },
    { path: 'bestInterests.whyLeastRestrictive', name: 'whyLeastRestrictive', label: 'For a best-interests decision: why this is the least restrictive option', kind: 'textarea', optional: true },
  ],
});

export const makeDecision = formOf(facts.decisionMade, {
  slug: 'decide', picture: 'check', title: 'Make the decision', submit: 'Record the decision', saved: 'The decision is recorded.', appliesTo: 'open',
  intro: ['Record the decision, who made it and why.', 'Answer every view people gave: this is “you said — we did”.'],
  fields: [
    { path: 'outcome', label: 'Outcome', kind: 'radios', choices: { words: 'outcome' } },
    { path: 'reasons', label: 'Reasons', kind: 'textarea' },
    { path: 'decidedBy', label: 'Decided by', kind: 'checkboxes', choices: { from: 'parties' } },
    { path: 'claimedRung', label: 'How co-produced was it?', kind: 'radios', choices: { words: 'rung' } },
    { path: 'reviewDate', label: 'Review date', kind: 'date' },
    { path: 'answers', label: 'Answers to the views', kind: 'answers', optional: true },
    { ...whenItHappened, label: 'When it was decided', hint: 'If it was decided before today, say when: the day, like 2026-03-01, or the day and time.' },
  ],
});

export const giveFeedback = formOf(facts.feedbackGiven, {
  slug: 'feedback', picture: 'talk', title: 'Give feedback', submit: 'Save the feedback', saved: 'The feedback is recorded.', appliesTo: 'decided',
  intro: ['Tell the people involved what was decided and why, in a format they can use.'],
  fields: [
    { path: 'to', label: 'Given to', kind: 'checkboxes', choices: { from: 'parties' } },
    { path: 'format', label: 'Format', kind: 'radios', choices: { words: 'accessibleFormat' } },
    { path: 'message', label: 'Message', kind: 'textarea' },
    { ...whenItHappened, label: 'When it was given' },
  ],
});

export const recordChangeForPerson = formOf(facts.changeForPerson, {
  slug: 'change', picture: 'change', title: 'Record a change for a person', submit: 'Save the change',
  intro: ['What is different now?', 'Say what it was like before, and what it is like now.'],
  saved: 'The change is saved. You can see it in “What changed for people”.',
  wordsFor: { 'self-advocate': { title: 'Say what changed for me' } },
  fields: [
    { path: 'personId', label: 'Who is this about?', kind: 'radios', choices: { from: 'people' }, mine: true, onlyFor: ['self-advocate'] },
    { path: 'personId', label: 'Who is this about?', kind: 'select', choices: { from: 'people' }, onlyFor: ['commissioner', 'provider'] },
    { path: 'area', label: 'What part of life?', kind: 'radios', choices: { words: 'lifeArea' } },
    { path: 'before', label: 'Before', kind: 'textarea' },
    { path: 'after', label: 'Now', kind: 'textarea' },
    { path: 'direction', label: 'Is it better or worse?', kind: 'radios', choices: { words: 'direction' } },
    { path: 'inPersonsOwnWords', label: 'These are the person’s own words', kind: 'checkbox', mine: true },
    { path: 'mayBeQuoted', label: 'You can show my words to the Partnership Board', kind: 'checkbox', optional: true, onlyFor: ['self-advocate'], hint: 'Tick this if it is OK. We never show your name.' },
    { path: 'mayBeQuoted', label: 'The person agrees their words may be quoted in reports', kind: 'checkbox', optional: true, onlyFor: ['commissioner', 'provider'], hint: 'Only if you asked them and they said yes. Their name is never shown. Left empty, their words are not quoted.' },
    ...forSomeone,
    { ...whenItHappened, onlyFor: ['commissioner', 'provider'] },
  ],
});

export const challengeDecision = formOf(facts.challenge, {
  slug: 'challenge', picture: 'risk', title: 'Challenge this decision', submit: 'Send my challenge', appliesTo: 'notClosed',
  intro: ['You can say the decision is wrong.', 'A panel will look at it again.'],
  saved: 'Your challenge is saved. A panel will look at it.',
  fields: [
    { path: 'by', label: 'Who is challenging?', kind: 'radios', choices: { from: 'authors' }, mine: true },
    { path: 'reason', label: 'Why is the decision wrong?', kind: 'textarea' },
  ],
});

export const resolveChallenge = formOf(facts.challengeResolution, {
  slug: 'challenge-resolution', picture: 'check', title: 'Resolve a challenge', submit: 'Save the finding', saved: 'The challenge is resolved.', appliesTo: 'hasOpenChallenge',
  intro: ['Record what the review panel found, and why.', 'If the decision changes, say how.'],
  fields: [
    { path: 'challengeId', label: 'Which challenge', kind: 'radios', choices: { from: 'openChallenges' } },
    { path: 'panel', label: 'Who was on the panel', kind: 'checkboxes', choices: { from: 'parties' } },
    { path: 'finding', label: 'What the panel found', kind: 'radios', choices: { words: 'finding' } },
    { path: 'reasons', label: 'Why', kind: 'textarea' },
    { path: 'revision.outcome', name: 'revisedOutcome', label: 'The decision now, if it changes', kind: 'radios', optional: true, choices: { words: 'outcome' }, api: ['revision'] },
    { path: 'revision.reasons', name: 'revisedReasons', label: 'Why the decision changes', kind: 'textarea', optional: true },
  ],
}, ['challengeId']);

export const reviewCoproduction = formOf(facts.coproductionReview, {
  slug: 'coproduction-review', picture: 'ladder', title: 'Was this co-produced? Give your review', submit: 'Send my review', saved: 'Your review is saved.',
  intro: ['Co-production means working together as equals.', 'Tell us how much you were part of it.'],
  fields: [
    { path: 'by', label: 'Who is this from?', kind: 'radios', choices: { from: 'authors' }, mine: true },
    { path: 'rungReached', label: 'How far up the ladder did it get?', kind: 'radios', choices: { words: 'rung' } },
    { path: 'comments', label: 'Tell us more', kind: 'textarea' },
  ],
});

export const supersedeDecision = formOf(facts.supersession, {
  slug: 'supersede', picture: 'paper', title: 'Replace with a newer decision', submit: 'Mark as replaced', saved: 'The decision is marked as replaced.', appliesTo: 'notClosed',
  intro: ['Say which newer decision replaces this one, and why.'],
  fields: [
    { path: 'supersededBy', label: 'The newer decision', kind: 'select', choices: { from: 'otherDecisions' } },
    { path: 'reason', label: 'Why', kind: 'textarea' },
  ],
});

/**
 * Which fact is answered, and whose it is, from one choice among the facts recorded for
 * people on this decision (in words, never ids): "view|its id|P-HS01".
 */
const whichFact = [
  { path: 'factId', name: 'which', label: 'What was written down', kind: 'radios', choices: { from: 'factsToAnswer' }, part: { of: 'which', index: 1 }, api: ['fact', 'personId'] },
  { path: 'fact', label: 'What kind of fact', kind: 'text', part: { of: 'which', index: 0 } },
  { path: 'personId', label: 'Whose it is', kind: 'text', part: { of: 'which', index: 2 } },
] as const;

/** Asked only of a commissioner recording a person's answer for them: the person answers for themself. */
const recordedForThem = [
  { path: 'provenance.recordedFor', name: 'recordedFor', label: 'Whose answer you are recording', kind: 'text', part: { of: 'which', index: 2 }, api: ['provenance'], onlyFor: ['commissioner'] },
  { path: 'provenance.gathered', name: 'gathered', label: 'How you heard their answer', kind: 'radios', choices: { words: 'howGathered' }, onlyFor: ['commissioner'] },
  { path: 'provenance.readBack', name: 'readBack', label: 'I read it back to them', kind: 'checkbox', optional: true, onlyFor: ['commissioner'], hint: 'Tick this if you read what was written back to them, in a way they understand.' },
] as const;

export const confirmFact = formOf(facts.factConfirmation, {
  slug: 'confirm', picture: 'check', title: 'Confirm what a person said', submit: 'Record that it is right', appliesTo: 'hasFactToAnswer',
  intro: ['Someone wrote down what a person said.', 'Record that the person says it is right.'],
  saved: 'It now says the person confirmed it.',
  wordsFor: {
    'self-advocate': {
      title: 'Is this what you said? Yes, this is right', submit: 'Yes, this is right', saved: 'Thank you. It now says you confirmed it.',
      intro: ['Someone wrote down what you said.', 'Is this what you said?', 'Choose it, and tell us it is right.'],
    },
  },
  fields: [
    ...whichFact,
    { path: 'inOwnWords', label: 'Anything to add?', kind: 'textarea', optional: true },
    ...recordedForThem,
  ],
});

export const disputeFact = formOf(facts.factDispute, {
  slug: 'dispute', picture: 'risk', title: 'Record that a person says it is wrong', submit: 'Record their words', appliesTo: 'hasFactToAnswer',
  intro: ['Someone wrote down what a person said.', 'Record what the person says is wrong with it, in their words.'],
  saved: 'Their words are saved beside it.',
  wordsFor: {
    'self-advocate': {
      title: 'Is this what you said? No, this is wrong', submit: 'No, this is wrong, and here is why', saved: 'Thank you. Your words are saved beside it.',
      intro: ['Someone wrote down what you said.', 'Is this what you said?', 'If it is wrong, tell us why in your own words.'],
    },
  },
  fields: [
    ...whichFact,
    { path: 'inOwnWords', label: 'What is wrong with it, in your own words', kind: 'textarea' },
    ...recordedForThem,
  ],
});

export const withdrawDecision = formOf(facts.withdrawal, {
  slug: 'withdraw', picture: 'paper', title: 'Withdraw this decision', submit: 'Withdraw it', saved: 'The decision is withdrawn.', appliesTo: 'notClosed',
  intro: ['Withdrawing stops the decision.', 'Everything recorded about it stays.'],
  fields: [{ path: 'reason', label: 'Why it is withdrawn', kind: 'textarea' }],
});
