// The flags of one decision's co-production review: what needs attention, each message
// saying what to do about it, each filterable with ?flag=. Built from the checks and the facts.
import { LATE_RECORDING_DAYS, daysLate } from '../src/domain/shared/when-it-happened.js';
import type { Rung } from '../src/domain/shared/vocabulary.js';
import type { Check, Flag, FlagCode } from './coproduction-checks.js';
import { FEEDBACK_DAYS, standingOf } from './coproduction-evidence.js';
import { personOf, type DecisionFacts, type Evidence } from './decision-facts-index.js';

interface FlagInput {
  facts: DecisionFacts;
  made: DecisionFacts['made'][number] | undefined;
  checks: readonly Check[];
  disagreements: readonly { rungReached: Rung; comments: string; eventId: string }[];
  claimed: Rung | null;
  onlyTold: DecisionFacts['involvement'];
  peopleInvolved: DecisionFacts['involvement'];
  reviewDue: boolean;
  nowMs: number;
  after: <T extends Evidence>(items: T[]) => T[];
}

/** Roles that make a challenge or review panel include people: a person who uses support, a self-advocate, a family member. */
export const panelPeopleRoles = ['person-using-support', 'self-advocate', 'family-carer'];

export function flagsOf({ facts, made, checks, disagreements, claimed, onlyTold, peopleInvolved, reviewDue, nowMs, after }: FlagInput): Flag[] {
  const { decisionId } = facts;
  const flags: Flag[] = [];
  const flag = (code: FlagCode, message: string, evidence: string[] = []) => flags.push({ decisionId, code, message, evidence });
  const failed = (n: number) => checks[n - 1]?.status === 'fail';

  if (made && failed(1)) flag('decided-without-people', 'Decided without people who use support taking part: involve them before deciding again');
  if (made && failed(2)) flag('only-one-person', 'Fewer than two people who use support took part: involve more people, or a self-advocacy group', checks[1]?.evidence);
  if (failed(7)) flag('no-feedback', `No feedback ${FEEDBACK_DAYS} days after the decision: tell people what was decided and why, in a format they can use`, made ? [made.eventId] : []);
  for (const d of disagreements) flag('rung-disagreement', `A self-advocate says it reached “${d.rungReached}”, not “${claimed}”: ${d.comments}`, [d.eventId]);
  if (made && reviewDue && !facts.closed) {
    const reviewedSince = [...after(facts.coproductionReviews), ...after(facts.involvement).filter((i) => i.stage === 'reviewing')].some(
      (r) => Date.parse(r.at) >= Date.parse(made.reviewDate),
    );
    if (!reviewedSince) flag('decision-review-overdue', `The decision was due for review on ${made.reviewDate}: review it with the people it affects`, [made.eventId]);
  }
  for (const risk of overdueRiskReviews(facts, nowMs)) flag('risk-review-overdue', `A risk was due for review on ${risk.due}: review it with the people who bear it`, [risk.eventId]);

  // Told, not involved: people whose only part before the decision was to be informed.
  const involved = new Set(peopleInvolved.map((i) => personOf(i.participant) ?? i.participant.label));
  const toldOnly = onlyTold.filter((i) => !involved.has(personOf(i.participant) ?? i.participant.label));
  if (toldOnly.length > 0) {
    const who = [...new Set(toldOnly.map((i) => personOf(i.participant) ?? i.participant.label ?? i.participant.role))].join(', ');
    flag('told-afterwards', `Only told, not involved (${who}): ask them before deciding, and record their part at consultation or above`, toldOnly.map((i) => i.eventId));
  }
  if (failed(5)) flag('views-unanswered', 'Some views got no answer: answer each in “you said — we did” and tell the person', checks[4]?.evidence.slice(1));
  if (failed(6)) flag('risks-accepted-for-not-with', 'Risks were accepted for people, not with them: agree each risk with the person who bears it, or someone they chose', checks[5]?.evidence);

  const unconfirmed = [
    ...facts.views.filter((v) => standingOf(facts, 'view', v.viewId, personOf(v.by) ?? v.recordedFor, v) === 'recorded-for-them' && (personOf(v.by) ?? v.recordedFor)),
    ...facts.risksAccepted.filter((a) => a.recordedFor && standingOf(facts, 'risk-acceptance', a.riskId, a.recordedFor, a) === 'recorded-for-them'),
    ...facts.changes.filter((c) => standingOf(facts, 'change', c.changeId, c.personId, c) === 'recorded-for-them'),
  ];
  if (unconfirmed.length > 0) {
    flag('on-behalf-unconfirmed', `${unconfirmed.length} view(s), risk acceptance(s) or change(s) recorded for people, not by them: read each back and ask them to confirm or dispute it`, unconfirmed.map((f) => f.eventId));
  }

  const happened = [...facts.information, ...facts.involvement, ...facts.views, ...facts.risksAccepted, ...facts.made, ...facts.feedback, ...facts.changes];
  const late = happened.filter((f) => daysLate(f.happenedAt, f.at) > LATE_RECORDING_DAYS);
  if (late.length > 0) {
    flag('recorded-late', `${late.length} fact(s) recorded more than ${LATE_RECORDING_DAYS} days after they happened: check them with the people who were there`, late.map((f) => f.eventId));
  }

  const resolved = new Set(facts.resolutions.map((r) => r.challengeId));
  const open = facts.challenges.filter((c) => !resolved.has(c.challengeId));
  if (open.length > 0) flag('challenge-open', `${open.length} challenge(s) waiting for a panel: hold the review panel and record its finding`, open.map((c) => c.eventId));
  // Upheld stays flagged until the decision is revisited: a revision in the resolution, or a later decision superseding it.
  const upheld = facts.resolutions.filter((r) => r.finding !== 'not-upheld' && !r.revised && (facts.supersededAt === undefined || facts.supersededAt < r.position));
  if (upheld.length > 0) flag('challenge-upheld', 'A challenge was upheld: revisit the decision (revise it, or supersede it with a new one)', upheld.map((r) => r.eventId));
  const withoutPeople = facts.resolutions.filter((r) => !r.panel.some((p) => panelPeopleRoles.includes(p.role)));
  if (withoutPeople.length > 0) {
    flag('panel-without-people', 'A challenge panel had no person who uses support and no family member: include them on the next panel', withoutPeople.map((r) => r.eventId));
  }
  return flags;
}

/** Accepted risks whose latest review date has passed with no review since. */
export function overdueRiskReviews(facts: DecisionFacts, nowMs: number): { riskId: string; due: string; eventId: string }[] {
  const overdue: { riskId: string; due: string; eventId: string }[] = [];
  for (const accepted of facts.risksAccepted) {
    const reviews = facts.riskReviews.filter((r) => r.riskId === accepted.riskId);
    const last = reviews.at(-1);
    if (last?.outcome === 'closed') continue;
    const due = last ? last.nextReviewDate : accepted.reviewDate;
    if (due && Date.parse(due) < nowMs && !reviews.some((r) => r.at >= due)) {
      overdue.push({ riskId: accepted.riskId, due, eventId: (last ?? accepted).eventId });
    }
  }
  return overdue;
}

