/**
 * A bounded cache that keeps recently used entries (an approximate LRU: a hit
 * moves an entry to the young end only once it has aged past half the
 * capacity, so the hot path is a single Map lookup).
 */
export class LruCache<K, V> {
  readonly #map = new Map<K, { value: V; stamp: number }>();
  #clock = 0;
  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    const entry = this.#map.get(key);
    if (entry === undefined) return undefined;
    if (this.#clock - entry.stamp > this.capacity >> 1) {
      this.#map.delete(key);
      entry.stamp = ++this.#clock;
      this.#map.set(key, entry);
    }
    return entry.value;
  }

  set(key: K, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, { value, stamp: ++this.#clock });
    if (this.#map.size > this.capacity) this.#map.delete(this.#map.keys().next().value as K);
  }

  get size(): number {
    return this.#map.size;
  }
}
