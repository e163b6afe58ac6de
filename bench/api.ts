/**
 * API benchmark: the platform on PostgreSQL (full data set) + Redis, and on the
 * embedded default (PGlite, bundled sample), against bare node:http serving each
 * response's exact bytes. Prints req/s, p50, p99 and the ratio to the limit.
 *
 * The machine is shared and noisy: each figure is the median of `--rounds`
 * runs, taken alternately against the API and the bare server so that both
 * see the same background load.
 *
 *   npm run bench [-- --seconds 5 --rounds 3 --connections 1,10,50 --only postgres|pglite --match votes]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bareServer, endpoints, fullDataDatabase, median, REDIS_URL, startInstance, type Instance } from './platform.js';
import { measure, wrkAvailable, type Measurement } from './wrk.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '1,10,50' },
    only: { type: 'string' },
    match: { type: 'string' },
  },
});
const seconds = Number(args.seconds);
const rounds = Number(args.rounds);
const connectionCounts = args.connections!.split(',').map(Number);
// Limits are still counted on every request (in Redis on PostgreSQL), just never reached.
const UNLIMITED = 'anonymous=1000000/s';

function row(label: string, c: number, m: Measurement, ratioToLimit?: number): string {
  const ratio = ratioToLimit === undefined ? '' : ratioToLimit.toFixed(2);
  const errors = m.errors + m.non2xx ? ` errors=${m.errors + m.non2xx}` : '';
  return `${label.padEnd(52)} c=${String(c).padStart(2)} ${m.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${m.p50Ms.toFixed(2).padStart(6)} ms  p99 ${m.p99Ms.toFixed(2).padStart(7)} ms${ratio ? `  ×limit ${ratio}` : ''}${errors}`;
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

async function benchInstance(name: string, instance: Instance): Promise<void> {
  console.log(`\n## ${name}`);
  for (const path of (await endpoints(instance.url)).filter((p) => !args.match || p.includes(args.match))) {
    const res = await fetch(instance.url + path);
    const body = Buffer.from(await res.arrayBuffer());
    if (!res.ok) {
      console.log(`${path}: ${res.status}, skipped`);
      continue;
    }
    const bare = await bareServer(body, res.headers.get('content-type') ?? 'application/json');
    console.log(`${path}  (${body.length.toLocaleString('en-CA')} bytes)`);
    for (const c of connectionCounts) {
      const apiRuns: Measurement[] = [];
      const limitRuns: Measurement[] = [];
      for (let r = 0; r < rounds; r++) {
        apiRuns.push(measure(instance.url + path, c, seconds));
        limitRuns.push(measure(bare.url, c, seconds));
      }
      const api = medianOf(apiRuns);
      const limit = medianOf(limitRuns);
      // Each round's API run is paired with the bare run next to it in time.
      const ratio = median(apiRuns.map((m, i) => m.requestsPerSecond / limitRuns[i]!.requestsPerSecond));
      console.log(row('  api', c, api, ratio));
      console.log(row('  bare node:http, same bytes', c, limit));
    }
    await bare.close();
  }
}

async function main() {
  if (!wrkAvailable()) throw new Error('wrk is needed: apt-get install -y wrk');
  console.log(`# API benchmark: median of ${rounds} runs of ${seconds}s, alternating with the bare server; connections ${connectionCounts.join('/')}, wrk -t1; ${new Date().toISOString()}`);
  if (args.only !== 'pglite') {
    const url = await fullDataDatabase();
    const pg = await startInstance(18080, { DATABASE_URL: url, REDIS_URL, RATE_LIMITS: UNLIMITED });
    try {
      await benchInstance('PostgreSQL (full data set) + Redis', pg);
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
