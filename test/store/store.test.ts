/** The shared store behaves the same in process and on the real Redis (when REDIS_URL is set). */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryStore, openStore, type Store } from '../../src/store/store.js';
import { TcpProxy } from '../ops/support.js';

const stores: [string, Store][] = [['memory', memoryStore()]];
if (process.env.REDIS_URL) stores.push(['redis', openStore(process.env.REDIS_URL)]);

afterAll(async () => {
  for (const [, s] of stores) await s.close();
});

describe.each(stores)('%s store', (_kind, store) => {
  it('counts hits in a fixed window and resets after it', async () => {
    const key = `test:${randomUUID()}`;
    expect((await store.hit(key, 300)).count).toBe(1);
    const second = await store.hit(key, 300);
    expect(second.count).toBe(2);
    expect(second.resetMs).toBeGreaterThan(0);
    expect(second.resetMs).toBeLessThanOrEqual(300);
    await new Promise((r) => setTimeout(r, 350));
    expect((await store.hit(key, 300)).count).toBe(1);
  });

  it('stores values with a time to live', async () => {
    const key = `test:${randomUUID()}`;
    await store.set(key, 'v', 200);
    expect(await store.get(key)).toBe('v');
    await store.del(key);
    expect(await store.get(key)).toBeNull();
  });

  it('delivers published messages to subscribers', async () => {
    const channel = `test:${randomUUID()}`;
    const received = new Promise<string>((resolve) => void store.subscribe(channel, resolve));
    await new Promise((r) => setTimeout(r, 50));
    await store.publish(channel, 'hello');
    expect(await received).toBe('hello');
  });
});

it.skipIf(!process.env.REDIS_URL)('a second Redis client sees the first one\'s count (shared across instances)', async () => {
  const a = openStore(process.env.REDIS_URL);
  const b = openStore(process.env.REDIS_URL);
  const key = `test:${randomUUID()}`;
  await a.hit(key, 10_000);
  await a.hit(key, 10_000);
  expect((await b.hit(key, 10_000)).count).toBe(3);
  await a.close();
  await b.close();
});

it.skipIf(!process.env.REDIS_URL)('a subscriber keeps its subscriptions across a lost connection to Redis', async () => {
  const target = new URL(process.env.REDIS_URL!);
  const proxy = await new TcpProxy({ host: target.hostname, port: Number(target.port || 6379) }).start();
  const subscriber = openStore(proxy.url(process.env.REDIS_URL!));
  const publisher = openStore(process.env.REDIS_URL);
  const channel = `test:${randomUUID()}`;
  const received: string[] = [];
  await subscriber.subscribe(channel, (m) => received.push(m));
  await proxy.cut();
  await proxy.restore();
  // Published from another client until the subscriber, reconnected, has subscribed again.
  for (let i = 0; i < 100 && received.length === 0; i++) {
    await publisher.publish(channel, 'after the loss');
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(received[0]).toBe('after the loss');
  await subscriber.close();
  await publisher.close();
  await proxy.cut();
});
