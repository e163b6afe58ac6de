/**
 * PostgreSQL cut off (through a TCP proxy; the real server is never touched)
 * under one instance: the first request that meets the outage is a 503, every
 * later one is a 503 at once without waiting on the database, the log of the
 * failed query holds neither its parameters nor the caller's email, and reads
 * come back by themselves when the database does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { memoryStore } from '../../src/store/store.js';
import { eventually, loggedApp, TcpProxy, type LoggedApp } from '../ops/support.js';
import { testDatabase, type TestDatabase } from '../support/db.js';

const PG = process.env.DATABASE_URL;

function expectUnavailable(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }): void {
  expect(res.statusCode).toBe(503);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.headers['retry-after']).toBe('5');
  expect(res.json()).toMatchObject({ status: 503, type: 'https://openpolicy.ca/problems/service-unavailable' });
}

describe.skipIf(!PG)('PostgreSQL cut off under one instance', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let viaProxy: Database;
  let logged: LoggedApp;
  let queries = 0;

  beforeAll(async () => {
    database = await testDatabase();
    const target = new URL(database.url!);
    proxy = await new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) }).start();
    viaProxy = await openDatabase({ url: proxy.url(database.url!), max: 4 });
    // Every query but the outage probe's (and the health check's) `select 1`.
    viaProxy.onQuery((event) => {
      if (!event.text?.startsWith('select 1 as ok')) queries++;
    });
    logged = await loggedApp({ database: viaProxy, store: memoryStore(), level: 'info' });
  });
  afterAll(async () => {
    await logged?.app.close();
    await viaProxy?.close();
    await proxy?.cut();
    await database?.drop();
  });

  it('answers 503 problem+json at once while the database is known down, logs no parameters, and recovers', async () => {
    const { app } = logged;
    expect((await app.inject({ url: '/api/v1/bills?per_page=2' })).statusCode).toBe(200);

    await proxy.cut();
    // The first request meets the outage in its query: a login, whose query carries the email.
    const email = 'someone.private@example.org';
    const first = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'a password of some length' } });
    expectUnavailable(first);

    // From now on the instance knows: requests that need the database are refused before any query.
    const before = queries;
    for (const url of ['/api/v1/bills?per_page=5', '/api/v1/votes?per_page=5', '/api/v1/people?per_page=5']) expectUnavailable(await app.inject({ url }));
    expectUnavailable(await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'a password of some length' } }));
    expect(queries - before, 'queries attempted while the database was known down').toBe(0);
    // What needs no database still answers.
    expect((await app.inject({ url: '/health/live' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/openapi.json' })).statusCode).toBe(200);

    const logs = logged.rawLogs.join('');
    expect(logs).toContain('database unavailable');
    expect(logs).not.toContain(email);
    expect(logs).not.toMatch(/"params":\s*\[/);

    await proxy.restore();
    await eventually(async () => (await app.inject({ url: '/api/v1/bills?per_page=6' })).statusCode === 200, 15_000);
    expect((await app.inject({ url: '/api/v1/votes?per_page=6' })).statusCode).toBe(200);
  });
});
