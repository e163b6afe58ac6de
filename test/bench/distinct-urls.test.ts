/**
 * What the API benchmark's anonymous column asks and counts (bench/uncached.ts), on a
 * real server: each list's distinct URLs are distinct, none is the keyed URL, and each
 * answers 200 with as many items as the keyed URL, as a miss of the response cache;
 * and the cache's hits and misses are read from the server's own /metrics.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cacheLookups, distinctListPaths, recordQueries, statementCapture, type ListShape } from '../../bench/uncached.js';
import { testApi } from '../support/api.js';
import { federal44_1, importSteps } from '../support/imports.js';

const api = testApi(async (database) => {
  await importSteps(database, federal44_1());
}, { security: { tiers: { anonymous: [{ limit: 1_000_000, windowMs: 60_000 }] } } });

let base: string;
/** The bench's list endpoints, with this data's ids (no one is current in it: `current=false`). */
let lists: string[];

interface Page {
  results: unknown[];
  pagination: ListShape;
}

async function get(path: string): Promise<{ status: number; cache: string | null; body: Page }> {
  const res = await fetch(base + path);
  return { status: res.status, cache: res.headers.get('x-cache'), body: (await res.json()) as Page };
}

beforeAll(async () => {
  await api.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(api.app.server.address() as { port: number }).port}`;
  const person = ((await get('/api/v1/people?name=poilievre&current=false')).body.results[0] as { id: string }).id;
  lists = [
    '/api/v1/bills?per_page=20', '/api/v1/bills?session=44-1', '/api/v1/votes?session=44-1', '/api/v1/people?current=false',
    `/api/v1/people/${person}/votes`, '/api/v1/debates', '/api/v1/speeches?q=carbon%20tax', '/api/v1/search?q=firearms',
  ];
});

describe('the distinct URLs of a list', () => {
  it('are distinct, never the keyed URL, and each reads a page as large as the keyed URL\'s, from the database', async () => {
    for (const path of lists) {
      const keyed = await get(path);
      expect(keyed.status, path).toBe(200);
      expect(keyed.body.results.length, `${path}: a list with items`).toBeGreaterThan(0);
      // Past the plain orders, so the zero-padded numbers are asked too.
      const paths = distinctListPaths(path, keyed.body.pagination, 3000);
      expect(paths, path).toHaveLength(3000);
      expect(new Set(paths).size, path).toBe(paths.length);
      expect(paths, path).not.toContain(path);
      // A spread of them, the last included: each a 200 of the keyed URL's size, and a miss.
      const step = Math.floor(paths.length / 40);
      for (const asked of paths.filter((_, i) => i % step === 0 || i === paths.length - 1)) {
        const { status, cache, body } = await get(asked);
        expect(status, asked).toBe(200);
        expect(cache, asked).toBe('MISS');
        expect(body.results.length, asked).toBe(keyed.body.results.length);
      }
    }
  });

  it('of one page are that page with every per_page that holds all its items', () => {
    const paths = distinctListPaths('/api/v1/debates', { per_page: 20, total_items: 12, max_page: 1 }, 200);
    expect(paths.slice(0, 3)).toEqual(['/api/v1/debates?per_page=20&page=1', '/api/v1/debates?per_page=12&page=1', '/api/v1/debates?per_page=13&page=1']);
    // 20 and 12–100 but 20, then the other order.
    expect(paths[88]).toBe('/api/v1/debates?per_page=100&page=1');
    expect(paths[89]).toBe('/api/v1/debates?page=1&per_page=20');
  });

  it('walk every full page of the list, then the same pages in other orders of the parameters', () => {
    const paths = distinctListPaths('/api/v1/bills?session=44-1', { per_page: 20, total_items: 65, max_page: 1000 }, 400);
    expect(paths.slice(0, 4)).toEqual([
      '/api/v1/bills?session=44-1&per_page=20&page=1',
      '/api/v1/bills?session=44-1&per_page=20&page=2',
      '/api/v1/bills?session=44-1&per_page=20&page=3',
      '/api/v1/bills?session=44-1&page=1&per_page=20',
    ]);
    // 3 full pages (the fourth holds 5) × 6 orders, then × 24 orders with format=json, then all again with a zero before page, per_page, both.
    expect(paths[18]).toBe('/api/v1/bills?session=44-1&per_page=20&page=1&format=json');
    expect(paths[90]).toBe('/api/v1/bills?session=44-1&per_page=20&page=01');
    expect(paths[180]).toBe('/api/v1/bills?session=44-1&per_page=020&page=1');
    expect(paths[270]).toBe('/api/v1/bills?session=44-1&per_page=020&page=01');
  });
});

describe('the distinct URLs of a record', () => {
  it('are its siblings with its query, then with the query\'s values in other orders: the same answer, another key', async () => {
    expect(recordQueries('')).toEqual(['']);
    expect(recordQueries('?include=actions,votes')).toEqual(['?include=actions,votes', '?include=votes,actions']);
    const bill = ((await get('/api/v1/bills?session=44-1')).body.results[0] as { url: string }).url;
    const [asked, other] = recordQueries('?include=actions,votes').map((query) => bill + query);
    const first = await fetch(base + asked!);
    const second = await fetch(base + other!);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.headers.get('x-cache')).toBe('MISS');
    expect(await second.text()).toBe(await first.text());
  });
});

describe('the cache lookups the bench counts', () => {
  it('are the server\'s /metrics: a first read is a miss, the second too (it fills the cache), the third a hit', async () => {
    const path = '/api/v1/bills?page=2&per_page=7';
    const before = await cacheLookups(base);
    expect((await get(path)).cache).toBe('MISS');
    expect((await get(path)).cache).toBe('MISS');
    await get(path);
    const after = await cacheLookups(base);
    expect({ hits: after.hits - before.hits, misses: after.misses - before.misses }).toEqual({ hits: 1, misses: 2 });
  });
});

describe.skipIf(!process.env.DATABASE_URL)('the statements the bench replays for a distinct URL', () => {
  it('are the server\'s for a page read after the page before it: a cursor page\'s, not an offset', async () => {
    const capture = await statementCapture(api.database.url!);
    try {
      const [page2, page3] = ['/api/v1/bills?per_page=5&page=2', '/api/v1/bills?per_page=5&page=3'];
      const alone = (await capture.capture([page3])).get(page3)!;
      const after = (await capture.capture([page3], new Map([[page3, page2]]))).get(page3)!;
      // Read alone, page 3 skips the ten rows before it; read after page 2, it starts after page 2's last row.
      expect(alone.map((s) => s.query).join('\n')).toMatch(/ offset /);
      expect(after.map((s) => s.query).join('\n')).not.toMatch(/ offset /);
      expect(after.map((s) => s.query).join('\n')).toMatch(/\) < \(select \$1::timestamptz, \$2::text\)/);
    } finally {
      await capture.close();
    }
  });
});
