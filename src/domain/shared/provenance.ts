// Who a voice belongs to and how it reached the record. A person's own words are those their
// own (bound self-advocate) token recorded: that is read from the actor, never from what is
// sent. Someone recording for a person says for whom, how they gathered it and whether it
// was read back to them; the person can later confirm or dispute it.
import { z } from 'zod';
import { personId } from './vocabulary.js';

export const howGathered = z.enum(['in-a-meeting', 'by-their-advocate', 'easy-read-form', 'phone', 'in-writing', 'other']);
export type HowGathered = z.infer<typeof howGathered>;

/** Sent by whoever records a voice for someone else; a person recording their own sends none. */
export const recordedForSomeone = z.object({
  recordedFor: personId,
  gathered: howGathered,
  readBack: z.boolean().describe('whether what was written was read back to them'),
});
export type RecordedForSomeone = z.infer<typeof recordedForSomeone>;

/** The facts a person can confirm or dispute. */
export const confirmableFact = z.enum(['view', 'risk-acceptance', 'change']);
export type ConfirmableFact = z.infer<typeof confirmableFact>;
