// The co-production review of one decision's facts: the nine checks with their evidence,
// the rung reached beside the rung claimed, the self-advocates' verdicts, and the flags.
// `now` judges what is overdue; `formatsNeeded` reads the person register's needs.
import { ladder, rungIndex, type AccessibleFormat, type Party } from '../src/domain/shared/vocabulary.js';
import { occurredMs } from '../src/domain/shared/when-it-happened.js';
import type { Check, CheckKey, CoproductionReview } from './coproduction-checks.js';
import { acceptedWith, countedNote, countsAsInvolved, happenedBefore, isOwnView, isPersonWhoUsesSupport, standingOf } from './coproduction-evidence.js';
import { flagsOf } from './coproduction-flags.js';
import { finalDecision, personOf, type DecisionFacts, type Evidence } from './decision-facts-index.js';
import { changesCheck, feedbackCheck, reviewIsDue } from './timely-checks.js';

function partyKey(party: Party): string {
  return personOf(party) ?? `${party.role}:${party.organisation ?? party.label ?? ''}`;
}

const ids = (items: readonly Evidence[]) => items.map((i) => i.eventId);

/** One decision's review; `formatsNeeded` gives the accessible formats a person needs. */
export function reviewFacts(facts: DecisionFacts, formatsNeeded: (personId: string) => readonly AccessibleFormat[], now: string): CoproductionReview {
  const { decisionId } = facts;
  const made = finalDecision(facts);
  // Before and after the decision by when things happened: a meeting recorded late still came first.
  const before = <T extends Evidence>(items: T[]) => (made ? items.filter((i) => happenedBefore(i, made)) : items);
  const after = <T extends Evidence>(items: T[]) => (made ? items.filter((i) => happenedBefore(made, i)) : []);
  const nowMs = Date.parse(now);
  const pending = (note: string): Pick<Check, 'status' | 'note'> => ({ status: 'not-yet', note });
  const withCounted = (result: Pick<Check, 'status' | 'note'>, note: string) => ({ ...result, note: `${result.note} (${note})` });

  const peopleInvolvement = before(facts.involvement).filter((i) => isPersonWhoUsesSupport(i.participant));
  const peopleInvolved = peopleInvolvement.filter(countsAsInvolved);
  const onlyTold = peopleInvolvement.filter((i) => !countsAsInvolved(i));
  const peopleViews = before(facts.views).filter((v) => isPersonWhoUsesSupport(v.by));
  const ownViews = peopleViews.filter((v) => isOwnView(facts, v));
  const claimedViews = peopleViews.filter((v) => !isOwnView(facts, v));
  const involvementNote = countedNote(ids(peopleInvolved), [{ why: 'informing rung or below: told, not involved', ids: ids(onlyTold) }]);
  const checks: Check[] = [];
  const check = (number: number, key: CheckKey, question: string, result: Pick<Check, 'status' | 'note'>, evidence: string[]) =>
    checks.push({ number, key, question, ...result, evidence });

  // 1. People who use support (or representatives they chose) were involved before the decision, above the informing rung.
  check(
    1,
    'involved-before-decision',
    'Were people who use support involved before the decision was made?',
    withCounted(
      peopleInvolved.length > 0
        ? { status: 'pass', note: `${peopleInvolved.length} record(s) of involvement before the decision` }
        : made
          ? { status: 'fail', note: onlyTold.length > 0 ? 'People who use support were only told, not involved, before the decision' : 'The decision was made without people who use support taking part' }
          : pending('No one who uses support has been involved yet'),
      involvementNote,
    ),
    ids(peopleInvolved),
  );

  // 2. Not the only one: at least two people who use support or self-advocates.
  const distinct = new Set(peopleInvolved.map((i) => partyKey(i.participant)));
  check(
    2,
    'not-the-only-one',
    'Did at least two people who use support or self-advocates take part?',
    withCounted(
      distinct.size >= 2
        ? { status: 'pass', note: `${distinct.size} different people took part` }
        : made
          ? { status: 'fail', note: distinct.size === 1 ? 'Only one person who uses support took part' : 'Nobody who uses support took part' }
          : pending(`${distinct.size} so far`),
      involvementNote,
    ),
    ids(peopleInvolved),
  );

  // 3. Accessible information before they were asked, in the format each needs (by when each happened).
  const people = new Set([...peopleInvolved.map((i) => i.participant), ...ownViews.map((v) => v.by)].map(personOf).filter((p): p is string => !!p));
  const missing: string[] = [];
  const infoEvidence = new Set<string>();
  for (const person of people) {
    const firstView = facts.views.filter((v) => personOf(v.by) === person).sort((a, b) => occurredMs(a.happenedAt) - occurredMs(b.happenedAt))[0] ?? made;
    const needed = formatsNeeded(person);
    const shared = facts.information.filter(
      (i) =>
        i.timing === 'before-asking-for-views' &&
        (!firstView || happenedBefore(i, firstView)) &&
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
    withCounted(
      people.size === 0
        ? made
          ? { status: 'fail', note: 'No one who uses support was involved, so no one was informed' }
          : pending('No one who uses support has been involved yet')
        : missing.length === 0
          ? { status: 'pass', note: `All ${people.size} got information first, in a format they need` }
          : { status: 'fail', note: `Not informed first in a format they need: ${missing.join(', ')}` },
      countedNote([...infoEvidence], [{ why: 'views recorded for people, not confirmed by them', ids: ids(claimedViews) }]),
    ),
    [...infoEvidence],
  );

  // 4. The three partners all involved; people who use support by their own involvement or their own views.
  const involvedParties = [
    ...before(facts.involvement).filter(countsAsInvolved).map((i) => ({ party: i.participant, id: i.eventId })),
    ...before(facts.views).filter((v) => !isPersonWhoUsesSupport(v.by) || isOwnView(facts, v)).map((v) => ({ party: v.by, id: v.eventId })),
  ];
  const partners = {
    'people who use support': involvedParties.filter((p) => isPersonWhoUsesSupport(p.party)),
    'a provider': involvedParties.filter((p) => p.party.role === 'provider'),
    'a commissioner': involvedParties.filter((p) => p.party.role === 'commissioner'),
  };
  const absent = Object.entries(partners).filter(([, found]) => found.length === 0).map(([name]) => name);
  const partnerEvidence = Object.values(partners).flatMap((found) => found.slice(0, 1).map((p) => p.id));
  check(
    4,
    'three-partners',
    'Were all three partners involved: people who use support, a provider and a commissioner?',
    withCounted(
      absent.length === 0 ? { status: 'pass', note: 'All three partners took part' } : made ? { status: 'fail', note: `Missing: ${absent.join(', ')}` } : pending(`Not yet: ${absent.join(', ')}`),
      countedNote(partnerEvidence, [
        { why: 'informing rung or below', ids: ids(before(facts.involvement).filter((i) => !countsAsInvolved(i))) },
        { why: 'views recorded for people, not confirmed by them', ids: ids(claimedViews) },
      ]),
    ),
    partnerEvidence,
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
        : { status: 'fail', note: `${unanswered.length} of ${viewsBefore.length} view(s) got no answer: ${ids(unanswered).join(', ')}` },
    made ? [made.eventId, ...unanswered.map((v) => v.eventId)] : [],
  );

  // 6. Every accepted risk accepted with the people who bear it: by them, confirmed by them, or by someone they chose; not disputed.
  const identified = new Map(facts.risksIdentified.map((r) => [r.riskId, r]));
  const badRisks = facts.risksAccepted.filter((a) => (identified.get(a.riskId)?.fallsOnPeople ?? []).some((bearer) => !acceptedWith(facts, a, bearer)));
  const goodRisks = facts.risksAccepted.filter((a) => !badRisks.includes(a));
  check(
    6,
    'risks-accepted-with-bearers',
    'Was every accepted risk accepted with the people who bear it?',
    withCounted(
      facts.risksAccepted.length === 0
        ? { status: 'pass', note: 'No risks were accepted' }
        : badRisks.length === 0
          ? { status: 'pass', note: `${facts.risksAccepted.length} risk(s), each accepted with the people who bear it` }
          : { status: 'fail', note: `${badRisks.length} risk(s) accepted for the people who bear them, not with them` },
      countedNote(ids(goodRisks), [{ why: 'accepted for them, not by them or someone they chose, or disputed', ids: ids(badRisks) }]),
    ),
    (badRisks.length > 0 ? badRisks : facts.risksAccepted).map((r) => r.eventId),
  );

  // 7. Feedback after the decision (flag at 28 days without), both by when they happened.
  const feedback = after(facts.feedback);
  check(7, 'feedback-given', 'Was feedback given to those involved after the decision?', feedbackCheck(made && occurredMs(made.happenedAt), feedback.length, nowMs), feedback.map((f) => f.eventId));

  // 8. What changed for people recorded after the decision took effect; a change the person disputes does not count.
  const changesAfter = after(facts.changes);
  const disputedChanges = changesAfter.filter((c) => standingOf(facts, 'change', c.changeId, c.personId, c) === 'disputed');
  const changes = changesAfter.filter((c) => !disputedChanges.includes(c));
  const reviewDue = reviewIsDue(made?.reviewDate, nowMs);
  check(
    8,
    'changes-recorded',
    'Was what changed for people recorded after the decision took effect?',
    withCounted(changesCheck(made?.reviewDate, changes.length, nowMs), countedNote(ids(changes), [{ why: 'disputed by the person', ids: ids(disputedChanges) }])),
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
  return {
    decisionId,
    title: facts.proposed.title,
    status: facts.closed ? 'closed' : made ? 'decided' : facts.made.length > 0 ? 'deferred' : 'proposed',
    checks,
    passed: checks.filter((c) => c.status === 'pass').length,
    highestRungReached: rungs.length > 0 ? (ladder[Math.max(...rungs)] ?? null) : null,
    claimedRung: claimed,
    selfAdvocateVerdicts: verdicts,
    flags: flagsOf({ facts, made, checks, disagreements, claimed, onlyTold, peopleInvolved, reviewDue, nowMs, after }),
  };
}
