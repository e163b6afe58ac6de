/**
 * Per-request metrics and the one log line per request. One onRequest hook
 * does the bookkeeping at the start; the counting and the log line happen when
 * the response has closed, after the client has its bytes. Health probes,
 * scrapes and the live stream (routes with `config.operational`) are left out,
 * so they neither flood the logs nor skew latency and error ratios. Cached
 * reads answered before Fastify (src/api/cached-reads.ts) report through
 * `recordRequest` too.
 */
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/permissions.js';
import { loggableUrl } from './logging.js';
import { metrics } from './metrics.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Health checks, metrics and the live performance stream: no request metrics, no request log line. */
    operational?: boolean;
  }
}

/** Label for requests that matched no route (404s), so stray URLs cannot multiply the series. */
export const UNMATCHED = 'unmatched';
/** nginx's code for a client that went away before the response was complete. */
const CLIENT_CLOSED = 499;

export interface ObserveOptions {
  /** Write the per-request log line (off when the logger is off or above info). */
  log: boolean;
}

type Series = { requests: ReturnType<typeof metrics.httpRequests.labels>; duration: ReturnType<typeof metrics.httpDuration.labels> };
// prom-client hashes a label set on every call; the series of a method, route and status are looked up once.
// Bounded: routes are patterns (or UNMATCHED), and Node's parser accepts only known methods.
const seriesCache = new Map<string, Series>();
function series(method: string, route: string, status: number): Series {
  const key = `${method} ${status} ${route}`;
  let found = seriesCache.get(key);
  if (!found) {
    found = { requests: metrics.httpRequests.labels(method, route, String(status)), duration: metrics.httpDuration.labels(method, route) };
    seriesCache.set(key, found);
  }
  return found;
}

/** One answered request, as the metrics and the log line show it. */
export interface RequestRecord {
  method: string;
  url: string;
  /** The route pattern, or UNMATCHED. */
  route: string;
  status: number;
  seconds: number;
  ip: string | undefined;
  principal?: Principal | undefined;
  cache?: string | undefined;
  /** When the logger given is not the request's own child logger, which carries it already. */
  requestId?: string;
}

/** Counts an answered request (it was counted in flight when it started) and writes its log line when `log` is given. */
export function recordRequest(log: FastifyBaseLogger | null, r: RequestRecord): void {
  metrics.httpInFlight.dec();
  const { requests, duration } = series(r.method, r.route, r.status);
  requests.inc();
  duration.observe(r.seconds);
  if (!log) return;
  log.info({
    ...(r.requestId ? { request_id: r.requestId } : {}),
    method: r.method,
    url: loggableUrl(r.url),
    route: r.route,
    status: r.status,
    duration_ms: Math.round(r.seconds * 1e5) / 100,
    ip: r.ip,
    ...(r.principal?.kind === 'user' ? { user_id: r.principal.user.id, via: r.principal.via } : {}),
    ...(r.cache ? { cache: r.cache } : {}),
  }, 'request');
}

function finish(request: FastifyRequest, reply: FastifyReply, route: string, log: boolean): void {
  recordRequest(log ? request.log : null, {
    method: request.method,
    url: request.url,
    route,
    status: reply.raw.writableEnded ? reply.statusCode : CLIENT_CLOSED,
    seconds: reply.elapsedTime / 1000,
    ip: request.ip,
    principal: request.principal,
    cache: reply.hasHeader('x-cache') ? String(reply.getHeader('x-cache')) : undefined,
  });
}

export function observeRequests(app: FastifyInstance, options: ObserveOptions): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    // routeOptions is built afresh on each read: read it once.
    const { config, url } = request.routeOptions;
    if (config?.operational) return done();
    metrics.httpInFlight.inc();
    // 'close' comes once for every response, finished or aborted, where onResponse misses aborted ones.
    reply.raw.on('close', () => finish(request, reply, url ?? UNMATCHED, options.log));
    done();
  });
}
