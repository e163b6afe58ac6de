/**
 * The durable job queue: rows of `jobs` in the platform's own database, so it
 * works alike on PostgreSQL and on the embedded PGlite, and a job enqueued in
 * the transaction of what caused it is never lost. A worker claims due jobs
 * with FOR UPDATE SKIP LOCKED under a lease: two workers never hold one job,
 * and a worker killed mid-job leaves it to be claimed again once the lease
 * ends. A job's key is unique (event + subscriber + channel), so enqueueing the
 * same delivery twice keeps one.
 */
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client.js';
import { jobs } from '../db/schema.js';

export type JobKind = 'fanout' | 'email' | 'digest' | 'webhook';

export interface NewJob {
  kind: JobKind;
  key: string;
  payload?: Record<string, unknown>;
  userId?: string | null;
  webhookId?: string | null;
  runAt?: Date;
  maxAttempts?: number;
}

export interface Job {
  id: number;
  kind: JobKind;
  key: string;
  payload: Record<string, unknown>;
  userId: string | null;
  webhookId: string | null;
  attempts: number;
  maxAttempts: number;
  createdAt: Date;
}

// PostgreSQL allows 65535 bind parameters per statement; a job takes 7.
const INSERT_CHUNK = 5000;

/** Enqueues the jobs whose key is new; returns how many were. */
export async function enqueue(db: Db, rows: NewJob[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK).map((r) => ({
      kind: r.kind, key: r.key, payload: r.payload ?? {}, userId: r.userId ?? null, webhookId: r.webhookId ?? null,
      ...(r.runAt ? { runAt: r.runAt } : {}), ...(r.maxAttempts ? { maxAttempts: r.maxAttempts } : {}),
    }));
    const written = await db.insert(jobs).values(chunk).onConflictDoNothing({ target: jobs.key }).returning({ id: jobs.id });
    inserted += written.length;
  }
  return inserted;
}

/**
 * Claims up to `limit` due jobs for `leaseSeconds`: queued ones whose time has
 * come, and running ones whose worker's lease ran out (it died or hung).
 */
export async function claim(database: Database, limit: number, leaseSeconds: number): Promise<Job[]> {
  const rows = await database.rows<{
    id: string | number; kind: JobKind; key: string; payload: Record<string, unknown>; user_id: string | null;
    webhook_id: string | null; attempts: number; max_attempts: number; created_at: string | Date;
  }>(sql`
    UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_until = now() + make_interval(secs => ${leaseSeconds})
    WHERE id IN (
      SELECT id FROM jobs
      WHERE status IN ('queued', 'running') AND run_at <= now() AND (status = 'queued' OR locked_until < now())
      ORDER BY run_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, key, payload, user_id, webhook_id, attempts, max_attempts, created_at`);
  return rows.map((r) => ({
    id: Number(r.id), kind: r.kind, key: r.key, payload: r.payload, userId: r.user_id, webhookId: r.webhook_id,
    attempts: r.attempts, maxAttempts: r.max_attempts, createdAt: new Date(r.created_at),
  }));
}

/** What one attempt of a webhook delivery saw, kept on the job for the delivery log. */
export interface AttemptOutcome {
  status?: number | null;
  latencyMs?: number | null;
}

export async function complete(db: Db, job: Job, outcome: AttemptOutcome = {}): Promise<void> {
  await db.execute(sql`
    UPDATE jobs SET status = 'done', finished_at = now(), locked_until = NULL, last_error = NULL,
      last_status = ${outcome.status ?? null}, last_latency_ms = ${outcome.latencyMs ?? null}
    WHERE id = ${job.id}`);
}

/** Marks jobs done in one statement (jobs whose attempts have no outcome to keep, such as mails). */
export async function completeAll(db: Db, jobIds: number[]): Promise<void> {
  if (jobIds.length === 0) return;
  await db.execute(sql`
    UPDATE jobs SET status = 'done', finished_at = now(), locked_until = NULL, last_error = NULL, last_status = NULL, last_latency_ms = NULL
    WHERE id IN (SELECT jsonb_array_elements_text(${JSON.stringify(jobIds)}::jsonb)::bigint)`);
}

/**
 * After a failed attempt: again at `retryInMs`, or failed for good when the
 * attempts are spent. Returns whether the job will be tried again.
 */
export async function retryOrFail(db: Db, job: Job, error: string, retryInMs: number | null, outcome: AttemptOutcome = {}): Promise<boolean> {
  const again = retryInMs !== null && job.attempts < job.maxAttempts;
  await db.execute(sql`
    UPDATE jobs SET status = ${again ? 'queued' : 'failed'}, locked_until = NULL, last_error = ${error.slice(0, 500)},
      run_at = CASE WHEN ${again} THEN now() + make_interval(secs => ${(retryInMs ?? 0) / 1000}) ELSE run_at END,
      finished_at = CASE WHEN ${again} THEN NULL ELSE now() END,
      last_status = ${outcome.status ?? null}, last_latency_ms = ${outcome.latencyMs ?? null}
    WHERE id = ${job.id}`);
  return again;
}

/** Exponential backoff: `baseMs` after the first failure, doubling, never more than `capMs` at once. */
export function backoffMs(attempt: number, baseMs: number, capMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), capMs);
}
