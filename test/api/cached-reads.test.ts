/**
 * Cached anonymous reads, answered before Fastify (src/api/cached-reads.ts),
 * over real HTTP (inject() calls Fastify directly, so it never sees them): the
 * same headers as the response that filled the entry, counted against the
 * cached-read quota rather than the anonymous one, refused past it, 304 on a matching ETag, the asking
 * origin's CORS, the forwarded client behind a trusted proxy, in the metrics
 * and the log, never for a caller with credentials, and gone when data changes.
 * A URL is kept from its second read on (src/api/first-reads.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceDataChange } from '../../src/store/data-changed.js';
import { metrics, registry } from '../../src/ops/metrics.js';
import { testStore } from '../security/support.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { loggedApp, type LoggedApp } from '../ops/support.js';

const ALLOWED = 'https://app.openpolicy.ca';
const GATEWAY = '127.0.0.1';
const QUOTA = 4;
const CACHED_QUOTA = 6;
let database: TestDatabase;
let logged: LoggedApp;
let base: string;
const store = testStore();

beforeAll(async () => {
  database = await testDatabase();
  logged = await loggedApp({
    database,
    store,
    // The test client is the trusted gateway, so each test names its own client in X-Forwarded-For.
    security: { corsOrigins: [ALLOWED], trustedProxies: [GATEWAY], tiers: { anonymous: [{ limit: QUOTA, windowMs: 60_000 }] }, cachedIpQuotas: [{ limit: CACHED_QUOTA, windowMs: 60_000 }] },
  });
  await logged.app.listen({ port: 0, host: '127.0.0.1' });
  const address = logged.app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await logged?.app.close();
  await store.close();
  await database?.drop();
});

let clients = 0;
/** A fresh client address, so each test has its own quota. */
const client = () => ({ 'x-forwarded-for': `198.51.100.${++clients}` });
const get = (path: string, headers: Record<string, string> = {}) => fetch(base + path, { headers });
/** Reads `path` twice, so that the cache keeps it; the second read's response. */
const kept = async (path: string, headers: Record<string, string> = {}) => {
  await get(path, headers);
  return get(path, headers);
};
/** Headers that differ from one response to the next by design (a hit shows the cached-read quota, a miss the anonymous one). */
const PER_REQUEST = new Set(['date', 'x-request-id', 'x-cache', 'ratelimit-limit', 'ratelimit-policy', 'ratelimit-remaining', 'ratelimit-reset']);

describe('a repeated anonymous read', () => {
  it('is answered from the cache with the headers and bytes of the response that filled it', async () => {
    const who = client();
    const miss = await kept('/api/v1/bills?per_page=2', who);
    const hit = await get('/api/v1/bills?per_page=2', who);
    expect([miss.headers.get('x-cache'), hit.headers.get('x-cache')]).toEqual(['MISS', 'HIT']);
    expect(await hit.text()).toBe(await miss.text());
    const shared = (res: Response) => [...res.headers].filter(([name]) => !PER_REQUEST.has(name)).sort();
    expect(shared(hit)).toEqual(shared(miss));
    expect(hit.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(hit.headers.get('x-request-id')).not.toBe(miss.headers.get('x-request-id'));
    expect(hit.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('is counted against the cached-read quota, not the anonymous one, and refused past it with the full problem and headers', async () => {
    const who = client();
    const seen: (string | null)[][] = [];
    for (let i = 0; i < 2 + CACHED_QUOTA; i++) {
      const res = await get('/api/v1/sessions', who);
      expect(res.status).toBe(200);
      seen.push([res.headers.get('x-cache'), res.headers.get('ratelimit-limit'), res.headers.get('ratelimit-remaining')]);
    }
    // The misses reached the database (the first read, then the second that filled the entry): two of the anonymous four. The hits did not.
    expect(seen).toEqual([['MISS', '4', '3'], ['MISS', '4', '2'], ...['5', '4', '3', '2', '1', '0'].map((left) => ['HIT', '6', left])]);
    expect((await get('/api/v1/sessions?per_page=1', who)).headers.get('ratelimit-remaining')).toBe('1');
    const refused = await get('/api/v1/sessions', who);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
    expect(((await refused.json()) as { type: string }).type).toMatch(/rate-limited$/);
  });

  it('answers 304 to a matching If-None-Match, weak or strong', async () => {
    const who = client();
    const first = await kept('/api/v1/jurisdictions', who);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\//);
    for (const ifNoneMatch of [etag, etag.slice(2)]) {
      const res = await get('/api/v1/jurisdictions', { ...who, 'if-none-match': ifNoneMatch });
      expect([res.status, res.headers.get('x-cache'), await res.text()]).toEqual([304, 'HIT', '']);
      expect(res.headers.get('etag')).toBe(etag);
    }
    expect((await get('/api/v1/jurisdictions', { ...who, 'if-none-match': 'W/"other"' })).status).toBe(200);
  });

  it('carries the CORS headers of the origin asking', async () => {
    const who = client();
    await kept('/api/v1/divisions?per_page=1', { ...who, origin: 'https://someone.example' });
    const listed = await get('/api/v1/divisions?per_page=1', { ...who, origin: ALLOWED });
    const other = await get('/api/v1/divisions?per_page=1', { ...who, origin: 'https://someone.example' });
    expect([listed.headers.get('x-cache'), other.headers.get('x-cache')]).toEqual(['HIT', 'HIT']);
    expect(listed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(listed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(other.headers.get('access-control-allow-origin')).toBe('*');
    expect(other.headers.get('access-control-allow-credentials')).toBeNull();
    // A list also varies on Accept (JSON or CSV).
    expect(other.headers.get('vary')).toBe('Accept, Origin');
  });

  it('is counted per client behind a trusted proxy', async () => {
    const [a, b] = [client(), client()];
    await kept('/api/v1/people?per_page=1', a);
    await get('/api/v1/people?per_page=1', a);
    expect((await get('/api/v1/people?per_page=1', a)).headers.get('ratelimit-remaining')).toBe('4');
    const other = await get('/api/v1/people?per_page=1', b);
    expect([other.headers.get('x-cache'), other.headers.get('ratelimit-remaining')]).toEqual(['HIT', '5']);
  });

  it('is in the request metrics and has its log line, with the route pattern and the id it was sent', async () => {
    const who = client();
    const hits = async () => (await metrics.cacheRequests.get()).values.find((v) => v.labels.result === 'hit')?.value ?? 0;
    const hitsBefore = await hits();
    await get('/api/v1/bills/ocd-bill/00000000-0000-0000-0000-000000000000', who); // a 404 is not cached
    await kept('/api/v1/votes?per_page=1', who);
    const hit = await get('/api/v1/votes?per_page=1', who);
    expect((await hits()) - hitsBefore).toBe(1);
    const line = logged.logs.find((l) => l.msg === 'request' && l.request_id === hit.headers.get('x-request-id'));
    expect(line).toMatchObject({ method: 'GET', url: '/api/v1/votes?per_page=1', route: '/api/v1/votes', status: 200, cache: 'HIT', ip: who['x-forwarded-for'] });
    expect(await registry.getSingleMetricAsString('http_requests_total')).toMatch(/method="GET",route="\/api\/v1\/votes",status="200"\} [2-9]/);
  });
});

describe('not from the cache', () => {
  it('a caller with credentials, valid or not, goes through authentication', async () => {
    const who = client();
    await kept('/api/v1/committees?per_page=1', who);
    expect((await get('/api/v1/committees?per_page=1', who)).headers.get('x-cache')).toBe('HIT');
    // Each from its own client: refused credentials count against the quota too.
    const bearer = await get('/api/v1/committees?per_page=1', { ...client(), authorization: 'Bearer forged.token.value' });
    const key = await get('/api/v1/committees?per_page=1', { ...client(), 'x-api-key': 'opk_00000000_forged' });
    const queryKey = await get('/api/v1/committees?per_page=1&apikey=opk_00000000_forged', client());
    for (const res of [bearer, key, queryKey]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('x-cache')).toBeNull();
    }
  });

  it('after a data change, anywhere: the next read is a miss', async () => {
    const who = client();
    await kept('/api/v1/debates?per_page=1', who);
    expect((await get('/api/v1/debates?per_page=1', who)).headers.get('x-cache')).toBe('HIT');
    await announceDataChange(store);
    await new Promise((r) => setTimeout(r, 200)); // pub/sub delivery
    expect((await get('/api/v1/debates?per_page=1', who)).headers.get('x-cache')).toBe('MISS');
    // A URL read before is kept again at once.
    expect((await get('/api/v1/debates?per_page=1', who)).headers.get('x-cache')).toBe('HIT');
  });
});
