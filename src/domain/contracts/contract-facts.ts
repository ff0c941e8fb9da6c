// What can be recorded about a contract, as zod schemas: what a commissioner sends.
// The stored events add the ids the server chose and the time.
import { z } from 'zod';
import { entityId, isoDate, isoDateTime, longText, organisationName, pence, personId, shortText } from '../shared/vocabulary.js';

export const contractType = z.enum(['block', 'spot', 'framework', 'individual-service-fund']);
export type ContractType = z.infer<typeof contractType>;

/** How an individual budget reaches the person (Workbook on Person Centred Care Management, step two). */
export const fundingRoute = z.enum(['direct-payment', 'individual-service-fund', 'indirect-payment', 'trust', 'council-managed']);
export type FundingRoute = z.infer<typeof fundingRoute>;

export const contractRegistration = z
  .object({
    provider: organisationName,
    type: contractType,
    annualValue: pence,
    peopleCovered: z.array(personId).max(2000).default([]),
    service: shortText,
    start: isoDate,
    end: isoDate.optional(),
  })
  .refine((c) => c.end === undefined || c.end >= c.start, { message: 'a contract ends on or after its start', path: ['end'] });

export const disaggregationPlan = z.object({
  /** The disaggregation decision, made and agreed, that this plan carries out. */
  decisionId: entityId,
  timetable: z.array(z.object({ step: shortText, by: isoDate })).min(1, 'give at least one step of the timetable').max(50),
  /** Money released from the block each year to individual budgets. */
  amountToRelease: pence,
  /** Why the plan releases a different amount from the one the decision agreed; required then, kept in the event. */
  reasonForDifferentAmount: longText.optional(),
});

export const budgetAllocation = z
  .object({
    personId,
    amount: pence.refine((a) => a > 0, 'an allocation is more than nothing'),
    route: fundingRoute,
    /** For an Individual Service Fund: the provider the person chose to hold it. */
    heldBy: organisationName.optional(),
  })
  .refine((a) => a.route !== 'individual-service-fund' || a.heldBy !== undefined, {
    message: 'an Individual Service Fund names the provider the person chose to hold it',
    path: ['heldBy'],
  });

export const personMoved = z.object({
  personId,
  allocationId: entityId,
  date: isoDate,
  /** The provider now supporting the person, when their new arrangement is held by one: who supports them follows. */
  newProvider: organisationName.optional(),
});

/** An allocation stops being current (the person left, or a new allocation replaces it); its money goes back to what was released. */
export const allocationEnding = z.object({ date: isoDate, reason: longText });

export const contractVariation = z.object({
  /** What changed, in plain words. */
  change: longText,
  reasons: longText,
  newAnnualValue: pence.optional(),
  newEnd: isoDate.optional(),
});

export const contractEnding = z.object({ date: isoDate, reason: longText });

export const contractEventBase = { contractId: entityId, at: isoDateTime };
