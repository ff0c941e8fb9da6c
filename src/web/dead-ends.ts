// The pages at the end of a road: an address with nothing there, a record that is not there
// or not to be seen, a form this role may not use, and a form that is not open for this
// record now. Each says what happened in plain words, keeps the site's navigation (when
// someone is signed in) and offers a way on; none of them is ever the API's JSON.
import type { FormCondition } from '../commands/command-form.js';
import type { DecisionDetail } from '../../projections/decision-detail.js';
import { html } from '../shared/html.js';
import type { Action } from './decision-view.js';
import { pageDocument, type Viewer } from './layout.js';
import { heading, type Picture } from './pictures.js';

/** A heading, a few short sentences, the links that lead on, and always a way to the start. */
export function plainPage(options: { title: string; sentences: readonly string[]; viewer?: Viewer | undefined; picture?: Picture; onward?: readonly Action[] }): string {
  const onward = options.onward ?? [];
  const body = html`${heading(1, options.picture ?? 'key', options.title)}
<ul class="easy-read">${options.sentences.map((s) => html`<li>${s}</li>`)}</ul>
${onward.length ? html`<h2>What you can do</h2><ul class="actions">${onward.map((a) => html`<li><a href="${a.href}">${a.label}</a></li>`)}</ul>` : ''}
<p><a href="/app">Go to the start</a></p>`;
  return pageDocument({ title: options.title, body, viewer: options.viewer });
}

/** No route here at all, or a record that is not there (or gone: a forgotten person). */
export function notFoundPage(viewer: Viewer | undefined, what: 'page' | 'record' = 'page'): string {
  return plainPage({
    title: what === 'page' ? 'We could not find that page' : 'We could not find that',
    sentences: what === 'page' ? ['There is no page at this address.', 'Check the link, or go to the start.'] : ['There is nothing here.', 'It may have been removed, or the link may be wrong.', 'Check the link, or go to the start.'],
    viewer,
    picture: 'look',
  });
}

/** What this role may not see or do (the API's own sentence says which). */
export function cannotSeePage(viewer: Viewer | undefined, detail: string): string {
  return plainPage({ title: 'You cannot see this', sentences: [detail, 'Ask someone who can.'], viewer });
}

export function somethingWentWrongPage(viewer: Viewer | undefined): string {
  return plainPage({ title: 'Something went wrong', sentences: ['Sorry, the page did not load.', 'Nothing was saved.', 'Please try again.'], viewer });
}

/** Where a decision is up to, said as the reason a form is not open. */
export const decisionNowWords: Record<DecisionDetail['status'], string> = {
  proposed: 'This decision has not been made yet.',
  deferred: 'This decision has been put off for now.',
  decided: 'This decision has been made.',
  superseded: 'This decision was replaced by a newer decision.',
  withdrawn: 'This decision was withdrawn.',
};

/**
 * Why a form is not open, by the condition the record does not meet now. Conditions about
 * where a decision is up to say nothing here: the record's own sentence (decisionNowWords) says it.
 */
const notMetWords: Record<FormCondition, string | undefined> = {
  open: undefined,
  notClosed: undefined,
  decided: undefined,
  hasOpenRisk: 'No risk is waiting to be accepted.',
  hasAcceptedRisk: 'No risk has been accepted, so there is none to review.',
  hasOpenChallenge: 'No challenge is waiting for an answer.',
  hasFactToAnswer: 'Nothing written down for a person is waiting to be checked.',
  blockToSplit: 'This is not a block contract waiting to be split.',
  moneyReleased: 'No money has been released to budgets yet.',
  hasAllocations: 'Nobody has a budget from this contract now.',
  contractCurrent: 'This contract has ended.',
  notForgotten: 'This person has been forgotten.',
};

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** The sentences of a form that is not open: where the record is, why that closes this form, what that means. */
export function notOpenSentences(options: { now: string | undefined; condition: FormCondition; formTitle: string }): string[] {
  const why = notMetWords[options.condition];
  return [options.now, why, `So you cannot ${lowerFirst(options.formTitle)} now.`].filter((s): s is string => Boolean(s));
}

export function notOpenPage(viewer: Viewer, options: { formTitle: string; sentences: readonly string[]; recordPage: { href: string; label: string }; instead: readonly Action[] }): string {
  return plainPage({
    title: `You cannot ${lowerFirst(options.formTitle)} now`,
    sentences: options.sentences,
    viewer,
    picture: 'clock',
    onward: [...options.instead, options.recordPage],
  });
}
