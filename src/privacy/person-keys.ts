// One key per person, in a folder outside the event log (DATA_DIR/keys by default,
// KEYS_DIR to put it elsewhere). Forgetting a person destroys their key file.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { personId as personIdSchema } from '../domain/shared/vocabulary.js';
import { PartnershipLogError } from '../errors.js';

const KEY_BYTES = 32;

export class PersonKeys {
  readonly folder: string;

  private constructor(folder: string) {
    this.folder = folder;
  }

  static async open(folder: string): Promise<PersonKeys> {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    return new PersonKeys(folder);
  }

  /** The key's id as it appears in sealed data: the person's pseudonymous id. */
  keyId(personId: string): string {
    return personId;
  }

  keyFor(personId: string): Buffer | undefined {
    try {
      const key = readFileSync(this.#file(personId));
      return key.length === KEY_BYTES ? key : undefined;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  /** The person's key, made (durably) if they have none yet. */
  create(personId: string): Buffer {
    const existing = this.keyFor(personId);
    if (existing) return existing;
    const key = randomBytes(KEY_BYTES);
    const file = this.#file(personId);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, key, { mode: 0o600 });
    const fd = openSync(temporary, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
    this.#syncFolder();
    return key;
  }

  /** Overwrites and removes the key: the person's sealed data can never be opened again. */
  async destroy(personId: string): Promise<boolean> {
    const file = this.#file(personId);
    let fd: number;
    try {
      fd = openSync(file, 'r+');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
    try {
      writeSync(fd, randomBytes(KEY_BYTES), 0, KEY_BYTES, 0);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    unlinkSync(file);
    this.#syncFolder();
    return true;
  }

  #file(personId: string): string {
    // The id becomes a file name: only the register's own format is allowed.
    if (!personIdSchema.safeParse(personId).success) throw new PartnershipLogError('PL_ERR_VALIDATION', `${personId} is not a person id.`);
    return join(this.folder, `${personId}.key`);
  }

  #syncFolder(): void {
    const fd = openSync(this.folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}
