/**
 * In-process cache of anonymous public GET responses (PGlite serves ~0.23x of
 * PostgreSQL, so repeated reads must not reach the database). Entries live as
 * long as the public Cache-Control allows and are dropped everywhere when data
 * changes: imports publish `data-changed` through the shared store (Redis
 * pub/sub across instances).
 *
 * A hit is answered early, right after the security headers and CORS, by
 * counting it against the anonymous quota: the entry exists because the same
 * URL, asked anonymously, passed every check and answered 200, and a request
 * is only looked up here when it carries no credentials.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { ANONYMOUS_PRINCIPAL } from '../auth/permissions.js';
import { metrics } from '../ops/metrics.js';
import type { Store } from '../store/store.js';

export const DATA_CHANGED = 'data-changed';

interface Entry {
  body: Buffer;
  headers: Record<string, string>;
}

export interface ResponseCacheOptions {
  maxBytes?: number;
  ttlMs?: number;
}

const PRIVATE_PREFIXES = ['/api/v1/auth', '/api/v1/keys', '/api/v1/admin', '/api/v1/me'];
/** What a response of the same URL shares with the next: the rest (request id, quota) is per request. */
const KEPT_HEADERS = ['content-type', 'etag', 'cache-control'];

/** Anonymous GETs of public data: shareable, so cached here and allowed to read from a lagging replica. */
export function cacheable(request: FastifyRequest): boolean {
  if (request.method !== 'GET' || !request.url.startsWith('/api/v1/')) return false;
  if (request.headers.authorization || request.headers['x-api-key'] || request.url.includes('apikey=')) return false;
  return !PRIVATE_PREFIXES.some((p) => request.url.startsWith(p));
}

function cacheKey(request: FastifyRequest): string {
  // CSV and JSON of the same URL differ by Accept.
  const csv = (request.headers.accept ?? '').includes('text/csv') ? 'csv' : 'json';
  return `${csv} ${request.url}`;
}

/** Tell every instance that imported data changed. */
export async function announceDataChange(store: Store): Promise<void> {
  await store.publish(DATA_CHANGED, String(Date.now())).catch(() => {});
}

export class ResponseCache {
  private readonly entries: LRUCache<string, Entry>;

  constructor(options: ResponseCacheOptions = {}) {
    this.entries = new LRUCache<string, Entry>({
      maxSize: options.maxBytes ?? 64 * 1024 * 1024,
      sizeCalculation: (e) => e.body.length + 200,
      ttl: options.ttlMs ?? 60_000,
    });
  }

  clear(): void {
    this.entries.clear();
  }

  size(): number {
    return this.entries.size;
  }

  /** Answers cached anonymous reads (an onRequest hook: install it after CORS, before authentication). */
  serveHits(app: FastifyInstance): void {
    app.store.subscribe(DATA_CHANGED, () => this.clear()).catch((e: Error) => app.log.warn({ err: e }, 'cache invalidation channel unavailable'));
    app.addHook('onRequest', async (request, reply) => {
      if (!cacheable(request)) return;
      const entry = this.entries.get(cacheKey(request));
      if (!entry) {
        reply.header('x-cache', 'MISS');
        metrics.cacheRequests.inc({ result: 'miss' });
        return;
      }
      request.principal = ANONYMOUS_PRINCIPAL;
      await app.rateLimiter.enforce(request, reply, ANONYMOUS_PRINCIPAL);
      metrics.cacheRequests.inc({ result: 'hit' });
      // The route's onSend hooks still run: @fastify/etag turns a matching If-None-Match into a 304.
      return reply.headers(entry.headers).header('x-cache', 'HIT').code(200).send(entry.body);
    });
  }

  /** Keeps the 200 responses of misses (an onSend hook: install it after the ETag and Cache-Control are set). */
  fillOnMiss(app: FastifyInstance): void {
    app.addHook('onSend', (request, reply, payload, done) => {
      // Streams (CSV) are not cached.
      if (reply.statusCode === 200 && reply.getHeader('x-cache') === 'MISS' && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
        const headers: Record<string, string> = {};
        for (const name of KEPT_HEADERS) {
          const value = reply.getHeader(name);
          if (value !== undefined) headers[name] = String(value);
        }
        this.entries.set(cacheKey(request), { body: Buffer.isBuffer(payload) ? payload : Buffer.from(payload), headers });
      }
      done(null, payload);
    });
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    responseCache: ResponseCache;
  }
}
