// One key per person, in a folder outside the event log (DATA_DIR/keys by default,
// KEYS_DIR to put it elsewhere). Forgetting a person destroys their key file.
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readdirSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { personId as personIdSchema } from '../domain/shared/vocabulary.js';
import { PartnershipLogError } from '../errors.js';
import { makePrivateFolderSync, openPrivateSync, removeQuietly, syncFolderSync } from '../shared/private-files.js';
import { isCode, writeFailure } from '../shared/write-failures.js';

const KEY_BYTES = 32;
const KEY_SUFFIX = '.key';

/** A person's key as found in the folder. */
export type KeyLookup = { state: 'present'; key: Buffer } | { state: 'missing' } | { state: 'damaged' };

/** Why a registered person's sealed fields cannot be opened. */
export type KeyProblem = 'missing' | 'damaged';

export interface PersonKeysOptions {
  /** Where a missing or damaged key is reported (once per person and problem). */
  logger?: Logger;
}

export class PersonKeys {
  readonly folder: string;
  readonly #logger: Logger | undefined;
  readonly #reported = new Set<string>();

  private constructor(folder: string, options: PersonKeysOptions) {
    this.folder = folder;
    this.#logger = options.logger;
  }

  static async open(folder: string, options: PersonKeysOptions = {}): Promise<PersonKeys> {
    makePrivateFolderSync(folder);
    return new PersonKeys(folder, options);
  }

  /** The key's id as it appears in sealed data: the person's pseudonymous id. */
  keyId(personId: string): string {
    return personId;
  }

  lookup(personId: string): KeyLookup {
    let key: Buffer;
    try {
      key = readFileSync(this.#file(personId));
    } catch (err) {
      if (isCode(err, 'ENOENT')) return { state: 'missing' };
      throw err;
    }
    return key.length === KEY_BYTES ? { state: 'present', key } : { state: 'damaged' };
  }

  /** The key, or undefined when there is none that can be used. */
  keyFor(personId: string): Buffer | undefined {
    const found = this.lookup(personId);
    return found.state === 'present' ? found.key : undefined;
  }

  /**
   * The person's key, made (durably) if they have none yet. An existing key file is never
   * replaced: a key that sealed a stored event must outlive every later call.
   */
  create(personId: string): Buffer {
    const existing = this.keyFor(personId);
    if (existing) return existing;
    const key = randomBytes(KEY_BYTES);
    const file = this.#file(personId);
    const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
    try {
      const fd = openPrivateSync(temporary, 'wx');
      try {
        writeSync(fd, key);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      // A link, not a rename: it fails rather than replace a key made meanwhile.
      linkSync(temporary, file);
    } catch (err) {
      if (isCode(err, 'EEXIST')) return this.#existing(personId);
      const reason = writeFailure(err);
      if (reason) {
        throw new PartnershipLogError('PL_ERR_STORE_UNAVAILABLE', `The key of ${personId} could not be saved: ${this.folder} cannot be written (${reason}). Nothing was recorded.`, { cause: err });
      }
      throw err;
    } finally {
      removeQuietly(temporary);
    }
    syncFolderSync(this.folder);
    return key;
  }

  /**
   * Overwrites and removes the key (and any copy a crash left mid-way through making it): the
   * person's sealed data can never be opened again. True when there was something to destroy;
   * throws (the system error) when it cannot be done.
   */
  async destroy(personId: string): Promise<boolean> {
    const file = this.#file(personId);
    const leftovers = this.#files().filter((name) => name.startsWith(`${personId}${KEY_SUFFIX}.`));
    let destroyed = false;
    for (const path of [file, ...leftovers.map((name) => join(this.folder, name))]) {
      let fd: number;
      try {
        fd = openSync(path, 'r+');
      } catch (err) {
        if (isCode(err, 'ENOENT')) continue;
        throw err;
      }
      try {
        writeSync(fd, randomBytes(KEY_BYTES), 0, KEY_BYTES, 0);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      unlinkSync(path);
      destroyed = true;
    }
    if (destroyed) syncFolderSync(this.folder);
    return destroyed;
  }

  /** Every person with a key file (or a copy of one) in the folder. */
  personIds(): string[] {
    const ids = new Set<string>();
    for (const name of this.#files()) {
      const id = name.slice(0, name.indexOf(KEY_SUFFIX));
      if (name.includes(KEY_SUFFIX) && personIdSchema.safeParse(id).success) ids.add(id);
    }
    return [...ids].sort();
  }

  /**
   * The error for a person who was not forgotten but whose key is missing or damaged: never
   * shown as "forgotten person", which it is not. Logged once per person and problem.
   */
  unavailable(personId: string, problem: KeyProblem): PartnershipLogError {
    if (!this.#reported.has(`${personId}:${problem}`)) {
      this.#reported.add(`${personId}:${problem}`);
      this.#logger?.error({ personId, problem, keysFolder: this.folder }, 'personal data cannot be opened: the key is missing or damaged, and the person was not forgotten');
    }
    return new PartnershipLogError(
      'PL_ERR_KEY_MISSING',
      `The personal data of ${personId} cannot be opened: their key is ${problem === 'missing' ? 'missing' : 'damaged'}. ` +
        `They were not forgotten. An administrator should restore ${this.folder} from a backup.`,
    );
  }

  #existing(personId: string): Buffer {
    const key = this.keyFor(personId);
    if (!key) throw this.unavailable(personId, 'damaged');
    return key;
  }

  #files(): string[] {
    try {
      return readdirSync(this.folder);
    } catch (err) {
      if (isCode(err, 'ENOENT')) return [];
      throw err;
    }
  }

  #file(personId: string): string {
    // The id becomes a file name: only the register's own format is allowed.
    if (!personIdSchema.safeParse(personId).success) throw new PartnershipLogError('PL_ERR_VALIDATION', `${personId} is not a person id.`);
    return join(this.folder, `${personId}${KEY_SUFFIX}`);
  }
}

