// A bounded map that forgets its oldest entry first. Used only for values that cannot go
// stale by age (immutable events; stream states checked against the stream's revision).
// Eviction goes round a ring of keys: evicting through the Map's own iteration order
// would walk over the holes that deleted entries leave, which is slow once full.
export class FifoCache<K, V> {
  readonly #values = new Map<K, V>();
  readonly #ring: (K | undefined)[];
  #next = 0;

  constructor(capacity: number) {
    this.#ring = new Array<K | undefined>(Math.max(0, capacity));
  }

  get(key: K): V | undefined {
    return this.#values.get(key);
  }

  set(key: K, value: V): void {
    if (this.#ring.length === 0) return;
    if (this.#values.has(key)) {
      this.#values.set(key, value);
      return;
    }
    const evicted = this.#ring[this.#next];
    if (evicted !== undefined) this.#values.delete(evicted);
    this.#ring[this.#next] = key;
    this.#next = (this.#next + 1) % this.#ring.length;
    this.#values.set(key, value);
  }

  delete(key: K): void {
    // The key stays in the ring; evicting it later is harmless.
    this.#values.delete(key);
  }
}
