/**
 * The numbers behind /admin/performance: once a second, while someone watches,
 * the change of this process's metrics since the previous second. Latency
 * percentiles and ratios use the last few seconds so they stay readable at low
 * traffic; they are estimated from the histogram buckets the way Prometheus's
 * histogram_quantile does, so the page and Grafana agree.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Database } from '../db/client.js';
import type { Store } from '../store/store.js';
import { databaseUse, type DatabaseUse } from './datastores.js';
import type { HealthChecks } from './health.js';
import type { PerformanceSample } from './performance-sample.js';
import { LATENCY_BUCKETS, metrics } from './metrics.js';

interface Totals {
  requests: number;
  serverErrors: number;
  clientErrors: number;
  /** Cumulative count per bucket upper bound, +Inf last. */
  buckets: number[];
  hits: number;
  misses: number;
}

/** Seconds over which percentiles and ratios are computed. */
export const WINDOW_SECONDS = 5;
const HISTORY = 120;
const BOUNDS = [...LATENCY_BUCKETS, Infinity];

async function totals(): Promise<Totals> {
  const [requests, duration, cache] = await Promise.all([metrics.httpRequests.get(), metrics.httpDuration.get(), metrics.cacheRequests.get()]);
  const t: Totals = { requests: 0, serverErrors: 0, clientErrors: 0, buckets: BOUNDS.map(() => 0), hits: 0, misses: 0 };
  for (const v of requests.values) {
    t.requests += v.value;
    const status = Number(v.labels.status);
    if (status >= 500) t.serverErrors += v.value;
    else if (status >= 400) t.clientErrors += v.value;
  }
  for (const v of duration.values) {
    if (v.metricName !== 'http_request_duration_seconds_bucket') continue;
    const { le: bound } = v.labels as { le?: string | number };
    const le = bound === '+Inf' ? Infinity : Number(bound);
    const i = BOUNDS.indexOf(le);
    if (i >= 0) t.buckets[i]! += v.value;
  }
  for (const v of cache.values) {
    if (v.labels.result === 'hit') t.hits += v.value;
    else t.misses += v.value;
  }
  return t;
}

/** histogram_quantile over cumulative bucket counts: linear within the bucket holding the rank. */
export function quantile(q: number, cumulative: number[], bounds: number[] = BOUNDS): number | null {
  const total = cumulative.at(-1) ?? 0;
  if (total === 0) return null;
  const rank = q * total;
  const i = cumulative.findIndex((c) => c >= rank);
  const upper = bounds[i]!;
  const lower = i === 0 ? 0 : bounds[i - 1]!;
  if (upper === Infinity) return lower;
  const below = i === 0 ? 0 : cumulative[i - 1]!;
  const inBucket = cumulative[i]! - below;
  return lower + (upper - lower) * (inBucket ? (rank - below) / inBucket : 1);
}

const ms = (seconds: number | null) => (seconds === null ? null : +(seconds * 1000).toFixed(2));
const ratio = (part: number, whole: number) => (whole > 0 ? +(part / whole).toFixed(4) : null);

export class PerformanceSampler {
  readonly history: PerformanceSample[] = [];
  private readonly listeners = new Set<(sample: PerformanceSample) => void>();
  private readonly previous: Totals[] = [];
  private readonly previousDatabase: DatabaseUse[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly loop = monitorEventLoopDelay({ resolution: 10 });

  constructor(private readonly database: Database, private readonly health: HealthChecks, private readonly store: Store) {}

  /** Starts sampling with the first subscriber and stops with the last; returns the unsubscribe function. */
  subscribe(listener: (sample: PerformanceSample) => void): () => void {
    this.listeners.add(listener);
    if (!this.timer) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  private start(): void {
    this.loop.enable();
    void totals().then((t) => this.previous.push(t));
    this.timer = setInterval(() => void this.tick(), 1000);
    this.timer.unref();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.loop.disable();
    this.previous.length = 0;
    this.previousDatabase.length = 0;
  }

  private async tick(): Promise<void> {
    const now = await totals();
    const last = this.previous.at(-1);
    const oldest = this.previous[0];
    this.previous.push(now);
    if (this.previous.length > WINDOW_SECONDS + 1) this.previous.shift();
    const [db, redis, disk] = await Promise.all([databaseUse(this.database), this.store.memory().catch(() => null), this.health.disk()]);
    if (db) this.previousDatabase.push(db);
    if (this.previousDatabase.length > WINDOW_SECONDS + 1) this.previousDatabase.shift();
    const oldestDb = this.previousDatabase[0];
    if (!last || !oldest) return;
    const window = now.buckets.map((c, i) => c - oldest.buckets[i]!);
    const requests = now.requests - oldest.requests;
    const pool = this.database.pool();
    const sample: PerformanceSample = {
      t: Date.now(),
      requests_per_second: now.requests - last.requests,
      in_flight: (await metrics.httpInFlight.get()).values[0]?.value ?? 0,
      p50_ms: ms(quantile(0.5, window)),
      p95_ms: ms(quantile(0.95, window)),
      p99_ms: ms(quantile(0.99, window)),
      error_ratio: ratio(now.serverErrors - oldest.serverErrors, requests),
      client_error_ratio: ratio(now.clientErrors - oldest.clientErrors, requests),
      pool: { in_use: Math.min(pool.active, pool.max), waiting: Math.max(0, pool.active - pool.max), max: pool.max },
      cache_hit_ratio: ratio(now.hits - oldest.hits, now.hits - oldest.hits + now.misses - oldest.misses),
      event_loop_p99_ms: +(this.loop.percentile(99) / 1e6).toFixed(2),
      freshness: await this.health.sourceFreshness().catch(() => null),
      database: db && {
        connections: db.connections,
        max_connections: db.max_connections,
        cache_hit_ratio: oldestDb ? ratio(db.blocks_hit - oldestDb.blocks_hit, db.blocks_hit - oldestDb.blocks_hit + db.blocks_read - oldestDb.blocks_read) : null,
        size_bytes: db.size_bytes,
      },
      redis: redis && { used_bytes: redis.usedBytes, max_bytes: redis.maxBytes },
      disk,
    };
    this.loop.reset();
    this.history.push(sample);
    if (this.history.length > HISTORY) this.history.shift();
    for (const listener of this.listeners) listener(sample);
  }
}
