/**
 * Quota numbers taken in blocks (src/auth/quota-leases.ts): never more admitted
 * than the limit across instances, one instance's numbers in order, few round
 * trips far from the limit, none past it. On the real Redis when REDIS_URL is set.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_BLOCK, QuotaLeases } from '../../src/auth/quota-leases.js';
import { memoryStore, redisStore, type Store } from '../../src/store/store.js';

const opened: Store[] = [];
afterAll(async () => {
  for (const s of opened) await s.close();
});

/** The store, and how many times it was asked. */
function counted(store: Store): { store: Store; calls: () => number } {
  let calls = 0;
  return { store: { ...store, hit: (key, windowMs, by) => (calls++, store.hit(key, windowMs, by)) }, calls: () => calls };
}

const kinds: [string, () => Store][] = [['memory', () => memoryStore()]];
if (process.env.REDIS_URL) kinds.push(['redis', () => redisStore(process.env.REDIS_URL!, `test:${randomUUID()}:`)]);

describe.each(kinds)('%s store', (_kind, open) => {
  const store = () => {
    const s = open();
    opened.push(s);
    return s;
  };

  it('hands out one number per request, in order, with few round trips far from the limit', async () => {
    const { store: s, calls } = counted(store());
    const leases = new QuotaLeases(s);
    const counts: number[] = [];
    for (let i = 0; i < 200; i++) counts.push((await leases.hit({ key: 'k', windowMs: 60_000, limit: 10_000 })).count);
    expect(counts).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(calls()).toBeLessThan(10);
  });

  it('concurrent requests never share a number', async () => {
    const leases = new QuotaLeases(store());
    const counts = await Promise.all(Array.from({ length: 300 }, () => leases.hit({ key: 'k', windowMs: 60_000, limit: 10_000 })));
    expect(new Set(counts.map((c) => c.count)).size).toBe(300);
    expect(Math.max(...counts.map((c) => c.count))).toBeLessThanOrEqual(300 + MAX_BLOCK);
  });

  it('takes numbers at once while a block is held, and nothing when one of several quotas needs the store', async () => {
    const leases = new QuotaLeases(store());
    const minute = { key: 'minute', windowMs: 60_000, limit: 10_000 };
    const day = { key: 'day', windowMs: 86_400_000, limit: 100_000 };
    // Nothing held yet: the store must be asked.
    expect(leases.takeNow([minute])).toBeUndefined();
    await leases.hit(minute);
    await leases.hit(minute); // takes a block
    expect(leases.takeNow([minute])?.map((c) => c.count)).toEqual([3]);
    // The day quota holds nothing: neither is counted.
    expect(leases.takeNow([minute, day])).toBeUndefined();
    expect(leases.takeNow([minute])?.map((c) => c.count)).toEqual([4]);
  });

  it('past the limit refuses for the rest of the window without asking the store, then starts again', async () => {
    const { store: s, calls } = counted(store());
    const leases = new QuotaLeases(s);
    const counts: number[] = [];
    for (let i = 0; i < 10; i++) counts.push((await leases.hit({ key: 'k', windowMs: 300, limit: 5 })).count);
    expect(counts.slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(counts.slice(5).every((c) => c > 5)).toBe(true);
    const asked = calls();
    const flood = await Promise.all(Array.from({ length: 100 }, () => leases.hit({ key: 'k', windowMs: 300, limit: 5 })));
    expect(flood.every((c) => c.count > 5 && c.resetMs > 0 && c.resetMs <= 300)).toBe(true);
    expect(calls()).toBe(asked);
    await new Promise((r) => setTimeout(r, 350));
    expect((await leases.hit({ key: 'k', windowMs: 300, limit: 5 })).count).toBe(1);
  });
});

it.skipIf(!process.env.REDIS_URL)('two instances on one Redis admit exactly the limit between them, each in order', async () => {
  const prefix = `test:${randomUUID()}:`;
  const instances = [0, 1].map(() => {
    const s = redisStore(process.env.REDIS_URL!, prefix);
    opened.push(s);
    return { leases: new QuotaLeases(s), seen: [] as number[] };
  });
  const limit = 40;
  let admitted = 0;
  for (let i = 0; i < 60; i++) {
    const instance = instances[i % 2]!;
    const { count } = await instance.leases.hit({ key: 'client', windowMs: 60_000, limit: limit });
    instance.seen.push(count);
    if (count <= limit) admitted++;
  }
  expect(admitted).toBe(limit);
  for (const { seen } of instances) expect(seen).toEqual([...seen].sort((a, b) => a - b));
  // Near the limit each takes one number at a time: the last admitted ones were handed out exactly.
  expect(instances.flatMap((i) => i.seen).filter((c) => c <= limit).sort((a, b) => a - b)).toEqual(Array.from({ length: limit }, (_, i) => i + 1));
});
