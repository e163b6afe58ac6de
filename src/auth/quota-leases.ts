/**
 * Quota counts taken from the shared store in blocks. A round trip to Redis
 * for every request costs more than answering a cached read (a write and a
 * read on a second socket, and Redis's own CPU on the same two cores), so an
 * instance far from a limit takes several numbers at once (INCRBY n) and hands
 * them out in order. Near the limit it takes one at a time, as before.
 *
 * What stays exact: every admitted request holds its own number no greater
 * than the limit, so all instances together never admit more than the limit
 * in a window; one instance's RateLimit-Remaining falls by one per request.
 * What is approximate: another instance's Remaining counts the numbers this
 * one holds but has not used yet (at most an eighth of what was left, and
 * at most 256), so it may read lower than the requests made.
 *
 * Once the count is known to be past the limit, the rest of the window is
 * refused here, without asking Redis: a flood past its quota costs the store nothing.
 */
import { LRUCache } from 'lru-cache';
import type { Counter, Store } from '../store/store.js';

/** The numbers this instance holds in one window of one key: `next` to `last`. */
interface Lease {
  next: number;
  last: number;
  resetAt: number;
}

export const MAX_BLOCK = 256;
/** A block is at most this share of what the last count left, so the numbers held elsewhere stay small near the limit. */
const SHARE = 8;

export class QuotaLeases {
  private readonly leases = new LRUCache<string, Lease>({ max: 100_000 });
  private readonly refills = new Map<string, Promise<void>>();

  constructor(private readonly store: Store) {}

  /** This request's number in the window of `key`, and the time left in the window. */
  async hit(key: string, windowMs: number, limit: number): Promise<Counter> {
    for (;;) {
      const now = Date.now();
      const lease = this.leases.get(key);
      const current = lease && lease.resetAt > now ? lease : undefined;
      if (current) {
        if (current.next <= current.last) return { count: current.next++, resetMs: current.resetAt - now };
        if (current.last >= limit) return { count: current.last + 1, resetMs: current.resetAt - now };
      }
      const refill = this.refills.get(key) ?? this.refill(key, windowMs, current ? Math.min(MAX_BLOCK, Math.max(1, Math.floor((limit - current.last) / SHARE))) : 1);
      await refill;
    }
  }

  private refill(key: string, windowMs: number, size: number): Promise<void> {
    const refill = this.store.hit(key, windowMs, size).then((counter) => {
      this.leases.set(key, { next: counter.count - size + 1, last: counter.count, resetAt: Date.now() + counter.resetMs }, { ttl: counter.resetMs });
    }).finally(() => this.refills.delete(key));
    this.refills.set(key, refill);
    return refill;
  }
}
