/**
 * Per-request metrics and the one log line per request. One onRequest hook
 * does the bookkeeping at the start; the counting and the log line happen when
 * the response has closed, after the client has its bytes. Health probes,
 * scrapes and the live stream (routes with `config.operational`) are left out,
 * so they neither flood the logs nor skew latency and error ratios.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loggableUrl } from './logging.js';
import { metrics } from './metrics.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Health checks, metrics and the live performance stream: no request metrics, no request log line. */
    operational?: boolean;
  }
}

/** Label for requests that matched no route (404s), so stray URLs cannot multiply the series. */
const UNMATCHED = 'unmatched';
/** nginx's code for a client that went away before the response was complete. */
const CLIENT_CLOSED = 499;

export interface ObserveOptions {
  /** Write the per-request log line (off when the logger is off or above info). */
  log: boolean;
}

function finish(request: FastifyRequest, reply: FastifyReply, route: string, log: boolean): void {
  metrics.httpInFlight.dec();
  const status = reply.raw.writableEnded ? reply.statusCode : CLIENT_CLOSED;
  const seconds = reply.elapsedTime / 1000;
  metrics.httpRequests.inc({ method: request.method, route, status });
  metrics.httpDuration.observe({ method: request.method, route }, seconds);
  if (!log) return;
  const principal = request.principal;
  request.log.info({
    method: request.method,
    url: loggableUrl(request.url),
    route,
    status,
    duration_ms: Math.round(seconds * 1e5) / 100,
    ip: request.ip,
    ...(principal?.kind === 'user' ? { user_id: principal.user.id, via: principal.via } : {}),
    ...(reply.hasHeader('x-cache') ? { cache: reply.getHeader('x-cache') } : {}),
  }, 'request');
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
