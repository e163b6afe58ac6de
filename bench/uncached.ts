/**
 * What the uncached benchmark needs besides wrk: an API key (its requests skip
 * every cache), distinct query strings for anonymous misses, the exact SQL
 * statements an endpoint issues (captured from postgres.js as the app runs
 * them in this process), the database limit (those statements replayed through
 * postgres.js at the same concurrency), and the API's memory.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { buildApp } from '../src/api/app.js';
import type { Database, Db } from '../src/db/client.js';
import * as schema from '../src/db/schema.js';
import { listParameters } from '../src/api/schemas/lists.js';
import type { Measurement } from './wrk.js';

/** An API key of a new user, made through the API as a client would (register, log in, create a key). */
export async function benchApiKey(base: string): Promise<string> {
  const email = `bench-${Date.now()}@openpolicy.invalid`;
  const password = `bench ${Date.now()} correct horse battery staple`;
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(base + path, {
      method: 'POST', body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, string>>;
  };
  await post('/api/v1/auth/register', { email, password });
  const { access_token: token } = await post('/api/v1/auth/login', { email, password });
  return (await post('/api/v1/keys', { name: 'bench' }, token)).key!;
}

export interface Statement {
  query: string;
  params: unknown[];
}

/** Captures the statements requests issue, from the driver, as the app sends them. */
export interface StatementCapture {
  /**
   * The statements of each path that answered 200, as issued once the list totals are known (its second request), in order;
   * each read after the path `readBefore` names for it, as the server read them in a run: a page by number after the
   * page before it starts after that page's last row (src/api/lists.ts), so its statements are a cursor page's.
   */
  capture(paths: string[], readBefore?: ReadonlyMap<string, string>): Promise<Map<string, Statement[]>>;
  close(): Promise<void>;
}

/** The app on a driver this process watches, for capturing the statements paths issue. */
export async function statementCapture(url: string): Promise<StatementCapture> {
  let captured: Statement[] = [];
  const client = postgres(url, {
    max: 4, prepare: true, onnotice: () => {},
    debug: (_connection, query, params) => { if (!query.startsWith('begin')) captured.push({ query, params: [...params] }); },
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  // The app's own queries, on a driver this process watches: only what routes use of a Database.
  const database: Database = {
    kind: 'postgres', db,
    rows: async <T>(query: Parameters<Database['rows']>[0]) => (await db.execute(query)) as unknown as T[],
    migrate: async () => {}, close: () => client.end({ timeout: 5 }), pool: () => ({ active: 0, max: 4 }), onQuery: () => () => {},
  };
  const app = await buildApp({ database, security: { tiers: { anonymous: [{ limit: 1_000_000, windowMs: 1000 }] } } });
  return {
    async capture(paths, readBefore = new Map()) {
      const result = new Map<string, Statement[]>();
      for (const path of paths) {
        const before = readBefore.get(path);
        if (before !== undefined) await app.inject({ method: 'GET', url: before });
        await app.inject({ method: 'GET', url: path });
        const mine: Statement[] = (captured = []);
        const res = await app.inject({ method: 'GET', url: path });
        captured = [];
        if (res.statusCode === 200) result.set(path, mine);
      }
      return result;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** Up to `count` of the URLs a distinct-URL run asked (it went through `asked` of them, in order), evenly spread. */
export function sampleAsked(paths: string[], asked: number, count: number): string[] {
  const span = Math.min(asked, paths.length);
  return [...new Set(Array.from({ length: Math.min(count, span) }, (_, i) => paths[Math.floor((i * span) / Math.min(count, span))]!))];
}

/**
 * The database limit of an endpoint: the statements of its requests, one
 * request after the other on each of `connections` workers, through
 * postgres.js as the app uses it. With several requests' statements (a sample
 * of distinct URLs), the workers take them in turn.
 */
export async function databaseLimit(url: string, requests: Statement[][], connections: number, seconds: number): Promise<Measurement> {
  const client = postgres(url, { max: connections, onnotice: () => {} });
  // Bound and read as the app's client does: drizzle's driver makes postgres.js pass dates, times and JSON through as
  // the strings the app binds. Plain postgres.js sends a timestamptz parameter as new Date(value).toISOString(),
  // which drops its microseconds: a page after a kept key (`updated_at`, id) then compared with another instant and
  // read other rows (none for page 15 of bills?session=44-1, whose bills share their updated_at to the millisecond).
  drizzle(client);
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < deadline) {
      const statements = requests[next++ % requests.length]!;
      const t = performance.now();
      try {
        // Named prepared statements, parsed and planned once per connection: the best the database
        // can do (lists run so since src/db/sql-shape.ts). `unsafe` is unprepared unless asked,
        // whatever the client's option, which made this limit pay planning the app no longer pays.
        for (const s of statements) await client.unsafe(s.query, s.params as postgres.ParameterOrJSON<never>[], { prepare: true });
        latencies.push(performance.now() - t);
      } catch {
        errors++;
      }
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  await client.end({ timeout: 5 });
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { requestsPerSecond: latencies.length / elapsed, p50Ms: at(0.5), p99Ms: at(0.99), requests: latencies.length, errors, non2xx: 0 };
}

/** What a list answered for the keyed URL: the page's size and how many items there are. */
export interface ListShape {
  per_page: number;
  total_items: number;
  max_page: number;
}

/** The largest page a list serves. */
const MAX_PER_PAGE = (listParameters.per_page as unknown as { maximum: number }).maximum;

/** from, from + 1, …, to. */
const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** Every order of `items`. */
function* permutations<T>(items: T[]): Generator<T[]> {
  if (items.length <= 1) {
    yield items;
    return;
  }
  for (let i = 0; i < items.length; i++) {
    for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)])) yield [items[i]!, ...rest];
  }
}

/**
 * Distinct query strings of a list, each answering a page of as many items as the keyed URL's
 * (`path`, a first page), so that an anonymous miss reads what a keyed request reads:
 * - every full page of the keyed URL's filters and `per_page` (the last page may be short);
 *   a list of one page: that page with every `per_page` that still holds all its items;
 * - with the parameters in every order, then with `format=json` added in every order;
 * - then, only when the runs need more URLs than that (small lists), all of those again with
 *   a leading zero on `page`, on `per_page`, on both, then two, …: the API reads the same numbers.
 * Each is a key of its own in the response cache (the URL as sent), none the keyed URL.
 * Consecutive URLs walk the pages, so any slice of them reads the list's pages alike.
 * The filters keep the bytes the keyed URL gives them.
 */
export function distinctListPaths(path: string, list: ListShape, cap: number): string[] {
  const q = path.indexOf('?');
  const pathname = q === -1 ? path : path.slice(0, q);
  const own = new Set(['per_page', 'page', 'format']);
  const filters = q === -1 ? [] : path.slice(q + 1).split('&').filter((p) => p && !own.has(p.split('=')[0]!));
  const pages = Math.max(1, Math.min(list.max_page, Math.floor(list.total_items / list.per_page)));
  const perPages = list.total_items > list.per_page ? [list.per_page] : [list.per_page, ...range(Math.max(1, list.total_items), MAX_PER_PAGE).filter((n) => n !== list.per_page)];
  const paths: string[] = [];
  // Leading zeros of page and per_page: (0, 0), then every pair with at most 1, then at most 2, …
  for (let most = 0; ; most++) {
    const zeros: [page: number, perPage: number][] = [...range(0, most - 1).map((a) => [most, a] as [number, number]), ...range(0, most).map((b) => [b, most] as [number, number])];
    for (const [zerosPage, zerosPerPage] of zeros) {
      for (const format of [[], ['format=json']]) {
        for (const order of permutations([...filters, 'per_page', 'page', ...format])) {
          for (const perPage of perPages) {
            for (let page = 1; page <= pages; page++) {
              const value = (name: string) => (name === 'page' ? `page=${'0'.repeat(zerosPage)}${page}` : name === 'per_page' ? `per_page=${'0'.repeat(zerosPerPage)}${perPage}` : name);
              const url = `${pathname}?${order.map(value).join('&')}`;
              if (url !== path) paths.push(url);
              if (paths.length >= cap) return paths;
            }
          }
        }
      }
    }
  }
}

/**
 * A record's query (`?include=actions,votes`) in every order of each list of values it
 * gives (`?include=votes,actions`): the same answer under other keys of the response cache.
 */
export function recordQueries(query: string): string[] {
  if (!query) return [''];
  let queries = [''];
  for (const parameter of query.slice(1).split('&')) {
    const eq = parameter.indexOf('=');
    const orders = eq === -1 ? [parameter] : [...permutations(parameter.slice(eq + 1).split(','))].map((values) => `${parameter.slice(0, eq)}=${values.join(',')}`);
    queries = queries.flatMap((q) => orders.map((o) => `${q}${q ? '&' : '?'}${o}`));
  }
  return queries;
}

/** The response cache's lookups so far, by result: anonymous reads it answered, and those that went on to the database. */
export interface CacheLookups {
  hits: number;
  misses: number;
}

/** `cache_requests_total` of a Prometheus text exposition (`/metrics`; with --workers, summed over the workers). */
function parseCacheLookups(text: string): CacheLookups {
  const count = (result: 'hit' | 'miss') => {
    const found = new RegExp(`^cache_requests_total\\{result="${result}"\\} (\\S+)$`, 'm').exec(text);
    if (!found) throw new Error(`/metrics has no cache_requests_total{result="${result}"}`);
    return Number(found[1]);
  };
  return { hits: count('hit'), misses: count('miss') };
}

/** The server's cache lookups, read from its /metrics (with the METRICS_TOKEN the server was given, if any). */
export async function cacheLookups(base: string): Promise<CacheLookups> {
  const token = process.env.METRICS_TOKEN;
  const res = await fetch(`${base}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new Error(`${base}/metrics answered ${res.status}: the bench counts the cache's hits there (it answers loopback, or METRICS_TOKEN)`);
  return parseCacheLookups(await res.text());
}

/**
 * Resident memory of the server: the largest process under `pid` (the process itself,
 * or with --workers its largest worker), in MB, now and at its peak, and how much of it
 * is anonymous (V8's heap, buffers, malloc's arenas: what the server's own work holds)
 * rather than pages of mapped files (node's and the libraries' code, ~46 MB, the same
 * whatever the server does); with the number of processes and their RSS in all (with
 * --workers the primary and every worker: what the machine gives the layout).
 */
export function serverMemory(pid: number): { rssMb: number; peakMb: number; anonymousMb: number; processes: number; totalMb: number } {
  let best = { rssMb: 0, peakMb: 0, anonymousMb: 0 };
  let processes = 0;
  let totalMb = 0;
  const visit = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      const rssMb = Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
      const peakMb = Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
      const anonymousMb = Math.round(Number(/^Anonymous:\s+(\d+)/m.exec(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'))?.[1] ?? 0) / 1024);
      if (rssMb > best.rssMb) best = { rssMb, peakMb, anonymousMb };
      processes++;
      totalMb += rssMb;
      for (const task of readdirSync(`/proc/${p}/task`)) {
        for (const child of readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) visit(Number(child));
      }
    } catch {
      // the process ended
    }
  };
  visit(pid);
  return { ...best, processes, totalMb };
}
