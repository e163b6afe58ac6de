/**
 * GET /metrics: counts move as requests are answered (a 404 and a 429 under
 * their status), the security layer, cache, database and import runner record
 * theirs, the token protects it, and every metric name the alert rules and the
 * Grafana dashboard query is in the output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport, type Importer } from '../../src/ingest/runner.js';
import { memoryStore } from '../../src/store/store.js';
import { makeUser, type TestApp } from '../security/support.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { loggedApp, metricsUsed } from './support.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';
let database: TestDatabase;
let t: TestApp;

beforeAll(async () => {
  database = await testDatabase();
  const store = memoryStore();
  const { app } = await loggedApp({
    database,
    store,
    security: {
      tiers: { anonymous: [{ limit: 5, windowMs: 60_000 }], default: [{ limit: 1000, windowMs: 60_000 }] },
      lockout: { attempts: 2, windowMs: 60_000, lockMs: 60_000 },
    },
    ops: { metricsToken: METRICS_TOKEN },
    level: 'silent',
  });
  t = { app, database, store, close: async () => {} };
});

afterAll(async () => {
  await t?.app.close();
  await database?.drop();
});

async function scrape(): Promise<string> {
  const res = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.body;
}

/** The value of one sample, 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

describe('request metrics', () => {
  it('counts requests by method, route pattern and status, including a 404 and a 429', async () => {
    const before = await scrape();
    const ip = '198.51.100.7';
    for (let i = 0; i < 3; i++) expect((await t.app.inject({ url: '/api/v1/bills?per_page=1', remoteAddress: ip })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/no/such/page', remoteAddress: ip })).statusCode).toBe(404);
    // The anonymous quota is 5 a minute for this address: the 6th request is refused.
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await t.app.inject({ url: '/api/v1/bills?per_page=1', remoteAddress: ip })).statusCode);
    expect(codes).toEqual([200, 200, 429]);
    const after = await scrape();

    const bills = { method: 'GET', route: '/api/v1/bills', status: '200' };
    expect(sample(after, 'http_requests_total', bills) - sample(before, 'http_requests_total', bills)).toBe(5);
    const notFound = { method: 'GET', route: 'unmatched', status: '404' };
    expect(sample(after, 'http_requests_total', notFound) - sample(before, 'http_requests_total', notFound)).toBe(1);
    const limited = { method: 'GET', route: '/api/v1/bills', status: '429' };
    expect(sample(after, 'http_requests_total', limited) - sample(before, 'http_requests_total', limited)).toBe(1);
    expect(sample(after, 'rate_limit_rejections_total', { tier: 'anonymous' }) - sample(before, 'rate_limit_rejections_total', { tier: 'anonymous' })).toBe(1);

    const count = { method: 'GET', route: '/api/v1/bills' };
    expect(sample(after, 'http_request_duration_seconds_count', count) - sample(before, 'http_request_duration_seconds_count', count)).toBe(6);
    // Buckets fine enough below 10 ms to read a p99 there.
    expect(after).toMatch(/http_request_duration_seconds_bucket\{le="0.001",method="GET",route="\/api\/v1\/bills"\}/);
    expect(after).toMatch(/http_request_duration_seconds_bucket\{le="0.0075",/);
    expect(sample(after, 'http_requests_in_flight')).toBe(0);
  });

  // Hits are answered before Fastify, so only over HTTP: test/api/cached-reads.test.ts counts them.
  it('counts response-cache misses, and database round trips', async () => {
    const before = await scrape();
    await t.app.inject({ url: '/api/v1/bills?per_page=2', remoteAddress: '198.51.100.8' });
    const after = await scrape();
    expect(sample(after, 'cache_requests_total', { result: 'miss' }) - sample(before, 'cache_requests_total', { result: 'miss' })).toBe(1);
    const ok = { kind: 'query', outcome: 'ok' };
    expect(sample(after, 'db_query_duration_seconds_count', ok)).toBeGreaterThan(sample(before, 'db_query_duration_seconds_count', ok));
    expect(sample(after, 'db_pool_connections_max')).toBeGreaterThanOrEqual(1);
  });

  it('leaves health probes and scrapes out of the request metrics', async () => {
    const before = await scrape();
    await t.app.inject({ url: '/health/live' });
    await t.app.inject({ url: '/health/ready' });
    const after = await scrape();
    expect(after).not.toMatch(/route="\/health/);
    expect(after).not.toMatch(/route="\/metrics"/);
    expect(sample(after, 'app_ready')).toBe(1);
    expect(sample(after, 'app_dependency_up', { component: 'database' })).toBe(1);
    expect(before).toContain('app_info{version=');
  });

  it('counts refused credentials by reason, and lockouts', async () => {
    const user = await makeUser(t);
    const before = await scrape();
    const wrong = { method: 'POST' as const, url: '/api/v1/auth/login', payload: { email: user.email, password: 'not the password at all' } };
    expect((await t.app.inject(wrong)).statusCode).toBe(401);
    expect((await t.app.inject(wrong)).statusCode).toBe(401); // the second failure locks the account
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: { authorization: 'Bearer not-a-token' } })).statusCode).toBe(401);
    const after = await scrape();
    const failures = (text: string) => text.split('\n').filter((l) => l.startsWith('auth_failures_total{')).reduce((n, l) => n + Number(l.split(' ').at(-1)), 0);
    expect(failures(after) - failures(before)).toBe(3);
    expect(sample(after, 'auth_lockouts_total') - sample(before, 'auth_lockouts_total')).toBe(1);
  });
});

describe('import metrics', () => {
  it('records runs by source and status, records by outcome, and the last success per source', async () => {
    const importer: Importer = {
      source: 'metrics-test-source',
      description: 'a source made up for this test',
      samplePaths: () => [],
      async run(ctx) {
        await ctx.unit('one batch', async () => ({ inserted: 2, updated: 1, unchanged: 4 }));
        ctx.reject({ location: 'file.xml:3', message: 'no title' });
      },
    };
    const started = Date.now() / 1000;
    await runImport(database, importer, []);
    const text = await scrape();
    expect(sample(text, 'import_runs_total', { source: importer.source, status: 'partial' })).toBe(1);
    for (const [outcome, n] of [['inserted', 2], ['updated', 1], ['unchanged', 4], ['rejected', 1]] as const) {
      expect(sample(text, 'import_records_total', { source: importer.source, outcome })).toBe(n);
    }
    // Read from import_runs, so imports run by another process (the CLI) count too.
    expect(sample(text, 'import_last_success_timestamp_seconds', { source: importer.source })).toBeGreaterThanOrEqual(Math.floor(started) - 1);
  });
});

describe('access', () => {
  it('needs the metrics token when one is configured, and does not take it for a user token', async () => {
    expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong-token-of-the-same-length-xx' } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).statusCode).toBe(200);
  });
});

describe('every metric the alerts and the dashboard use', () => {
  // `up` is written by Prometheus itself for every scrape target.
  const SYNTHESIZED = new Set(['up']);

  const used = () => new Map([...metricsUsed()].filter(([, use]) => use.job === 'openpolicy').map(([name, use]) => [name, use.where]));

  it('finds the names the rules and the dashboard query (a sanity check of the extraction)', () => {
    const names = [...used().keys()];
    expect(names).toEqual(expect.arrayContaining(['http_requests_total', 'http_request_duration_seconds_bucket', 'app_ready', 'app_dependency_up', 'import_last_success_timestamp_seconds', 'auth_failures_total', 'rate_limit_rejections_total', 'nodejs_eventloop_lag_p99_seconds', 'db_pool_connections_in_use', 'cache_requests_total']));
    expect(names.length).toBeGreaterThan(20);
  });

  it('is in the /metrics output with at least one sample', async () => {
    const text = await scrape();
    const missing = [...used()].filter(([name]) => !SYNTHESIZED.has(name) && !new RegExp(`^${name}[{ ]`, 'm').test(text)).map(([name, where]) => `${name} (${where})`);
    expect(missing).toEqual([]);
  });
});
