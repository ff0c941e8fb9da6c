// The words and pictures of the Easy Read page, in one place so a council can replace them.
// Each table is typed by the enum it translates: a new stance, rung or outcome is a type
// error here until it has its words. Every sentence has 15 words or fewer and one idea.
import type { ChoiceEnums } from '../commands/command-form.js';
import type { DecisionSummary } from '../../projections/decision-list.js';
import type { Picture } from './pictures.js';
import type { ContractEventType, DecisionEventType, PartyRole, PersonEventType } from '../commands/domain-words.js';

type Stance = ChoiceEnums['stance'];

/** What each picture shows, for people who cannot see it. */
export const pictureAlt: Record<Picture, string> = {
  paper: 'A sheet of paper',
  people: 'A group of people',
  risk: 'A warning sign',
  change: 'An arrow going up',
  check: 'A tick',
  talk: 'Two speech bubbles',
  clock: 'A clock',
  money: 'A pound coin',
  pencil: 'A pencil',
  look: 'A magnifying glass',
  key: 'A key',
  list: 'A list',
  ladder: 'A ladder',
  you: 'One person: you',
  calendar: 'A calendar',
  yes: 'A thumb up',
  no: 'A thumb down',
  question: 'A question mark',
  record: 'A book',
};

export const easyHeadings = {
  what: 'What is being decided',
  means: 'What it means for you',
  said: 'What you said and what we did',
  withYou: 'Was it done with you?',
  canDo: 'What you can do',
};

export const easyStatus: Record<DecisionSummary['status'], string> = {
  proposed: 'This is not decided yet.',
  deferred: 'This has been put off for now.',
  decided: 'This has been decided.',
  superseded: 'A newer decision replaced this one.',
  withdrawn: 'This was stopped before it was decided.',
};

export const easyOutcome: Record<ChoiceEnums['outcome'], string> = {
  agreed: 'The answer was yes.',
  'agreed-with-changes': 'The answer was yes, with some changes.',
  declined: 'The answer was no.',
  deferred: 'It was put off for now.',
};

export const easyDirection: Record<ChoiceEnums['direction'], { words: string; picture: Picture }> = {
  better: { words: 'This got better for you.', picture: 'yes' },
  worse: { words: 'This got worse for you.', picture: 'no' },
  'no-change': { words: 'This stayed the same for you.', picture: 'change' },
};

/** A view, said by the reader ("you") or by someone else. */
export const easyStance: Record<Stance, { you: string; other: string; picture: Picture }> = {
  supports: { you: 'You said you agree.', other: 'agrees.', picture: 'yes' },
  'has-concerns': { you: 'You said you are worried.', other: 'is worried.', picture: 'question' },
  opposes: { you: 'You said you do not agree.', other: 'does not agree.', picture: 'no' },
  unsure: { you: 'You said you are not sure.', other: 'is not sure.', picture: 'question' },
};

/** Each rung of the ladder of co-production, explained in one line. */
export const rungLine: Record<ChoiceEnums['rung'], string> = {
  coercion: 'Coercion. People are made to do things.',
  educating: 'Educating. People are told what is good for them.',
  informing: 'Informing. People are told what will happen.',
  consultation: 'Consultation. People are asked, but others decide.',
  engagement: 'Engagement. People’s ideas change the plan.',
  'co-design': 'Co-design. People plan it together.',
  'co-production': 'Co-production. People decide together as equals.',
};

export const easySentences = {
  noChangeForYou: 'Nothing has changed for you yet.',
  riskForYou: 'We agreed to take a risk that could affect you.',
  before: 'Before:',
  now: 'Now:',
  youSaid: 'You said:',
  weDid: 'We did:',
  noAnswer: 'No answer yet.',
  noViewFromYou: 'You have not given a view yet.',
  writtenForYou: 'Someone else wrote this down for you.',
  yourWords: 'Your words:',
  youConfirmed: (date: string) => `You said this is right on ${date}.`,
  youDisputed: (date: string) => `You said this is wrong on ${date}.`,
  othersGaveViews: (n: number) => (n === 1 ? '1 other person gave a view.' : `${n} other people gave a view.`),
  coproductionMeans: 'Co-production means people share the decision as equals.',
  ladderIntro: 'The ladder shows how much people were part of it.',
  reached: 'People who use support got this far.',
  claimed: 'The people who decided say it got this far.',
  checks: (passed: number, all: number) => `${passed} of ${all} checks say it was done together.`,
  youTookPart: 'You took part before it was decided.',
  youTookPartAfter: 'You took part after it was decided.',
  youWereNotInvolved: 'Nobody has written down that you took part yet.',
  reviewBy: (date: string) => `We will look at it again by ${date}.`,
  why: 'Why:',
  fullRecord: 'See the full record',
  fullRecordWhy: 'It has all the details.',
  allDecisions: 'See all decisions',
  easyReadLink: 'Easy Read',
};

/** The people pages and their forms, as a self-advocate reads them: about "you", never an id. */
export const easyPeopleWords = {
  listIntro: ['These are the people the decisions are about.'],
  yourPage: 'Your page',
  others: (n: number) => (n === 1 ? '1 other person is in the decisions.' : `${n} other people are in the decisions.`),
  forgotten: 'Your details were forgotten',
  needs: 'How you like information',
  needsDetail: 'More about how you like information',
  contact: 'How to reach you',
  supportedBy: 'Who supports you',
  noneYet: 'Nothing written down yet.',
};

/** The budgets on a contract page, as a self-advocate reads them: theirs, and counts for others. */
export const easyBudgetWords = {
  planned: (n: number) => (n === 1 ? '1 person is planned to move.' : `${n} people are planned to move.`),
  youArePlanned: (date: string) => `You are planned to move on ${date}.`,
  yourBudget: 'Your budget',
  eachYear: 'Each year',
  how: 'How it is paid',
  movedOn: 'When you move to your own budget',
  noBudget: 'You do not have a budget from this contract.',
  others: (n: number) => (n === 1 ? '1 other person has a budget.' : `${n} other people have a budget.`),
};

/** The full record and the evidence pack, as a self-advocate reads them: one idea a sentence. */
export const easyRecordWords = {
  proposedBy: 'Proposed by:',
  affects: (you: boolean, others: number) =>
    you ? (others === 0 ? 'It affects you.' : `It affects you and ${others} other ${others === 1 ? 'person' : 'people'}.`) : `It affects ${others} ${others === 1 ? 'person' : 'people'}.`,
  afterTheDecision: '(after the decision)',
  noHelp: 'None',
  ownWords: (you: boolean) => (you ? 'These are your own words.' : 'These are their own words.'),
  someoneElseWrote: 'Someone else wrote this down.',
  youSaid: 'You said',
  theySaid: 'They said',
  why: 'Why',
  weDid: 'We did',
  before: 'Before',
  now: 'Now',
  evidence: (n: number) => (n === 0 ? 'Nothing in the record shows this yet.' : n === 1 ? '1 thing in the record shows this.' : `${n} things in the record show this.`),
  verdictAgrees: (you: boolean, agrees: boolean) => `${you ? 'You' : 'They'} ${agrees ? 'agree' : 'do not agree'} with how co-produced it is said to be.`,
  ownReview: (you: boolean) => (you ? 'You wrote this review yourself.' : 'They wrote this review themselves.'),
  saidAndWrote: (who: string) => (who === 'You' ? 'You said this and wrote it down yourself.' : `${who} said this and wrote it down.`),
  said: (who: string) => (who === 'You' ? 'You said this.' : `${who} said this.`),
  wroteItDown: (recorder: string, how: string | undefined) => `${recorder} wrote it down${how ? ` ${how}` : ''}.`,
  readBack: (yes: boolean) => (yes ? 'It was read back.' : 'It was not read back.'),
  theyConfirmed: (date: string) => `The person said this is right on ${date}.`,
  theyDisputed: (date: string) => `The person said this is wrong on ${date}.`,
  theirWords: 'Their words:',
  notYetAnswered: (you: boolean) => (you ? 'You have not said if this is right yet.' : 'The person has not said if this is right yet.'),
  happenedOn: (date: string) => `It happened on ${date}.`,
  writtenOn: (date: string) => `It was written down on ${date}.`,
  seeWhen: 'See when, in the timeline',
  sentTo: (names: string) => `Sent to ${names}.`,
  and: 'and',
  timesOver: (n: number) => `This happened ${n} times.`,
  packIntro: ['This is everything written down about this decision.', 'You can print it and keep it.'],
  packTitle: (title: string) => `Evidence pack: ${title}`,
  backToDecision: 'Back to the decision',
  someone: 'someone',
  otherStep: 'changed the record',
};

/** Several people of one role, counted rather than listed: "7 people who use support". */
export const easyRolePlural: Record<PartyRole, string> = {
  'person-using-support': 'people who use support',
  'family-carer': 'family carers',
  'self-advocate': 'self-advocates',
  advocate: 'advocates',
  provider: 'providers',
  commissioner: 'commissioners',
  'care-manager': 'care managers',
  'partnership-board': 'partnership boards',
  other: 'other people',
};

/** Each step in a decision's timeline in words, with no id or code: "added a person to the register". */
export const easyEventWords: Record<DecisionEventType | ContractEventType | PersonEventType, string> = {
  DecisionProposed: 'suggested the decision',
  InformationShared: 'shared information',
  ParticipantInvolved: 'wrote down who took part',
  ViewRecorded: 'wrote down a view',
  OptionConsidered: 'wrote down an idea they thought about',
  RiskIdentified: 'found a risk',
  RiskAccepted: 'agreed to take a risk',
  RiskReviewed: 'looked at a risk again',
  SupportedDecisionRecorded: 'wrote down how a person was helped to decide',
  DecisionMade: 'made the decision',
  FeedbackGiven: 'told people what was decided',
  ChangeForPersonRecorded: 'wrote down what changed for a person',
  DecisionChallenged: 'said the decision is wrong',
  ChallengeResolved: 'answered a challenge',
  CoproductionReviewed: 'said how much people were part of it',
  DecisionSuperseded: 'replaced the decision with a newer one',
  DecisionWithdrawn: 'stopped the decision',
  FactConfirmed: 'wrote down that a person said something is right',
  FactDisputed: 'wrote down that a person said something is wrong',
  ContractRegistered: 'added the contract',
  DisaggregationPlanned: 'planned to split the contract into people’s own budgets',
  IndividualBudgetAllocated: 'gave a person their own budget',
  PersonMovedToNewArrangement: 'moved a person to their new support',
  AllocationEnded: 'ended a person’s budget',
  ContractVaried: 'changed the contract',
  ContractEnded: 'ended the contract',
  PersonRegistered: 'added a person to the register',
  CommunicationNeedsRecorded: 'wrote down how a person likes information',
  SupportingProvidersChanged: 'changed who supports a person',
  PersonalDataErased: 'removed a person’s details',
};

/** Numbers up to ten in words, as Easy Read writes small numbers; larger ones stay figures. */
const smallNumbers = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
export const easyNumber = (n: number) => smallNumbers[n] ?? String(n);
/** "nine decisions", "one decision", "no decisions". */
export const easyCount = (n: number, one: string, many: string) => `${easyNumber(n)} ${n === 1 ? one : many}`;

/** The Partnership Board report in Easy Read: one idea a sentence, counts only, nobody named. */
export const easyReportWords = {
  title: 'What we tell the Partnership Board',
  headings: { decisions: 'Decisions', together: 'Was it done with people?', said: 'You said, we did', risks: 'Risks we took', changes: 'What changed for people', money: 'Money', challenges: 'When people said a decision was wrong', look: 'Things to look at', more: 'More' },
  period: (from: string, to: string) => `This is about ${from} to ${to}.`,
  compared: 'We compare it with the time just before.',
  board: 'The Partnership Board checks our work.',
  boardWho: 'People who use support and families are part of it.',
  smallNumbers: 'We do not say how many people when it is fewer than five.',
  keepsSafe: 'This keeps people safe.',
  fewerThanFive: 'fewer than five',
  onlyYours: (organisation: string) => `This is only about decisions with ${organisation}.`,
  trend: { up: 'That is more than before.', down: 'That is fewer than before.', same: 'That is the same as before.', unknown: '' },
  suggested: (n: string) => `We suggested ${n}.`,
  made: (n: string) => `We made ${n}.`,
  putOff: (n: string) => `We put off ${n}.`,
  late: (n: string) => `${n} should have been looked at again by now.`,
  tookPartFirst: (n: string) => `In ${n}, people who use support took part before deciding.`,
  twoOrMore: (n: string) => `In ${n}, two or more people who use support took part.`,
  selfAdvocatesSaid: 'Self-advocates said how much people were part of it.',
  disagreed: (n: string) => `In ${n}, they did not agree with the people who decided.`,
  allAgreed: 'They agreed with the people who decided.',
  views: (n: string) => `People who use support gave ${n}.`,
  answered: (n: string) => `We answered ${n} of them.`,
  ownWords: (views: string, one: boolean) => `${views} ${one ? 'was' : 'were'} in their own words.`,
  halfTheTime: (days: string) => `Half the time, we told people what we decided within ${days}.`,
  sameDay: 'Half the time, we told people what we decided on the same day.',
  notTold: (n: string) => `We have not told people about ${n} yet.`,
  risks: (n: string) => `We agreed to take ${n}.`,
  together: (n: string) => `We took ${n} of them together with the people they affect.`,
  affected: (n: string) => `${n} could be affected.`,
  changes: (n: string) => `We wrote down ${n} for people.`,
  better: (n: string) => `${n} made things better.`,
  worse: (n: string) => `${n} made things worse.`,
  someoneSaid: 'Someone said:',
  share: (n: number) => `Now ${n} pounds in every 100 pounds go to people’s own budgets.`,
  shareBefore: (n: number) => `At the start, it was ${n} pounds in every 100 pounds.`,
  moved: (people: string, provider: string) => `${people} moved to their own budget from ${provider}.`,
  challenged: (n: string) => `People said a decision was wrong ${n}.`,
  panels: (n: string) => `A group of people looked again at ${n}.`,
  panelsWithout: (n: string) => `${n} had no people who use support or family in them.`,
  closerLook: 'These decisions need a closer look:',
  nothingToLook: 'No decision needs a closer look.',
  fullReport: 'See the full report',
  fullReportWhy: 'It has all the numbers and tables.',
};
