/**
 * The exporters of deploy/prometheus (Debian packages; CI installs them, elsewhere
 * this file is skipped without them) run against real parts configured from
 * deploy/: a PostgreSQL primary on deploy/postgresql (conf.d + setup.sql) with a
 * streaming replica, a Redis on deploy/redis/redis.conf, the gateway's nginx with
 * stub_status and its access log (mtail), and this host. Every metric the alert
 * rules and the dashboard name for those jobs is exported; the Redis policy never
 * evicts a limit.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../../deploy/nginx/render.js';
import { openDatabase } from '../../src/db/client.js';
import { PG_BIN, PgCluster, type PgServer } from '../gateway/postgres-cluster.js';
import { freePort, startRedis } from '../gateway/support.js';
import { eventually, metricsUsed } from './support.js';

const DEPLOY = fileURLToPath(new URL('../../deploy/', import.meta.url));
const EXPORTERS = ['prometheus-postgres-exporter', 'prometheus-redis-exporter', 'prometheus-nginx-exporter', 'prometheus-node-exporter', 'mtail'];
const installed = (binary: string) => spawnSync('sh', ['-c', `command -v ${binary}`]).status === 0;
const available = [...EXPORTERS, 'nginx', 'redis-server'].every(installed) && existsSync(join(PG_BIN, 'initdb'));

/** The exporter of each scrape job in deploy/prometheus/prometheus.yml, as started here. */
const scrapeUrls = new Map<string, string>();
const processes: ChildProcess[] = [];
let cluster: PgCluster;
let primary: PgServer;
let redis: Awaited<ReturnType<typeof startRedis>>;
let gateway: Gateway;
let work: string;

async function exporter(job: string, command: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  const port = await freePort();
  const listen = command === 'mtail' ? ['--address', '127.0.0.1', '--port', String(port)] : [`--web.listen-address=127.0.0.1:${port}`];
  const child = spawn(command, [...args, ...listen], { env: { ...process.env, ...env }, stdio: 'ignore' });
  processes.push(child);
  const url = `http://127.0.0.1:${port}/metrics`;
  await eventually(async () => (await fetch(url).catch(() => null))?.ok === true, 20_000);
  scrapeUrls.set(job, url);
}

async function scrape(job: string): Promise<string> {
  const res = await fetch(scrapeUrls.get(job)!);
  expect(res.status).toBe(200);
  return res.text();
}

const has = (text: string, name: string) => new RegExp(`^${name}[{ ]`, 'm').test(text);

/** The samples of one metric: labels and value. */
function samples(text: string, name: string): { labels: Record<string, string>; value: number }[] {
  const found = [];
  for (const match of text.matchAll(new RegExp(`^${name}(?:\\{(.*)\\})? (\\S+)$`, 'gm'))) {
    const labels = Object.fromEntries([...(match[1] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1]!, l[2]!]));
    found.push({ labels, value: Number(match[2]) });
  }
  return found;
}

describe.skipIf(!available)('exporters against parts configured from deploy/', () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'op-exporters-'));
    cluster = new PgCluster();
    primary = await cluster.primary({ include: join(DEPLOY, 'postgresql/conf.d/openpolicy.conf') });
    await cluster.standby(primary);
    const admin = postgres(primary.url, { max: 1, onnotice: () => {} });
    await admin.unsafe('CREATE DATABASE openpolicy');
    await admin.end();
    const url = primary.url.replace(/\/postgres$/, '/openpolicy');
    const database = await openDatabase({ url, max: 1 });
    await database.migrate();
    await database.close();
    // setup.sql applies to the migrated schema as it is (a renamed table or index fails here).
    const setup = spawnSync('psql', [url, '-q', '-v', 'ON_ERROR_STOP=1', '-f', join(DEPLOY, 'postgresql/setup.sql')], { encoding: 'utf8' });
    expect(setup.stderr).toBe('');
    expect(setup.status).toBe(0);
    // A table large enough for the dead-row query, half of it deleted.
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    await sql.unsafe('CREATE TABLE exporter_probe AS SELECT g FROM generate_series(1, 20000) g');
    await sql.unsafe('DELETE FROM exporter_probe WHERE g % 2 = 0');
    await sql.end();

    redis = await startRedis({ config: join(DEPLOY, 'redis/redis.conf') });
    // An upstream nobody listens on: every proxied request is a 502 for mtail to count.
    gateway = await startGateway({ upstreams: [`127.0.0.1:${await freePort()}`], listen: `127.0.0.1:${await freePort()}`, webRoot: work, workerProcesses: 1 });

    await exporter('postgres', 'prometheus-postgres-exporter', [`--extend.query-path=${join(DEPLOY, 'prometheus/postgres-exporter-queries.yml')}`], {
      // The monitoring role setup.sql creates: pg_monitor, no data.
      DATA_SOURCE_NAME: `postgresql://postgres_exporter@127.0.0.1:${primary.port}/openpolicy?sslmode=disable`,
    });
    await exporter('redis', 'prometheus-redis-exporter', [`-redis.addr=${redis.url}`]);
    await exporter('nginx', 'prometheus-nginx-exporter', [`-nginx.scrape-uri=${gateway.url}/stub_status`]);
    await exporter('node', 'prometheus-node-exporter', []);
    await exporter('nginx-log', 'mtail', ['--progs', join(DEPLOY, 'prometheus/mtail'), '--logs', gateway.accessLog]);
  }, 180_000);

  afterAll(async () => {
    for (const child of processes) child.kill();
    await gateway?.stop();
    await redis?.stop();
    cluster?.destroy();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('lets only this host read nginx stub_status, which counts connections', async () => {
    const res = await fetch(`${gateway.url}/stub_status`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^Active connections: \d+/);
  });

  it('exports every metric the rules and the dashboard name for PostgreSQL, Redis, nginx and the host', async () => {
    // Traffic for mtail: proxied requests that fail (502) and are written to the access log.
    for (let i = 0; i < 3; i++) expect((await fetch(`${gateway.url}/api/v1/bills`)).status).toBe(502);
    const wanted = [...metricsUsed()].filter(([name, use]) => use.job !== 'openpolicy' && name !== 'up');
    expect(new Set(wanted.map(([, use]) => use.job))).toEqual(new Set(['postgres', 'redis', 'nginx', 'nginx-log', 'node']));
    let missing: string[] = [];
    // Statistics reach pg_stat_* within a second and the access log is flushed every second: poll.
    await eventually(async () => {
      const texts = new Map<string, string>();
      for (const job of scrapeUrls.keys()) texts.set(job, await scrape(job));
      missing = wanted.filter(([name, use]) => !has(texts.get(use.job)!, name)).map(([name, use]) => `${name} (job ${use.job}, ${use.where})`);
      return missing.length === 0;
    }, 30_000, 1000).catch(() => {});
    expect(missing).toEqual([]);
  });

  it('sees the replica from the primary, the slowest statements and the dead rows', async () => {
    const text = await scrape('postgres');
    expect(samples(text, 'pg_up').map((x) => x.value)).toEqual([1]);
    expect(samples(text, 'pg_replication_clients_connected').map((x) => x.value)).toEqual([1]);
    expect(samples(text, 'pg_replication_client_replay_lag_bytes').map((x) => x.labels.client_addr)).toEqual(['127.0.0.1']);
    expect(samples(text, 'pg_statements_top_calls').map((x) => x.labels.query)).toContain('DELETE FROM exporter_probe WHERE g % $1 = $2');
    expect(samples(text, 'pg_settings_max_connections').map((x) => x.value)).toEqual([100]);
    expect(samples(text, 'pg_table_rows_dead').find((x) => x.labels.table === 'exporter_probe')?.value).toBeGreaterThan(5000);
  });

  it('reads maxmemory and the no-eviction policy from deploy/redis/redis.conf', async () => {
    const text = await scrape('redis');
    expect(samples(text, 'redis_memory_max_bytes').map((x) => x.value)).toEqual([256 * 1024 * 1024]);
    expect(samples(text, 'redis_evicted_keys_total').map((x) => x.value)).toEqual([0]);
  });

  it('refuses writes at maxmemory instead of evicting a rate-limit window (every key has a TTL)', async () => {
    const client = new Redis(redis.url);
    try {
      expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
      await client.set('op:rl:ip:203.0.113.9:60000', '42', 'PX', 60_000);
      const used = Number(/used_memory:(\d+)/.exec(await client.info('memory'))![1]);
      await client.config('SET', 'maxmemory', String(used + 256 * 1024));
      let refused: Error | null = null;
      for (let i = 0; i < 10_000 && !refused; i += 100) {
        const batch = client.pipeline();
        for (let j = i; j < i + 100; j++) batch.set(`op:rl:ip:198.51.100.${j}:60000`, 'x'.repeat(64), 'PX', 60_000);
        const results = (await batch.exec()) ?? [];
        refused = results.find(([error]) => error)?.[0] ?? null;
      }
      expect(refused?.message).toMatch(/^OOM command not allowed/);
      expect(await client.get('op:rl:ip:203.0.113.9:60000')).toBe('42');
      expect(/evicted_keys:(\d+)/.exec(await client.info('stats'))![1]).toBe('0');
      await client.config('SET', 'maxmemory', '256mb');
    } finally {
      client.disconnect();
    }
  });
});
