// The record's codes in everyday words, for every page.
import type { ChoiceEnums } from '../commands/command-form.js';
import type { CheckKey, FlagCode } from '../../projections/coproduction-checks.js';
import type { DecisionSummary } from '../../projections/decision-list.js';
import { howGatheredWords } from '../../projections/provenance-words.js';

// Written once for the pages, the evidence pack and the subject access report alike.
export { easyPartyWords, partyNamer, partyWords } from '../../projections/party-words.js';
export { provenanceWords } from '../../projections/provenance-words.js';
export { dateWords } from '../shared/date-words.js';
export { pounds } from '../shared/pounds.js';

/** Words for every value of one enum: a new value is a type error until it has its words. */
type WordsFor<Name extends keyof ChoiceEnums> = Record<ChoiceEnums[Name], string>;

export const kindWords: WordsFor<'decisionKind'> = {
  commissioning: 'A decision about buying services',
  'provider-change': 'A change a provider wants to make',
  disaggregation: 'Splitting a block contract into people’s own budgets',
};

export const statusWords: Record<DecisionSummary['status'], string> = {
  proposed: 'Not decided yet',
  deferred: 'Put off for now',
  decided: 'Decided',
  superseded: 'Replaced by a newer decision',
  withdrawn: 'Withdrawn',
};

export const outcomeWords: WordsFor<'outcome'> = {
  agreed: 'Agreed',
  'agreed-with-changes': 'Agreed, with changes',
  declined: 'Said no',
  deferred: 'Put off for now',
};

export const stanceWords: WordsFor<'stance'> = {
  supports: 'I agree',
  'has-concerns': 'I am worried about it',
  opposes: 'I do not agree',
  unsure: 'I am not sure',
};

export const rungWords: WordsFor<'rung'> = {
  coercion: 'Coercion: people are made to do things',
  educating: 'Educating: people are told what is good for them',
  informing: 'Informing: people are told what will happen',
  consultation: 'Consultation: people are asked, but others decide',
  engagement: 'Engagement: people’s ideas shape it',
  'co-design': 'Co-design: people plan it together',
  'co-production': 'Co-production: people share the decision as equals',
};

export const flagWords: Record<FlagCode, string> = {
  'decided-without-people': 'Decided without people who use support',
  'only-one-person': 'Only one person who uses support took part',
  'no-feedback': 'No feedback yet',
  'rung-disagreement': 'Self-advocates disagree about how co-produced it was',
  'decision-review-overdue': 'Review overdue',
  'risk-review-overdue': 'Risk review overdue',
  'told-afterwards': 'People were told, not involved',
  'views-unanswered': 'Views not answered',
  'risks-accepted-for-not-with': 'Risks accepted for people, not with them',
  'on-behalf-unconfirmed': 'Recorded for people, not yet confirmed by them',
  'recorded-late': 'Recorded long after it happened',
  'challenge-open': 'A challenge is waiting for a panel',
  'challenge-upheld': 'A challenge was upheld: the decision needs revisiting',
  'panel-without-people': 'A panel without people who use support or family',
};

/** The nine co-production checks as the Board report asks them (the review's own questions). */
export const checkWords: Record<CheckKey, string> = {
  'involved-before-decision': 'Were people who use support involved before the decision was made?',
  'not-the-only-one': 'Did at least two people who use support or self-advocates take part?',
  'accessible-information-first': 'Was accessible information shared before people were asked, in the format each needs?',
  'three-partners': 'Were all three partners involved: people who use support, a provider and a commissioner?',
  'views-answered': 'Did every view get an answer?',
  'risks-accepted-with-bearers': 'Was every risk accepted with the people who bear it?',
  'feedback-given': 'Was feedback given after the decision?',
  'changes-recorded': 'Was what changed for people recorded?',
  'self-advocates-agree': 'Do self-advocates agree with the rung claimed?',
};

export const areaWords: WordsFor<'lifeArea'> = {
  home: 'Home',
  work: 'Work',
  relationships: 'Friends and family',
  community: 'Out and about',
  health: 'Health',
  money: 'Money',
  'choice-and-control': 'Choice and control',
  support: 'Support',
};

export const directionWords: WordsFor<'direction'> = { better: 'Better', worse: 'Worse', 'no-change': 'No change' };

export const formatWords: WordsFor<'accessibleFormat'> = {
  'easy-read': 'Easy read',
  'large-print': 'Large print',
  audio: 'Audio',
  'british-sign-language': 'British Sign Language',
  translated: 'Translated',
  standard: 'Standard',
};

/** The words of every enum a form offers as choices, by the name the command forms use. */
export const choiceWords: { [Name in keyof ChoiceEnums]: WordsFor<Name> } = {
  stance: stanceWords,
  outcome: outcomeWords,
  decisionKind: kindWords,
  rung: rungWords,
  stage: { 'identifying-the-need': 'Finding out what is needed', 'designing-options': 'Working out the options', deciding: 'Deciding', implementing: 'Making it happen', reviewing: 'Looking back at it' },
  participationSupport: {
    advocate: 'An advocate',
    'easy-read-papers-in-advance': 'Easy-read papers in advance',
    'time-to-prepare': 'Time to prepare',
    'accessible-venue': 'An accessible place to meet',
    interpreter: 'An interpreter',
    'travel-support': 'Help to travel',
    other: 'Other support',
  },
  level: { low: 'Low', medium: 'Medium', high: 'High' },
  lifeArea: areaWords,
  direction: directionWords,
  accessibleFormat: formatWords,
  timing: { 'before-asking-for-views': 'Before asking for their views', 'after-asking-for-views': 'After asking for their views' },
  howGathered: howGatheredWords,
  confirmableFact: { view: 'A view', 'risk-acceptance': 'A risk we agreed to take', change: 'A change for me' },
  riskReviewOutcome: { 'still-acceptable': 'Still worth taking', mitigated: 'Made safer', happened: 'It happened', closed: 'Closed: no longer a risk' },
  supportedDecisionMode: { 'supported-decision': 'The person decided, with support', 'best-interests': 'A best-interests decision (the person could not decide)' },
  finding: { upheld: 'Upheld: the challenge is right', 'partly-upheld': 'Partly upheld', 'not-upheld': 'Not upheld: the decision stands' },
  contractType: { block: 'Block', spot: 'Spot', framework: 'Framework', 'individual-service-fund': 'Individual Service Fund' },
  fundingRoute: {
    'direct-payment': 'Direct payment',
    'individual-service-fund': 'Individual Service Fund',
    'indirect-payment': 'Indirect payment',
    trust: 'Trust',
    'council-managed': 'Managed by the council',
  },
  communicationNeed: {
    'easy-read': 'Easy read',
    'large-print': 'Large print',
    audio: 'Audio',
    'british-sign-language': 'British Sign Language',
    interpreter: 'An interpreter',
    translated: 'Translated',
    advocate: 'An advocate',
    braille: 'Braille',
    other: 'Something else',
  },
  erasureReason: {
    'the-person-asked': 'The person asked us to',
    'retention-period-ended': 'We no longer need to keep it',
    'registered-in-error': 'They were registered by mistake',
    'other-lawful-reason': 'Another lawful reason',
  },
};

export function words(table: Record<string, string>, code: string | undefined | null): string {
  if (!code) return '';
  return table[code] ?? code.replace(/-/g, ' ');
}

export function dateTimeWords(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
}
