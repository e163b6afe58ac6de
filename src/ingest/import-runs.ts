/**
 * The life of an import run, and the one lock on a source: start → heartbeat →
 * finish. Every run, whoever starts it (the CLI, the first-start import, the
 * admin API, the fetch scheduler), begins here, so there is one rule for who
 * may run: at most one `running` row per source, taken under a transaction
 * advisory lock on the source's name (PostgreSQL frees it with the transaction,
 * so a dying process never keeps it).
 *
 * A run's process touches its row's `updated_at` every HEARTBEAT_MS. A row still
 * `running` with no heartbeat for ABANDON_AFTER_MS belongs to a process that died:
 * the reaper (every REAP_EVERY_MS in a serving instance, and before every start)
 * marks it `abandoned`, which frees the source. On PGlite the data folder belongs
 * to one process (src/db/data-dir-lock.ts), so a running row that this process
 * does not run is known dead at once.
 */
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client.js';
import { recordImportRun } from '../ops/metrics.js';

export const HEARTBEAT_MS = 15_000;
export const ABANDON_AFTER_MS = 60_000;
export const REAP_EVERY_MS = 30_000;

export const RUN_STATUSES = ['running', 'succeeded', 'partial', 'failed', 'abandoned'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface RunningRun {
  id: number;
  source: string;
  startedAt: string;
  heartbeatAt: string;
}

/** Another run of the source holds it; the message names that run and where to follow it. */
export class ImportRunning extends Error {
  constructor(readonly run: RunningRun) {
    super(`An import of "${run.source}" is already running: run ${run.id}, started ${run.startedAt}, last heartbeat ${run.heartbeatAt}; `
      + `wait for it to finish (GET /api/v1/admin/imports/${run.id}, or \`openpolicy status\`). `
      + `If its process died, it is marked abandoned within ${ABANDON_AFTER_MS / 1000} s of its last heartbeat.`);
    this.name = 'ImportRunning';
  }
}

export interface RunTotals {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** What the process running one run holds: its row, kept alive by the heartbeat until `finish`. */
export interface RunLease {
  readonly runId: number;
  /** Why this run may no longer write (the reaper took its row), or null while it holds it. */
  lost(): string | null;
  /** Saves the running totals (and counts as a heartbeat). */
  saveTotals(totals: RunTotals): Promise<void>;
  /**
   * Writes the final status, and what `alsoWrite` writes, in one transaction; false (and nothing written) when the
   * row was no longer this run's to finish (reaped meanwhile).
   */
  finish(status: Exclude<RunStatus, 'running' | 'abandoned'>, totals: RunTotals, error: string | null, alsoWrite?: (tx: Db) => Promise<void>): Promise<boolean>;
  /** Stops the heartbeat: from now on the reaper judges the row like any other. */
  release(): void;
}

// Runs this process is running, per database: never reaped by this process, whatever their heartbeat.
const liveRuns = new WeakMap<Database, Set<number>>();
const live = (database: Database) => {
  let runs = liveRuns.get(database);
  if (!runs) liveRuns.set(database, (runs = new Set()));
  return runs;
};

const iso = (column: string) => sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);

/**
 * Takes the source and creates its run row, or throws ImportRunning naming the run that holds it.
 * Dead runs are reaped first, so a source whose last process died is free again.
 */
export async function startRun(
  database: Database, source: string, paths: string[], alsoWrite?: (tx: Db, runId: number) => Promise<void>,
): Promise<RunLease> {
  await reapAbandonedRuns(database);
  const runId = await database.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`import-run:${source}`}))`);
    const holder = await tx.execute(sql`
      SELECT id::int AS id, source, ${iso('started_at')} AS "startedAt", ${iso('updated_at')} AS "heartbeatAt"
      FROM import_runs WHERE source = ${source} AND status = 'running' ORDER BY id LIMIT 1`);
    const [running] = rowsOf<RunningRun>(holder);
    if (running) throw new ImportRunning(running);
    const inserted = await tx.execute(sql`
      INSERT INTO import_runs (source, paths, status) VALUES (${source}, ${JSON.stringify(paths)}::jsonb, 'running') RETURNING id::int AS id`);
    const id = rowsOf<{ id: number }>(inserted)[0]!.id;
    await alsoWrite?.(tx as unknown as Db, id);
    return id;
  });
  const mine = live(database);
  mine.add(runId);
  let lostReason: string | null = null;

  const touch = async (set: ReturnType<typeof sql>) => {
    const rows = await database.rows<{ id: number }>(sql`
      UPDATE import_runs SET ${set}, updated_at = now() WHERE id = ${runId} AND status = 'running' RETURNING id::int AS id`);
    if (rows.length === 0 && !lostReason) lostReason = `run ${runId} was marked abandoned (no heartbeat for ${ABANDON_AFTER_MS / 1000} s) and stopped`;
  };
  // A missed beat (the database briefly away) is not fatal: the next one, or the final write, catches up.
  const beat = setInterval(() => void touch(sql`status = status`).catch(() => {}), HEARTBEAT_MS);
  beat.unref();
  const release = () => {
    clearInterval(beat);
    mine.delete(runId);
  };

  return {
    runId,
    lost: () => lostReason,
    saveTotals: (t) => touch(sql`inserted = ${t.inserted}, updated = ${t.updated}, unchanged = ${t.unchanged}, rejected = ${t.rejected}`),
    async finish(status, t, error, alsoWrite) {
      try {
        return await database.db.transaction(async (tx) => {
          const rows = rowsOf(await tx.execute(sql`
            UPDATE import_runs SET status = ${status}, finished_at = now(), updated_at = now(),
              inserted = ${t.inserted}, updated = ${t.updated}, unchanged = ${t.unchanged}, rejected = ${t.rejected}, error = ${error}
            WHERE id = ${runId} AND status = 'running' RETURNING id`));
          if (rows.length === 0) return false;
          await alsoWrite?.(tx as unknown as Db);
          return true;
        });
      } finally {
        release();
      }
    },
    release,
  };
}

function rowsOf<T>(result: unknown): T[] {
  // postgres.js answers an array of rows, PGlite an object holding them.
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export type AbandonedRun = RunningRun & RunTotals;

/** Marks `abandoned` every run whose process is gone (its `updated_at` stays its last heartbeat); returns them. */
export async function reapAbandonedRuns(database: Database): Promise<AbandonedRun[]> {
  const mine = [...live(database)];
  const notMine = mine.length ? sql`AND id NOT IN (${sql.join(mine.map((id) => sql`${id}`), sql`, `)})` : sql``;
  // PGlite: whoever opened the folder is its only process, so a running row it does not run has no process left.
  const dead = database.kind === 'pglite' ? sql`` : sql`AND updated_at < now() - ${ABANDON_AFTER_MS / 1000} * interval '1 second'`;
  const reason = database.kind === 'pglite'
    ? 'abandoned: the process running it stopped before it finished'
    : `abandoned: the process running it stopped (no heartbeat for ${ABANDON_AFTER_MS / 1000} s)`;
  const reaped = await database.rows<AbandonedRun & Record<string, unknown>>(sql`
    UPDATE import_runs SET status = 'abandoned', finished_at = now(), error = ${reason}
    WHERE status = 'running' ${dead} ${notMine}
    RETURNING id::int AS id, source, ${iso('started_at')} AS "startedAt", ${iso('updated_at')} AS "heartbeatAt", inserted, updated, unchanged, rejected`);
  for (const run of reaped) recordImportRun({ ...run, status: 'abandoned' });
  return reaped;
}

/** In a serving instance: reaps dead runs every REAP_EVERY_MS. Returns the function that stops it. */
export function startReaper(database: Database, log: { warn(details: object, message: string): void }, everyMs = REAP_EVERY_MS): () => void {
  const timer = setInterval(() => {
    reapAbandonedRuns(database).then(
      (runs) => runs.forEach((run) => log.warn({ run_id: run.id, source: run.source, started_at: run.startedAt }, 'import run abandoned: its process stopped')),
      () => {}, // the database is away: the next round, or the next start, reaps
    );
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
