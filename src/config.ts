// Configuration from the environment, checked once at start-up.
import { z } from 'zod';
import { parseDuration } from './audit/checkpoint-schedule.js';
import { PartnershipLogError } from './errors.js';

const environment = z.object({
  DATA_DIR: z.string().min(1).default('./data'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** esdb://… selects EventStoreDB; unset means the embedded log in DATA_DIR. */
  EVENTSTORE_URL: z.string().startsWith('esdb').optional(),
  /** Where each person's encryption key is kept (default DATA_DIR/keys): may sit on other storage than the log. */
  KEYS_DIR: z.string().min(1).optional(),
  /** The ed25519 key (PEM, pkcs8) the server signs checkpoints with; outside DATA_DIR and KEYS_DIR. Unset: the server does not sign. */
  CHECKPOINT_KEY_FILE: z.string().min(1).optional(),
  /** How often the server publishes a signed checkpoint (30s, 15m, 1h, 1d) into CHECKPOINT_PUBLISH_DIR; unset: never. */
  CHECKPOINT_EVERY: z
    .string()
    .refine((text) => parseDuration(text) !== undefined, 'a duration such as 15m, 1h or 1d')
    .transform((text) => parseDuration(text) ?? 0)
    .optional(),
  /** The append-only folder (the auditor's) the scheduled checkpoints go to. */
  CHECKPOINT_PUBLISH_DIR: z.string().min(1).optional(),
  /** As-of replays (GET …?asOf=) running at once; each folds the log from its start. Twice as many may wait. */
  AS_OF_REPLAYS: z.coerce.number().int().min(1).max(32).default(2),
  /**
   * Behind a TLS-terminating proxy: which proxy to believe about the client's address and
   * protocol (X-Forwarded-For, X-Forwarded-Proto), so the session cookie stays Secure.
   * true (any), a number of hops, or addresses/CIDRs separated by commas; unset: none.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .min(1)
    .transform((text): boolean | number | string => (text === 'true' ? true : text === 'false' ? false : /^\d+$/.test(text) ? Number(text) : text))
    .optional(),
  /** How many days a self-advocate's sign-in card works before it is used (default 7). */
  SIGN_IN_LINK_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof environment>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = environment.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new PartnershipLogError('PL_ERR_CONFIG', `The configuration is not valid: ${problems}`);
  }
  const { CHECKPOINT_EVERY, CHECKPOINT_PUBLISH_DIR, CHECKPOINT_KEY_FILE } = result.data;
  if ((CHECKPOINT_EVERY === undefined) !== (CHECKPOINT_PUBLISH_DIR === undefined)) {
    throw new PartnershipLogError('PL_ERR_CONFIG', 'CHECKPOINT_EVERY and CHECKPOINT_PUBLISH_DIR go together: set both to publish checkpoints on a schedule, or neither.');
  }
  if (CHECKPOINT_EVERY !== undefined && CHECKPOINT_KEY_FILE === undefined) {
    throw new PartnershipLogError('PL_ERR_CONFIG', 'CHECKPOINT_EVERY needs CHECKPOINT_KEY_FILE: the server can publish only checkpoints it can sign.');
  }
  return result.data;
}
