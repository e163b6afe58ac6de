/**
 * Logs: one JSON line per request (none for probes and scrapes), a request id
 * that round-trips (the gateway's when the peer is trusted), slow queries with
 * their duration, and never a password, token or API key, whatever the request.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryStore } from '../../src/store/store.js';
import { PASSWORD } from '../security/support.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { loggedApp, type LoggedApp } from './support.js';

let database: TestDatabase;
let logged: LoggedApp;
const GATEWAY = '10.0.0.5';

beforeAll(async () => {
  database = await testDatabase();
  logged = await loggedApp({
    database,
    store: memoryStore(),
    security: { trustedProxies: [GATEWAY] },
    ops: { slowQueryMs: 40 },
    level: 'debug',
  });
});

afterAll(async () => {
  await logged?.app.close();
  await database?.drop();
});

const requestLines = () => logged.logs.filter((l) => l.msg === 'request');
/** Lines are written when the response has closed, just after inject() resolves. */
const settle = () => new Promise((r) => setImmediate(r));

describe('request id', () => {
  it('is generated when the caller sends none, returned, and on the request\'s log line', async () => {
    const res = await logged.app.inject({ url: '/api/v1/bills?per_page=1' });
    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await settle();
    expect(requestLines().find((l) => l.request_id === id)).toMatchObject({ method: 'GET', url: '/api/v1/bills?per_page=1', route: '/api/v1/bills', status: 200 });
  });

  it('is taken from X-Request-Id when a trusted gateway sends it', async () => {
    const res = await logged.app.inject({ url: '/api/v1/bills?per_page=2', remoteAddress: GATEWAY, headers: { 'x-request-id': 'gw-7f3a9c' } });
    expect(res.headers['x-request-id']).toBe('gw-7f3a9c');
    await settle();
    expect(requestLines().some((l) => l.request_id === 'gw-7f3a9c')).toBe(true);
  });

  it('is not taken from anyone else, nor when it could forge a log line', async () => {
    const untrusted = await logged.app.inject({ url: '/api/v1/bills?per_page=1', remoteAddress: '203.0.113.1', headers: { 'x-request-id': 'chosen-by-caller' } });
    expect(untrusted.headers['x-request-id']).not.toBe('chosen-by-caller');
    const forged = await logged.app.inject({ url: '/api/v1/bills?per_page=1', remoteAddress: GATEWAY, headers: { 'x-request-id': 'a"b\\n{"level":60}' } });
    expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('comes back on errors too', async () => {
    const res = await logged.app.inject({ url: '/nowhere', remoteAddress: GATEWAY, headers: { 'x-request-id': 'gw-404' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['x-request-id']).toBe('gw-404');
  });
});

describe('request log lines', () => {
  it('writes one line per request, and none for health probes or scrapes', async () => {
    const before = requestLines().length;
    await logged.app.inject({ url: '/api/v1/bills?per_page=4' });
    await logged.app.inject({ url: '/health/live' });
    await logged.app.inject({ url: '/health/ready' });
    await logged.app.inject({ url: '/health' });
    await logged.app.inject({ url: '/metrics' });
    await settle();
    const lines = requestLines().slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ url: '/api/v1/bills?per_page=4', status: 200, duration_ms: expect.any(Number), ip: '127.0.0.1' });
  });

  it('logs a slow query with its duration and statement, not its parameters', async () => {
    await database.rows(sql`SELECT pg_sleep(0.06), ${'parameter-value-xyz'}::text AS p`);
    // The app listens to its own database object; the test database is the same one.
    const slow = logged.logs.filter((l) => l.msg === 'slow query');
    expect(slow.length).toBeGreaterThan(0);
    const line = slow.at(-1)!;
    expect(line.duration_ms).toBeGreaterThanOrEqual(50);
    expect(String(line.query)).toMatch(/pg_sleep/);
    expect(JSON.stringify(slow)).not.toContain('parameter-value-xyz');
  });

  it('writes a line whose err is a message, not an error, without its parameters and without throwing', async () => {
    // The delivery worker once logged `{ err: message }` while the database was down; the serializer threw and the process died.
    const message = 'Failed query: select 1 from users where email = $1\nparams: someone@example.org';
    expect(() => logged.app.log.warn({ err: message }, 'a message for err')).not.toThrow();
    const line = logged.logs.find((l) => l.msg === 'a message for err')!;
    expect(line.err).toBe('Failed query: select 1 from users where email = $1\nparams: [not logged]');
  });
});

describe('secrets', () => {
  it('never writes a password, token or API key, whatever the requests carry', async () => {
    const email = 'logger-check@example.org';
    const newPassword = 'another long passphrase here';
    const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
      logged.app.inject({ method: 'POST', url: `/api/v1${url}`, payload, headers });

    expect((await post('/auth/register', { email, password: PASSWORD })).statusCode).toBe(202);
    expect((await post('/auth/login', { email, password: 'wrong password, logged nowhere' })).statusCode).toBe(401);
    const tokens = (await post('/auth/login', { email, password: PASSWORD })).json() as { access_token: string; refresh_token: string };
    const refreshed = (await post('/auth/refresh', { refresh_token: tokens.refresh_token })).json() as { access_token: string; refresh_token: string };
    const auth = { authorization: `Bearer ${refreshed.access_token}` };
    const created = await post('/keys', { name: 'logging test' }, auth);
    expect(created.statusCode).toBe(201);
    const key = (created.json() as { key: string }).key;
    expect((await logged.app.inject({ url: '/api/v1/bills?per_page=1', headers: { 'x-api-key': key } })).statusCode).toBe(200);
    expect((await logged.app.inject({ url: `/api/v1/bills?per_page=1&apikey=${key}` })).statusCode).toBe(200);
    // Every spelling of the parameter's name the API decodes to apikey (hole 6 of the outside test), and on refused requests too.
    for (const name of ['api%6bey', 'api%6Bey', '%61%70%69%6b%65%79', 'ap%69key']) {
      expect((await logged.app.inject({ url: `/api/v1/bills?per_page=1&${name}=${key}` })).statusCode).toBe(200);
      expect((await logged.app.inject({ url: `/api/v1/nowhere?${name}=${key}` })).statusCode).toBe(404);
      expect((await logged.app.inject({ url: `/api/v1/auth/me?${name}=${key}` })).statusCode).toBe(403);
    }
    expect((await logged.app.inject({ url: '/api/v1/bills', headers: { 'x-api-key': `${key}x` } })).statusCode).toBe(401);
    expect((await post('/auth/password', { current_password: PASSWORD, new_password: newPassword }, auth)).statusCode).toBe(200);
    // A replayed refresh token: refused, and its session revoked.
    expect((await post('/auth/refresh', { refresh_token: tokens.refresh_token })).statusCode).toBe(401);
    await settle();

    const text = logged.rawLogs.join('');
    expect(logged.logs.length).toBeGreaterThan(8);
    for (const secret of [PASSWORD, newPassword, 'wrong password, logged nowhere', tokens.access_token, tokens.refresh_token, refreshed.access_token, refreshed.refresh_token, key]) {
      expect(text).not.toContain(secret);
    }
    // The key sent in the query string is on the log line, replaced.
    expect(text).toContain('apikey=[redacted]');
  });
});
