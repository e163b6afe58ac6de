/**
 * A PostgreSQL read replica behind the same `Database` every module uses.
 *
 * Only reads that tolerate lag go to the replica: those run inside
 * `runLagTolerant` (the app marks anonymous public GETs, the ones the caches
 * already treat as shareable). Everything else — writes, transactions, and the
 * reads of authenticated requests that may follow their own writes — goes to
 * the primary.
 *
 * Lag is measured without clocks or heartbeat writes: every check samples the
 * primary's WAL position, and the replica's lag is the age of the newest sample
 * it has replayed. The replica is dropped from use while that exceeds the limit,
 * while it does not answer, and after a data change until it has replayed the
 * change (so caches refilled after an import never get pre-import rows).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type SQL } from 'drizzle-orm';
import { withReplicas } from 'drizzle-orm/pg-core';
import { Gauge } from 'prom-client';
import { DATA_CHANGED } from '../store/data-changed.js';
import { registry } from '../ops/metrics.js';
import type { Store } from '../store/store.js';
import { openDatabase, type Database, type Db } from './client.js';

const lagTolerance = new AsyncLocalStorage<true>();

/** For each database with a replica, which of its two a read issued now goes to. */
const readTargets = new WeakMap<Db, () => Db>();

/**
 * The database a read issued now runs on: the replica or the primary behind `db`, or `db` itself. A query
 * prepared once and kept (src/api/lists.ts) is bound to the database it was built on, so it must be built
 * and kept per target, not on the object that routes each new query.
 */
export function readTarget(db: Db): Db {
  return readTargets.get(db)?.() ?? db;
}

/** Runs `work`, and everything it starts, as reads that may be answered by the replica. */
export function runLagTolerant<T>(work: () => T): T {
  return lagTolerance.run(true, work);
}

const replicaLag = new Gauge({
  name: 'db_replica_lag_seconds',
  help: 'Age of the newest primary WAL position the read replica has replayed (checked every second).',
  registers: [registry],
});
const replicaInUse = new Gauge({
  name: 'db_replica_in_use',
  help: '1 when lag-tolerant reads go to the read replica; 0 while it lags, fails, or catches up with a data change.',
  registers: [registry],
});

export interface ReplicaLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface ReplicaOptions {
  url: string;
  /** Above this lag (seconds) reads go to the primary. */
  maxLagSeconds: number;
  checkIntervalMs?: number;
  /** Where data changes are announced; each one pins reads to the primary until the replica has it. */
  store?: Store;
  log?: ReplicaLog;
  /** Connection pool size for the replica. */
  max?: number;
}

export interface ReplicaStatus {
  inUse: boolean;
  /** Seconds; null before the first successful check. */
  lagSeconds: number | null;
  /** Why the replica is not in use, if it is not. */
  reason: string | null;
}

export interface ReplicatedDatabase extends Database {
  replicaStatus(): ReplicaStatus;
  /** Runs one lag check now (tests; the timer runs them anyway). */
  checkReplica(): Promise<void>;
}

/** "16/B374D848" → a comparable number. */
function lsn(text: string): bigint {
  const [high = '0', low = '0'] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function withReadReplica(primary: Database, options: ReplicaOptions): Promise<ReplicatedDatabase> {
  const replica = await openDatabase({ url: options.url, max: options.max ?? 10 });
  const interval = options.checkIntervalMs ?? 1000;
  // Enough primary samples to tell any lag up to the limit, plus slack.
  const keep = Math.ceil((options.maxLagSeconds * 1000) / interval) + 3;
  const samples: { at: number; lsn: bigint }[] = [];
  const status: ReplicaStatus = { inUse: false, lagSeconds: null, reason: 'not checked yet' };
  // Data changes announced, and how many of them `pinLsn` covers: reads stay on the
  // primary until the replica has replayed a primary position sampled after the last one.
  let changes = 0;
  let pinnedChanges = 0;
  let pinLsn: bigint | null = null;

  const setStatus = (inUse: boolean, reason: string | null) => {
    if (inUse !== status.inUse) {
      if (inUse) options.log?.info({ lag_seconds: status.lagSeconds }, 'read replica in use');
      else options.log?.warn({ reason, lag_seconds: status.lagSeconds }, 'read replica dropped: reads go to the primary');
    }
    status.inUse = inUse;
    status.reason = reason;
    replicaInUse.set(inUse ? 1 : 0);
  };

  async function measure(): Promise<void> {
    const changesBefore = changes;
    const at = Date.now();
    const [head] = await primary.rows<{ lsn: string }>(sql`SELECT pg_current_wal_lsn()::text AS lsn`);
    samples.push({ at, lsn: lsn(head!.lsn) });
    if (samples.length > keep) samples.shift();
    if (changesBefore > pinnedChanges) {
      pinLsn = samples.at(-1)!.lsn;
      pinnedChanges = changesBefore;
    }

    const [row] = await replica.rows<{ standby: boolean; replayed: string | null }>(
      sql`SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replayed`,
    );
    if (!row?.standby || !row.replayed) return setStatus(false, 'DATABASE_REPLICA_URL is not a streaming standby');
    const replayed = lsn(row.replayed);
    const newest = [...samples].reverse().find((s) => s.lsn <= replayed);
    status.lagSeconds = (Date.now() - (newest ?? samples[0]!).at) / 1000;
    replicaLag.set(status.lagSeconds);
    if (pinLsn !== null && replayed >= pinLsn) pinLsn = null;
    if (status.lagSeconds > options.maxLagSeconds) return setStatus(false, `lag ${status.lagSeconds.toFixed(1)} s exceeds ${options.maxLagSeconds} s`);
    if (pinLsn !== null || changes > pinnedChanges) return setStatus(false, 'catching up with a data change');
    setStatus(true, null);
  }

  let running: Promise<void> | null = null;
  const check = (): Promise<void> => {
    running ??= withTimeout(measure(), CHECK_TIMEOUT_MS)
      .catch((e: Error) => setStatus(false, `replica check failed: ${e.message}`))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void check(), interval);
  timer.unref();
  await check();

  await options.store?.subscribe(DATA_CHANGED, () => {
    // Synchronously, before any cache refills: the replica may not have the change yet.
    changes++;
    setStatus(false, 'catching up with a data change');
    void check();
  });

  const useReplica = () => status.inUse && changes === pinnedChanges && lagTolerance.getStore() === true;
  const target = () => (useReplica() ? replica.db : primary.db);
  const db = withReplicas(primary.db, [replica.db], target);
  readTargets.set(db, target);
  return {
    kind: 'postgres',
    db,
    rows: <T extends Record<string, unknown>>(query: SQL) => (useReplica() ? replica : primary).rows<T>(query),
    migrate: () => primary.migrate(),
    pool: () => {
      const [a, b] = [primary.pool(), replica.pool()];
      return { active: a.active + b.active, max: a.max + b.max };
    },
    onQuery: (listener) => {
      const stops = [primary.onQuery(listener), replica.onQuery(listener)];
      return () => stops.forEach((stop) => stop());
    },
    async close() {
      clearInterval(timer);
      await running;
      await Promise.all([replica.close(), primary.close()]);
    },
    replicaStatus: () => ({ ...status }),
    checkReplica: check,
  };
}
