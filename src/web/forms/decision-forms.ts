// The forms on one decision: each says which command it is (so only the roles that may
// issue it see it), what it asks, and how what was typed becomes the API's request.
import { ladder } from '../../domain/shared/vocabulary.js';
import type { Viewer } from '../layout.js';
import type { DecisionDetail } from '../read-models.js';
import { areaWords, formatWords, outcomeWords, partyWords, rungWords, stanceWords } from '../words.js';
import type { Choice, Field, FormReader, FormSpec, Values } from './form-kit.js';
import { authorChoices, partyChoices, partyOf } from './party-choices.js';

export interface DecisionFormContext {
  decision: DecisionDetail;
  viewer: Viewer;
}

export type DecisionForm = FormSpec<DecisionFormContext, DecisionDetail>;

export const choicesOf = (table: Record<string, string>): Choice[] => Object.entries(table).map(([value, label]) => ({ value, label }));
const open = (d: DecisionDetail) => d.status === 'proposed' || d.status === 'deferred';
const notClosed = (d: DecisionDetail) => d.status !== 'withdrawn' && d.status !== 'superseded';
const on = (ctx: DecisionFormContext, path: string) => `/decisions/${ctx.decision.decisionId}/${path}`;

function parties(ctx: DecisionFormContext): Choice[] {
  const d = ctx.decision;
  const commissioners = d.proposedBy.role === 'commissioner' && d.proposedBy.organisation ? [d.proposedBy.organisation] : [];
  return partyChoices(ctx.viewer.actor, { people: d.affects.people, organisations: d.organisations, commissioners });
}
const oneParty = (r: FormReader, name: string) => partyOf(r.text(name));
const manyParties = (r: FormReader, name: string) => r.list(name).flatMap((key) => partyOf(key) ?? []);
function authors(ctx: DecisionFormContext): Choice[] {
  const d = ctx.decision;
  const commissioners = d.proposedBy.role === 'commissioner' && d.proposedBy.organisation ? [d.proposedBy.organisation] : [];
  return authorChoices(ctx.viewer.actor, { people: d.affects.people, organisations: d.organisations, commissioners });
}
const whoField = (ctx: DecisionFormContext, label = 'Who is this from?'): Field => ({ name: 'by', label, kind: 'radios', choices: authors(ctx) });
const selfDefault = (ctx: DecisionFormContext): Values => (ctx.viewer.actor.personId ? { by: `person:${ctx.viewer.actor.personId}` } : {});
const levels: Choice[] = [
  { value: 'low', label: 'Low' },
  { value: 'medium', label: 'Medium' },
  { value: 'high', label: 'High' },
];
export const rungs: Choice[] = ladder.map((rung) => ({ value: rung, label: rungWords[rung] ?? rung }));

const view: DecisionForm = {
  slug: 'view',
  command: 'RecordView',
  title: () => 'Give your view',
  picture: 'talk',
  intro: ['Tell us what you think.', 'Use your own words.', 'We will answer you.'],
  submit: 'Send my view',
  saved: 'Thank you. Your view is saved. You can see it in “You said — we did”.',
  appliesTo: open,
  fields: (ctx) => [
    whoField(ctx),
    { name: 'stance', label: 'What do you think?', kind: 'radios', choices: choicesOf(stanceWords) },
    { name: 'inOwnWords', label: 'Your view, in your own words', kind: 'textarea' },
    { name: 'reason', label: 'Why?', kind: 'textarea', optional: true, hint: 'If you are worried or do not agree, please say why.' },
  ],
  defaults: selfDefault,
  request: (r, ctx) => ({
    url: on(ctx, 'views'),
    body: { by: oneParty(r, 'by'), stance: r.optional('stance'), inOwnWords: r.text('inOwnWords'), reason: r.optional('reason') },
  }),
};

const challenge: DecisionForm = {
  slug: 'challenge',
  command: 'ChallengeDecision',
  title: () => 'Challenge this decision',
  picture: 'risk',
  intro: ['You can say the decision is wrong.', 'A panel will look at it again.'],
  submit: 'Send my challenge',
  saved: 'Your challenge is saved. A panel will look at it.',
  appliesTo: notClosed,
  fields: (ctx) => [whoField(ctx, 'Who is challenging?'), { name: 'reason', label: 'Why is the decision wrong?', kind: 'textarea' }],
  defaults: selfDefault,
  request: (r, ctx) => ({ url: on(ctx, 'challenges'), body: { by: oneParty(r, 'by'), reason: r.text('reason') } }),
};

const coproductionReview: DecisionForm = {
  slug: 'coproduction-review',
  command: 'ReviewCoproduction',
  title: () => 'Was this co-produced? Give your review',
  picture: 'ladder',
  intro: ['Co-production means working together as equals.', 'Tell us how much you were part of it.'],
  submit: 'Send my review',
  saved: 'Your review is saved.',
  fields: (ctx) => [
    whoField(ctx),
    { name: 'rungReached', label: 'How far up the ladder did it get?', kind: 'radios', choices: rungs },
    { name: 'comments', label: 'Tell us more', kind: 'textarea' },
  ],
  defaults: selfDefault,
  request: (r, ctx) => ({ url: on(ctx, 'coproduction-reviews'), body: { by: oneParty(r, 'by'), rungReached: r.optional('rungReached'), comments: r.text('comments') } }),
};

const change: DecisionForm = {
  slug: 'change',
  command: 'RecordChangeForPerson',
  title: (viewer) => (viewer.actor.role === 'self-advocate' ? 'Say what changed for me' : 'Record a change for a person'),
  picture: 'change',
  intro: ['What is different now?', 'Say what it was like before, and what it is like now.'],
  submit: 'Save the change',
  saved: 'The change is saved. You can see it in “What changed for people”.',
  fields: (ctx) => [
    ctx.viewer.actor.personId
      ? { name: 'personId', label: 'Who is this about?', kind: 'radios', choices: [{ value: ctx.viewer.actor.personId, label: `Me (${ctx.viewer.actor.personId})` }] }
      : { name: 'personId', label: 'Who is this about?', kind: 'select', choices: ctx.decision.affects.people.map((p) => ({ value: p, label: p })) },
    { name: 'area', label: 'What part of life?', kind: 'radios', choices: choicesOf(areaWords) },
    { name: 'before', label: 'Before', kind: 'textarea' },
    { name: 'after', label: 'Now', kind: 'textarea' },
    { name: 'direction', label: 'Is it better or worse?', kind: 'radios', choices: [{ value: 'better', label: 'Better' }, { value: 'worse', label: 'Worse' }, { value: 'no-change', label: 'No change' }] },
    { name: 'inPersonsOwnWords', label: 'These are the person’s own words', kind: 'checkbox' },
  ],
  defaults: (ctx) => (ctx.viewer.actor.personId ? { personId: ctx.viewer.actor.personId, inPersonsOwnWords: 'yes' } : {}),
  request: (r, ctx) => ({
    url: on(ctx, 'changes'),
    body: {
      personId: r.optional('personId'),
      area: r.optional('area'),
      before: r.text('before'),
      after: r.text('after'),
      direction: r.optional('direction'),
      inPersonsOwnWords: r.checked('inPersonsOwnWords'),
    },
  }),
};

const information: DecisionForm = {
  slug: 'information',
  command: 'ShareInformation',
  title: () => 'Share information',
  picture: 'paper',
  intro: ['Record what you shared, with whom, and in which format.'],
  submit: 'Save',
  saved: 'The information you shared is recorded.',
  appliesTo: notClosed,
  fields: (ctx) => [
    { name: 'sharedWith', label: 'Shared with', kind: 'checkboxes', choices: parties(ctx) },
    { name: 'format', label: 'Format', kind: 'radios', choices: choicesOf(formatWords) },
    { name: 'timing', label: 'When', kind: 'radios', choices: [{ value: 'before-asking-for-views', label: 'Before asking for their views' }, { value: 'after-asking-for-views', label: 'After asking for their views' }] },
    { name: 'sharedAt', label: 'Date and time it was shared', kind: 'datetime' },
    { name: 'description', label: 'What was shared', kind: 'text' },
  ],
  request: (r, ctx) => ({
    url: on(ctx, 'information'),
    body: { sharedWith: manyParties(r, 'sharedWith'), format: r.optional('format'), timing: r.optional('timing'), sharedAt: r.dateTime('sharedAt'), description: r.text('description') },
  }),
};

const involvement: DecisionForm = {
  slug: 'involvement',
  command: 'RecordInvolvement',
  title: () => 'Record who was involved',
  picture: 'people',
  intro: ['Record who took part, at which stage, and how far up the ladder of co-production.'],
  submit: 'Save',
  saved: 'The involvement is recorded.',
  appliesTo: notClosed,
  fields: (ctx) => [
    { name: 'participant', label: 'Who took part', kind: 'select', choices: parties(ctx) },
    { name: 'stage', label: 'Stage', kind: 'radios', choices: ['identifying-the-need', 'designing-options', 'deciding', 'implementing', 'reviewing'].map((s) => ({ value: s, label: s.replace(/-/g, ' ') })) },
    { name: 'rung', label: 'Rung of the ladder', kind: 'radios', choices: rungs },
    { name: 'support', label: 'Support to take part', kind: 'checkboxes', optional: true, choices: ['advocate', 'easy-read-papers-in-advance', 'time-to-prepare', 'accessible-venue', 'interpreter', 'travel-support', 'other'].map((s) => ({ value: s, label: s.replace(/-/g, ' ') })) },
    { name: 'notes', label: 'Notes', kind: 'textarea', optional: true },
  ],
  request: (r, ctx) => ({
    url: on(ctx, 'involvement'),
    body: { participant: oneParty(r, 'participant'), stage: r.optional('stage'), rung: r.optional('rung'), support: r.list('support'), notes: r.optional('notes') },
  }),
};

const option: DecisionForm = {
  slug: 'option',
  command: 'ConsiderOption',
  title: () => 'Record an option',
  picture: 'list',
  intro: ['Record an option that was considered, with what is good and bad about it.'],
  submit: 'Save',
  saved: 'The option is recorded.',
  appliesTo: open,
  fields: (ctx) => [
    { name: 'title', label: 'Option', kind: 'text' },
    { name: 'description', label: 'Description', kind: 'textarea' },
    { name: 'pros', label: 'Good things', kind: 'lines', optional: true, hint: 'One on each line.' },
    { name: 'cons', label: 'Bad things', kind: 'lines', optional: true, hint: 'One on each line.' },
    { name: 'putForwardBy', label: 'Put forward by', kind: 'select', choices: authors(ctx) },
  ],
  request: (r, ctx) => ({
    url: on(ctx, 'options'),
    body: { title: r.text('title'), description: r.text('description'), pros: r.lines('pros'), cons: r.lines('cons'), putForwardBy: oneParty(r, 'putForwardBy') },
  }),
};

const risk: DecisionForm = {
  slug: 'risk',
  command: 'IdentifyRisk',
  title: () => 'Record a risk',
  picture: 'risk',
  intro: ['Record something that could go wrong, and who it would fall on.'],
  submit: 'Save',
  saved: 'The risk is recorded.',
  appliesTo: open,
  fields: (ctx) => [
    { name: 'description', label: 'What could go wrong', kind: 'textarea' },
    { name: 'fallsOn', label: 'Who it would fall on', kind: 'checkboxes', choices: parties(ctx) },
    { name: 'likelihood', label: 'How likely', kind: 'radios', choices: levels },
    { name: 'impact', label: 'How bad it would be', kind: 'radios', choices: levels },
  ],
  request: (r, ctx) => ({
    url: on(ctx, 'risks'),
    body: { description: r.text('description'), fallsOn: manyParties(r, 'fallsOn'), likelihood: r.optional('likelihood'), impact: r.optional('impact') },
  }),
};

const riskAcceptance: DecisionForm = {
  slug: 'risk-acceptance',
  command: 'AcceptRisk',
  title: () => 'Accept a risk',
  picture: 'risk',
  intro: ['Record a risk you agreed to take, with the people who bear it.'],
  submit: 'Accept the risk',
  saved: 'The risk is accepted. You can see it in “Risks we agreed to take”.',
  appliesTo: (d) => d.risks.some((r) => !r.acceptedBy),
  fields: (ctx) => [
    { name: 'riskId', label: 'Which risk', kind: 'radios', choices: ctx.decision.risks.filter((r) => !r.acceptedBy).map((r) => ({ value: r.riskId, label: r.description })) },
    { name: 'acceptedBy', label: 'Who agreed to take it', kind: 'checkboxes', choices: parties(ctx), hint: 'Include the people it falls on.' },
    { name: 'whyWorthTaking', label: 'Why it is worth taking', kind: 'textarea' },
    { name: 'mitigations', label: 'How you will make it safer', kind: 'lines', optional: true, hint: 'One on each line.' },
    { name: 'reviewDate', label: 'Check it again by', kind: 'date' },
  ],
  request: (r, ctx) => ({
    url: on(ctx, `risks/${encodeURIComponent(r.text('riskId') || 'none')}/acceptance`),
    body: { acceptedBy: manyParties(r, 'acceptedBy'), whyWorthTaking: r.text('whyWorthTaking'), mitigations: r.lines('mitigations'), reviewDate: r.optional('reviewDate') },
  }),
};

const decide: DecisionForm = {
  slug: 'decide',
  command: 'MakeDecision',
  title: () => 'Make the decision',
  picture: 'check',
  intro: ['Record the decision, who made it and why.', 'Answer every view people gave: this is “you said — we did”.'],
  submit: 'Record the decision',
  saved: 'The decision is recorded.',
  appliesTo: open,
  fields: (ctx) => [
    { name: 'outcome', label: 'Outcome', kind: 'radios', choices: choicesOf(outcomeWords) },
    { name: 'reasons', label: 'Reasons', kind: 'textarea' },
    { name: 'decidedBy', label: 'Decided by', kind: 'checkboxes', choices: parties(ctx) },
    { name: 'claimedRung', label: 'How co-produced was it?', kind: 'radios', choices: rungs },
    { name: 'reviewDate', label: 'Review date', kind: 'date' },
    ...ctx.decision.youSaidWeDid
      .filter((v) => !v.answered)
      .map((v): Field => ({ name: `answer-${v.viewId}`, label: `Answer to ${partyWords(v.by)}: “${v.youSaid}”`, kind: 'textarea', optional: true })),
  ],
  request: (r, ctx) => {
    // Only the answers written are sent, so answers.N is the Nth of those, not the Nth box.
    const answers = ctx.decision.youSaidWeDid
      .filter((v) => !v.answered)
      .map((v) => ({ viewId: v.viewId, answer: r.text(`answer-${v.viewId}`) }))
      .filter((a) => a.answer !== '');
    return {
      url: on(ctx, 'decision'),
      body: {
        outcome: r.optional('outcome'),
        reasons: r.text('reasons'),
        decidedBy: manyParties(r, 'decidedBy'),
        claimedRung: r.optional('claimedRung'),
        reviewDate: r.optional('reviewDate'),
        answers,
      },
      fieldPaths: Object.fromEntries(answers.map((a, i) => [`answer-${a.viewId}`, [`answers.${i}`]])),
    };
  },
};

const feedback: DecisionForm = {
  slug: 'feedback',
  command: 'GiveFeedback',
  title: () => 'Give feedback',
  picture: 'talk',
  intro: ['Tell the people involved what was decided and why, in a format they can use.'],
  submit: 'Save the feedback',
  saved: 'The feedback is recorded.',
  appliesTo: (d) => d.status === 'decided',
  fields: (ctx) => [
    { name: 'to', label: 'Given to', kind: 'checkboxes', choices: parties(ctx) },
    { name: 'format', label: 'Format', kind: 'radios', choices: choicesOf(formatWords) },
    { name: 'message', label: 'Message', kind: 'textarea' },
  ],
  request: (r, ctx) => ({ url: on(ctx, 'feedback'), body: { to: manyParties(r, 'to'), format: r.optional('format'), message: r.text('message') } }),
};

/** In the order the decision page offers them. */
export const decisionForms: readonly DecisionForm[] = [view, challenge, coproductionReview, change, information, involvement, option, risk, riskAcceptance, decide, feedback];
