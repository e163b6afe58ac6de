/**
 * In-process cache of anonymous public GET responses (PGlite serves ~0.23x of
 * PostgreSQL, so repeated reads must not reach the database). Entries live as
 * long as the public Cache-Control allows and are dropped everywhere when data
 * changes: imports publish `data-changed` through the shared store (Redis
 * pub/sub across instances).
 *
 * Fastify fills it; hits are answered before Fastify, at the socket
 * (src/api/cached-reads.ts), with headers prepared here when the entry was
 * filled.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { LRUCache } from 'lru-cache';
import { API_HEADERS } from '../auth/security-headers.js';
import { metrics } from '../ops/metrics.js';
import type { Store } from '../store/store.js';

export const DATA_CHANGED = 'data-changed';

export interface CachedResponse {
  body: Buffer;
  etag: string | undefined;
  /** The route pattern that answered it, for the request metrics. */
  route: string;
  /** Flat name/value lists for writeHead (cheaper than an object): a 200's headers, and a 304's. */
  ok: string[];
  notModified: string[];
}

export interface ResponseCacheOptions {
  maxBytes?: number;
  ttlMs?: number;
}

/** The parts of a request (Fastify's or Node's) that decide whether it is shareable. */
interface RequestLike {
  method?: string | undefined;
  url?: string | undefined;
  headers: IncomingHttpHeaders;
}

const PRIVATE_PREFIXES = ['/api/v1/auth', '/api/v1/keys', '/api/v1/admin', '/api/v1/me'];
/** What a response of the same URL shares with the next: the rest (request id, quota, CORS) is per request. */
const KEPT_HEADERS = ['etag', 'cache-control'];
const SECURITY = Object.entries(API_HEADERS).flat();

/** Anonymous GETs of public data: shareable, so cached here and allowed to read from a lagging replica. */
export function cacheable(request: RequestLike): boolean {
  const url = request.url ?? '';
  if (request.method !== 'GET' || !url.startsWith('/api/v1/')) return false;
  if (request.headers.authorization || request.headers['x-api-key'] || url.includes('apikey=')) return false;
  return !PRIVATE_PREFIXES.some((p) => url.startsWith(p));
}

function cacheKey(request: RequestLike): string {
  // CSV and JSON of the same URL differ by Accept.
  const csv = (request.headers.accept ?? '').includes('text/csv') ? 'csv' : 'json';
  return `${csv} ${request.url}`;
}

/** Tell every instance that imported data changed. */
export async function announceDataChange(store: Store): Promise<void> {
  await store.publish(DATA_CHANGED, String(Date.now())).catch(() => {});
}

export class ResponseCache {
  private readonly entries: LRUCache<string, CachedResponse>;

  constructor(options: ResponseCacheOptions = {}) {
    this.entries = new LRUCache<string, CachedResponse>({
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

  /** The cached response for a shareable request, if any. */
  lookup(request: RequestLike): CachedResponse | undefined {
    return cacheable(request) ? this.entries.get(cacheKey(request)) : undefined;
  }

  /** Empties the cache whenever any instance announces a data change. */
  clearOnDataChange(app: FastifyInstance): void {
    app.store.subscribe(DATA_CHANGED, () => this.clear()).catch((e: Error) => app.log.warn({ err: e }, 'cache invalidation channel unavailable'));
  }

  /** Marks the shareable requests that reach Fastify as misses, whose 200s `fillOnMiss` keeps. */
  markMisses(app: FastifyInstance): void {
    const misses = metrics.cacheRequests.labels('miss');
    app.addHook('onRequest', (request, reply, done) => {
      if (cacheable(request)) {
        reply.header('x-cache', 'MISS');
        misses.inc();
      }
      done();
    });
  }

  /** Keeps the 200 responses of misses (an onSend hook: install it after the ETag and Cache-Control are set). */
  fillOnMiss(app: FastifyInstance): void {
    app.addHook('onSend', (request, reply, payload, done) => {
      // Streams (CSV) are not cached.
      if (reply.statusCode === 200 && reply.getHeader('x-cache') === 'MISS' && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
        const shared: string[] = [];
        for (const name of KEPT_HEADERS) {
          const value = reply.getHeader(name);
          if (value !== undefined) shared.push(name, String(value));
        }
        const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
        const etag = reply.getHeader('etag');
        this.entries.set(cacheKey(request), {
          body,
          etag: etag === undefined ? undefined : String(etag),
          route: request.routeOptions.url ?? request.url,
          ok: [...SECURITY, ...shared, 'content-type', String(reply.getHeader('content-type')), 'content-length', String(body.length), 'x-cache', 'HIT'],
          notModified: [...SECURITY, ...shared, 'x-cache', 'HIT'],
        });
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
