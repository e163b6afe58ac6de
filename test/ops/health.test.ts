/**
 * Health on real services: readiness names the dependency that is gone, data
 * requests get 503 problem+json while PostgreSQL is away, a lost Redis degrades
 * to in-process limits, and both recover without a restart. /health shows its
 * details to admins and internal networks only.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { memoryStore, openStore } from '../../src/store/store.js';
import { bearer, login, makeUser, type TestApp } from '../security/support.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { eventually, loggedApp, TcpProxy } from './support.js';

const PG = process.env.DATABASE_URL;
const REDIS = process.env.REDIS_URL;
const OUTSIDE = '203.0.113.9';

describe('on a working database', () => {
  let database: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    database = await testDatabase();
    const store = memoryStore();
    const { app } = await loggedApp({ database, store, level: 'silent', ops: { dataDir: process.cwd() } });
    t = { app, database, store, close: async () => {} };
  });
  afterAll(async () => {
    await t?.app.close();
    await database?.drop();
  });

  it('answers live and ready, never cached', async () => {
    const live = await t.app.inject({ url: '/health/live' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'live' });
    const ready = await t.app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', checks: { database: { status: 'up' }, migrations: { status: 'up' } } });
    for (const res of [live, ready]) expect(res.headers['cache-control']).toBe('no-store');
  });

  it('shows only the verdict to an outside caller, and everything to an admin or a caller on an internal network', async () => {
    const outside = await t.app.inject({ url: '/health', remoteAddress: OUTSIDE });
    expect(outside.statusCode).toBe(200);
    expect(outside.json()).toEqual({ status: expect.stringMatching(/^(healthy|degraded)$/) });

    const internal = (await t.app.inject({ url: '/health' })).json();
    expect(internal).toMatchObject({
      components: {
        database: { kind: database.kind, status: 'up', pool: { in_use: expect.any(Number), max: expect.any(Number) } },
        migrations: { status: 'up' },
        cache: { kind: 'memory', status: 'up' },
        importers: [],
        disk: { free_bytes: expect.any(Number), total_bytes: expect.any(Number) },
      },
      version: expect.any(String),
      uptime_seconds: expect.any(Number),
    });
    expect(typeof internal.components.database.latency_ms).toBe('number');

    const admin = await makeUser(t, 'admin');
    const asAdmin = await t.app.inject({ url: '/health', remoteAddress: OUTSIDE, headers: bearer(await login(t, admin)) });
    expect(asAdmin.json().components).toBeDefined();
    const user = await makeUser(t, 'user');
    const asUser = await t.app.inject({ url: '/health', remoteAddress: OUTSIDE, headers: bearer(await login(t, user)) });
    expect(asUser.json().components).toBeUndefined();

    // On loopback but relayed by a proxy that is not trusted: an outside caller.
    const relayed = await t.app.inject({ url: '/health', headers: { 'x-forwarded-for': OUTSIDE } });
    expect(relayed.json().components).toBeUndefined();
  });
});

describe.skipIf(!PG)('as deployed: DATABASE_URL is a login role of openpolicy_app, not the owner', () => {
  const role = `op_test_ready_${randomBytes(4).toString('hex')}`;
  let database: TestDatabase;
  let admin: postgres.Sql;
  let asApp: Database;
  let t: TestApp;
  beforeAll(async () => {
    database = await testDatabase();
    admin = postgres(PG!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE ROLE ${role} LOGIN IN ROLE openpolicy_app`);
    const url = new URL(database.url!);
    url.username = role;
    asApp = await openDatabase({ url: url.toString(), max: 2 });
    const store = memoryStore();
    const { app } = await loggedApp({ database: asApp, store, level: 'silent' });
    t = { app, database, store, close: async () => {} };
  });
  afterAll(async () => {
    await t?.app.close();
    await asApp?.close();
    await database?.drop();
    await admin?.unsafe(`DROP ROLE IF EXISTS ${role}`);
    await admin?.end();
  });

  it('can read which migrations are applied, so it is ready', async () => {
    const ready = await t.app.inject({ url: '/health/ready' });
    expect(ready.json()).toMatchObject({ status: 'ready', checks: { migrations: { status: 'up' } } });
  });
});

describe('PostgreSQL unreachable', () => {
  let database: Database;
  let t: TestApp;
  beforeAll(async () => {
    // Nothing listens on port 1: every connection is refused.
    database = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/nothing' });
    const store = memoryStore();
    const { app } = await loggedApp({ database, store, level: 'silent' });
    t = { app, database: database as TestDatabase, store, close: async () => {} };
  });
  afterAll(async () => {
    await t?.app.close();
    await database?.close();
  });

  it('is not ready (503, naming the database) but still live', async () => {
    expect((await t.app.inject({ url: '/health/live' })).statusCode).toBe(200);
    const ready = await t.app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = ready.json();
    expect(body.failing).toEqual(['database']);
    expect(body.detail).toMatch(/database \(.*ECONNREFUSED|database \(.*connect/);
    const health = await t.app.inject({ url: '/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'unhealthy', reason: expect.stringMatching(/^database: /) });
  });

  it('answers data requests with 503 problem+json and Retry-After', async () => {
    const res = await t.app.inject({ url: '/api/v1/bills' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json()).toMatchObject({ status: 503, type: 'https://openpolicy.ca/problems/service-unavailable' });
  });
});

describe.skipIf(!PG)('PostgreSQL lost while serving', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let viaProxy: Database;
  let t: TestApp;
  beforeAll(async () => {
    database = await testDatabase();
    const target = new URL(database.url!);
    proxy = await new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) }).start();
    viaProxy = await openDatabase({ url: proxy.url(database.url!), max: 4 });
    const store = memoryStore();
    const { app } = await loggedApp({ database: viaProxy, store, level: 'silent' });
    t = { app, database, store, close: async () => {} };
  });
  afterAll(async () => {
    await t?.app.close();
    await viaProxy?.close();
    await proxy?.cut();
    await database?.drop();
  });

  it('flips readiness to 503 within seconds, answers 503 meanwhile, and recovers by itself when it returns', async () => {
    expect((await t.app.inject({ url: '/health/ready' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/bills?per_page=1' })).statusCode).toBe(200);

    await proxy.cut();
    const lost = Date.now();
    await eventually(async () => (await t.app.inject({ url: '/health/ready' })).statusCode === 503, 5000);
    expect(Date.now() - lost).toBeLessThan(5000);
    expect((await t.app.inject({ url: '/health/ready' })).json().failing).toEqual(['database']);
    // A filter not answered before: neither the response cache nor the kept list totals can answer it.
    expect((await t.app.inject({ url: '/api/v1/bills?session=45-1' })).statusCode).toBe(503);

    await proxy.restore();
    await eventually(async () => (await t.app.inject({ url: '/health/ready' })).statusCode === 200, 10_000);
    expect((await t.app.inject({ url: '/api/v1/bills?session=45-1' })).statusCode).toBe(200);
  });
});

describe('Redis unreachable', () => {
  let database: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    database = await testDatabase();
    const store = openStore('redis://127.0.0.1:1');
    const { app } = await loggedApp({ database, store, level: 'silent', security: { tiers: { anonymous: [{ limit: 2, windowMs: 60_000 }] } } });
    t = { app, database, store, close: async () => {} };
  });
  afterAll(async () => {
    await t?.app.close();
    await t?.store.close();
    await database?.drop();
  });

  it('is not ready (503, naming redis), yet serves requests with in-process rate limits', async () => {
    const ready = await t.app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().failing).toEqual(['redis']);
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await t.app.inject({ url: `/api/v1/bills?per_page=${i + 1}`, remoteAddress: '198.51.100.20' })).statusCode);
    // Limits still hold (2 a minute), counted in this process.
    expect(codes).toEqual([200, 200, 429]);
    const health = (await t.app.inject({ url: '/health' })).json();
    expect(health.status).toBe('degraded');
    expect(health.reason).toMatch(/redis: .*in-process/);
  });
});

describe.skipIf(!REDIS)('Redis lost while serving', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let t: TestApp;
  beforeAll(async () => {
    database = await testDatabase();
    const target = new URL(REDIS!);
    proxy = await new TcpProxy({ host: target.hostname, port: Number(target.port || 6379) }).start();
    const store = openStore(proxy.url(REDIS!));
    const { app } = await loggedApp({ database, store, level: 'silent' });
    t = { app, database, store, close: async () => {} };
  });
  afterAll(async () => {
    await t?.app.close();
    await t?.store.close();
    await proxy?.cut();
    await database?.drop();
  });

  it('flips readiness to 503 naming redis, keeps serving, and is ready again when Redis returns', async () => {
    await eventually(async () => (await t.app.inject({ url: '/health/ready' })).statusCode === 200, 5000);
    await proxy.cut();
    await eventually(async () => (await t.app.inject({ url: '/health/ready' })).statusCode === 503, 5000);
    expect((await t.app.inject({ url: '/health/ready' })).json().failing).toEqual(['redis']);
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({ url: `/api/v1/bills?per_page=${i + 1}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBeDefined();
    }
    await proxy.restore();
    await eventually(async () => (await t.app.inject({ url: '/health/ready' })).statusCode === 200, 10_000);
    expect((await t.app.inject({ url: '/api/v1/bills?per_page=9' })).statusCode).toBe(200);
  });
});
