// The words and pictures of the Easy Read page, in one place so a council can replace them.
// Each table is typed by the enum it translates: a new stance, rung or outcome is a type
// error here until it has its words. Every sentence has 15 words or fewer and one idea.
import type { ChoiceEnums } from '../commands/command-form.js';
import type { DecisionSummary } from '../../projections/decision-list.js';
import type { Picture } from './pictures.js';

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
