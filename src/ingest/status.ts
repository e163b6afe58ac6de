/** Per source: the last run, its status and counts, and how fresh the last success is. */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';

export interface SourceStatus {
  source: string;
  last_run_id: number;
  last_status: string;
  last_started_at: string;
  last_finished_at: string | null;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  error: string | null;
  last_success_at: string | null;
  runs: number;
}

export async function sourceStatuses(database: Database): Promise<SourceStatus[]> {
  return database.rows<SourceStatus & Record<string, unknown>>(sql`
    SELECT DISTINCT ON (r.source)
      r.source, r.id::int AS last_run_id, r.status AS last_status,
      to_char(r.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS last_started_at,
      to_char(r.finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS last_finished_at,
      r.inserted, r.updated, r.unchanged, r.rejected, r.error,
      (SELECT to_char(max(s.finished_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') FROM import_runs s
        WHERE s.source = r.source AND s.status IN ('succeeded', 'partial')) AS last_success_at,
      (SELECT count(*)::int FROM import_runs c WHERE c.source = r.source) AS runs
    FROM import_runs r
    ORDER BY r.source, r.started_at DESC, r.id DESC`);
}

export interface PeopleStatus {
  people: number;
  /** People no source gives a term (a seat, a party, a council post): sponsors and speakers known only by name. */
  without_term: number;
  /** Pairs of people who may be one, left for a person to decide (person_candidates). */
  candidates: number;
}

export async function peopleStatus(database: Database): Promise<PeopleStatus> {
  const [row] = await database.rows<PeopleStatus & Record<string, unknown>>(sql`
    SELECT count(*)::int AS people,
      count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = p.id))::int AS without_term,
      (SELECT count(*)::int FROM person_candidates) AS candidates
    FROM people p`);
  return row!;
}

/** Human age of a timestamp: "3m", "2h", "5d". */
export function age(iso: string | null, now = Date.now()): string {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  if (s < 172800) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86400)}d`;
}
