/**
 * Cached anonymous reads answered at the socket, before Fastify. A hit needs
 * none of Fastify's work (routing, request objects, a child logger, hooks):
 * it is counted against its client's cached-read quota (not the anonymous
 * tier, which counts what reaches the database), gets the same security, CORS,
 * RateLimit and request-id headers as any other response, is recorded in the
 * same metrics and log line, and is written with headers prepared when the
 * entry was filled (src/api/response-cache.ts). Everything else, and any hit
 * that cannot be answered cleanly (over its quota, a store failure), goes to
 * Fastify, which answers it the usual way.
 *
 * It skips authentication and the permission check: an entry exists because
 * the same URL, asked anonymously, passed every check and answered 200, and
 * only requests without credentials are looked up.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import proxyAddr from '@fastify/proxy-addr';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { normalizeTarget } from '../auth/request-target.js';
import type { LimitResult } from '../auth/rate-limit.js';
import { metrics } from '../ops/metrics.js';
import { recordRequest } from '../ops/request-observer.js';
import type { CachedResponse } from './response-cache.js';
import { ifNoneMatch } from './conditional.js';

export interface CachedReadsOptions {
  /** The same generator Fastify is given (genReqId). */
  requestId: (request: IncomingMessage) => string;
  /** The same peers Fastify's trustProxy believes. */
  trustedProxies: string[];
}

/** A request listener that answers cache hits and hands the rest to `fastify` (Fastify's own handler). */
export function answerCachedReads(appOf: () => FastifyInstance, fastify: RequestListener, options: CachedReadsOptions): RequestListener {
  const trust = options.trustedProxies.length ? proxyAddr.compile(options.trustedProxies) : null;
  const clientIp = (request: IncomingMessage) => (trust ? proxyAddr(request, trust) : request.socket.remoteAddress) ?? '';
  const hits = metrics.cacheRequests.labels('hit');

  function answer(app: FastifyInstance, request: IncomingMessage, response: ServerResponse, entry: CachedResponse, started: number, ip: string, quota: Record<string, string>) {
    const id = options.requestId(request);
    const notModified = ifNoneMatch(request.headers['if-none-match'], entry.etag);
    const variant = notModified ? undefined : entry.variantFor(request.headers['accept-encoding']);
    const headers = variant ? entry.okHeaders(variant) : entry.notModifiedHeaders();
    headers.push('x-request-id', id, ...app.corsPolicy(request.headers.origin).headerList);
    for (const name in quota) headers.push(name, quota[name]!);
    response.writeHead(notModified ? 304 : 200, headers);
    if (notModified) response.end();
    else {
      response.end(variant!.body);
      // Bytes the socket has not taken yet (a slow reader, or queued behind the last response) are written from the slab later.
      if (response.writableLength > 0) variant!.slab.lent = true;
    }
    hits.inc();
    recordRequest(app.ops.logRequests ? app.log : null, {
      method: 'GET', url: request.url!, route: entry.route, status: notModified ? 304 : 200,
      seconds: (performance.now() - started) / 1000, ip, cache: 'HIT', requestId: id,
    });
  }

  return (request, response) => {
    // Fastify's rewriteUrl does the same; done here too, so the cache, the quota and the log line agree with the router.
    request.url = normalizeTarget(request.url!);
    const app = appOf();
    const entry = app.responseCache.lookup(request);
    if (!entry) return fastify(request, response);
    const started = performance.now();
    metrics.httpInFlight.inc();
    const ip = clientIp(request);
    const handOver = () => {
      metrics.httpInFlight.dec();
      fastify(request, response);
    };
    // Fastify refuses one over its quota, with the full problem document and this count.
    const settle = (limit: LimitResult) => {
      // While the store was asked, the entry may have left the cache and its bytes with it: Fastify answers, as a miss.
      if (!limit.limited && !entry.released) return answer(app, request, response, entry, started, ip, limit.headers);
      if (limit.limited) app.rateLimiter.refuseCachedRead(request, limit);
      handOver();
    };
    const counted = { method: 'GET', url: request.url!, ip };
    // Usually known at once; when the store must be asked, answered when it has (a store failure: Fastify counts it as a miss).
    const now = app.rateLimiter.countCachedNow(counted);
    if (now === undefined) app.rateLimiter.countCached(counted).then(settle, handOver);
    else settle(now);
  };
}

/** Fastify's serverFactory: the HTTP server Fastify would make (same timeouts), listening through `answerCachedReads`. */
export function cachedReadsServer(appOf: () => FastifyInstance, options: CachedReadsOptions) {
  return (handler: RequestListener, fastifyOptions: FastifyServerOptions): Server => {
    const requestTimeout = fastifyOptions.requestTimeout ?? 0;
    // Node checks these deadlines every connectionsCheckingInterval (30 s by default): once a second, they hold to the second.
    const server = createServer({ requestTimeout, headersTimeout: requestTimeout, connectionsCheckingInterval: 1_000 }, answerCachedReads(appOf, handler, options));
    server.keepAliveTimeout = fastifyOptions.keepAliveTimeout ?? 72_000;
    server.setTimeout(fastifyOptions.connectionTimeout ?? 0);
    if (fastifyOptions.maxRequestsPerSocket) server.maxRequestsPerSocket = fastifyOptions.maxRequestsPerSocket;
    return server;
  };
}
