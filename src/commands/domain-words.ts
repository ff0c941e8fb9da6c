// The domain's words the pages need (who is signed in, a party, the ladder, a real calendar
// day) and its rule for whom they may record as, passed on here so that the pages
// (src/web/) reach the domain through the command layer and never import it.
import type { Actor } from '../domain/actor.js';
import { checkWhomItNames } from '../domain/shared/who-may-name-whom.js';
import type { Party } from '../domain/shared/vocabulary.js';
import { PartnershipLogError } from '../errors.js';

export type { Actor, UserRole } from '../domain/actor.js';
export { isCalendarDay, ladder, type Party, type PartyRole } from '../domain/shared/vocabulary.js';
export type { ContractEventType } from '../domain/contracts/contract-events.js';
export type { DecisionEventType } from '../domain/decisions/decision-events.js';
export type { PersonEventType } from '../domain/people/person-events.js';

/** Whether the signed-in person may record something as this author: the same rule every command's decider applies. */
export function mayRecordAs(actor: Actor, author: Party): boolean {
  try {
    checkWhomItNames({ actor, supportedPeople: [] }, { authors: [author] });
    return true;
  } catch (error) {
    // A refusal is the answer "no"; anything else is a fault to surface, not a choice to hide.
    if (error instanceof PartnershipLogError) return false;
    throw error;
  }
}
