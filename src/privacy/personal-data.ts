// Sealing a person's personal fields with their own key (AES-256-GCM): the log keeps
// only ciphertext, so destroying the key forgets the person while the hash chain,
// which covers the ciphertext, still verifies.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { personalFields, type PersonalFields, type SealedPersonalData } from '../domain/people/person-facts.js';

export function sealPersonalData(fields: PersonalFields, key: Buffer, keyId: string): SealedPersonalData {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  // The key id is bound in as associated data, so a ciphertext cannot be moved to another person.
  cipher.setAAD(Buffer.from(keyId));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(fields), 'utf8'), cipher.final()]);
  return { alg: 'AES-256-GCM', keyId, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
}

/** The fields, or undefined when they cannot be opened (wrong key, or altered). */
export function openPersonalData(sealed: SealedPersonalData, key: Buffer): PersonalFields | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(sealed.keyId));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
    const parsed = personalFields.safeParse(JSON.parse(plain));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
