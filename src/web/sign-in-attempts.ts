// Guessing a sign-in code is made useless by counting failures: a card's code that has been
// typed wrongly too often stops working (the card must be made again), and a client that
// fails too often must wait. Counted in this process's memory: one server signs people in.
// Nothing here is logged; the codes themselves are never kept, only the group naming a card.

export const TRIES_PER_CARD = 5;
export const TRIES_PER_CLIENT = 10;
export const CLIENT_WINDOW_MS = 15 * 60 * 1000;
const MAX_CLIENTS = 10_000;

export class SignInAttempts {
  readonly #byCard = new Map<string, number>();
  readonly #byClient = new Map<string, { failures: number; since: number }>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Has this client failed too often lately? */
  clientBlocked(client: string): boolean {
    const entry = this.#byClient.get(client);
    if (!entry) return false;
    if (this.#now() - entry.since > CLIENT_WINDOW_MS) {
      this.#byClient.delete(client);
      return false;
    }
    return entry.failures >= TRIES_PER_CLIENT;
  }

  /** Has the card whose code starts with this group been tried wrongly too often? */
  cardBlocked(codeId: string): boolean {
    return (this.#byCard.get(codeId) ?? 0) >= TRIES_PER_CARD;
  }

  /** A failed sign-in: counted for the client, and for the card its code names (when it could be a card's code). */
  failed(client: string, codeId: string | undefined): void {
    if (codeId !== undefined) {
      if (!this.#byCard.has(codeId) && this.#byCard.size >= MAX_CLIENTS) this.#byCard.delete(this.#byCard.keys().next().value ?? '');
      this.#byCard.set(codeId, (this.#byCard.get(codeId) ?? 0) + 1);
    }
    const now = this.#now();
    const entry = this.#byClient.get(client);
    if (!entry || now - entry.since > CLIENT_WINDOW_MS) {
      if (this.#byClient.size >= MAX_CLIENTS) this.#byClient.delete(this.#byClient.keys().next().value ?? '');
      this.#byClient.set(client, { failures: 1, since: now });
    } else entry.failures += 1;
  }
}
