/**
 * The checks behind /health/ready and /health, and the gauges that Prometheus
 * alerts on (app_ready, app_dependency_up). Each check has a short timeout, so
 * a lost dependency turns into "down" within seconds instead of a hung probe;
 * concurrent callers share one run, so a burst of probes is one round trip.
 */
import { statfs } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { pendingMigrations, ping, type Database } from '../db/client.js';
import type { Store } from '../store/store.js';
import type { ImportState } from './import-state.js';
import { metrics } from './metrics.js';
import type { DiskUse, SourceFreshness } from './performance-sample.js';

export interface CheckResult {
  status: 'up' | 'down';
  latency_ms: number;
  error?: string;
}

export interface Readiness {
  ready: boolean;
  /** The components that failed, by name: database, redis, migrations. */
  failing: string[];
  checks: Record<string, CheckResult>;
}

export type HealthStatus = 'healthy' | 'degraded' | 'unhealthy';

export interface HealthOptions {
  database: Database;
  store: Store;
  importState: ImportState;
  /** Per-check timeout. */
  timeoutMs: number;
  /** A source with no successful import for this long is stale. */
  staleAfterHours: number;
  /** Sources listed even before their first run (and stale until it succeeds): those fetched on schedule. */
  expectedSources: string[];
  /** Folder whose free disk space is reported (the embedded database lives there). */
  dataDir: string | undefined;
  version: string;
}

// Below this share of free space the data folder makes the instance degraded.
const LOW_DISK_RATIO = 0.1;
const FRESHNESS_TTL_MS = 10_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The innermost message: drizzle wraps driver errors in "Failed query: …" with the parameters. */
function rootMessage(error: unknown): string {
  let e = error as { message?: string; cause?: unknown; errors?: unknown[] } | undefined;
  while (e?.cause) e = e.cause as typeof e;
  if (!e?.message && e?.errors?.length) return rootMessage(e.errors[0]);
  return e?.message || String(error);
}

async function timed(work: () => Promise<unknown>, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  try {
    await withTimeout(work(), timeoutMs);
    return { status: 'up', latency_ms: +(performance.now() - started).toFixed(2) };
  } catch (e) {
    return { status: 'down', latency_ms: +(performance.now() - started).toFixed(2), error: rootMessage(e) };
  }
}

export class HealthChecks {
  private running: Promise<Readiness> | null = null;
  private migrationsCurrent = false;
  private freshness: { at: number; sources: SourceFreshness[] } | null = null;

  constructor(private readonly options: HealthOptions) {}

  /** Database and Redis answer and migrations are applied; also refreshes the readiness gauges. */
  readiness(): Promise<Readiness> {
    this.running ??= this.checkReadiness().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async checkReadiness(): Promise<Readiness> {
    const { database, store, timeoutMs } = this.options;
    const checks: Record<string, CheckResult> = {};
    const pending: Promise<void>[] = [
      timed(() => ping(database), timeoutMs).then(async (result) => {
        checks.database = result;
        if (result.status === 'up') checks.migrations = await this.checkMigrations();
      }),
    ];
    if (store.kind === 'redis') pending.push(timed(() => store.ping(), timeoutMs).then((result) => void (checks.redis = result)));
    await Promise.all(pending);

    for (const [component, result] of Object.entries(checks)) {
      if (component === 'migrations') continue;
      metrics.dependencyUp.set({ component }, result.status === 'up' ? 1 : 0);
      metrics.dependencyLatency.set({ component }, result.latency_ms / 1000);
    }
    const failing = Object.entries(checks).filter(([, r]) => r.status === 'down').map(([name]) => name);
    metrics.ready.set(failing.length ? 0 : 1);
    return { ready: failing.length === 0, failing, checks };
  }

  // Migrations only move forward: once current for this code, they stay current.
  private async checkMigrations(): Promise<CheckResult> {
    if (this.migrationsCurrent) return { status: 'up', latency_ms: 0 };
    const started = performance.now();
    const latency = () => +(performance.now() - started).toFixed(2);
    try {
      const pending = await withTimeout(pendingMigrations(this.options.database), this.options.timeoutMs);
      this.migrationsCurrent = pending === 0;
      return pending === 0
        ? { status: 'up', latency_ms: latency() }
        : { status: 'down', latency_ms: latency(), error: `${pending} migration(s) not applied; run \`openpolicy migrate\`` };
    } catch (e) {
      return { status: 'down', latency_ms: latency(), error: rootMessage(e) };
    }
  }

  get staleAfterHours(): number {
    return this.options.staleAfterHours;
  }

  /** Last successful import per source, from import_runs (so imports run by the CLI count too); cached for `maxAgeMs`. */
  async sourceFreshness(maxAgeMs = FRESHNESS_TTL_MS): Promise<SourceFreshness[]> {
    if (this.freshness && Date.now() - this.freshness.at < maxAgeMs) return this.freshness.sources;
    const rows = await withTimeout(
      this.options.database.rows<{ source: string; last_success: string | null }>(sql`
        SELECT source, to_char(max(finished_at) FILTER (WHERE status IN ('succeeded', 'partial')) AT TIME ZONE 'UTC',
          'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_success
        FROM import_runs GROUP BY source ORDER BY source`),
      this.options.timeoutMs,
    );
    const now = Date.now();
    const never = this.options.expectedSources.filter((source) => !rows.some((r) => r.source === source));
    const all = [...rows, ...never.map((source) => ({ source, last_success: null }))].sort((a, b) => a.source.localeCompare(b.source));
    const sources = all.map((r) => {
      const age = r.last_success ? (now - Date.parse(r.last_success)) / 3_600_000 : null;
      return { source: r.source, last_success_at: r.last_success, age_hours: age === null ? null : +age.toFixed(2), stale: age === null || age > this.options.staleAfterHours };
    });
    this.freshness = { at: now, sources };
    for (const s of sources) metrics.importLastSuccess.set({ source: s.source }, s.last_success_at ? Date.parse(s.last_success_at) / 1000 : 0);
    return sources;
  }

  /** The data folder's file system (PGlite lives there; with PostgreSQL, logs and local state). */
  async disk(): Promise<DiskUse | null> {
    if (!this.options.dataDir) return null;
    try {
      const s = await statfs(this.options.dataDir);
      const total = s.blocks * s.bsize;
      const free = s.bavail * s.bsize;
      return { path: this.options.dataDir, free_bytes: free, total_bytes: total, free_ratio: total ? +(free / total).toFixed(4) : 0 };
    } catch {
      return null; // not created yet (PostgreSQL mode before anything was written there)
    }
  }

  /** Everything /health reports: per-component status and latency, pool use, freshness, disk, and a verdict with its reasons. */
  async details() {
    const { database, store, importState } = this.options;
    const [readiness, disk, sources] = await Promise.all([
      this.readiness(),
      this.disk(),
      this.sourceFreshness().catch(() => null),
    ]);
    const reasons: string[] = [];
    const unhealthy = ['database', 'migrations'].filter((c) => readiness.checks[c]?.status === 'down');
    for (const c of unhealthy) reasons.push(`${c}: ${readiness.checks[c]!.error}`);
    if (readiness.checks.redis?.status === 'down') reasons.push(`redis: ${readiness.checks.redis.error}; limits and cache are in-process until it returns`);
    if (importState.phase === 'running') reasons.push('the first import is running');
    if (importState.phase === 'failed') reasons.push(`the last import failed: ${importState.error}`);
    const stale = (sources ?? []).filter((s) => s.stale);
    if (stale.length) reasons.push(`no successful import within ${this.options.staleAfterHours} h: ${stale.map((s) => s.source).join(', ')}`);
    if (disk && disk.free_ratio < LOW_DISK_RATIO) reasons.push(`data folder disk is ${(100 - disk.free_ratio * 100).toFixed(1)}% full`);
    const status: HealthStatus = unhealthy.length ? 'unhealthy' : reasons.length ? 'degraded' : 'healthy';
    const pool = database.pool();
    return {
      status,
      reason: reasons.length ? reasons.join('; ') : null,
      components: {
        database: { kind: database.kind, ...readiness.checks.database!, pool: { in_use: Math.min(pool.active, pool.max), waiting: Math.max(0, pool.active - pool.max), max: pool.max } },
        migrations: readiness.checks.migrations ?? null,
        cache: store.kind === 'redis' ? { kind: 'redis', ...readiness.checks.redis! } : { kind: 'memory', status: 'up' as const },
        importers: sources,
        disk,
      },
      import: importState,
      version: this.options.version,
      uptime_seconds: Math.round(process.uptime()),
    };
  }
}
