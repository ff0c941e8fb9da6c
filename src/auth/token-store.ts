// API tokens, kept only as hashes in DATA_DIR/tokens.json. The secret is shown once, at
// creation; it carries the token's id, so checking it is one lookup and one constant-time
// comparison. The file is re-read when it changes, so `npm run token` works beside a
// running server: a token it creates or revokes takes effect at the next request.
// Every change is a read-modify-write under a lock file shared by all processes, reading
// the file afresh under the lock, so two processes never lose each other's changes.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { userRole, type Actor } from '../domain/actor.js';
import { personId } from '../domain/shared/vocabulary.js';
import { PartnershipLogError } from '../errors.js';
import { LockBusyError, withFileLock } from '../shared/file-lock.js';
import { makePrivateFolderSync, openPrivateSync, removeQuietly, syncFolderSync } from '../shared/private-files.js';
import { isCode, writeFailure } from '../shared/write-failures.js';
import { codeHash, codeIdOf, newSignInCode, signInLinkRequest, type Redemption, type SignInLinkRequest } from './sign-in-codes.js';

export const TOKENS_FILE = 'tokens.json';

export const tokenRequest = z
  .object({
    role: userRole,
    name: z.string().trim().min(1, 'give the token a name').max(200),
    organisation: z.string().trim().min(1).max(200).optional(),
    personId: personId.optional(),
  })
  .refine((t) => t.role !== 'provider' || t.organisation !== undefined, {
    message: 'a provider token is bound to its organisation (--org)',
    path: ['organisation'],
  })
  .refine((t) => t.role === 'provider' || t.role === 'commissioner' || t.organisation === undefined, {
    message: 'only provider and commissioner tokens name an organisation',
    path: ['organisation'],
  })
  .refine((t) => t.role === 'self-advocate' || t.personId === undefined, {
    message: 'only a self-advocate token may be bound to a person (--person)',
    path: ['personId'],
  });
export type TokenRequest = z.input<typeof tokenRequest>;


const storedToken = z.object({
  id: z.string(),
  name: z.string(),
  role: userRole,
  organisation: z.string().optional(),
  personId: z.string().optional(),
  createdAt: z.string(),
  revokedAt: z.string().optional(),
  /** The hash of the secret; for a sign-in link, of the credential made when its code was used ('' before). */
  hash: z.string(),
  /** A self-advocate's sign-in card (absent: a staff token, shown once as pl_…). */
  kind: z.literal('sign-in-link').optional(),
  /** A sign-in link's code: the group that names it, the hash of the whole code, until when it works, when it was used. */
  codeId: z.string().optional(),
  codeHash: z.string().optional(),
  expiresAt: z.string().optional(),
  usedAt: z.string().optional(),
});
type StoredToken = z.infer<typeof storedToken>;
/** A token as listed and answered: never its hash, nor its code's. */
export const tokenRecord = storedToken.omit({ hash: true, codeHash: true });
export type TokenRecord = z.infer<typeof tokenRecord>;

const tokensFile = z.object({ tokens: z.array(storedToken) });

const SECRET = /^pl_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

const hashOf = (secret: string) => createHash('sha256').update(secret).digest();

export interface TokenStoreOptions {
  /** How long a change waits for another process that is changing the file (default 10 s). */
  lockWaitMs?: number;
}

export class TokenStore {
  readonly #folder: string;
  readonly #file: string;
  readonly #lockWaitMs: number | undefined;
  #tokens = new Map<string, StoredToken>();
  /** The identity of the file #tokens was read from (inode, size, mtime), to skip re-reading it unchanged. */
  #seen = '';

  private constructor(dataDir: string, options: TokenStoreOptions) {
    this.#folder = dataDir;
    this.#file = join(dataDir, TOKENS_FILE);
    this.#lockWaitMs = options.lockWaitMs;
  }

  /** Refuses to open a damaged tokens file: an empty list would lock everyone out, and the next change would overwrite it. */
  static async open(dataDir: string, options: TokenStoreOptions = {}): Promise<TokenStore> {
    makePrivateFolderSync(dataDir);
    const store = new TokenStore(dataDir, options);
    store.#refresh();
    return store;
  }

  async create(request: TokenRequest, now: string): Promise<{ token: string; record: TokenRecord }> {
    const parsed = tokenRequest.safeParse(request);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'token'}: ${i.message}`).join('; ');
      throw new PartnershipLogError('PL_ERR_VALIDATION', `The token cannot be made: ${problems}.`);
    }
    const id = randomUUID();
    const token = `pl_${id.replaceAll('-', '')}_${randomBytes(32).toString('base64url')}`;
    const stored: StoredToken = { id, ...parsed.data, createdAt: now, hash: hashOf(token).toString('hex') };
    await this.#change('The new token could not be saved', (tokens) => {
      tokens.set(id, stored);
      return { changed: true, result: stored };
    });
    return { token, record: withoutHash(stored) };
  }

  /** A single-use, short-lived sign-in link for a self-advocate; its code is answered once and kept only as a hash. */
  async createSignInLink(request: SignInLinkRequest, now: Date, lifetimeMs: number): Promise<{ code: string; record: TokenRecord }> {
    const parsed = signInLinkRequest.safeParse(request);
    if (!parsed.success) throw new PartnershipLogError('PL_ERR_VALIDATION', `The sign-in link cannot be made: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`);
    const { personId: person, name } = parsed.data;
    const id = randomUUID();
    const stored = await this.#change('The new sign-in link could not be saved', (tokens) => {
      const taken = new Set([...tokens.values()].filter((t) => t.kind === 'sign-in-link' && !t.usedAt && !t.revokedAt).map((t) => t.codeId));
      let code = newSignInCode();
      while (taken.has(codeIdOf(code))) code = newSignInCode();
      const made: StoredToken = { id, name, role: 'self-advocate', personId: person, createdAt: now.toISOString(), hash: '', kind: 'sign-in-link', codeId: codeIdOf(code), codeHash: codeHash(code), expiresAt: new Date(now.getTime() + lifetimeMs).toISOString() };
      tokens.set(id, made);
      return { changed: true, result: { code, made } };
    });
    return { code: stored.code, record: withoutHash(stored.made) };
  }

  /** A card's code (normalised) exchanged, once, before it expires, unless revoked, for a credential the session keeps. */
  async redeemSignInCode(code: string, now: Date): Promise<Redemption> {
    return this.#change<Redemption>('The sign-in could not be saved', (tokens) => {
      const stored = [...tokens.values()].find((t) => t.kind === 'sign-in-link' && t.codeId === codeIdOf(code) && t.codeHash !== undefined && sameHash(t.codeHash, codeHash(code)));
      const refused = !stored ? 'unknown' : stored.revokedAt ? 'revoked' : stored.usedAt ? 'used' : Date.parse(stored.expiresAt ?? '') > now.getTime() ? undefined : 'expired';
      if (refused || !stored) return { changed: false, result: { refused: refused ?? 'unknown' } };
      const secret = `pl_${stored.id.replaceAll('-', '')}_${randomBytes(32).toString('base64url')}`;
      const used = { ...stored, usedAt: now.toISOString(), hash: hashOf(secret).toString('hex') };
      tokens.set(stored.id, used);
      return { changed: true, result: { secret, actor: actorOf(used) } };
    });
  }

  list(): TokenRecord[] {
    this.#refresh();
    return [...this.#tokens.values()].map(withoutHash);
  }

  async revoke(id: string, now: string): Promise<TokenRecord> {
    const revoked = await this.#change(`The revocation of token ${id} could not be saved`, (tokens) => {
      const stored = tokens.get(id);
      if (!stored) throw new PartnershipLogError('PL_ERR_TOKEN_NOT_FOUND', `There is no token ${id}.`);
      if (stored.revokedAt) return { changed: false, result: stored };
      const marked = { ...stored, revokedAt: now };
      tokens.set(id, marked);
      return { changed: true, result: marked };
    });
    return withoutHash(revoked);
  }

  /** The actor a secret stands for, or undefined when it is unknown, wrong or revoked. */
  authenticate(secret: string): Actor | undefined {
    const match = SECRET.exec(secret);
    if (!match?.[1]) return undefined;
    this.#refresh();
    const hex = match[1];
    const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    const stored = this.#tokens.get(id);
    if (!stored || stored.revokedAt) return undefined;
    // A sign-in link not yet used has no credential ('' never matches).
    if (!sameHash(stored.hash, hashOf(secret).toString('hex'))) return undefined;
    return actorOf(stored);
  }

  /**
   * Applies `change` to the tokens as the file holds them now (read under the lock, never
   * from memory: another process may have changed it) and saves them when it says so.
   */
  async #change<T>(what: string, change: (tokens: Map<string, StoredToken>) => { changed: boolean; result: T }): Promise<T> {
    try {
      return await withFileLock(
        `${this.#file}.lock`,
        () => {
          this.#refresh({ force: true });
          const tokens = new Map(this.#tokens);
          const { changed, result } = change(tokens);
          if (changed) this.#save(tokens);
          return result;
        },
        this.#lockWaitMs === undefined ? {} : { waitMs: this.#lockWaitMs },
      );
    } catch (err) {
      throw this.#unsaved(what, err);
    }
  }

  /** Re-reads the file when it was replaced (by this process or another); a reader sees the old file or the new one. */
  #refresh(options: { force?: boolean } = {}): void {
    let fd: number;
    try {
      fd = openSync(this.#file, 'r');
    } catch (err) {
      if (!isCode(err, 'ENOENT')) throw err;
      // No file yet: no token has been made.
      this.#tokens = new Map();
      this.#seen = '';
      return;
    }
    try {
      // The identity of the very file read below (fstat of the open file, not a later stat of the name).
      const stat = fstatSync(fd, { bigint: true });
      const signature = `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
      if (signature === this.#seen && !options.force) return;
      this.#tokens = parseTokensFile(readFileSync(fd, 'utf8'), this.#file);
      this.#seen = signature;
    } finally {
      closeSync(fd);
    }
  }

  /** Write a temporary file, fsync, rename over, fsync the folder: the file is the old one or the new one, never half of one. */
  #save(tokens: Map<string, StoredToken>): void {
    const temporary = `${this.#file}.${process.pid}.${randomUUID()}.tmp`;
    try {
      const fd = openPrivateSync(temporary, 'wx');
      try {
        writeSync(fd, JSON.stringify({ tokens: [...tokens.values()] }, null, 2) + '\n');
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, this.#file);
    } catch (err) {
      removeQuietly(temporary);
      throw err;
    }
    syncFolderSync(this.#folder);
    this.#refresh({ force: true });
  }

  /** A change that could not be made, as the error a user understands; refusals pass through as they are. */
  #unsaved(what: string, err: unknown): unknown {
    if (err instanceof PartnershipLogError) return err;
    if (err instanceof LockBusyError) {
      return new PartnershipLogError('PL_ERR_STORE_UNAVAILABLE', `${what}: ${this.#file} is being changed by another process (${err.message}). Nothing was changed; try again in a moment.`, { cause: err });
    }
    const reason = writeFailure(err);
    if (reason) return new PartnershipLogError('PL_ERR_STORE_UNAVAILABLE', `${what}: ${this.#file} cannot be written (${reason}). Nothing was changed.`, { cause: err });
    return err;
  }
}

/** The tokens in the file's text, or PL_ERR_TOKENS_DAMAGED: never an empty list in place of a file that cannot be read. */
function parseTokensFile(text: string, file: string): Map<string, StoredToken> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw tokensDamaged(file, text.length === 0 ? 'it is empty' : 'it is not complete JSON');
  }
  const parsed = tokensFile.safeParse(json);
  if (!parsed.success) throw tokensDamaged(file, `it does not hold tokens as expected (${parsed.error.issues[0]?.path.join('.') || 'tokens'}: ${parsed.error.issues[0]?.message ?? 'not valid'})`);
  return new Map(parsed.data.tokens.map((t) => [t.id, t]));
}

function tokensDamaged(file: string, why: string): PartnershipLogError {
  return new PartnershipLogError(
    'PL_ERR_TOKENS_DAMAGED',
    `The tokens file ${file} is damaged: ${why}. No token can be checked and nothing was changed. ` +
      'Restore the file from a backup, or move it aside and make new tokens with `npm run token -- create`.',
  );
}

function withoutHash({ hash: _hash, codeHash: _codeHash, ...record }: StoredToken): TokenRecord {
  return record;
}

function actorOf(stored: StoredToken): Actor {
  return {
    id: stored.id,
    name: stored.name,
    role: stored.role,
    ...(stored.organisation ? { organisation: stored.organisation } : {}),
    ...(stored.personId ? { personId: stored.personId } : {}),
  };
}

/** Constant-time comparison of two hex hashes; false (not a throw) when one is missing or of another length. */
function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
