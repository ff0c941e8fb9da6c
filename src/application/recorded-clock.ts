// The time a command's events are recorded at, which never goes back in log order: a
// store refuses an earlier time than the log's last (ClockOrderError), and the handler
// then chains again from the time the store named, not from its own clock.

export class RecordedClock {
  /** The last recorded time a store refused to go back from. */
  #notBefore: string | undefined;
  readonly #now: () => Date;

  constructor(now: () => Date = () => new Date()) {
    this.#now = now;
  }

  /** Now, or the latest time the store said the log has reached, if that is later. */
  recordedAt(): string {
    const now = this.#now();
    return this.#notBefore !== undefined && Date.parse(this.#notBefore) > now.getTime() ? this.#notBefore : now.toISOString();
  }

  /** The store's log has reached `lastRecordedAt`: nothing may be recorded before it. */
  notBefore(lastRecordedAt: string): void {
    this.#notBefore = lastRecordedAt;
  }
}
