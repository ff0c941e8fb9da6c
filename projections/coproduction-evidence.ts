// How the co-production review weighs what is recorded: evidence, not claims. Being told is
// not being involved; a view is a person's own only if they recorded or confirmed it; a risk
// is accepted with the person who bears it only if they, or someone they chose, accepted it;
// a disputed fact counts against. Order is judged by when things happened, not when typed.
import type { ConfirmableFact } from '../src/domain/shared/provenance.js';
import { peopleWhoUseSupportRoles, rungIndex, type Party } from '../src/domain/shared/vocabulary.js';
import { occurredMs } from '../src/domain/shared/when-it-happened.js';
import { personOf, type DecisionFacts, type Evidence } from './decision-facts-index.js';

/** Feedback is due within this many days of the decision. */
export const FEEDBACK_DAYS = 28;

export function isPersonWhoUsesSupport(party: Party): boolean {
  return peopleWhoUseSupportRoles.includes(party.role);
}

/** Happened before: by when it happened, and for facts that happened at the same moment, by the order they were recorded. */
export function happenedBefore(a: Evidence, b: Evidence): boolean {
  const [ta, tb] = [occurredMs(a.happenedAt), occurredMs(b.happenedAt)];
  return ta < tb || (ta === tb && a.position < b.position);
}

/** Involvement on the informing rung or below is being told, not being involved. */
export function countsAsInvolved(involvement: DecisionFacts['involvement'][number]): boolean {
  return rungIndex(involvement.rung) > rungIndex('informing');
}

export type Answer = 'confirmed' | 'disputed' | undefined;

/** Whether the person confirmed or disputed a fact (a dispute outweighs a confirmation). */
export function answerOf(facts: DecisionFacts, fact: ConfirmableFact, factId: string, personId: string | undefined): Answer {
  const answers = facts.answers.filter((a) => a.fact === fact && a.factId === factId && a.personId === personId);
  if (answers.some((a) => a.disputed)) return 'disputed';
  return answers.length > 0 ? 'confirmed' : undefined;
}

/** How a voice stands as evidence of what the person themselves said. */
export type Standing = 'their-own' | 'confirmed' | 'disputed' | 'recorded-for-them';

export function standingOf(facts: DecisionFacts, fact: ConfirmableFact, factId: string, personId: string | undefined, evidence: Evidence): Standing {
  const answer = answerOf(facts, fact, factId, personId);
  if (answer === 'disputed') return 'disputed';
  if (evidence.byThePerson) return 'their-own';
  return answer === 'confirmed' ? 'confirmed' : 'recorded-for-them';
}

/** A view counts as the person's own only if they recorded it or confirmed it (and did not dispute it). */
export function isOwnView(facts: DecisionFacts, view: DecisionFacts['views'][number]): boolean {
  const standing = standingOf(facts, 'view', view.viewId, personOf(view.by), view);
  return standing === 'their-own' || standing === 'confirmed';
}

/**
 * Whether a risk was accepted with one person who bears it: they are among those who accepted
 * it and either recorded or confirmed the acceptance, or one who accepted it is a helper they
 * chose or a representative acting for them; and they did not dispute it.
 */
export function acceptedWith(facts: DecisionFacts, acceptance: DecisionFacts['risksAccepted'][number], bearer: string): boolean {
  const standing = standingOf(facts, 'risk-acceptance', acceptance.riskId, bearer, acceptance);
  if (standing === 'disputed') return false;
  if (!acceptance.acceptedByPeople.includes(bearer)) return false;
  if (standing === 'their-own' || standing === 'confirmed') return true;
  const chosen = facts.chosenHelpers[bearer] ?? [];
  return acceptance.acceptedBy.some(
    (party) => (party.onBehalfOf === bearer && party.personId === undefined) || chosen.some((helper) => sameParty(helper, party)),
  );
}

function sameParty(a: Party, b: Party): boolean {
  return a.role === b.role && a.personId === b.personId && a.onBehalfOf === b.onBehalfOf && a.organisation === b.organisation && a.label === b.label;
}

/** "Counted: …; not counted (why): …" with the evidence ids, for a check's note. */
export function countedNote(counted: readonly string[], notCounted: readonly { why: string; ids: readonly string[] }[]): string {
  const parts = [`counted: ${counted.length > 0 ? counted.join(', ') : 'none'}`];
  for (const { why, ids } of notCounted) if (ids.length > 0) parts.push(`not counted (${why}): ${ids.join(', ')}`);
  return parts.join('; ');
}
