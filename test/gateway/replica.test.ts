/**
 * DATABASE_REPLICA_URL against a real streaming standby: a PostgreSQL 15
 * primary and a pg_basebackup copy of it, both started here. Anonymous public
 * reads go to the standby, everything else to the primary; the standby is
 * dropped while it lags, after a data change until it has replayed it, and
 * when it fails.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { announceDataChange } from '../../src/store/data-changed.js';
import { createApiKey } from '../../src/auth/api-keys.js';
import { createUser } from '../../src/auth/users.js';
import { openDatabase } from '../../src/db/client.js';
import { runLagTolerant, withReadReplica, type ReplicatedDatabase } from '../../src/db/replica.js';
import { legisinfoBills } from '../../src/ingest/legisinfo-bills.js';
import { runImport } from '../../src/ingest/runner.js';
import { registry } from '../../src/ops/metrics.js';
import { memoryStore, type Store } from '../../src/store/store.js';
import { legisinfoBillFiles } from '../support/legisinfo.js';
import { PG_BIN, PgCluster, type PgServer } from './postgres-cluster.js';
import { waitFor } from './support.js';

// Starts its own servers from the PostgreSQL 15 package; run in the PostgreSQL pass of the suite only.
const available = !!process.env.DATABASE_URL && existsSync(join(PG_BIN, 'pg_basebackup'));

async function gauge(name: string): Promise<number> {
  const metric = registry.getSingleMetric(name);
  return (await metric!.get()).values[0]!.value;
}

describe.skipIf(!available)('read replica (streaming standby made with pg_basebackup)', () => {
  let cluster: PgCluster;
  let primary: PgServer;
  let standby: PgServer;
  let database: ReplicatedDatabase;
  let admin: postgres.Sql;
  let replicaAdmin: postgres.Sql;
  let store: Store;
  let app: FastifyInstance;
  let apiKey: string;
  let page = 60;

  /** The 40-1 bills as an anonymous caller sees them; a new page size each time, so no cache answers. */
  const anonymousTitles = async (headers: Record<string, string> = {}) => {
    const res = await app.inject({ url: `/api/v1/bills?session=40-1&per_page=${++page}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.body;
  };
  const setTitle = (title: string) => admin`UPDATE bills SET title_en = ${title} WHERE identifier = 'C-2'`;

  beforeAll(async () => {
    cluster = new PgCluster();
    primary = await cluster.primary();
    standby = await cluster.standby(primary);
    admin = postgres(primary.url, { max: 1, onnotice: () => {} });
    replicaAdmin = postgres(standby.url, { max: 1, onnotice: () => {} });
    await waitFor('the standby to stream', async () => {
      const [row] = await admin<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_replication WHERE state = 'streaming'`;
      return row!.n === 1 ? true : undefined;
    }, 30_000);

    const primaryDb = await openDatabase({ url: primary.url, max: 4 });
    await primaryDb.migrate();
    expect((await runImport(primaryDb, legisinfoBills, legisinfoBillFiles(['40-1']))).status).not.toBe('failed');
    const user = await createUser(primaryDb.db, { email: 'replica-test@example.org', password: 'Replica-Test-Passphrase-19' });
    apiKey = (await createApiKey(primaryDb.db, user.id, { name: 'replica', expiresAt: null })).key;

    store = memoryStore();
    database = await withReadReplica(primaryDb, { url: standby.url, maxLagSeconds: 2, checkIntervalMs: 100, store, max: 4 });
    app = await buildApp({ database, store });
    await waitFor('the standby to be in use', async () => (database.replicaStatus().inUse ? true : undefined), 30_000);
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await Promise.all([admin?.end(), replicaAdmin?.end(), store?.close()]);
    cluster?.destroy();
  });

  it('sends lag-tolerant reads to the standby and everything else to the primary', async () => {
    const inRecovery = sql`SELECT pg_is_in_recovery() AS standby`;
    expect((await runLagTolerant(() => database.rows<{ standby: boolean }>(inRecovery)))[0]!.standby).toBe(true);
    expect((await database.rows<{ standby: boolean }>(inRecovery))[0]!.standby).toBe(false);
    // Transactions (writes, read-your-writes) stay on the primary even in a lag-tolerant context.
    const inTransaction = await runLagTolerant(() => database.db.transaction((tx) => tx.execute(inRecovery)));
    expect((inTransaction as unknown as { standby: boolean }[])[0]!.standby).toBe(false);
    expect(await gauge('db_replica_in_use')).toBe(1);
    expect(await gauge('db_replica_lag_seconds')).toBeLessThan(2);
  });

  it('answers anonymous API reads from the standby, within the lag it tolerates, and keyed reads from the primary', async () => {
    await replicaAdmin`SELECT pg_wal_replay_pause()`;
    await setTitle('Changed on the primary');
    // The standby has not replayed the change: anonymous readers see the old title for up to 2 s...
    expect(await anonymousTitles()).not.toContain('Changed on the primary');
    // ...a caller with a key, who may have just written, reads the primary.
    expect(await anonymousTitles({ 'x-api-key': apiKey })).toContain('Changed on the primary');
  });

  it('drops the standby while its lag exceeds the limit, and takes it back once it has caught up', async () => {
    const dropped = await waitFor('the standby to be dropped for lag', async () => {
      const status = database.replicaStatus();
      return status.inUse ? undefined : status;
    }, 10_000);
    expect(dropped.reason).toMatch(/lag .* exceeds 2 s/);
    expect(await gauge('db_replica_in_use')).toBe(0);
    expect(await gauge('db_replica_lag_seconds')).toBeGreaterThan(2);
    expect(await anonymousTitles()).toContain('Changed on the primary');

    await replicaAdmin`SELECT pg_wal_replay_resume()`;
    await waitFor('the standby back in use', async () => (database.replicaStatus().inUse ? true : undefined), 10_000);
    expect(await anonymousTitles()).toContain('Changed on the primary');
    expect(await gauge('db_replica_lag_seconds')).toBeLessThan(2);
  });

  it('after a data change, reads the primary until the standby has replayed it', async () => {
    await replicaAdmin`SELECT pg_wal_replay_pause()`;
    await setTitle('Imported just now');
    await announceDataChange(store);
    // Lag is still far below 2 s, but caches refilled now must not get the old rows.
    expect(database.replicaStatus()).toMatchObject({ inUse: false, reason: 'catching up with a data change' });
    expect(await anonymousTitles()).toContain('Imported just now');
    await new Promise((r) => setTimeout(r, 500));
    expect(database.replicaStatus().inUse).toBe(false);

    await replicaAdmin`SELECT pg_wal_replay_resume()`;
    await waitFor('the standby back in use', async () => (database.replicaStatus().inUse ? true : undefined), 10_000);
    expect(await runLagTolerant(() => database.rows<{ title: string }>(sql`SELECT title_en AS title FROM bills WHERE identifier = 'C-2'`))).toEqual([{ title: 'Imported just now' }]);
  });

  it('drops a standby that stops answering, and reads keep working from the primary', async () => {
    await replicaAdmin.end();
    standby.stop('immediate');
    const status = await waitFor('the standby to be dropped', async () => {
      const s = database.replicaStatus();
      return s.inUse ? undefined : s;
    }, 10_000);
    expect(status.reason).toMatch(/replica check failed/);
    expect(await anonymousTitles()).toContain('Imported just now');
  });
});
