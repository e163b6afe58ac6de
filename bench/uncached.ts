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
  /** The statements of each path that answered 200, as issued once the list totals are known (its second request), in order. */
  capture(paths: string[]): Promise<Map<string, Statement[]>>;
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
    async capture(paths) {
      const result = new Map<string, Statement[]>();
      for (const path of paths) {
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

/** Distinct query strings that all read the same list: every per_page with each of its pages, in JSON and with format=json. */
export function distinctListPaths(path: string, total: number, cap = 20_000): string[] {
  const paths: string[] = [];
  const url = new URL(path, 'http://x');
  url.searchParams.delete('per_page');
  url.searchParams.delete('page');
  path = url.pathname + url.search;
  const join = url.search ? '&' : '?';
  for (const format of ['', '&format=json']) {
    for (let perPage = 1; perPage <= 100; perPage++) {
      for (let page = 1; page <= Math.max(1, Math.ceil(total / perPage)); page++) {
        paths.push(`${path}${join}per_page=${perPage}&page=${page}${format}`);
        if (paths.length >= cap) return paths;
      }
    }
  }
  return paths;
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
