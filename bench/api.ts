/**
 * API benchmark: the platform on PostgreSQL (full data set) + Redis, and on the
 * embedded default (PGlite, bundled sample). For each endpoint, four ways in:
 *   cached     anonymous, the same URL again: against bare node:http serving the same bytes;
 *   cached br  the same, asking for brotli (as browsers do): the stored compressed entry, written as is;
 *   key        uncached, with an X-API-Key (every API client with a key);
 *   distinct   uncached anonymous misses: a different query string each request (a list's: pages of the
 *              keyed URL's size), none asked before in the run; the cache's hits, read from /metrics, are printed;
 *   db limit   the SQL statements the endpoint issues (captured from the driver),
 *              replayed through postgres.js at the same concurrency (PostgreSQL only);
 *              for the distinct column, those of a sample of the URLs its run asked;
 * with req/s, p50, p99 (beside the database limit's own p99: the floor of any p99 target),
 * the ratio to the limit (bare server, or database limit),
 * and the server's memory after the run.
 *
 * The machine is shared and noisy: each figure is the median of `--rounds`
 * runs, the ways in alternating within a round so that all see the same
 * background load; the load average is printed with the figures.
 *
 * `--workers N` serves the PostgreSQL half with `serve --workers N` (node:cluster; the
 * embedded database belongs to one process, so the PGlite half always has one).
 *
 *   npm run bench [-- --seconds 5 --rounds 3 --connections 10 --only postgres|pglite --match votes --workers 2]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compressBody } from '../src/api/compression.js';
import { bareServer, endpoints, fullDataDatabase, median, REDIS_URL, startInstance, type Instance } from './platform.js';
import {
  benchApiKey, cacheLookups, databaseLimit, distinctListPaths, recordQueries, sampleAsked, serverMemory, statementCapture,
  type CacheLookups, type ListShape, type Statement, type StatementCapture,
} from './uncached.js';
import { measure, wrkAvailable, type Measurement } from './wrk.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
    only: { type: 'string' },
    match: { type: 'string' },
    workers: { type: 'string', default: '1' },
  },
});
const seconds = Number(args.seconds);
const rounds = Number(args.rounds);
const connectionCounts = args.connections!.split(',').map(Number);
const workers = Number(args.workers);
// Limits are still counted on every request (in Redis on PostgreSQL), just never reached.
// Cache hits have their own per-address quota (cached-ip): unlimited too, or the cached rows measure 429s.
const UNLIMITED = 'anonymous=1000000/s; default=1000000/s; cached-ip=1000000/s';

/** A figure's line; with `limit`, the database limit's p99 beside the endpoint's. */
function row(label: string, c: number, m: Measurement, ratioToLimit?: number, limit?: Measurement, note = ''): string {
  const ratio = ratioToLimit === undefined ? '' : ratioToLimit.toFixed(2);
  const errors = m.errors + m.non2xx ? ` errors=${m.errors + m.non2xx}` : '';
  const floor = limit ? ` (limit's ${limit.p99Ms.toFixed(2)})` : '';
  return `${label.padEnd(40)} c=${String(c).padStart(2)} ${m.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${m.p50Ms.toFixed(2).padStart(6)} ms  p99 ${m.p99Ms.toFixed(2).padStart(7)} ms${floor}${ratio ? `  ×limit ${ratio}` : ''}${errors}${note}`;
}

/** Medians of each figure over the rounds. */
function medianOf(runs: Measurement[]): Measurement {
  const of = (pick: (m: Measurement) => number) => median(runs.map(pick));
  return {
    requestsPerSecond: of((m) => m.requestsPerSecond),
    p50Ms: of((m) => m.p50Ms),
    p99Ms: of((m) => m.p99Ms),
    requests: of((m) => m.requests),
    errors: runs.reduce((n, m) => n + m.errors, 0),
    non2xx: runs.reduce((n, m) => n + m.non2xx, 0),
  };
}

/** The largest process's RSS (the API process the RSS target is for), and with --workers every process's in all. */
function memoryText(m: ReturnType<typeof serverMemory>): string {
  const all = m.processes > 1 ? `; ${m.processes} processes (primary and workers) ${m.totalMb} MB in all` : '';
  return `RSS ${m.rssMb} MB (anonymous ${m.anonymousMb}, mapped files ${m.rssMb - m.anonymousMb}), peak ${m.peakMb} MB${all}`;
}

const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

/** One endpoint's uncached figures at one concurrency, for the README's table. */
interface TableRow {
  path: string;
  statements: number | undefined;
  key: Measurement;
  distinct: Measurement;
  /** The share of the distinct runs' requests the response cache answered (0: all were misses). */
  distinctHits: number;
  distinctUrls: number;
  db: Measurement | undefined;
  dbDistinct: Measurement | undefined;
  ratios: [number | undefined, number | undefined];
}

/** Milliseconds as the table gives them: tenths below 10 ms (the p99 target), whole above. */
const ms = (value: number) => (value < 10 ? value.toFixed(1) : value.toFixed(0));
/** A cell of the table; with `limit`, the database limit's p99 beside the endpoint's: the floor of its p99. */
const figure = (m: Measurement, limit?: Measurement) =>
  `${m.requestsPerSecond.toFixed(0)} req/s, p50 ${m.p50Ms.toFixed(1)} ms, p99 ${ms(m.p99Ms)} ms${limit ? ` (limit's ${ms(limit.p99Ms)})` : ''}`;
const percent = (share: number) => `${(share * 100).toFixed(share < 0.1 ? 1 : 0)} %`;

/** The uncached figures as the README's table, ready to paste over the last one. */
function markdownTable(rows: TableRow[]): string {
  const lines = [
    '| endpoint | SQL | uncached, API key | anonymous, distinct URLs | database limit (key URL / distinct URLs) | ×limit (key / anon) |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    // Runs that asked URLs again (a record with fewer siblings than a run asks) were partly cache hits: no figure then, and no ratio.
    const distinct = r.distinctHits ? `(${r.distinctUrls.toLocaleString('en-CA')} URLs, asked again: **${percent(r.distinctHits)} cache hits**)` : figure(r.distinct, r.dbDistinct);
    const ratio = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(2));
    lines.push(`| \`${r.path.replace('/api/v1/', '')}\` | ${r.statements ?? '–'} | ${figure(r.key, r.db)} | ${distinct} | ${r.db ? figure(r.db) : '–'}${r.dbDistinct ? ` / ${figure(r.dbDistinct)}` : ''} | ${ratio(r.ratios[0])} / ${ratio(r.ratios[1])} |`);
  }
  return lines.join('\n');
}

/**
 * Paths that read what `path` reads, each different, up to `cap`: pages of a list of its page's size,
 * or siblings of a record (its list's URLs), with its query, then with its query's values in other orders.
 */
async function distinctPaths(base: string, path: string, cap: number): Promise<string[]> {
  const body = (await (await fetch(base + path)).json()) as { pagination?: ListShape };
  if (body.pagination) return distinctListPaths(path, body.pagination, cap);
  const [, resource] = /^\/api\/v1\/([a-z]+)\//.exec(path)!;
  const siblings: string[] = [];
  for (let url: string | null = `/api/v1/${resource}?per_page=100`; url && siblings.length < cap;) {
    const page = (await (await fetch(base + url)).json()) as { results: { url: string }[]; pagination: { next: string | null } };
    siblings.push(...page.results.map((r) => r.url));
    url = page.pagination.next;
  }
  const queries = recordQueries(path.includes('?') ? path.slice(path.indexOf('?')) : '');
  return queries.flatMap((query) => siblings.map((sibling) => sibling + query)).filter((p) => p !== path).slice(0, cap);
}

async function benchInstance(name: string, instance: Instance, databaseUrl?: string): Promise<void> {
  console.log(`\n## ${name}  (load average ${load()})`);
  // For PGlite this peak is the first start's: an empty data folder, the template, the migrations and the sample's import.
  const ready = serverMemory(instance.child.pid!);
  console.log(`server memory when ready: ${memoryText(ready)}`);
  const key = await benchApiKey(instance.url);
  const paths = (await endpoints(instance.url)).filter((p) => !args.match || p.includes(args.match));
  const capture = databaseUrl ? await statementCapture(databaseUrl) : undefined;
  try {
    await benchEndpoints(instance, paths, key, databaseUrl, capture);
  } finally {
    await capture?.close();
  }
}

/** How many of a distinct-URL run's URLs have their statements replayed for its database limit. */
const DISTINCT_SAMPLE = 100;
/** More uncached requests a second than one run of this machine makes: each run is given this many URLs a second it lasts. */
const DISTINCT_PER_SECOND = 8000;

/** `count` of `paths` from `from` on, going round to the first when they run out. */
const slice = (paths: string[], from: number, count: number) =>
  Array.from({ length: Math.min(count, paths.length) }, (_, i) => paths[(from + i) % paths.length]!);

async function benchEndpoints(instance: Instance, paths: string[], key: string, databaseUrl: string | undefined, capture: StatementCapture | undefined): Promise<void> {
  const statements: Map<string, Statement[]> = capture ? await capture.capture(paths) : new Map();
  const table: TableRow[] = [];
  for (const path of paths) {
    const res = await fetch(instance.url + path);
    const body = Buffer.from(await res.arrayBuffer());
    if (!res.ok) {
      console.log(`${path}: ${res.status}, skipped`);
      continue;
    }
    const bare = await bareServer(body, res.headers.get('content-type') ?? 'application/json');
    const brotli = await fetch(instance.url + path, { headers: { 'accept-encoding': 'br' } });
    await brotli.arrayBuffer();
    // As sent: fetch decodes the body, the length stays the encoded one.
    const compressed = Number(brotli.headers.get('content-length'));
    // What a miss that asks for an encoding pays once (a hit pays nothing: the entry keeps it).
    const compressMs = (encoding: 'br' | 'gzip') => median(Array.from({ length: 21 }, () => {
      const start = performance.now();
      compressBody(body, encoding);
      return performance.now() - start;
    })).toFixed(2);
    // Enough that no run asks a URL an earlier one asked (the cache keeps a page 60 s): records with few siblings have fewer.
    const distinct = await distinctPaths(instance.url, path, rounds * connectionCounts.length * seconds * DISTINCT_PER_SECOND);
    // Where the next distinct run starts in them: where the last stopped.
    let offset = 0;
    const sqls = statements.get(path);
    console.log(`${path}  (${body.length.toLocaleString('en-CA')} bytes; ${distinct.length.toLocaleString('en-CA')} distinct URLs${sqls ? `; ${sqls.length} SQL statement${sqls.length === 1 ? '' : 's'}` : ''}; compressing it once: brotli ${compressMs('br')} ms, gzip ${compressMs('gzip')} ms)`);
    for (const c of connectionCounts) {
      const runs = {
        cached: [] as Measurement[], cachedBr: [] as Measurement[], bare: [] as Measurement[], key: [] as Measurement[], distinct: [] as Measurement[],
        db: [] as Measurement[], dbDistinct: [] as Measurement[], lookups: [] as CacheLookups[],
      };
      for (let r = 0; r < rounds; r++) {
        runs.cached.push(measure(instance.url + path, c, seconds));
        runs.cachedBr.push(measure(instance.url + path, c, seconds, { 'accept-encoding': 'br' }));
        runs.bare.push(measure(bare.url, c, seconds));
        runs.key.push(measure(instance.url + path, c, seconds, { 'x-api-key': key }));
        // Each run starts where the last stopped in the list of URLs, so none asks what an earlier one asked within
        // the cache's minute, unless the URLs run out; the cache's own counters say whether any request was a hit.
        const asked = slice(distinct, offset, seconds * DISTINCT_PER_SECOND);
        const before = await cacheLookups(instance.url);
        const run = measure(instance.url, c, seconds, {}, asked);
        const after = await cacheLookups(instance.url);
        const lookups = { hits: after.hits - before.hits, misses: after.misses - before.misses };
        runs.distinct.push(run);
        runs.lookups.push(lookups);
        // Requests still in flight when wrk stopped (up to one a connection) took URLs too.
        offset += Math.max(run.requests, lookups.hits + lookups.misses) + c;
        if (sqls) runs.db.push(await databaseLimit(databaseUrl!, [sqls], c, seconds));
        // The distinct URLs' own limit: deep pages cost the database more than the key URL's first page.
        if (capture && lookups.hits === 0) {
          const readBefore = new Map(asked.slice(1).map((path, i) => [path, asked[i]!]));
          const sampled = [...(await capture.capture(sampleAsked(asked, run.requests, DISTINCT_SAMPLE), readBefore)).values()];
          if (sampled.length) runs.dbDistinct.push(await databaseLimit(databaseUrl!, sampled, c, seconds));
        }
      }
      // Each round's run is paired with the limit run next to it in time.
      const ratio = (of: Measurement[], to: Measurement[]) => (to.length ? median(of.map((m, i) => m.requestsPerSecond / to[i]!.requestsPerSecond)) : undefined);
      console.log(row('  cached', c, medianOf(runs.cached), ratio(runs.cached, runs.bare)));
      console.log(row(`  cached, brotli (${compressed.toLocaleString('en-CA')} bytes)`, c, medianOf(runs.cachedBr), ratio(runs.cachedBr, runs.bare)));
      console.log(row('  bare node:http, same bytes', c, medianOf(runs.bare)));
      const db = sqls ? medianOf(runs.db) : undefined;
      console.log(row('  uncached, API key', c, medianOf(runs.key), ratio(runs.key, runs.db), db));
      const hits = runs.lookups.reduce((n, l) => n + l.hits, 0);
      const lookups = runs.lookups.reduce((n, l) => n + l.hits + l.misses, 0);
      const hitShare = lookups ? hits / lookups : 0;
      const distinctLimit = runs.dbDistinct.length === rounds ? runs.dbDistinct : undefined;
      const each = runs.lookups.map((l) => `${l.hits.toLocaleString('en-CA')}/${(l.hits + l.misses).toLocaleString('en-CA')}`).join(', ');
      const hitNote = `  cache hits ${percent(hitShare)} (by run ${each}${hits ? `; ${distinct.length.toLocaleString('en-CA')} URLs, asked again` : ''})`;
      console.log(row('  uncached, anonymous distinct URLs', c, medianOf(runs.distinct), distinctLimit && ratio(runs.distinct, distinctLimit), distinctLimit && medianOf(distinctLimit), hitNote));
      if (db) console.log(row('  database limit (same SQL, postgres.js)', c, db));
      if (distinctLimit) console.log(row(`  database limit, distinct URLs (${DISTINCT_SAMPLE} of each run's)`, c, medianOf(distinctLimit)));
      if (c === connectionCounts[0]) {
        table.push({
          path: decodeURIComponent(path), statements: sqls?.length, key: medianOf(runs.key), distinct: medianOf(runs.distinct), distinctHits: hitShare, distinctUrls: distinct.length,
          db, dbDistinct: distinctLimit && medianOf(distinctLimit),
          ratios: [ratio(runs.key, runs.db), distinctLimit && ratio(runs.distinct, distinctLimit)],
        });
      }
    }
    await bare.close();
  }
  const memory = serverMemory(instance.child.pid!);
  console.log(`server memory after the run: ${memoryText(memory)}  (load average ${load()})`);
  console.log(`\nUncached at c=${connectionCounts[0]}, for the README:\n\n${markdownTable(table)}`);
}

async function main() {
  if (!wrkAvailable()) throw new Error('wrk is needed: apt-get install -y wrk');
  console.log(`# API benchmark: median of ${rounds} runs of ${seconds}s, alternating with the bare server; connections ${connectionCounts.join('/')}, wrk -t1; ${new Date().toISOString()}`);
  if (args.only !== 'pglite') {
    const url = await fullDataDatabase();
    const pg = await startInstance(18080, { DATABASE_URL: url, REDIS_URL, RATE_LIMITS: UNLIMITED, WORKERS: String(workers) });
    try {
      await benchInstance(`PostgreSQL (full data set) + Redis${workers > 1 ? `, serve --workers ${workers}` : ''}`, pg, url);
    } finally {
      await pg.stop();
    }
  }
  if (args.only !== 'postgres') {
    const dataDir = mkdtempSync(join(tmpdir(), 'op-bench-pglite-'));
    const lite = await startInstance(18081, { DATABASE_URL: undefined, REDIS_URL: undefined, DATA_DIR: dataDir, RATE_LIMITS: UNLIMITED });
    try {
      await benchInstance('embedded default (PGlite, bundled sample, in-process cache)', lite);
    } finally {
      await lite.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

await main();
