/**
 * `openpolicy serve --workers 2` on PostgreSQL without Redis: two processes on
 * one port, an import in one empties the other's response cache too (relayed by
 * the cluster primary), and SIGTERM stops them all cleanly.
 */
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/users.js';
import { legisinfoBills } from '../../src/ingest/legisinfo-bills.js';
import { runImport } from '../../src/ingest/runner.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { legisinfoBillFiles } from '../support/legisinfo.js';
import { startServe, waitFor, type Serving } from './support.js';

/** One GET on a new connection: the cluster hands each connection to the next worker. */
function getOnNewConnection(url: string, headers: Record<string, string> = {}): Promise<{ status: number; cache: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, cache: res.headers['x-cache'] as string | undefined, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe.skipIf(!process.env.DATABASE_URL)('serve --workers 2 (PostgreSQL, no Redis)', () => {
  let database: TestDatabase;
  let cluster: Serving;
  let dataDir: string;
  const admin = { email: 'cluster-admin@example.org', password: 'Cluster-Admin-Passphrase-63' };

  beforeAll(async () => {
    database = await testDatabase();
    expect((await runImport(database, legisinfoBills, legisinfoBillFiles(['40-1']))).status).not.toBe('failed');
    await createUser(database.db, { ...admin, role: 'admin' });
    // Both workers read the generated JWT secret from the same DATA_DIR: a token from one is good on the other.
    dataDir = mkdtempSync(join(tmpdir(), 'op-cluster-'));
    cluster = await startServe({ DATABASE_URL: database.url!, REDIS_URL: '', DATA_DIR: dataDir }, ['--workers', '2']);
  });

  afterAll(async () => {
    await cluster?.stop('SIGKILL');
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const totals = async (n: number) => {
    const answers = await Promise.all(Array.from({ length: n }, () => getOnNewConnection(`${cluster.url}/api/v1/bills?per_page=1`)));
    return answers.map((a) => ({ cache: a.cache, total: (JSON.parse(a.body) as { pagination: { total_items: number } }).pagination.total_items }));
  };

  it('serves from both workers, and an import in one refreshes both caches', async () => {
    // Each worker misses twice (it keeps a URL from its second read), then hits; the second may still be starting, so ask until both have answered.
    const warm: { cache: string | undefined; total: number }[] = [];
    await waitFor('both workers to answer', async () => {
      warm.push(...(await totals(1)));
      return warm.filter((w) => w.cache === 'MISS').length === 4 ? true : undefined;
    }, 60_000, 200);
    // Both are up now: new connections alternate between them, and both hit.
    expect((await totals(4)).map((t) => t.cache)).toEqual(['HIT', 'HIT', 'HIT', 'HIT']);
    const before = warm[0]!.total;

    const login = await fetch(`${cluster.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
    expect(login.status, await login.clone().text()).toBe(200);
    const { access_token: token } = (await login.json()) as { access_token: string };
    const started = await fetch(`${cluster.url}/api/v1/admin/imports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ source: 'legisinfo-bills', sample: true }),
    });
    expect(started.status, await started.clone().text()).toBe(202);
    const { id } = (await started.json()) as { id: number };
    // Polled on new connections, so through both workers, with the token one of them issued.
    await waitFor('the import to finish', async () => {
      const run = await getOnNewConnection(`${cluster.url}/api/v1/admin/imports/${id}`, { authorization: `Bearer ${token}` });
      return run.status === 200 && (JSON.parse(run.body) as { status: string }).status !== 'running' ? true : undefined;
    }, 170_000, 500);

    const after: { cache: string | undefined; total: number }[] = [];
    for (let i = 0; i < 8; i++) after.push(...(await totals(1)));
    expect(new Set(after.map((a) => a.total))).toEqual(new Set([after[0]!.total]));
    expect(after[0]!.total).toBeGreaterThan(before);
    // A URL read before is kept from its first read after the data changed: one miss a worker.
    expect(after.filter((a) => a.cache === 'MISS')).toHaveLength(2);
  }, 200_000);

  it('stops every worker on SIGTERM and exits 0', async () => {
    expect(await cluster.stop('SIGTERM')).toBe(0);
    await expect(getOnNewConnection(`${cluster.url}/health`)).rejects.toThrow(/ECONNREFUSED/);
  });
});
