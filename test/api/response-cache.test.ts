/**
 * The response cache's bodies, kept in slabs (src/api/slabs.ts), over real HTTP
 * and real data: a hit is byte for byte and header for header the response
 * that filled its entry, for every list and a few records, in every encoding;
 * a URL is kept from its second read on, so a walk over pages read once keeps
 * nothing; an entry leaves, and its slab space is given back, when it expires (without
 * being asked for again), when data changes, and when it is evicted.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { announceDataChange } from '../../src/store/data-changed.js';
import { testApi } from '../support/api.js';
import { federal44_1, importSteps } from '../support/imports.js';
import { rawGet, type Raw } from '../support/raw-get.js';
import { testStore } from '../security/support.js';

const TTL_MS = 3000;
const UNLIMITED = { tiers: { anonymous: [{ limit: 1_000_000, windowMs: 60_000 }] }, cachedIpQuotas: [{ limit: 1_000_000, windowMs: 60_000 }] };
const store = testStore();
const api = testApi(async (database) => importSteps(database, federal44_1()), { store, security: UNLIMITED, responseCache: { ttlMs: TTL_MS } });

async function listen(app: typeof api.app): Promise<number> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

let port = 0;
const get = (path: string, headers: Record<string, string> = {}) => rawGet(port, path, headers);
beforeAll(async () => {
  port = await listen(api.app);
});
afterAll(async () => {
  await store.close();
});

/** Headers that differ from one response to the next by design. */
const PER_REQUEST = new Set(['date', 'x-request-id', 'x-cache', 'ratelimit-limit', 'ratelimit-policy', 'ratelimit-remaining', 'ratelimit-reset']);
const shared = (res: Raw, without: string[] = []) => Object.entries(res.headers).filter(([name]) => !PER_REQUEST.has(name) && !without.includes(name)).sort();
const decoded = (res: Raw) => (res.headers['content-encoding'] === 'br' ? brotliDecompressSync(res.body) : res.headers['content-encoding'] === 'gzip' ? gunzipSync(res.body) : res.body);

describe('a hit', () => {
  it('is the response that filled its entry, byte for byte and header for header, in every encoding, for every list', async () => {
    const people = JSON.parse((await get('/api/v1/people?current=false&name=poilievre')).body.toString()) as { results: { id: string }[] };
    const person = people.results[0]!.id;
    const lists = [
      '/api/v1/bills', '/api/v1/bills?session=44-1&sort=number_asc', '/api/v1/bills?q=amendment', '/api/v1/votes', '/api/v1/votes?session=44-1&result=fail',
      '/api/v1/people?current=false', `/api/v1/people/${person}/votes`, `/api/v1/people/${person}/bills`, `/api/v1/people/${person}/speeches`,
      '/api/v1/debates', '/api/v1/speeches', '/api/v1/speeches?q=carbon%20tax', '/api/v1/committees', '/api/v1/search?q=firearms',
      '/api/v1/divisions', '/api/v1/jurisdictions', '/api/v1/sessions', '/api/v1/sources',
    ];
    const urls = [
      ...lists.flatMap((list) => [1, 20, 100].map((perPage) => `${list}${list.includes('?') ? '&' : '?'}per_page=${perPage}`)),
      '/api/v1/votes/ca/44-1/332', `/api/v1/people/${person}`,
    ];
    let compressed = 0;
    for (const url of urls) {
      // The first read is not kept. The second asks for brotli: the entry keeps the identity body and the brotli one.
      const first = await get(url);
      expect([first.status, first.headers['x-cache']], url).toEqual([200, 'MISS']);
      const miss = await get(url, { 'accept-encoding': 'br' });
      expect([miss.status, miss.headers['x-cache']], url).toEqual([200, 'MISS']);
      const hit = await get(url, { 'accept-encoding': 'br' });
      expect(hit.headers['x-cache'], url).toBe('HIT');
      expect(hit.body.equals(miss.body), url).toBe(true);
      expect(shared(hit), url).toEqual(shared(miss));
      const identity = decoded(miss);
      for (const encoding of ['identity', 'gzip']) {
        const other = await get(url, { 'accept-encoding': encoding });
        expect(other.headers['x-cache'], url).toBe('HIT');
        expect(decoded(other).equals(identity), `${url} ${encoding}`).toBe(true);
        expect(shared(other, ['content-encoding', 'content-length']), `${url} ${encoding}`).toEqual(shared(miss, ['content-encoding', 'content-length']));
        expect(Number(other.headers['content-length']), url).toBe(other.body.length);
      }
      if (miss.headers['content-encoding']) compressed++;
      const notModified = await get(url, { 'if-none-match': String(miss.headers.etag) });
      expect([notModified.status, notModified.body.length], url).toEqual([304, 0]);
    }
    expect(compressed).toBeGreaterThan(urls.length / 2);
  });
});

describe('a URL read once', () => {
  it('is not kept: a walk over every page of a list keeps nothing, and a page read again is kept from that read', async () => {
    const app = await buildApp({ database: api.database, security: UNLIMITED });
    try {
      const own = await listen(app);
      const total = (JSON.parse((await rawGet(own, '/api/v1/bills?per_page=20')).body.toString()) as { pagination: { max_page: number } }).pagination.max_page;
      expect(total).toBeGreaterThan(5);
      // Page 1 was read just now: the walk starts at 2.
      for (let page = 2; page <= total; page++) {
        const res = await rawGet(own, `/api/v1/bills?per_page=20&page=${page}`);
        expect([res.status, res.headers['x-cache']]).toEqual([200, 'MISS']);
      }
      expect([app.responseCache.size(), app.responseCache.slabs.held]).toEqual([0, 0]);
      const again = await rawGet(own, '/api/v1/bills?per_page=20&page=2');
      const hit = await rawGet(own, '/api/v1/bills?per_page=20&page=2');
      expect([again.headers['x-cache'], hit.headers['x-cache'], hit.body.equals(again.body), app.responseCache.size()]).toEqual(['MISS', 'HIT', true, 1]);
    } finally {
      await app.close();
    }
  });
});

describe('an entry leaves, and gives its bytes back', () => {
  const fill = async (urls: string[]) => {
    for (const url of [...urls, ...urls]) await get(url);
    for (const url of urls) expect((await get(url)).headers['x-cache'], url).toBe('HIT');
  };
  const urls = ['/api/v1/bills?per_page=100', '/api/v1/speeches?per_page=100', '/api/v1/votes?per_page=50'];

  it('when it expires, whether or not it is asked for again', async () => {
    await fill(urls);
    expect(api.app.responseCache.slabs.held).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, TTL_MS + TTL_MS / 6 + 300));
    expect([api.app.responseCache.size(), api.app.responseCache.slabs.held]).toEqual([0, 0]);
    expect((await get(urls[0]!)).headers['x-cache']).toBe('MISS');
  });

  it('when data changes, anywhere', async () => {
    await fill(urls);
    expect(api.app.responseCache.slabs.held).toBeGreaterThan(0);
    await announceDataChange(store);
    await new Promise((r) => setTimeout(r, 200)); // pub/sub delivery
    expect([api.app.responseCache.size(), api.app.responseCache.slabs.held]).toEqual([0, 0]);
  });

  it('when it is evicted: the slabs hold what the bound lets in, not all that passed through', async () => {
    const app = await buildApp({ database: api.database, security: UNLIMITED, responseCache: { maxBytes: 256 * 1024 } });
    try {
      const small = await listen(app);
      // 3 MB of bodies of 10-80 KB through a bound of 256 KB, each read twice so that it is kept.
      const pages: string[] = [];
      let passed = 0;
      const bodies = new Map<string, Buffer>();
      for (let perPage = 10; passed < 3 * 1024 * 1024; perPage++) {
        const page = `/api/v1/bills?per_page=${perPage}`;
        await rawGet(small, page);
        const miss = await rawGet(small, page);
        expect(miss.headers['x-cache']).toBe('MISS');
        passed += miss.body.length;
        bodies.set(page, miss.body);
        pages.push(page);
      }
      // What the bound keeps (~170 KB of bodies) is in the open slab and at most the one before it.
      expect(app.responseCache.slabs.held).toBeLessThanOrEqual(2 * 1024 * 1024);
      const last = await rawGet(small, pages.at(-1)!);
      expect([last.headers['x-cache'], last.body.equals(bodies.get(pages.at(-1)!)!)]).toEqual(['HIT', true]);
      expect((await rawGet(small, pages[0]!)).headers['x-cache']).toBe('MISS');
    } finally {
      await app.close();
    }
    expect(app.responseCache.slabs.held).toBe(0);
  });
});
