// "Was this co-produced?" For each decision, nine checks, each pass / fail / not yet,
// with the ids of the events that are the evidence; the highest rung people who use
// support reached, beside the rung the decision-makers claimed and the self-advocates'
// verdicts; and flags, including reviews that are overdue. `now` is a query argument.
import { DECISION_STREAM_PREFIX } from '../src/domain/decisions/decision-events.js';
import {
  ladder,
  peopleWhoUseSupportRoles,
  rungIndex,
  type AccessibleFormat,
  type Party,
  type Rung,
} from '../src/domain/shared/vocabulary.js';
import { addDecisionFact, finalDecision, personOf, type DecisionFacts } from './decision-facts-index.js';
import { communicationFormats, PERSON_EVENTS } from './communication-formats.js';
import type { Check, CheckKey, CoproductionReview, Flag, FlagCode } from './coproduction-checks.js';
import type { Projection } from './projection.js';

export { checkKeys, flagCodes, type Check, type CheckStatus, type CoproductionReview, type Flag, type FlagCode } from './coproduction-checks.js';

export interface CoproductionState {
  decisions: Record<string, DecisionFacts>;
  /** Accessible formats each person needs, from the person register. */
  formatsNeeded: Record<string, AccessibleFormat[]>;
}

const FEEDBACK_DAYS = 28;
const DAY_MS = 24 * 60 * 60 * 1000;

export const coproductionReview: Projection<CoproductionState> = {
  name: 'coproduction-review',
  version: 3,
  streamPrefixes: [DECISION_STREAM_PREFIX, ...PERSON_EVENTS.streamPrefixes],
  initialState: () => ({ decisions: {}, formatsNeeded: {} }),
  evolve(state, event) {
    const needs = communicationFormats(event);
    if (needs) state.formatsNeeded[needs.personId] = needs.formats;
    else addDecisionFact(state.decisions, event);
    return state;
  },
};

export function isPersonWhoUsesSupport(party: Party): boolean {
  return peopleWhoUseSupportRoles.includes(party.role);
}

function partyKey(party: Party): string {
  return personOf(party) ?? `${party.role}:${party.organisation ?? party.label ?? ''}`;
}

export function reviewDecision(state: CoproductionState, decisionId: string, now: string): CoproductionReview | undefined {
  const facts = state.decisions[decisionId];
  if (!facts) return undefined;
  const made = finalDecision(facts);
  const decidedAt = made?.position ?? Number.POSITIVE_INFINITY;
  const before = <T extends { position: number }>(items: T[]) => items.filter((i) => i.position < decidedAt);
  const after = <T extends { position: number }>(items: T[]) => (made ? items.filter((i) => i.position > made.position) : []);
  const nowMs = Date.parse(now);
  const pending = (note: string): Pick<Check, 'status' | 'note'> => ({ status: 'not-yet', note });

  const peopleInvolved = before(facts.involvement).filter((i) => isPersonWhoUsesSupport(i.participant));
  const peopleViews = before(facts.views).filter((v) => isPersonWhoUsesSupport(v.by));
  const checks: Check[] = [];
  const check = (number: number, key: CheckKey, question: string, result: Pick<Check, 'status' | 'note'>, evidence: string[]) =>
    checks.push({ number, key, question, ...result, evidence });

  // 1. People who use support (or representatives they chose) were involved before the decision.
  check(
    1,
    'involved-before-decision',
    'Were people who use support involved before the decision was made?',
    peopleInvolved.length > 0
      ? { status: 'pass', note: `${peopleInvolved.length} record(s) of involvement before the decision` }
      : made
        ? { status: 'fail', note: 'The decision was made without people who use support taking part' }
        : pending('No one who uses support has been involved yet'),
    peopleInvolved.map((i) => i.eventId),
  );

  // 2. Not the only one: at least two people who use support or self-advocates.
  const distinct = new Set(peopleInvolved.map((i) => partyKey(i.participant)));
  check(
    2,
    'not-the-only-one',
    'Did at least two people who use support or self-advocates take part?',
    distinct.size >= 2
      ? { status: 'pass', note: `${distinct.size} different people took part` }
      : made
        ? { status: 'fail', note: distinct.size === 1 ? 'Only one person who uses support took part' : 'Nobody who uses support took part' }
        : pending(`${distinct.size} so far`),
    peopleInvolved.map((i) => i.eventId),
  );

  // 3. Accessible information before they were asked, in the format each needs.
  const people = new Set([...peopleInvolved, ...peopleViews.map((v) => ({ participant: v.by }))].map((p) => personOf(p.participant)).filter((p): p is string => !!p));
  const missing: string[] = [];
  const infoEvidence = new Set<string>();
  for (const person of people) {
    const firstView = facts.views.find((v) => personOf(v.by) === person)?.position ?? decidedAt;
    const needed = state.formatsNeeded[person] ?? [];
    const shared = facts.information.filter(
      (i) =>
        i.timing === 'before-asking-for-views' &&
        i.position < firstView &&
        i.sharedWithPeople.includes(person) &&
        (needed.length === 0 || needed.includes(i.format)),
    );
    if (shared.length === 0) missing.push(person);
    for (const s of shared) infoEvidence.add(s.eventId);
  }
  check(
    3,
    'accessible-information-first',
    'Was accessible information shared with them before they were asked, in the format each needs?',
    people.size === 0
      ? made
        ? { status: 'fail', note: 'No one who uses support was involved, so no one was informed' }
        : pending('No one who uses support has been involved yet')
      : missing.length === 0
        ? { status: 'pass', note: `All ${people.size} got information first, in a format they need` }
        : { status: 'fail', note: `Not informed first in a format they need: ${missing.join(', ')}` },
    [...infoEvidence],
  );

  // 4. The three partners all involved.
  const involvedParties = [...before(facts.involvement).map((i) => ({ party: i.participant, id: i.eventId })), ...before(facts.views).map((v) => ({ party: v.by, id: v.eventId }))];
  const partners = {
    'people who use support': involvedParties.filter((p) => isPersonWhoUsesSupport(p.party)),
    'a provider': involvedParties.filter((p) => p.party.role === 'provider'),
    'a commissioner': involvedParties.filter((p) => p.party.role === 'commissioner'),
  };
  const absent = Object.entries(partners).filter(([, found]) => found.length === 0).map(([name]) => name);
  check(
    4,
    'three-partners',
    'Were all three partners involved: people who use support, a provider and a commissioner?',
    absent.length === 0 ? { status: 'pass', note: 'All three partners took part' } : made ? { status: 'fail', note: `Missing: ${absent.join(', ')}` } : pending(`Not yet: ${absent.join(', ')}`),
    Object.values(partners).flatMap((found) => found.slice(0, 1).map((p) => p.id)),
  );

  // 5. Every recorded view answered in the decision.
  const answered = new Set(made?.answers.map((a) => a.viewId) ?? []);
  const viewsBefore = before(facts.views);
  const unanswered = viewsBefore.filter((v) => !answered.has(v.viewId));
  check(
    5,
    'views-answered',
    'Did every recorded view get an answer in the decision?',
    !made
      ? pending(`${facts.views.length} view(s) waiting for the decision`)
      : unanswered.length === 0
        ? { status: 'pass', note: `${viewsBefore.length} view(s), all answered` }
        : { status: 'fail', note: `${unanswered.length} of ${viewsBefore.length} view(s) got no answer` },
    made ? [made.eventId, ...unanswered.map((v) => v.eventId)] : [],
  );

  // 6. Every accepted risk accepted with the people who bear it.
  const identified = new Map(facts.risksIdentified.map((r) => [r.riskId, r]));
  const badRisks = facts.risksAccepted.filter((a) => {
    const bearers = identified.get(a.riskId)?.fallsOnPeople ?? [];
    const accepters = new Set(a.acceptedByPeople);
    return bearers.some((b) => !accepters.has(b));
  });
  check(
    6,
    'risks-accepted-with-bearers',
    'Was every accepted risk accepted with the people who bear it?',
    facts.risksAccepted.length === 0
      ? { status: 'pass', note: 'No risks were accepted' }
      : badRisks.length === 0
        ? { status: 'pass', note: `${facts.risksAccepted.length} risk(s), each accepted with the people who bear it` }
        : { status: 'fail', note: `${badRisks.length} risk(s) accepted without the people who bear them` },
    (badRisks.length > 0 ? badRisks : facts.risksAccepted).map((r) => r.eventId),
  );

  // 7. Feedback after the decision (flag at 28 days without).
  const feedback = after(facts.feedback);
  const daysSince = made ? (nowMs - Date.parse(made.at)) / DAY_MS : 0;
  check(
    7,
    'feedback-given',
    'Was feedback given to those involved after the decision?',
    !made
      ? pending('The decision has not been made')
      : feedback.length > 0
        ? { status: 'pass', note: `Feedback given ${feedback.length} time(s)` }
        : daysSince > FEEDBACK_DAYS
          ? { status: 'fail', note: `No feedback ${Math.floor(daysSince)} days after the decision` }
          : pending(`No feedback yet; ${Math.max(0, Math.ceil(FEEDBACK_DAYS - daysSince))} day(s) left of ${FEEDBACK_DAYS}`),
    feedback.map((f) => f.eventId),
  );

  // 8. What changed for people recorded after the decision took effect.
  const changes = after(facts.changes);
  const reviewDue = made ? Date.parse(made.reviewDate) < nowMs : false;
  check(
    8,
    'changes-recorded',
    'Was what changed for people recorded after the decision took effect?',
    !made
      ? pending('The decision has not been made')
      : changes.length > 0
        ? { status: 'pass', note: `${changes.length} change(s) recorded` }
        : reviewDue
          ? { status: 'fail', note: 'The review date has passed and no change for anyone was recorded' }
          : pending('No change recorded yet'),
    changes.map((c) => c.eventId),
  );

  // 9. A self-advocate's review agrees with the rung claimed.
  const claimed = made?.claimedRung ?? null;
  const verdicts = facts.coproductionReviews.map((r) => ({
    by: r.by,
    rungReached: r.rungReached,
    agrees: claimed !== null && rungIndex(r.rungReached) >= rungIndex(claimed),
    comments: r.comments,
    eventId: r.eventId,
  }));
  const disagreements = verdicts.filter((v) => !v.agrees);
  check(
    9,
    'self-advocates-agree',
    'Does a self-advocate’s review agree with the rung the decision-makers claimed?',
    !made || verdicts.length === 0
      ? pending(made ? 'No self-advocate has reviewed it yet' : 'The decision has not been made')
      : disagreements.length === 0
        ? { status: 'pass', note: `${verdicts.length} review(s) agree with “${claimed}”` }
        : { status: 'fail', note: `${disagreements.length} review(s) say it was lower than “${claimed}”` },
    verdicts.map((v) => v.eventId),
  );

  const rungs = facts.involvement.filter((i) => isPersonWhoUsesSupport(i.participant)).map((i) => rungIndex(i.rung));
  const flags: Flag[] = [];
  const flag = (code: FlagCode, message: string, evidence: string[] = []) => flags.push({ decisionId, code, message, evidence });
  if (made && checks[0]?.status === 'fail') flag('decided-without-people', 'Decided without people who use support taking part');
  if (made && checks[1]?.status === 'fail') flag('only-one-person', 'Fewer than two people who use support took part', checks[1].evidence);
  if (checks[6]?.status === 'fail') flag('no-feedback', `No feedback ${FEEDBACK_DAYS} days after the decision`, made ? [made.eventId] : []);
  for (const d of disagreements) flag('rung-disagreement', `A self-advocate says it reached “${d.rungReached}”, not “${claimed}”: ${d.comments}`, [d.eventId]);
  if (made && reviewDue && !facts.closed) {
    const reviewedSince = [...after(facts.coproductionReviews), ...after(facts.involvement).filter((i) => i.stage === 'reviewing')].some(
      (r) => Date.parse(r.at) >= Date.parse(made.reviewDate),
    );
    if (!reviewedSince) flag('decision-review-overdue', `The decision was due for review on ${made.reviewDate}`, [made.eventId]);
  }
  for (const risk of overdueRiskReviews(facts, nowMs)) flag('risk-review-overdue', `A risk was due for review on ${risk.due}`, [risk.eventId]);

  return {
    decisionId,
    title: facts.proposed.title,
    status: facts.closed ? 'closed' : made ? 'decided' : facts.made.length > 0 ? 'deferred' : 'proposed',
    checks,
    passed: checks.filter((c) => c.status === 'pass').length,
    highestRungReached: rungs.length > 0 ? (ladder[Math.max(...rungs)] ?? null) : null,
    claimedRung: claimed,
    selfAdvocateVerdicts: verdicts,
    flags,
  };
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

/** Flags across all decisions (open decisions only; closed ones are history). */
export function allFlags(state: CoproductionState, now: string): Flag[] {
  return Object.keys(state.decisions).flatMap((id) => reviewDecision(state, id, now)?.flags ?? []);
}
