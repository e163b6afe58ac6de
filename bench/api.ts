/**
 * API benchmark: the platform on PostgreSQL (full data set) + Redis, and on the
 * embedded default (PGlite, bundled sample), against bare node:http serving each
 * response's exact bytes. Prints req/s, p50, p99 and the ratio to the limit.
 *
 *   npm run bench [-- --seconds 5 --connections 1,10,50 --only postgres|pglite]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bareServer, endpoints, fullDataDatabase, REDIS_URL, startInstance, type Instance } from './platform.js';
import { measure, wrkAvailable, type Measurement } from './wrk.js';

const { values: args } = parseArgs({
  options: { seconds: { type: 'string', default: '5' }, connections: { type: 'string', default: '1,10,50' }, only: { type: 'string' } },
});
const seconds = Number(args.seconds);
const connectionCounts = args.connections!.split(',').map(Number);
// Limits are still counted on every request (in Redis on PostgreSQL), just never reached.
const UNLIMITED = 'anonymous=1000000/s';

function row(label: string, c: number, m: Measurement, limit?: Measurement): string {
  const ratio = limit ? (m.requestsPerSecond / limit.requestsPerSecond).toFixed(2) : '';
  const errors = m.errors + m.non2xx ? ` errors=${m.errors + m.non2xx}` : '';
  return `${label.padEnd(52)} c=${String(c).padStart(2)} ${m.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${m.p50Ms.toFixed(2).padStart(6)} ms  p99 ${m.p99Ms.toFixed(2).padStart(7)} ms${ratio ? `  ×limit ${ratio}` : ''}${errors}`;
}

async function benchInstance(name: string, instance: Instance): Promise<void> {
  console.log(`\n## ${name}`);
  for (const path of await endpoints(instance.url)) {
    const res = await fetch(instance.url + path);
    const body = Buffer.from(await res.arrayBuffer());
    if (!res.ok) {
      console.log(`${path}: ${res.status}, skipped`);
      continue;
    }
    const bare = await bareServer(body, res.headers.get('content-type') ?? 'application/json');
    console.log(`${path}  (${body.length.toLocaleString('en-CA')} bytes)`);
    for (const c of connectionCounts) {
      const api = measure(instance.url + path, c, seconds);
      const limit = measure(bare.url, c, seconds);
      console.log(row('  api', c, api, limit));
      console.log(row('  bare node:http, same bytes', c, limit));
    }
    await bare.close();
  }
}

async function main() {
  if (!wrkAvailable()) throw new Error('wrk is needed: apt-get install -y wrk');
  console.log(`# API benchmark: ${seconds}s per run, connections ${connectionCounts.join('/')}, wrk -t1; ${new Date().toISOString()}`);
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
