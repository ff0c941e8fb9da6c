// The short sign-in code on a self-advocate's card: 12 characters a supporter can read
// aloud and type, in three groups of four. The alphabet leaves out characters that look
// alike (0/O, 1/I/L) and U (read as V); case, spaces and dashes do not matter when typed.
// The first group names the link (so failed tries can be counted against it); the other
// eight are the secret (30^8, about 39 bits, against at most a handful of tries per link).
import { createHash, randomInt } from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '../domain/actor.js';
import { personId } from '../domain/shared/vocabulary.js';

/** A sign-in card for a self-advocate: the person it signs in as, and the name printed on it. */
export const signInLinkRequest = z.object({
  personId,
  name: z.string().trim().min(1, 'give the card a name').max(200),
});
export type SignInLinkRequest = z.input<typeof signInLinkRequest>;

/** A code exchanged for a credential, or why not; `unknown` also covers a wrong code for a link that exists. */
export type Redemption = { secret: string; actor: Actor } | { refused: 'unknown' | 'used' | 'expired' | 'revoked' };

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUP = 4;
const LENGTH = 3 * GROUP;

/** A new code, normalised (no dashes, upper case). */
export function newSignInCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** The code as typed, normalised; undefined when it cannot be a code (wrong length or characters). */
export function normaliseSignInCode(typed: string): string | undefined {
  const code = typed.replace(/[\s-]+/g, '').toUpperCase();
  if (code.length !== LENGTH) return undefined;
  for (const character of code) if (!CODE_ALPHABET.includes(character)) return undefined;
  return code;
}

/** The part of a code that names its link. */
export const codeIdOf = (code: string): string => code.slice(0, GROUP);

/** As printed on the card: ABCD-EFGH-JKMN. */
export const groupedCode = (code: string): string => [code.slice(0, GROUP), code.slice(GROUP, 2 * GROUP), code.slice(2 * GROUP)].join('-');

export const codeHash = (code: string): string => createHash('sha256').update(`sign-in-code:${code}`).digest('hex');

/** Does this look like a staff token (pl_…) rather than a card's code? */
export const isStaffToken = (typed: string): boolean => typed.startsWith('pl_');
