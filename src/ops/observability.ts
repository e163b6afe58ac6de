/**
 * Wires health checks, metrics and logging into an app: the request observer,
 * query timing and the slow-query log, the gauges read at scrape time, and who
 * may see the details (`canSeeDetails`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { allows, ANONYMOUS_PRINCIPAL } from '../auth/permissions.js';
import { HealthChecks } from './health.js';
import { metrics, onScrape } from './metrics.js';
import { networkMatcher, type AddressMatcher } from './networks.js';
import { observeRequests } from './request-observer.js';
import { VERSION } from './version.js';

export interface OpsOptions {
  /** Bearer token GET /metrics requires; open when absent. */
  metricsToken?: string | undefined;
  /** Networks that see the details of /health without logging in (loopback when absent). */
  internalNetworks?: string[];
  /** Queries and transactions slower than this are logged (ms). */
  slowQueryMs?: number;
  /** A source with no successful import for this long makes /health degraded. */
  staleAfterHours?: number;
  /** Sources /health lists (stale) before their first run: the ones fetched on schedule. */
  expectedSources?: string[];
  /** Timeout of each readiness check (ms). */
  checkTimeoutMs?: number;
  /** Folder whose free disk space /health reports. */
  dataDir?: string | undefined;
  /** Request and query metrics, log lines per request and slow query, X-Request-Id; off only to measure their cost (bench/instrumentation.ts). */
  instrument?: boolean;
}

export interface Ops {
  health: HealthChecks;
  metricsToken: string | undefined;
  /** Whether the socket peer is a trusted gateway (whose X-Forwarded-For and X-Request-Id are believed). */
  trustedPeer: AddressMatcher;
  internal: AddressMatcher;
  /** Whether each request gets a log line (the logger is on, at info or finer, and instrumentation is on). */
  logRequests: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    ops: Ops;
  }
}

export const DEFAULT_SLOW_QUERY_MS = 200;
export const DEFAULT_STALE_AFTER_HOURS = 48;
const DEFAULT_CHECK_TIMEOUT_MS = 2000;

/** Called first in buildApp, so its hook sees every request, including those the security layer refuses. */
export function installObservability(app: FastifyInstance, options: OpsOptions, trustedPeer: AddressMatcher): void {
  const health = new HealthChecks({
    database: app.database,
    store: app.store,
    importState: app.importState,
    timeoutMs: options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS,
    staleAfterHours: options.staleAfterHours ?? DEFAULT_STALE_AFTER_HOURS,
    expectedSources: options.expectedSources ?? [],
    dataDir: options.dataDir,
    version: VERSION,
  });
  app.decorate('ops', {
    health,
    metricsToken: options.metricsToken,
    trustedPeer,
    internal: networkMatcher(options.internalNetworks ?? ['loopback']),
    // A disabled logger has no level: no line to build.
    logRequests: options.instrument !== false && ['trace', 'debug', 'info'].includes(app.log.level),
  });

  metrics.info.set({ version: VERSION }, 1);
  const stopScraping = onScrape(async () => {
    const pool = app.database.pool();
    metrics.dbPoolInUse.set(Math.min(pool.active, pool.max));
    metrics.dbPoolWaiting.set(Math.max(0, pool.active - pool.max));
    metrics.dbPoolMax.set(pool.max);
    await Promise.all([health.readiness(), health.sourceFreshness().catch(() => {})]);
  });
  app.addHook('onClose', async () => stopScraping());
  if (options.instrument === false) return;

  observeRequests(app, { log: app.ops.logRequests });
  const slowSeconds = (options.slowQueryMs ?? DEFAULT_SLOW_QUERY_MS) / 1000;
  const stopListening = app.database.onQuery((event) => {
    metrics.dbQueryDuration.observe({ kind: event.kind, outcome: event.ok ? 'ok' : 'error' }, event.seconds);
    if (event.seconds >= slowSeconds) {
      app.log.warn({ kind: event.kind, duration_ms: Math.round(event.seconds * 1000), ok: event.ok, query: event.text?.slice(0, 1000) }, 'slow query');
    }
  });
  app.addHook('onClose', async () => stopListening());
}

/**
 * Whether this request may see operational details: an admin (permission
 * ops:read), or a caller on an internal network reaching the API directly or
 * through a trusted gateway (a request relayed by an untrusted proxy is not).
 */
export function canSeeDetails(request: FastifyRequest): boolean {
  if (allows(request.principal ?? ANONYMOUS_PRINCIPAL, 'ops:read')) return true;
  const { ops } = request.server;
  const relayed = request.headers['x-forwarded-for'] !== undefined && !ops.trustedPeer(request.socket.remoteAddress);
  return !relayed && ops.internal(request.ip);
}
