/**
 * Gateway benchmark: the API benchmark's endpoints on PostgreSQL (full data set)
 * + Redis, measured direct to `openpolicy serve` and through nginx (deploy/nginx),
 * with 1 and 2 workers, at 1/10/50 connections. Three ways per endpoint:
 *   direct   wrk → instance
 *   proxy    wrk → nginx → instance, micro-cache bypassed (a Cookie header): what the hop costs
 *   cached   wrk → nginx with its micro-cache: what the gateway gives
 * and, in the same run, the gateway's added p50 latency (proxy − direct) and the
 * throughput ratios (proxy/direct, cached/direct). `--seconds` per way is split into
 * interleaved rounds whose medians are shown.
 *
 *   npx tsx bench/gateway.ts [--seconds 3 --connections 1,10,50 --workers 1,2]   (needs wrk and nginx)
 */
import { parseArgs } from 'node:util';
import { startGateway } from '../deploy/nginx/render.js';
import { endpoints, fullDataDatabase, median, REDIS_URL, startInstance } from './platform.js';
import { measure, wrkAvailable, type Measurement } from './wrk.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '1,10,50' },
    workers: { type: 'string', default: '1,2' },
  },
});
const seconds = Number(args.seconds);
const connectionCounts = args.connections!.split(',').map(Number);
const workerCounts = args.workers!.split(',').map(Number);
// The hottest list, the one the micro-cache target is about.
const HOT_LIST = '/api/v1/bills?session=44-1';
// Neither nginx's per-address limits nor the API's may answer 429 to one benchmarking client.
const NO_LIMIT = 1_000_000;
// Each figure is the median of interleaved rounds (direct, proxy, cached, again…): on a
// shared machine load drifts within a run, and a difference of two distant runs would measure the drift.
const ROUNDS = 3;

interface Result {
  workers: number;
  path: string;
  connections: number;
  direct: Measurement;
  proxy: Measurement;
  cached: Measurement;
}

function medianOf(runs: Measurement[]): Measurement {
  const mid = (f: (m: Measurement) => number) => median(runs.map(f));
  const sum = (f: (m: Measurement) => number) => runs.reduce((n, m) => n + f(m), 0);
  return {
    requestsPerSecond: mid((m) => m.requestsPerSecond),
    p50Ms: mid((m) => m.p50Ms),
    p99Ms: mid((m) => m.p99Ms),
    requests: sum((m) => m.requests),
    errors: sum((m) => m.errors),
    non2xx: sum((m) => m.non2xx),
  };
}

function row(label: string, m: Measurement): string {
  const errors = m.errors + m.non2xx ? `  errors=${m.errors + m.non2xx}` : '';
  return `    ${label.padEnd(7)} ${m.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${m.p50Ms.toFixed(3).padStart(7)} ms  p99 ${m.p99Ms.toFixed(2).padStart(7)} ms${errors}`;
}

function summary(r: Result): string {
  const overhead = r.proxy.p50Ms - r.direct.p50Ms;
  const ratio = (m: Measurement) => (m.requestsPerSecond / r.direct.requestsPerSecond).toFixed(2);
  return `    → gateway adds ${overhead >= 0 ? '+' : ''}${overhead.toFixed(3)} ms at p50; throughput proxy ×${ratio(r.proxy)}, cached ×${ratio(r.cached)} of direct`;
}

async function benchWorkers(workers: number, databaseUrl: string, port: number, results: Result[]): Promise<void> {
  const instance = await startInstance(port, {
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    WORKERS: String(workers),
    TRUSTED_PROXIES: 'loopback',
    RATE_LIMITS: `anonymous=${NO_LIMIT}/s`,
  });
  const gateway = await startGateway({
    upstreams: [`127.0.0.1:${port}`],
    listen: `127.0.0.1:${port + 100}`,
    apiRate: NO_LIMIT,
    apiBurst: NO_LIMIT,
    siteRate: NO_LIMIT,
    siteBurst: NO_LIMIT,
  });
  try {
    console.log(`\n## ${workers} worker${workers > 1 ? 's' : ''}: ${instance.url} direct, ${gateway.url} through nginx`);
    for (const path of await endpoints(instance.url)) {
      const res = await fetch(instance.url + path);
      const bytes = (await res.arrayBuffer()).byteLength;
      if (!res.ok) {
        console.log(`${path}: ${res.status}, skipped`);
        continue;
      }
      // Fill both caches (the instance's and nginx's) before measuring.
      for (let i = 0; i < 3; i++) await fetch(gateway.url + path).then((r) => r.arrayBuffer());
      console.log(`${path}  (${bytes.toLocaleString('en-CA')} bytes)`);
      for (const c of connectionCounts) {
        const runs: { direct: Measurement[]; proxy: Measurement[]; cached: Measurement[] } = { direct: [], proxy: [], cached: [] };
        const roundSeconds = Math.max(1, Math.round(seconds / ROUNDS));
        for (let round = 0; round < ROUNDS; round++) {
          runs.direct.push(measure(instance.url + path, c, roundSeconds));
          runs.proxy.push(measure(gateway.url + path, c, roundSeconds, { cookie: 'bench=bypass-micro-cache' }));
          runs.cached.push(measure(gateway.url + path, c, roundSeconds));
        }
        const [direct, proxy, cached] = [medianOf(runs.direct), medianOf(runs.proxy), medianOf(runs.cached)];
        const result = { workers, path, connections: c, direct, proxy, cached };
        results.push(result);
        console.log(`  c=${c}`);
        console.log(row('direct', direct));
        console.log(row('proxy', proxy));
        console.log(row('cached', cached));
        console.log(summary(result));
      }
    }
  } finally {
    await gateway.stop();
    await instance.stop();
  }
}

function verdicts(results: Result[]): void {
  console.log('\n## Targets');
  const first = Math.min(...connectionCounts);
  const last = Math.max(...connectionCounts);
  for (const workers of workerCounts) {
    const mine = results.filter((r) => r.workers === workers);
    const overheads = mine.filter((r) => r.connections === first).map((r) => r.proxy.p50Ms - r.direct.p50Ms);
    const worst = Math.max(...overheads);
    console.log(`${workers} worker(s): gateway p50 overhead at c=${first}: ${overheads.map((o) => o.toFixed(3)).join(', ')} ms → worst ${worst.toFixed(3)} ms (target < 0.2) ${worst < 0.2 ? 'met' : 'NOT met'}`);
    const hot = mine.find((r) => r.path === HOT_LIST && r.connections === last);
    if (hot) {
      const ratio = hot.cached.requestsPerSecond / hot.direct.requestsPerSecond;
      console.log(`${workers} worker(s): ${HOT_LIST} at c=${last}: cached ${hot.cached.requestsPerSecond.toFixed(0)} vs direct ${hot.direct.requestsPerSecond.toFixed(0)} req/s = ×${ratio.toFixed(2)} (target ≥ 2) ${ratio >= 2 ? 'met' : 'NOT met'}`);
    }
  }
}

async function main(): Promise<void> {
  if (!wrkAvailable()) throw new Error('wrk is needed: apt-get install -y wrk');
  console.log(`# Gateway benchmark: ${seconds}s per measurement (${ROUNDS} interleaved rounds, medians), connections ${connectionCounts.join('/')}, workers ${workerCounts.join('/')}, wrk -t1; ${new Date().toISOString()}`);
  const databaseUrl = await fullDataDatabase();
  const results: Result[] = [];
  for (const [i, workers] of workerCounts.entries()) await benchWorkers(workers, databaseUrl, 18180 + i, results);
  verdicts(results);
}

await main();
