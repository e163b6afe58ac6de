/**
 * The process's Prometheus metrics. One registry per process, because that is
 * what Prometheus scrapes: the HTTP layer, the database client, the cache, the
 * security layer and the import runner each record into the metrics named here,
 * and the rules in deploy/prometheus and the Grafana dashboard query these names
 * (test/ops/metrics.test.ts checks that every name they use is emitted).
 *
 * Values that live elsewhere (pool use, readiness, last import success) are read
 * when scraped, by the hooks apps register with `onScrape`.
 *
 * With `serve --workers N` each worker records its own requests; a scrape
 * answered by any worker returns the sum over all of them, gathered by the
 * cluster primary (`serveClusterMetrics`), so Prometheus sees one instance.
 */
import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const registry = new Registry();

// Process CPU, memory, GC, handles and event-loop lag (nodejs_eventloop_lag_p99_seconds and friends).
collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });

/** Fine below 10 ms, where the API answers most requests, so a p99 there can be read. */
export const LATENCY_BUCKETS = [0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const registers = [registry];

type ScrapeHook = () => Promise<void>;
const scrapeHooks = new Set<ScrapeHook>();
let refreshing: Promise<void> | null = null;

/**
 * The collect() of every gauge read from elsewhere: runs the scrape hooks once per
 * scrape (the registry collects all metrics concurrently, so they share this run).
 */
function refresh(): Promise<void> {
  refreshing ??= Promise.all([...scrapeHooks].map((hook) => hook())).then(
    () => {
      refreshing = null;
    },
    () => {
      refreshing = null;
    },
  );
  return refreshing;
}

/** Runs `hook` before each scrape to refresh gauges read from elsewhere; returns the function that removes it. */
export function onScrape(hook: ScrapeHook): () => void {
  scrapeHooks.add(hook);
  return () => scrapeHooks.delete(hook);
}

export const metrics = {
  httpRequests: new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  }),
  httpDuration: new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to sending the last byte of its response.',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  }),
  httpInFlight: new Gauge({ name: 'http_requests_in_flight', help: 'Requests received and not yet answered.', registers }),

  dbQueryDuration: new Histogram({
    name: 'db_query_duration_seconds',
    help: 'Database round trips: single queries, and transactions as a whole.',
    labelNames: ['kind', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  }),
  dbPoolInUse: new Gauge({ name: 'db_pool_connections_in_use', help: 'Pool connections running a query or a transaction.', registers, collect: refresh }),
  dbPoolMax: new Gauge({ name: 'db_pool_connections_max', help: 'Size of the connection pool (1 for the embedded PGlite).', registers, collect: refresh }),
  dbPoolWaiting: new Gauge({ name: 'db_pool_queries_waiting', help: 'Queries waiting for a free pool connection.', registers, collect: refresh }),

  cacheRequests: new Counter({
    name: 'cache_requests_total',
    help: 'Lookups in the response cache of anonymous public reads, by result (hit or miss).',
    labelNames: ['result'] as const,
    registers,
  }),
  rateLimited: new Counter({
    name: 'rate_limit_rejections_total',
    help: 'Requests refused with 429 for exceeding a rate-limit quota, by tier.',
    labelNames: ['tier'] as const,
    registers,
  }),
  authFailures: new Counter({
    name: 'auth_failures_total',
    help: 'Refused credentials (bad password, token, API key or refresh token), by reason.',
    labelNames: ['reason'] as const,
    registers,
  }),
  authLockouts: new Counter({ name: 'auth_lockouts_total', help: 'Accounts locked after repeated failed logins.', registers }),

  importRuns: new Counter({
    name: 'import_runs_total',
    help: 'Finished import runs, by source and status (succeeded, partial, failed, or abandoned: its process died).',
    labelNames: ['source', 'status'] as const,
    registers,
  }),
  importRecords: new Counter({
    name: 'import_records_total',
    help: 'Records seen by import runs, by source and outcome (inserted, updated, unchanged, rejected).',
    labelNames: ['source', 'outcome'] as const,
    registers,
  }),
  fetchRequests: new Counter({
    name: 'fetch_requests_total',
    help: "Requests of the live fetchers to the publishers, by host and outcome (modified, not_modified, missing, retried, failed).",
    labelNames: ['host', 'outcome'] as const,
    registers,
  }),
  importLastSuccess: new Gauge({
    name: 'import_last_success_timestamp_seconds',
    help: 'When the last successful (or partial) import of each source finished, from import_runs; 0 if never.',
    labelNames: ['source'] as const,
    registers,
    collect: refresh,
    aggregator: 'max',
  }),

  ready: new Gauge({
    name: 'app_ready',
    help: '1 when the instance is ready for traffic (database, Redis and migrations), else 0.',
    registers,
    collect: refresh,
    aggregator: 'min',
  }),
  dependencyUp: new Gauge({
    name: 'app_dependency_up',
    help: '1 when a dependency answered its health check within the timeout, else 0.',
    labelNames: ['component'] as const,
    registers,
    collect: refresh,
    aggregator: 'min',
  }),
  dependencyLatency: new Gauge({
    name: 'app_dependency_check_seconds',
    help: 'Duration of the last health check of each dependency.',
    labelNames: ['component'] as const,
    registers,
    collect: refresh,
    aggregator: 'max',
  }),
  info: new Gauge({ name: 'app_info', help: 'Always 1; the labels say which version runs.', labelNames: ['version'] as const, registers, aggregator: 'max' }),
};

// Known label values start at zero, so rate() sees the first event and panels are never empty.
for (const result of ['hit', 'miss']) metrics.cacheRequests.inc({ result }, 0);
for (const kind of ['query', 'transaction']) for (const outcome of ['ok', 'error']) metrics.dbQueryDuration.zero({ kind, outcome });

/** The Prometheus text exposition of this process, or of every worker when it is one of a cluster. */
export async function scrape(): Promise<string> {
  return cluster.isWorker ? askPrimary() : registry.metrics();
}

export const CONTENT_TYPE = registry.contentType;

export interface ImportOutcome {
  source: string;
  status: string;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** Called by the import runner when a run finishes (the last-success gauge is also refreshed from import_runs at scrape). */
export function recordImportRun(run: ImportOutcome): void {
  metrics.importRuns.inc({ source: run.source, status: run.status });
  if (run.status === 'succeeded' || run.status === 'partial') metrics.importLastSuccess.set({ source: run.source }, Date.now() / 1000);
  for (const outcome of ['inserted', 'updated', 'unchanged', 'rejected'] as const) {
    metrics.importRecords.inc({ source: run.source, outcome }, run[outcome]);
  }
}

/** Called by the live fetchers' HTTP client for every answer (or failure) of a publisher's server. */
export function recordFetchRequest(host: string, outcome: 'modified' | 'not_modified' | 'missing' | 'retried' | 'failed'): void {
  metrics.fetchRequests.inc({ host, outcome });
}

// ── cluster: a worker's scrape is answered with the sum over all workers ──────
const SCRAPE_REQUEST = 'openpolicy:metrics-request';
const SCRAPE_RESPONSE = 'openpolicy:metrics-response';
const CLUSTER_TIMEOUT_MS = 5000;

interface ScrapeMessage {
  type: string;
  id: string;
  text?: string;
  error?: string;
}

if (cluster.isWorker) {
  // prom-client answers the primary's aggregation requests with these registries; constructing an
  // AggregatorRegistry is what installs that listener in a worker.
  AggregatorRegistry.setRegistries([registry]);
  new AggregatorRegistry();
}

function askPrimary(): Promise<string> {
  const id = randomUUID();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`the cluster primary did not answer within ${CLUSTER_TIMEOUT_MS} ms`)), CLUSTER_TIMEOUT_MS);
    const onMessage = (message: ScrapeMessage) => {
      if (message?.type !== SCRAPE_RESPONSE || message.id !== id) return;
      finish(message.error ? new Error(message.error) : null, message.text);
    };
    function finish(error: Error | null, text = '') {
      clearTimeout(timer);
      process.off('message', onMessage);
      if (error) reject(error);
      else resolve(text);
    }
    process.on('message', onMessage);
    process.send!({ type: SCRAPE_REQUEST, id });
  });
}

/** In the cluster primary: answer each worker's scrape with every worker's metrics, aggregated. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: ScrapeMessage) => {
    if (message?.type !== SCRAPE_REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: SCRAPE_RESPONSE, id: message.id, text }),
      (error: Error) => worker.send({ type: SCRAPE_RESPONSE, id: message.id, error: error.message }),
    );
  });
}
