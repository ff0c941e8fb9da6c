// The person register. Names, contact details and any free-text detail of a person's
// needs are sealed (encrypted with the person's own key) before they reach a command;
// the register's events hold only the ciphertext, the pseudonymous id and need codes.
import { z } from 'zod';
import { entityId, isoDate, isoDateTime, organisationName, personId, shortText } from '../shared/vocabulary.js';

/** Accessible Information Standard: the needs are identified, recorded, flagged, shared and met. */
export const communicationNeed = z.enum([
  'easy-read',
  'large-print',
  'audio',
  'british-sign-language',
  'interpreter',
  'translated',
  'advocate',
  'braille',
  'other',
]);
export type CommunicationNeed = z.infer<typeof communicationNeed>;

/** The "flag" step: a short code the council's own systems show beside the person (e.g. BSL, EASY-READ); never free text. */
export const needFlag = z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,15}$/, 'a flag is a short code in capitals, such as BSL or EASY-READ');

/** In plain text in the register's events: the co-production review checks information was shared in these formats. */
export const communicationNeeds = z.array(z.object({ need: communicationNeed, flag: needFlag.optional() })).max(20);
export type CommunicationNeeds = z.output<typeof communicationNeeds>;

/** AES-256-GCM ciphertext of the personal fields, base64; the key lives outside the log. */
export const sealedPersonalData = z.object({
  alg: z.literal('AES-256-GCM'),
  keyId: z.string().min(1).max(100),
  iv: z.base64(),
  tag: z.base64(),
  ciphertext: z.base64(),
});
export type SealedPersonalData = z.infer<typeof sealedPersonalData>;

/** What is sealed: never stored in the clear, never logged. */
export const personalFields = z.object({
  name: shortText,
  contactDetails: z.string().trim().max(1000).optional(),
  needsDetail: z.string().trim().max(2000).optional(),
});
export type PersonalFields = z.infer<typeof personalFields>;

/** What a commissioner sends to register someone (the route seals the personal fields). */
export const personRegistration = personalFields.extend({
  personId,
  communicationNeeds: communicationNeeds.default([]),
  supportedBy: z.array(organisationName).max(20).default([]),
});

export const needsUpdate = z.object({
  communicationNeeds,
  needsDetail: z.string().trim().max(2000).optional(),
});

export const supportUpdate = z.object({ supportedBy: z.array(organisationName).max(20) });

/** A move to a new provider recorded on a contract: who supports the person follows it. */
export const moveToProvider = z.object({ contractId: entityId, allocationId: entityId, date: isoDate, from: organisationName, to: organisationName });
export type MoveToProvider = z.output<typeof moveToProvider>;

/** A reason from a fixed list, so the erasure event itself can carry no personal data. */
export const erasure = z.object({ reason: z.enum(['the-person-asked', 'retention-period-ended', 'registered-in-error', 'other-lawful-reason']) });

export const personEventBase = { personId, at: isoDateTime };
