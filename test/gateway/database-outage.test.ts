/**
 * A database outage through the gateway: nginx (deploy/nginx) in front of two
 * `openpolicy serve` instances whose PostgreSQL is reached through a TCP proxy
 * this test cuts (the real server is never touched), under bounded load. Every
 * answer is a 2xx or a 503 problem+json with Retry-After — never nginx's 502 —
 * the instances are not marked failed for it, and reads come back when the
 * database does. nginx's own 502 is problem+json too.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../../deploy/nginx/render.js';
import { legisinfoBills } from '../../src/ingest/legisinfo-bills.js';
import { runImport } from '../../src/ingest/runner.js';
import { TcpProxy } from '../ops/support.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { legisinfoBillFiles } from '../support/legisinfo.js';
import { freePort, startServe, waitFor, type Serving } from './support.js';

const ready = !!process.env.DATABASE_URL && !spawnSync('nginx', ['-v']).error;

interface Answer { path: string; status: number; type: string; retryAfter: string | null; body: string }

/** `total` GETs, `concurrency` at a time; `path(i)` names the i-th. */
async function load(base: string, path: (i: number) => string, total: number, concurrency: number): Promise<Answer[]> {
  const answers: Answer[] = [];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const p = path(next++);
      const res = await fetch(base + p);
      answers.push({ path: p, status: res.status, type: res.headers.get('content-type') ?? '', retryAfter: res.headers.get('retry-after'), body: (await res.text()).slice(0, 200) });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return answers;
}

/** Anything but a 2xx or a 503 problem+json with Retry-After. */
const unexpected = (answers: Answer[]) => answers.filter((a) => !(a.status >= 200 && a.status < 300)
  && !(a.status === 503 && a.type.startsWith('application/problem+json') && a.retryAfter !== null))
  .map((a) => `${a.path} → ${a.status} ${a.type} retry-after=${a.retryAfter} ${a.body}`);

describe.skipIf(!ready)('PostgreSQL cut off behind the gateway', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let instances: Serving[] = [];
  let gateway: Gateway;
  let unique = 0;
  // A page no cache has seen: every such read reaches an instance and its database.
  const uncached = () => `/api/v1/bills?per_page=1&page=${++unique}`;
  // Repeated reads the micro-cache may answer (fresh or, during the outage, stale).
  const reads = (i: number) => (i % 4 === 0 ? '/api/v1/bills?per_page=1' : i % 4 === 1 ? '/health/ready' : uncached());

  beforeAll(async () => {
    database = await testDatabase();
    // Data already there: no instance imports the sample on its first start.
    expect((await runImport(database, legisinfoBills, legisinfoBillFiles(['40-1']))).status).not.toBe('failed');
    const target = new URL(database.url!);
    proxy = await new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) }).start();
    const env = { DATABASE_URL: proxy.url(database.url!), TRUSTED_PROXIES: 'loopback', RATE_LIMITS: 'anonymous=1000000/min' };
    instances = await Promise.all([startServe(env), startServe(env)]);
    gateway = await startGateway({
      upstreams: instances.map((i) => `127.0.0.1:${i.port}`),
      listen: `127.0.0.1:${await freePort()}`,
      apiRate: 100_000, apiBurst: 100_000, siteRate: 100_000, siteBurst: 100_000,
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await Promise.all(instances.map((i) => i.stop('SIGKILL')));
    await proxy?.cut();
    await database?.drop();
  });

  it('answers 2xx or 503 problem+json with Retry-After throughout, keeps both instances, and reads recover', async () => {
    const before = await load(gateway.url, reads, 80, 8);
    expect(before.filter((a) => a.status !== 200).map((a) => `${a.path} → ${a.status}`)).toEqual([]);

    await proxy.cut();
    const during = await load(gateway.url, reads, 600, 8);
    expect(unexpected(during)).toEqual([]);
    // The outage was seen, as a 503 from the instances, not hidden by a retry or turned into a 502.
    expect(during.filter((a) => a.status === 503 && a.path.includes('page=')).length).toBeGreaterThan(0);
    expect(during.filter((a) => a.path === '/health/ready').every((a) => a.status === 503)).toBe(true);

    await proxy.restore();
    const back = Date.now();
    // Recovered: ten reads in a row succeed (nginx alternates them over both instances, each probing on its own).
    await waitFor('reads through the gateway after the database returned', async () => {
      for (let i = 0; i < 10; i++) if ((await fetch(gateway.url + uncached())).status !== 200) return undefined;
      return true;
    }, 30_000, 50);
    console.log(`reads recovered ${Date.now() - back} ms after the database returned`);

    // Both instances are still in nginx's pool: the next reads reach each of them, none fails.
    const firstAfter = readFileSync(gateway.accessLog, 'utf8').length;
    const after = await load(gateway.url, () => uncached(), 60, 4);
    expect(unexpected(after)).toEqual([]);
    expect(after.every((a) => a.status === 200)).toBe(true);
    const upstreams = await waitFor('the access log of the reads after recovery', async () => {
      // `-` is an answer nginx gave itself (no upstream), not an instance.
      const seen = new Set([...readFileSync(gateway.accessLog, 'utf8').slice(firstAfter).matchAll(/upstream=(\S+)/g)].map((m) => m[1]).filter((u) => u !== '-'));
      return seen.size >= 2 ? seen : undefined;
    }, 10_000, 200);
    expect([...upstreams].sort()).toEqual(instances.map((i) => `127.0.0.1:${i.port}`).sort());
  });

  it('answers its own 502, when no instance is left, as problem+json with Retry-After', async () => {
    await Promise.all(instances.map((i) => i.stop('SIGKILL')));
    const res = await fetch(gateway.url + uncached());
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toMatchObject({ status: 502, type: 'https://openpolicy.ca/problems/bad-gateway' });
  });
});
