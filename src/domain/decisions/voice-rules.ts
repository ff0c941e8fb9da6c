// The rules for voices and times on a decision's commands (issue 15): who answers a fact
// recorded for them and how, the provenance someone recording for a person gives, and when a
// fact may have happened. Pure, like decide: refusals with stable codes.
import { refuse } from '../../errors.js';
import type { RecordedForSomeone } from '../shared/provenance.js';
import { isInTheFuture, isWhollyBefore } from '../shared/when-it-happened.js';
import type { Actor } from '../actor.js';
import type { ConfirmableFact } from '../shared/provenance.js';
import type { Decision } from './decision.js';

const FACT_WORDS = { view: 'view', 'risk-acceptance': 'risk acceptance', change: 'change' } as const;

/** Only the person a fact concerns answers it, once: themselves, or a commissioner recording their answer with provenance. */
export function mayAnswer(
  actor: Actor,
  { fact, factId, personId, provenance }: { fact: ConfirmableFact; factId: string; personId: string; provenance?: RecordedForSomeone | undefined },
  decision: Decision,
): void {
  const voice = decision.voices.find((v) => v.fact === fact && v.factId === factId);
  if (!voice) refuse('PL_ERR_FACT_NOT_FOUND', `There is no ${FACT_WORDS[fact]} ${factId} on this decision.`);
  if (!voice.people.includes(personId)) {
    refuse('PL_ERR_NOT_THEIR_FACT', `This ${FACT_WORDS[fact]} does not concern ${personId}: only the person it concerns confirms or disputes it.`);
  }
  if (actor.role !== 'self-advocate' && provenance?.recordedFor !== personId) {
    refuse('PL_ERR_PROVENANCE_NEEDED', `Recording ${personId}’s answer for them says so: give provenance with recordedFor ${personId}, how it was gathered and whether it was read back.`);
  }
  if (voice.answeredBy.includes(personId)) {
    refuse('PL_ERR_FACT_ALREADY_ANSWERED', `${personId} has already confirmed or disputed this ${FACT_WORDS[fact]}.`);
  }
}

/** When a fact happened: never in the future, and never before the proposal unless it is information that prepared it. */
export function checkWhenItHappened(when: string | undefined, now: string, preparesIt: boolean, decision: Decision): void {
  if (when === undefined) return;
  if (isInTheFuture(when, now)) refuse('PL_ERR_HAPPENS_LATER', `${when} is in the future: record what has happened, when it has happened.`);
  if (!preparesIt && isWhollyBefore(when, decision.proposedAt)) {
    refuse('PL_ERR_BEFORE_PROPOSAL', `${when} is before this decision was proposed (${decision.proposedAt}); only information shared to prepare it can be earlier.`);
  }
}

/** A person recording their own words sends no provenance; someone recording for them names the person the fact is about. */
export function checkProvenance(actor: Actor, provenance: RecordedForSomeone | undefined, concerns: readonly string[] | undefined): void {
  if (provenance === undefined) return;
  if (actor.role === 'self-advocate') {
    refuse('PL_ERR_VALIDATION', 'Your own words need no provenance: it is for someone recording a person’s words for them.');
  }
  if (concerns !== undefined && !concerns.includes(provenance.recordedFor)) {
    refuse('PL_ERR_NOT_THEIR_FACT', `It is recorded for ${provenance.recordedFor}, but it is not about them: record it for ${concerns.join(' or ') || 'the person it is about'}.`);
  }
}
