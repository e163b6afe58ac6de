/**
 * lru-cache options that bound a cache by its number of entries without
 * allocating for all of them up front. `max: n` makes lru-cache allocate its
 * key, value and link arrays for n entries when the cache is created: 2.7 MB
 * of resident memory for n = 100,000, held even while the cache is empty (the
 * quota leases, and the in-process store a Redis instance falls back on, which
 * is built on every start and rarely used). Counting each entry as size 1
 * under `maxSize` keeps the same bound with arrays that grow as entries come.
 */
export function entryBound(entries: number): { maxSize: number; sizeCalculation: () => number } {
  return { maxSize: entries, sizeCalculation: () => 1 };
}
