/**
 * One second of /admin/performance/stream, as the site's live performance page
 * (web/src/pages/admin/Performance.tsx) reads it: that page imports these
 * types, so this module imports nothing.
 */

export interface SourceFreshness {
  source: string;
  last_success_at: string | null;
  age_hours: number | null;
  stale: boolean;
}

/** The data folder's file system. */
export interface DiskUse {
  path: string;
  free_bytes: number;
  total_bytes: number;
  free_ratio: number;
}

export interface PerformanceSample {
  /** Milliseconds since the epoch. */
  t: number;
  requests_per_second: number;
  in_flight: number;
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
  /** Share of responses that were 5xx (and 4xx), over the window. */
  error_ratio: number | null;
  client_error_ratio: number | null;
  pool: { in_use: number; waiting: number; max: number };
  cache_hit_ratio: number | null;
  event_loop_p99_ms: number;
  freshness: SourceFreshness[] | null;
  /** PostgreSQL as a whole, as this instance sees it (null on failure or without access). */
  database: { connections: number; max_connections: number; cache_hit_ratio: number | null; size_bytes: number } | null;
  /** Redis's memory and maxmemory; null without Redis. */
  redis: { used_bytes: number; max_bytes: number } | null;
  disk: DiskUse | null;
}
