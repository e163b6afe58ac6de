/**
 * One run per source at a time across every instance: a key in the shared store
 * (Redis when configured) that the admin API and the fetch scheduler both take
 * before starting a run of a source, held at most IMPORT_LOCK_MS.
 */
import type { Store } from '../store/store.js';

// A run whose process died keeps the lock this long at most.
const IMPORT_LOCK_MS = 6 * 3_600_000;

const lockKey = (source: string) => `import-lock:${source}`;

/** True when this caller now holds the source's lock; false when another run holds it. */
export async function takeImportLock(store: Store, source: string): Promise<boolean> {
  return (await store.hit(lockKey(source), IMPORT_LOCK_MS)).count === 1;
}

export function releaseImportLock(store: Store, source: string): Promise<void> {
  return store.del(lockKey(source));
}
