// A form sent just after its session ran out: what was typed is kept here, in memory, under
// a random id, for a short while, so the person can sign in again and find it in the form.
// The id travels only in the sign-in form's hidden field, never in a URL; the values are
// never logged. Kept values return only to the person whose session ended, and only to the
// form they were sent to; the CSRF value is not kept, so the form must be sent again.
import type { Values } from './forms/form-kit.js';
import { CSRF_FIELD, randomToken } from './session.js';

const KEEP_MS = 30 * 60 * 1000;
const MAX_KEPT = 1_000;

interface Kept {
  /** The form's address (a path under /app). */
  url: string;
  values: Values;
  who: string;
  expiresAt: number;
  /** The new session it was handed to, once its person signed in again. */
  sessionId?: string;
}

export class PendingForms {
  readonly #kept = new Map<string, Kept>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Keeps what was typed into the form at `url` for `who`; answers the id the sign-in form carries. */
  keep(url: string, values: Values, who: string): string {
    this.#sweep();
    const { [CSRF_FIELD]: _csrf, ...typed } = values;
    const id = randomToken();
    this.#kept.set(id, { url, values: typed, who, expiresAt: this.#now() + KEEP_MS });
    return id;
  }

  /** After sign-in: the form's address to return to, when the kept form is this person's; it is then held for their new session. */
  handOver(id: string, who: string, sessionId: string): string | undefined {
    const kept = this.#live(id);
    if (!kept || kept.who !== who) return undefined;
    kept.sessionId = sessionId;
    return kept.url;
  }

  /** The values kept for this session's form at `url`, once: the form shows them and they are gone from here. */
  take(sessionId: string, url: string): Values | undefined {
    for (const [id, kept] of this.#kept) {
      if (kept.sessionId !== sessionId || kept.url !== url || kept.expiresAt <= this.#now()) continue;
      this.#kept.delete(id);
      return kept.values;
    }
    return undefined;
  }

  #live(id: string): Kept | undefined {
    const kept = this.#kept.get(id);
    if (kept && kept.expiresAt > this.#now()) return kept;
    this.#kept.delete(id);
    return undefined;
  }

  #sweep(): void {
    const now = this.#now();
    for (const [id, kept] of this.#kept) if (kept.expiresAt <= now) this.#kept.delete(id);
    while (this.#kept.size >= MAX_KEPT) {
      const oldest = this.#kept.keys().next().value;
      if (oldest === undefined) break;
      this.#kept.delete(oldest);
    }
  }
}
