// Runs tasks one at a time per key, in arrival order, and tasks of different keys at
// once. The command handler queues the commands of one stream here, so that writers in
// this process do not race each other through the store's expected-revision check (a
// race they could lose five times over under load); other processes still can, and the
// handler's retry on a conflict covers them.
export class KeyedQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    // A tail never rejects, so each task starts once the one before it has settled.
    const previous = this.#tails.get(key);
    const result = (previous ?? Promise.resolve()).then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    try {
      return await result;
    } finally {
      // The last task of a key removes it, so the map holds only keys with work pending.
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}
