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
import { entryBound } from '../store/entry-bound.js';
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

/** One quota's count for one caller: the store key, its window and its limit. */
export interface QuotaKey {
  key: string;
  windowMs: number;
  limit: number;
}

export class QuotaLeases {
  // Bounded by count only: an expired lease is ignored where it is read (resetAt), and per-entry TTLs cost time on every get.
  private readonly leases = new LRUCache<string, Lease>(entryBound(100_000));
  private readonly refills = new Map<string, Promise<void>>();

  constructor(private readonly store: Store) {}

  /**
   * A number from each quota, without asking the store: undefined, with nothing
   * taken, when one of them would have to. Most requests are answered here,
   * with no promise to wait on.
   */
  takeNow(quotas: readonly QuotaKey[]): Counter[] | undefined {
    const now = Date.now();
    const leases: Lease[] = [];
    for (const q of quotas) {
      const lease = this.current(q.key, now);
      if (!lease || (lease.next > lease.last && lease.last < q.limit)) return undefined;
      leases.push(lease);
    }
    // Past the limit (nothing left in the block, the count known to be over): refused until the window resets.
    return leases.map((lease) => ({ count: lease.next <= lease.last ? lease.next++ : lease.last + 1, resetMs: lease.resetAt - now }));
  }

  /** This request's number in one quota's window, asking the store for a block when this instance holds none. */
  async hit(quota: QuotaKey): Promise<Counter> {
    for (;;) {
      const taken = this.takeNow([quota]);
      if (taken) return taken[0]!;
      await (this.refills.get(quota.key) ?? this.refill(quota));
    }
  }

  private current(key: string, now: number): Lease | undefined {
    const lease = this.leases.get(key);
    return lease && lease.resetAt > now ? lease : undefined;
  }

  private refill({ key, windowMs, limit }: QuotaKey): Promise<void> {
    const known = this.current(key, Date.now());
    // Nothing known of this window: one number, as it may already be near the limit.
    const size = known ? Math.min(MAX_BLOCK, Math.max(1, Math.floor((limit - known.last) / SHARE))) : 1;
    const refill = this.store.hit(key, windowMs, size).then((counter) => {
      this.leases.set(key, { next: counter.count - size + 1, last: counter.count, resetAt: Date.now() + counter.resetMs });
    }).finally(() => this.refills.delete(key));
    this.refills.set(key, refill);
    return refill;
  }
}
