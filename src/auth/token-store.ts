// API tokens, kept only as hashes in DATA_DIR/tokens.json. The secret is shown once, at
// creation; it carries the token's id, so checking it is one lookup and one constant-time
// comparison. The file is re-read when it changes, so `npm run token` works beside a
// running server: a token it creates or revokes takes effect at the next request.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { userRole, type Actor } from '../domain/actor.js';
import { personId } from '../domain/shared/vocabulary.js';
import { PartnershipLogError } from '../errors.js';

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
  hash: z.string(),
});
type StoredToken = z.infer<typeof storedToken>;
export type TokenRecord = Omit<StoredToken, 'hash'>;

const tokensFile = z.object({ tokens: z.array(storedToken) });

const SECRET = /^pl_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

const hashOf = (secret: string) => createHash('sha256').update(secret).digest();

export class TokenStore {
  readonly #file: string;
  #tokens = new Map<string, StoredToken>();
  #seen = '';

  private constructor(dataDir: string) {
    this.#file = join(dataDir, TOKENS_FILE);
  }

  static async open(dataDir: string): Promise<TokenStore> {
    mkdirSync(dataDir, { recursive: true });
    const store = new TokenStore(dataDir);
    store.#reload();
    return store;
  }

  async create(request: TokenRequest, now: string): Promise<{ token: string; record: TokenRecord }> {
    const parsed = tokenRequest.safeParse(request);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'token'}: ${i.message}`).join('; ');
      throw new PartnershipLogError('PL_ERR_VALIDATION', `The token cannot be made: ${problems}.`);
    }
    this.#reload();
    const id = randomUUID();
    const token = `pl_${id.replaceAll('-', '')}_${randomBytes(32).toString('base64url')}`;
    const stored: StoredToken = { id, ...parsed.data, createdAt: now, hash: hashOf(token).toString('hex') };
    this.#tokens.set(id, stored);
    this.#save();
    return { token, record: withoutHash(stored) };
  }

  list(): TokenRecord[] {
    this.#reload();
    return [...this.#tokens.values()].map(withoutHash);
  }

  async revoke(id: string, now: string): Promise<TokenRecord> {
    this.#reload();
    const stored = this.#tokens.get(id);
    if (!stored) throw new PartnershipLogError('PL_ERR_TOKEN_NOT_FOUND', `There is no token ${id}.`);
    if (!stored.revokedAt) {
      stored.revokedAt = now;
      this.#save();
    }
    return withoutHash(stored);
  }

  /** The actor a secret stands for, or undefined when it is unknown, wrong or revoked. */
  authenticate(secret: string): Actor | undefined {
    const match = SECRET.exec(secret);
    if (!match?.[1]) return undefined;
    this.#reload();
    const hex = match[1];
    const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    const stored = this.#tokens.get(id);
    if (!stored || stored.revokedAt) return undefined;
    if (!timingSafeEqual(hashOf(secret), Buffer.from(stored.hash, 'hex'))) return undefined;
    return {
      id: stored.id,
      name: stored.name,
      role: stored.role,
      ...(stored.organisation ? { organisation: stored.organisation } : {}),
      ...(stored.personId ? { personId: stored.personId } : {}),
    };
  }

  /** Re-reads the file when another process (the CLI) has replaced it. */
  #reload(): void {
    let signature: string;
    try {
      const stat = statSync(this.#file, { bigint: true });
      signature = `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        this.#tokens.clear();
        this.#seen = '';
        return;
      }
      throw err;
    }
    if (signature === this.#seen) return;
    const parsed = tokensFile.safeParse(JSON.parse(readFileSync(this.#file, 'utf8')));
    if (!parsed.success) throw new PartnershipLogError('PL_ERR_CONFIG', `${this.#file} is not a tokens file.`);
    this.#tokens = new Map(parsed.data.tokens.map((t) => [t.id, t]));
    this.#seen = signature;
  }

  /** Write, fsync, rename: a reader sees the old file or the new one, never half of one. */
  #save(): void {
    const temporary = `${this.#file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ tokens: [...this.#tokens.values()] }, null, 2) + '\n', { mode: 0o600 });
    const fd = openSync(temporary, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, this.#file);
    this.#seen = '';
    this.#reload();
  }
}

function withoutHash({ hash: _hash, ...record }: StoredToken): TokenRecord {
  return record;
}
