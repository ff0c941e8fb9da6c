// Sealing a person's personal fields with their own key (AES-256-GCM): the log keeps
// only ciphertext, so destroying the key forgets the person while the hash chain,
// which covers the ciphertext, still verifies.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { personalFields, type PersonalFields, type SealedPersonalData } from '../domain/people/person-facts.js';

const IV_BYTES = 12;
// Fixed, so a tag cut short (GCM would otherwise accept 4 to 16 bytes) is refused.
const TAG_BYTES = 16;

/** keyId is the person's id: it is bound in as associated data, so a ciphertext cannot be moved to another person. */
export function sealPersonalData(fields: PersonalFields, key: Buffer, keyId: string): SealedPersonalData {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(keyId));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(fields), 'utf8'), cipher.final()]);
  return { alg: 'AES-256-GCM', keyId, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
}

/** The fields, or undefined when they cannot be opened (wrong or destroyed key, or altered data). */
export function openPersonalData(sealed: SealedPersonalData, key: Buffer): PersonalFields | undefined {
  try {
    const iv = Buffer.from(sealed.iv, 'base64');
    const tag = Buffer.from(sealed.tag, 'base64');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(sealed.keyId));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
    const parsed = personalFields.safeParse(JSON.parse(plain));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
