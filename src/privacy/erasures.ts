// Forgetting made complete, or clearly incomplete. The erasure event is recorded first and
// the key destroyed after, so a key that cannot be destroyed then (a read-only folder, a
// crash in between) leaves a recorded erasure with its key still there: it is listed as
// pending, and destroyed on the next request to forget the person and at every start-up.
import type { Logger } from 'pino';
import { PartnershipLogError } from '../errors.js';
import { writeFailure } from '../shared/write-failures.js';
import type { PersonKeys } from './person-keys.js';

export class Erasures {
  readonly #keys: PersonKeys;
  readonly #logger: Logger;
  readonly #pending = new Set<string>();

  constructor(keys: PersonKeys, logger: Logger) {
    this.#keys = keys;
    this.#logger = logger;
  }

  /** People whose erasure is recorded but whose key still exists. */
  get pending(): string[] {
    return [...this.#pending].sort();
  }

  /**
   * Destroys the key of someone whose erasure is recorded. When it cannot be destroyed yet,
   * the person is listed as pending and PL_ERR_STORE_UNAVAILABLE says so.
   */
  async complete(personId: string): Promise<void> {
    try {
      const destroyed = await this.#keys.destroy(personId);
      // Only a key left from before is news: a request's own erasure is in the request log.
      if (destroyed && this.#pending.has(personId)) this.#logger.info({ personId }, 'erasure completed: the key left behind is destroyed');
      this.#pending.delete(personId);
    } catch (err) {
      const reason = writeFailure(err) ?? 'the key folder refused';
      this.#pending.add(personId);
      // The person id only (pseudonymous): never what the key opens.
      this.#logger.error({ personId, err }, `erasure recorded, but the key could not be destroyed (${reason}); it will be retried`);
      throw new PartnershipLogError(
        'PL_ERR_STORE_UNAVAILABLE',
        `The erasure of ${personId} is recorded, but their key could not be destroyed yet (${reason}). ` +
          'It will be retried when the service starts and when you ask again; until then it is listed as pending at GET /health.',
        { cause: err },
      );
    }
  }

  /**
   * At start-up: every person who still has a key file and whose erasure is recorded has it
   * destroyed now; those that still fail stay pending (each failure is logged).
   */
  async reconcile(isForgotten: (personId: string) => Promise<boolean>): Promise<void> {
    for (const personId of this.#keys.personIds()) {
      if (!(await isForgotten(personId))) continue;
      this.#pending.add(personId);
      await this.complete(personId).catch((err: unknown) => {
        if (!(err instanceof PartnershipLogError)) throw err;
      });
    }
  }
}
