/**
 * /admin/performance/stream, behind the site's live performance page: admin-only,
 * a sample a second with the numbers the page charts (the page itself is
 * test/e2e/site.test.ts's). Percentiles follow histogram_quantile.
 */
import { tmpdir } from 'node:os';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quantile } from '../../src/ops/performance.js';
import { memoryStore, redisStore } from '../../src/store/store.js';
import { bearer, login, makeUser, type TestApp } from '../security/support.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { loggedApp } from './support.js';

let database: TestDatabase;
let t: TestApp;
let base: string;

beforeAll(async () => {
  database = await testDatabase();
  const store = memoryStore();
  const { app } = await loggedApp({ database, store, level: 'silent', ops: { dataDir: tmpdir() } });
  t = { app, database, store, close: async () => {} };
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await t?.app.close();
  await database?.drop();
});

/** Reads Server-Sent Events until `want` of the named kind have arrived. */
async function readEvents(res: Response, want: { event: string; count: number }): Promise<{ event: string; data: unknown }[]> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: { event: string; data: unknown }[] = [];
  let buffer = '';
  while (events.filter((e) => e.event === want.event).length < want.count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) events.push({ event, data: JSON.parse(data) });
    }
  }
  await reader.cancel();
  return events;
}

describe('the stream', () => {
  it('refuses anonymous callers (401) and non-admins (403)', async () => {
    expect((await fetch(`${base}/admin/performance/stream`)).status).toBe(401);
    const user = await makeUser(t, 'user');
    expect((await fetch(`${base}/admin/performance/stream`, { headers: bearer(await login(t, user)) })).status).toBe(403);
  });

  it('sends an admin the history, then a sample every second with every number the page shows', async () => {
    const admin = await makeUser(t, 'admin');
    const headers = bearer(await login(t, admin));
    const res = await fetch(`${base}/admin/performance/stream`, { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    // Traffic while watching: the samples must see it.
    const requests: Promise<unknown>[] = [];
    const traffic = setInterval(() => requests.push(fetch(`${base}/api/v1/bills?per_page=1`).then((r) => r.arrayBuffer())), 20);
    const started = Date.now();
    const events = await readEvents(res, { event: 'sample', count: 3 }).finally(() => clearInterval(traffic));
    await Promise.all(requests);
    expect(Date.now() - started).toBeLessThan(6000);
    expect(events[0]!.event).toBe('history');
    const samples = events.filter((e) => e.event === 'sample').map((e) => e.data as Record<string, unknown>);
    const last = samples.at(-1)!;
    expect(last).toMatchObject({
      t: expect.any(Number),
      requests_per_second: expect.any(Number),
      in_flight: expect.any(Number),
      pool: { in_use: expect.any(Number), waiting: expect.any(Number), max: expect.any(Number) },
      event_loop_p99_ms: expect.any(Number),
    });
    expect(samples.some((s) => (s.requests_per_second as number) > 0)).toBe(true);
    expect(samples.some((s) => typeof s.p99_ms === 'number')).toBe(true);
    expect(samples.some((s) => typeof s.cache_hit_ratio === 'number')).toBe(true);
    expect('error_ratio' in last && 'freshness' in last).toBe(true);
  });

  it('shows the datastores as this instance sees them: PostgreSQL connections, buffer cache hits and size, the disk', async () => {
    const admin = await makeUser(t, 'admin');
    const res = await fetch(`${base}/admin/performance/stream`, { headers: bearer(await login(t, admin)) });
    // Distinct pages, so each read reaches PostgreSQL rather than the response cache and moves its block counters.
    let page = 0;
    const traffic = setInterval(() => void fetch(`${base}/api/v1/bills?per_page=1&page=${++page}`).then((r) => r.arrayBuffer()).catch(() => {}), 50);
    const events = await readEvents(res, { event: 'sample', count: 2 }).finally(() => clearInterval(traffic));
    const samples = events.filter((e) => e.event === 'sample').map((e) => e.data as { database: { connections: number; max_connections: number; cache_hit_ratio: number | null; size_bytes: number } | null; redis: unknown; disk: { path: string; free_bytes: number; total_bytes: number } | null });
    const last = samples.at(-1)!;
    const [server] = await database.rows<{ max: number; size: number }>(sql`SELECT current_setting('max_connections')::int AS max, pg_database_size(current_database())::float8 AS size`);
    expect(last.database?.max_connections).toBe(server!.max);
    // This test's own pool holds at least one connection; PGlite is one session.
    expect(last.database!.connections).toBeGreaterThanOrEqual(1);
    expect(last.database!.connections).toBeLessThanOrEqual(server!.max);
    expect(last.database!.size_bytes).toBeGreaterThan(server!.size / 2);
    const ratios = samples.map((s) => s.database?.cache_hit_ratio ?? null);
    expect(ratios.every((r) => r === null || (r >= 0 && r <= 1))).toBe(true);
    // PGlite's one session flushes its block counters only now and then, so a window may see none move (a dash on the page).
    if (database.url) expect(ratios.some((r) => r !== null)).toBe(true);
    // In-process limits: no Redis to report.
    expect(last.redis).toBeNull();
    expect(last.disk).toMatchObject({ path: tmpdir(), free_bytes: expect.any(Number), total_bytes: expect.any(Number) });
    expect(last.disk!.free_bytes).toBeLessThanOrEqual(last.disk!.total_bytes);
  });
});

describe.skipIf(!process.env.REDIS_URL)('Redis memory on the page', () => {
  it('is what Redis reports: used_memory and maxmemory', async () => {
    const store = redisStore(process.env.REDIS_URL!, `test:${crypto.randomUUID()}:`);
    const client = new Redis(process.env.REDIS_URL!);
    try {
      const memory = await store.memory();
      const [, maxmemory] = (await client.config('GET', 'maxmemory')) as [string, string];
      expect(memory?.maxBytes).toBe(Number(maxmemory));
      expect(memory!.usedBytes).toBeGreaterThan(100_000);
    } finally {
      client.disconnect();
      await store.close();
    }
  });
});

describe('quantile', () => {
  it('interpolates within the bucket holding the rank, like histogram_quantile', () => {
    const bounds = [0.001, 0.01, 0.1, Infinity];
    // 100 observations: 50 under 1 ms, 40 in 1-10 ms, 10 in 10-100 ms.
    const cumulative = [50, 90, 100, 100];
    expect(quantile(0.5, cumulative, bounds)).toBeCloseTo(0.001);
    expect(quantile(0.7, cumulative, bounds)).toBeCloseTo(0.001 + 0.009 * 0.5);
    expect(quantile(0.99, cumulative, bounds)).toBeCloseTo(0.01 + 0.09 * 0.9);
    expect(quantile(0.99, [0, 0, 0, 0], bounds)).toBeNull();
    // Everything above the last finite bound: the bound is the answer.
    expect(quantile(0.5, [0, 0, 0, 10], bounds)).toBe(0.1);
  });
});
