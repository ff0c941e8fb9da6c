// A register entry as a reader allowed to see it sees it (GET /people/:id): the name and
// details opened with the person's own key, or "forgotten person" once they were forgotten.
// The opening is the API's (it holds the keys); this is the answer's one schema.
import { z } from 'zod';
import { communicationNeeds } from '../src/domain/people/person-facts.js';

export const personEntrySchema = z.object({
  personId: z.string(),
  forgotten: z.boolean(),
  name: z.string(),
  contactDetails: z.string().nullable(),
  communicationNeeds,
  needsDetail: z.string().nullable(),
  supportedBy: z.array(z.string()),
  registeredAt: z.string(),
  /** The stream's revision (the ETag). */
  revision: z.number().int(),
});
export type PersonEntry = z.infer<typeof personEntrySchema>;
