// Who issues a command: taken from the caller's token, checked by the domain where
// ownership matters (a provider acts for its own organisation, a self-advocate for themself).
import { z } from 'zod';
import { personId } from './shared/vocabulary.js';

export const userRole = z.enum(['commissioner', 'provider', 'self-advocate', 'auditor', 'admin']);
export type UserRole = z.infer<typeof userRole>;

export const actor = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  role: userRole,
  organisation: z.string().min(1).optional(),
  personId: personId.optional(),
});
export type Actor = z.infer<typeof actor>;
