/**
 * Datastore tuning benchmark: PostgreSQL's defaults against deploy/postgresql
 * (conf.d/openpolicy.conf + setup.sql), side by side, each on its own private
 * PostgreSQL 15 server (fsync on) started for the run:
 *   1. the full import of the shared data set into each, timed, in alternating rounds;
 *   2. the API's uncached endpoints on each (requests carry an API key, so the
 *      response cache never answers: every request runs its SQL), with wrk in
 *      rounds alternating between the two servers so both see the same noise;
 *   3. what the parts use: API RSS, PostgreSQL memory (PSS of its processes),
 *      Redis memory (a private redis-server on deploy/redis/redis.conf), disk —
 *      at rest after the import, and after the load.
 *
 *   npx tsx bench/tuning.ts [--import-rounds 3 --seconds 5 --rounds 3 --connections 1,10 --data ../shared/data]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { createApiKey } from '../src/auth/api-keys.js';
import { createUser } from '../src/auth/users.js';
import { openDatabase } from '../src/db/client.js';
import { importAll } from '../src/ingest/import-all.js';
import { PgCluster, type PgServer } from '../test/gateway/postgres-cluster.js';
import { startRedis } from '../test/gateway/support.js';
import { endpoints, median, ROOT, SHARED_DATA, startInstance, type Instance } from './platform.js';
import { measure, wrkAvailable, type Measurement } from './wrk.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '1,10' },
    'import-rounds': { type: 'string', default: '3' },
    data: { type: 'string', default: SHARED_DATA },
  },
});
const seconds = Number(args.seconds);
const rounds = Number(args.rounds);
const connectionCounts = args.connections!.split(',').map(Number);
const importRounds = Number(args['import-rounds']);
const CONF = join(ROOT, 'deploy/postgresql/conf.d/openpolicy.conf');
const SETUP_SQL = join(ROOT, 'deploy/postgresql/setup.sql');
const REDIS_CONF = join(ROOT, 'deploy/redis/redis.conf');
const MB = 1024 * 1024;

interface Variant {
  name: string;
  include?: string;
  server?: PgServer;
  /** The database of the last import round: the endpoints are measured on it. */
  url?: string;
  importSeconds: number[];
  /** Per import: WAL written (MB) and checkpoints forced by WAL volume while it ran. */
  walMb: number[];
  forcedCheckpoints: number[];
  records?: number;
  instance?: Instance;
  apiKey?: string;
  rest?: Resources;
}

interface Resources {
  apiRssMb: number;
  apiPeakRssMb: number;
  postgresPssMb: number;
  databaseMb: number;
  dataDirMb: number;
}

const load = () => loadavg().map((n) => n.toFixed(1)).join(' ');

/** Proportional set size of the server's processes: shared buffers counted once, not once per backend. */
function postgresPssMb(dataDir: string): number {
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const pids = [postmaster, ...readdirSync('/proc').filter((p) => /^\d+$/.test(p)).map(Number).filter((pid) => {
    try {
      return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === postmaster;
    } catch {
      return false;
    }
  })];
  let kb = 0;
  for (const pid of pids) {
    try {
      kb += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      // exited meanwhile
    }
  }
  return kb / 1024;
}

function processRssMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0) / 1024;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

async function resources(v: Variant): Promise<Resources> {
  const sql = postgres(v.url!, { max: 1, onnotice: () => {} });
  const [row] = await sql<{ bytes: string }[]>`SELECT pg_database_size(current_database())::text AS bytes`;
  await sql.end();
  const api = processRssMb(v.instance!.child.pid!);
  return {
    apiRssMb: api.rss,
    apiPeakRssMb: api.peak,
    postgresPssMb: postgresPssMb(v.server!.dataDir),
    databaseMb: Number(row!.bytes) / MB,
    dataDirMb: Number(execFileSync('du', ['-sk', v.server!.dataDir], { encoding: 'utf8' }).split('\t')[0]) / 1024,
  };
}

/** One full import into a fresh database of the variant's server, timed; the database is kept. */
async function importRound(v: Variant, round: number): Promise<void> {
  const name = `op_tune_full_${round}`;
  const admin = postgres(v.server!.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  // Keep only this round's database: the disk figures are one data set's.
  if (round > 0) await admin.unsafe(`DROP DATABASE op_tune_full_${round - 1}`);
  await admin.end();
  const url = v.server!.url.replace(/\/postgres$/, `/${name}`);
  const database = await openDatabase({ url });
  await database.migrate();
  if (v.include) execFileSync('psql', [url, '-q', '-v', 'ON_ERROR_STOP=1', '-f', SETUP_SQL], { stdio: ['ignore', 'ignore', 'inherit'] });
  const before = await walState(url);
  const started = performance.now();
  const reports = await importAll(database, args.data!);
  const seconds = (performance.now() - started) / 1000;
  const after = await walState(url);
  v.walMb.push((after.lsnBytes - before.lsnBytes) / MB);
  v.forcedCheckpoints.push(after.requested - before.requested);
  await database.close();
  const failed = reports.filter((r) => r.status === 'failed');
  if (failed.length) throw new Error(`${v.name}: import failed for ${failed.map((r) => r.source).join(', ')}`);
  // What an operator does after a bulk load, on both: statistics and the visibility map current.
  const maintenance = postgres(url, { max: 1, onnotice: () => {} });
  await maintenance.unsafe('VACUUM (ANALYZE)');
  await maintenance.end();
  v.records = reports.reduce((n, r) => n + r.inserted + r.updated + r.unchanged, 0);
  v.importSeconds.push(seconds);
  v.url = url;
  console.error(`${v.name} round ${round + 1}: ${v.records} records in ${seconds.toFixed(1)} s (load average ${load()})`);
}

/** Where the WAL is and how many checkpoints were requested (by WAL volume, or CREATE DATABASE) so far. */
async function walState(url: string): Promise<{ lsnBytes: number; requested: number }> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [row] = await sql<{ lsn: string; requested: string }[]>`SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text AS lsn, checkpoints_req::text AS requested FROM pg_stat_bgwriter`;
  await sql.end();
  return { lsnBytes: Number(row!.lsn), requested: Number(row!.requested) };
}

/** Sorts and hashes that spilled to disk (work_mem too small) in the endpoint database. */
async function tempFiles(v: Variant): Promise<string> {
  const sql = postgres(v.url!, { max: 1, onnotice: () => {} });
  const [t] = await sql<{ files: string; bytes: string }[]>`SELECT temp_files::text AS files, temp_bytes::text AS bytes FROM pg_stat_database WHERE datname = current_database()`;
  await sql.end();
  return `temp files ${t!.files} (${(Number(t!.bytes) / MB).toFixed(1)} MB)`;
}

/** A user and an API key in the variant's database: keyed requests never read the response cache. */
async function keyFor(url: string): Promise<string> {
  const database = await openDatabase({ url, max: 1 });
  const user = await createUser(database.db, { email: 'tuning-bench@example.org', password: 'tuning bench passphrase 7Q' });
  const { key } = await createApiKey(database.db, user.id, { name: 'tuning bench', expiresAt: null });
  await database.close();
  return key;
}

function fmt(m: Measurement): string {
  return `${m.requestsPerSecond.toFixed(0).padStart(6)} req/s p50 ${m.p50Ms.toFixed(2).padStart(6)} ms p99 ${m.p99Ms.toFixed(2).padStart(7)} ms${m.errors + m.non2xx ? ` errors=${m.errors + m.non2xx}` : ''}`;
}

function medianOf(runs: Measurement[]): Measurement {
  const of = (pick: (m: Measurement) => number) => median(runs.map(pick));
  return { requestsPerSecond: of((m) => m.requestsPerSecond), p50Ms: of((m) => m.p50Ms), p99Ms: of((m) => m.p99Ms), requests: of((m) => m.requests), errors: runs.reduce((n, m) => n + m.errors, 0), non2xx: runs.reduce((n, m) => n + m.non2xx, 0) };
}

function resourceLine(label: string, r: Resources, redisMb: number): string {
  return `  ${label.padEnd(10)} API RSS ${r.apiRssMb.toFixed(0)} MB (peak ${r.apiPeakRssMb.toFixed(0)})  PostgreSQL PSS ${r.postgresPssMb.toFixed(0)} MB  Redis used ${redisMb.toFixed(1)} MB  database ${r.databaseMb.toFixed(0)} MB, data folder ${r.dataDirMb.toFixed(0)} MB`;
}

async function main() {
  if (!wrkAvailable()) throw new Error('wrk is needed: apt-get install -y wrk');
  console.log(`# PostgreSQL tuning: defaults vs deploy/postgresql, ${new Date().toISOString()}; wrk medians of ${rounds} alternating rounds of ${seconds}s; load average ${load()}`);
  const cluster = new PgCluster();
  const redis = await startRedis({ config: REDIS_CONF });
  const redisInfo = () => Object.fromEntries(execFileSync('redis-cli', ['-p', String(redis.port), 'info', 'memory'], { encoding: 'utf8' }).split('\r\n').filter((l) => l.includes(':')).map((l) => l.split(':') as [string, string]));
  const variants: Variant[] = [
    { name: 'defaults', importSeconds: [], walMb: [], forcedCheckpoints: [] },
    { name: 'tuned', include: CONF, importSeconds: [], walMb: [], forcedCheckpoints: [] },
  ];
  try {
    for (const v of variants) v.server = await cluster.primary({ name: v.name, durable: true, ...(v.include ? { include: v.include } : {}) });
    // Alternating, so that both see the same background load.
    for (let r = 0; r < importRounds; r++) for (const v of variants) await importRound(v, r);
    const [d, t] = variants.map((v) => v.importSeconds);
    console.log(`\n## Full import (fsync on), median of ${importRounds} alternating rounds`);
    for (const v of variants) console.log(`  ${v.name.padEnd(10)} ${v.records} records in ${median(v.importSeconds).toFixed(1)} s = ${Math.round(v.records! / median(v.importSeconds))} records/s (rounds: ${v.importSeconds.map((x) => x.toFixed(1)).join(', ')} s)`);
    console.log(`  ratio tuned/defaults: ×${median(t!.map((x, i) => d![i]! / x)).toFixed(2)} speed`);
    const sizes = postgres(variants[0]!.url!, { max: 1, onnotice: () => {} });
    const tables = await sizes<{ table: string; rows: number; mb: number }[]>`SELECT relname AS table, n_live_tup::int AS rows, (pg_total_relation_size(relid) / 1048576.0)::float8 AS mb FROM pg_stat_user_tables ORDER BY pg_total_relation_size(relid) DESC LIMIT 8`;
    // The columns setup.sql gives finer statistics: how many distinct people each list filters by.
    const [distinct] = await sizes<{ voters: number; sponsors: number; speakers: number }[]>`SELECT (SELECT count(DISTINCT voter_id) FROM votes)::int AS voters, (SELECT count(DISTINCT sponsor_person_id) FROM bills)::int AS sponsors, (SELECT count(DISTINCT person_id) FROM speeches)::int AS speakers`;
    await sizes.end();
    console.log(`  largest tables: ${tables.map((t) => `${t.table} ${t.rows.toLocaleString('en-CA')} rows ${t.mb.toFixed(0)} MB`).join('; ')}`);
    console.log(`  distinct values: votes.voter_id ${distinct!.voters}, bills.sponsor_person_id ${distinct!.sponsors}, speeches.person_id ${distinct!.speakers}`);
    for (const v of variants) console.log(`  ${v.name.padEnd(10)} WAL per import ${median(v.walMb).toFixed(0)} MB, checkpoints forced during the imports: ${v.forcedCheckpoints.join(', ')}`);

    let port = 18090;
    for (const v of variants) {
      v.apiKey = await keyFor(v.url!);
      // Quotas are counted (in Redis) but never reached.
      v.instance = await startInstance(port++, { DATABASE_URL: v.url!, REDIS_URL: redis.url, RATE_LIMITS: 'anonymous=1000000/s; default=1000000/s', DATA_DIR: mkdtempSync(join(tmpdir(), 'op-tune-')) });
      v.rest = await resources(v);
    }
    const redisRest = Number(redisInfo().used_memory) / MB;

    console.log(`\n## Uncached endpoints (X-API-Key: no response cache), load average ${load()}`);
    for (const path of await endpoints(variants[0]!.instance!.url)) {
      console.log(path);
      for (const c of connectionCounts) {
        const runs = new Map<string, Measurement[]>(variants.map((v) => [v.name, []]));
        for (let r = 0; r < rounds; r++) {
          for (const v of variants) runs.get(v.name)!.push(measure(v.instance!.url + path, c, seconds, { 'x-api-key': v.apiKey! }));
        }
        for (const v of variants) console.log(`  ${v.name.padEnd(10)} c=${String(c).padStart(2)} ${fmt(medianOf(runs.get(v.name)!))}`);
        const [d, t] = variants.map((v) => runs.get(v.name)!);
        console.log(`  ratio tuned/defaults c=${c}: ×${median(t!.map((m, i) => m.requestsPerSecond / d![i]!.requestsPerSecond)).toFixed(2)} req/s, p50 ×${median(t!.map((m, i) => m.p50Ms / d![i]!.p50Ms)).toFixed(2)}`);
      }
    }

    console.log('\nSpilled to disk under the load:');
    for (const v of variants) console.log(`  ${v.name.padEnd(10)} ${await tempFiles(v)}`);
    console.log(`\n## Resources (load average ${load()})`);
    const redisLoaded = redisInfo();
    for (const v of variants) {
      const after = await resources(v);
      console.log(`${v.name}`);
      console.log(resourceLine('at rest', v.rest!, redisRest));
      console.log(resourceLine('after load', after, Number(redisLoaded.used_memory) / MB));
    }
    console.log(`  Redis (deploy/redis/redis.conf): used_memory ${(Number(redisLoaded.used_memory) / MB).toFixed(1)} MB, RSS ${(Number(redisLoaded.used_memory_rss) / MB).toFixed(1)} MB, peak ${(Number(redisLoaded.used_memory_peak) / MB).toFixed(1)} MB, maxmemory ${(Number(redisLoaded.maxmemory) / MB).toFixed(0)} MB`);
  } finally {
    for (const v of variants) await v.instance?.stop();
    await redis.stop();
    cluster.destroy();
  }
}

await main();
