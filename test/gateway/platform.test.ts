/**
 * The scaled-out platform, all real and on loopback: nginx (deploy/nginx) in
 * front of two `openpolicy serve` instances sharing PostgreSQL and Redis, with
 * real LEGISinfo bills. Routing, the micro-cache emptied by an import, the same
 * data from both instances after an import on one, an instance killed under
 * load, and graceful shutdown.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../../deploy/nginx/render.js';
import { createApiKey } from '../../src/auth/api-keys.js';
import { createUser } from '../../src/auth/users.js';
import { users } from '../../src/db/schema.js';
import { legisinfoBills } from '../../src/ingest/legisinfo-bills.js';
import { runImport } from '../../src/ingest/runner.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { legisinfoBillFiles } from '../support/legisinfo.js';
import { freePort, loadLoop, ROOT, startRedis, startServe, waitFor, type Serving } from './support.js';

const ready = !!process.env.DATABASE_URL && !!process.env.REDIS_URL && !spawnSync('nginx', ['-v']).error;

interface BillList {
  results: { identifier?: string }[];
  pagination: { total_items: number };
}

async function total(url: string): Promise<{ total: number; cache: string | null; status: number }> {
  const res = await fetch(`${url}/api/v1/bills?per_page=1`);
  const body = (await res.json()) as BillList;
  return { total: body.pagination.total_items, cache: res.headers.get('x-cache-status') ?? res.headers.get('x-cache'), status: res.status };
}

describe.skipIf(!ready)('gateway + 2 instances + PostgreSQL + Redis', () => {
  let database: TestDatabase;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let a: Serving;
  let b: Serving;
  let gateway: Gateway;
  /** The same instances behind limits no test reaches, for load. */
  let loadGateway: Gateway;
  let env: Record<string, string>;
  let apiKey: string;
  let admin: { email: string; password: string };
  const instances: Serving[] = [];

  const serve = async (port?: number) => {
    const instance = await startServe({ ...env, ...(port ? { PORT: String(port) } : {}) });
    instances.push(instance);
    return instance;
  };

  beforeAll(async () => {
    [database, redis] = await Promise.all([testDatabase(), startRedis()]);
    const report = await runImport(database, legisinfoBills, legisinfoBillFiles(['40-1']));
    expect(report.status).not.toBe('failed');

    admin = { email: 'gateway-admin@example.org', password: 'Correct-Horse-Battery-Staple-42' };
    await createUser(database.db, { ...admin, role: 'admin' });
    const loader = await createUser(database.db, { email: 'gateway-load@example.org', password: 'Another-Long-Passphrase-77' });
    // Load runs through the API with a key: it bypasses both caches, so every request reaches an instance.
    await database.db.update(users).set({ tier: 'partner' }).where(eq(users.id, loader.id));
    apiKey = (await createApiKey(database.db, loader.id, { name: 'load', expiresAt: null })).key;

    env = { DATABASE_URL: database.url!, REDIS_URL: redis.url, TRUSTED_PROXIES: 'loopback' };
    [a, b] = await Promise.all([serve(), serve()]);
    const upstreams = [a, b].map((i) => `127.0.0.1:${i.port}`);
    [gateway, loadGateway] = await Promise.all([
      startGateway({ upstreams, listen: `127.0.0.1:${await freePort()}`, redisUrl: redis.url, cacheTtl: 60 }),
      startGateway({ upstreams, listen: `127.0.0.1:${await freePort()}`, apiRate: 100_000, apiBurst: 100_000, siteRate: 100_000, siteBurst: 100_000 }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([gateway?.stop(), loadGateway?.stop()]);
    await Promise.all(instances.map((i) => i.stop('SIGKILL')));
    await Promise.all([database?.drop(), redis?.stop()]);
  });

  it('routes /health, /api/ and /docs to the instances, round robin, with a request id', async () => {
    const health = await fetch(`${gateway.url}/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get('x-cache-status')).toBeNull();
    const bills = await fetch(`${gateway.url}/api/v1/bills?session=40-1&per_page=5`, { headers: { 'x-request-id': 'gateway-test-1' } });
    expect(bills.status).toBe(200);
    expect(bills.headers.get('x-request-id')).toBe('gateway-test-1');
    expect(((await bills.json()) as BillList).pagination.total_items).toBeGreaterThan(50);
    const docs = await fetch(`${gateway.url}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toContain('text/html');
    expect((await fetch(`${gateway.url}/api/v1/openapi.json`)).status).toBe(200);

    // Both instances answered: the access log names the upstream of each request.
    for (let i = 0; i < 4; i++) await fetch(`${gateway.url}/health`);
    await fetch(`${gateway.url}/api/v1/bills?session=40-1&per_page=2`);
    await fetch(`${gateway.url}/api/v1/bills?session=40-1&per_page=3`);
    const upstreams = await waitFor('both upstreams in the access log', async () => {
      const log = readFileSync(gateway.accessLog, 'utf8');
      const seen = new Set([...log.matchAll(/upstream=127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1])));
      return seen.has(a.port) && seen.has(b.port) ? seen : undefined;
    }, 5000);
    expect(upstreams.size).toBe(2);
    expect(readFileSync(gateway.accessLog, 'utf8')).toContain('id=gateway-test-1');
  });

  it('serves a cached list (HIT) until an import announces new data, then a MISS with the new data', async () => {
    const first = await total(gateway.url);
    const second = await total(gateway.url);
    expect(second.cache).toBe('HIT');
    expect(second.total).toBe(first.total);

    // The CLI import, with REDIS_URL set, announces the change; the gateway's purger and both instances hear it.
    const files = legisinfoBillFiles(['43-1']);
    const cli = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'import', 'legisinfo-bills', ...files], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'pipe' });
    let output = '';
    cli.stdout.on('data', (d) => (output += d));
    cli.stderr.on('data', (d) => (output += d));
    expect(await new Promise((resolve) => cli.once('exit', resolve)), output).toBe(0);

    // TTL is 60 s here: only the purge can make this a MISS.
    const after = await waitFor('a MISS after the import', async () => {
      const t = await total(gateway.url);
      return t.cache === 'MISS' ? t : undefined;
    }, 5000);
    expect(after.total).toBeGreaterThan(first.total);
    expect((await total(gateway.url)).cache).toBe('HIT');
  });

  it('serves the same new data from both instances after an import on one of them', async () => {
    // Warm both instances' own caches, bypassing the gateway (each keeps a URL from its second read).
    for (const instance of [a, b]) {
      await total(instance.url);
      await total(instance.url);
      expect((await total(instance.url)).cache).toBe('HIT');
    }
    const before = await total(a.url);

    const login = await fetch(`${a.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
    expect(login.status, await login.clone().text()).toBe(200);
    const { access_token: token } = (await login.json()) as { access_token: string };
    const started = await fetch(`${a.url}/api/v1/admin/imports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ source: 'legisinfo-bills', sample: true }),
    });
    expect(started.status, await started.clone().text()).toBe(202);
    const { id } = (await started.json()) as { id: number };
    const run = await waitFor('the admin import to finish', async () => {
      const res = await fetch(`${a.url}/api/v1/admin/imports/${id}`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { status: string };
      return body.status === 'running' ? undefined : body;
    }, 170_000, 500);
    expect(run.status).not.toBe('failed');

    const [fromA, fromB] = await waitFor('both instances to drop their caches', async () => {
      const both = await Promise.all([total(a.url), total(b.url)]);
      return both.every((t) => t.total > before.total) ? both : undefined;
    }, 3000);
    expect(fromB.total).toBe(fromA.total);
    expect((await total(gateway.url)).total).toBe(fromA.total);
  }, 200_000);

  it('loses no GET when an instance is killed mid-load', async () => {
    const paths = Array.from({ length: 12 }, (_, i) => `/api/v1/bills?session=40-1&per_page=5&page=${i + 1}`);
    const result = await loadLoop(loadGateway.url, paths, {
      total: 300,
      concurrency: 6,
      headers: { 'x-api-key': apiKey },
      during: (done) => {
        if (done === 60) b.child.kill('SIGKILL');
      },
    });
    expect(b.child.signalCode).toBe('SIGKILL');
    expect(result.failures).toEqual([]);
    expect(result.ok).toBe(300);
  });

  it('loses no GET when an instance shuts down gracefully mid-load, and the instance exits cleanly', async () => {
    b = await serve(b.port);
    // nginx takes b back once its fail_timeout has passed: wait for a new log line answered by it alone.
    const logged = readFileSync(loadGateway.accessLog, 'utf8').length;
    await waitFor('nginx to use the restarted instance', async () => {
      await fetch(`${loadGateway.url}/api/v1/bills?per_page=1`, { headers: { 'x-api-key': apiKey } });
      return readFileSync(loadGateway.accessLog, 'utf8').slice(logged).includes(`upstream=127.0.0.1:${b.port} `) ? true : undefined;
    }, 20_000, 250);

    const paths = Array.from({ length: 12 }, (_, i) => `/api/v1/bills?session=40-1&per_page=4&page=${i + 1}`);
    let exit: Promise<number | null> | null = null;
    const result = await loadLoop(loadGateway.url, paths, {
      total: 300,
      concurrency: 6,
      headers: { 'x-api-key': apiKey },
      during: (done) => {
        if (done === 60) exit = a.stop('SIGTERM');
      },
    });
    expect(result.failures).toEqual([]);
    expect(result.ok).toBe(300);
    expect(await exit).toBe(0);
  });

  it('on SIGTERM stops accepting, finishes the request in flight, then exits 0', async () => {
    // A request held in flight by a table lock the test owns.
    // Two connections: one reserved for the lock, one to watch pg_locks.
    const sql = postgres(database.url!, { max: 2, onnotice: () => {} });
    const lock = await sql.reserve();
    try {
      await lock`BEGIN`;
      await lock`LOCK TABLE bills IN ACCESS EXCLUSIVE MODE`;
      const inFlight = fetch(`${b.url}/api/v1/bills?session=40-1&per_page=7&page=2`);
      // Settled below; a failure must not surface as an unhandled rejection before then.
      inFlight.catch(() => {});
      await waitFor('the request to wait on the lock', async () => {
        const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'bills'::regclass`;
        return row!.n > 0 ? true : undefined;
      }, 10_000);

      const exit = b.stop('SIGTERM');
      await waitFor('the instance to stop listening', async () => {
        const refused = await fetch(`${b.url}/health`).then(() => false, () => true);
        return refused ? true : undefined;
      }, 5000);
      expect(b.child.exitCode).toBeNull();

      await lock`COMMIT`;
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(res.headers.get('connection')).toBe('close');
      expect(((await res.json()) as BillList).results).toHaveLength(7);
      expect(await exit).toBe(0);
    } finally {
      lock.release();
      await sql.end();
    }
  });
});
