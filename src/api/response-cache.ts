/**
 * In-process cache of anonymous public GET responses (PGlite serves ~0.23x of
 * PostgreSQL, so repeated reads must not reach the database). Entries live as
 * long as the public Cache-Control allows and are dropped everywhere when data
 * changes: imports publish `data-changed` through the shared store (Redis
 * pub/sub across instances).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { LRUCache } from 'lru-cache';
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

const plugin: FastifyPluginAsync<ResponseCacheOptions> = async (app, options) => {
  const cache = new LRUCache<string, Entry>({
    maxSize: options.maxBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (e) => e.body.length + 200,
    ttl: options.ttlMs ?? 60_000,
  });
  await app.store.subscribe(DATA_CHANGED, () => cache.clear()).catch((e: Error) => app.log.warn({ err: e }, 'cache invalidation channel unavailable'));
  app.decorate('responseCache', { clear: () => cache.clear(), size: () => cache.size });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!cacheable(request)) return;
    const entry = cache.get(cacheKey(request));
    if (!entry) {
      reply.header('x-cache', 'MISS');
      metrics.cacheRequests.inc({ result: 'miss' });
      return;
    }
    reply.headers(entry.headers).header('x-cache', 'HIT');
    metrics.cacheRequests.inc({ result: 'hit' });
    if (entry.headers.etag && request.headers['if-none-match'] === entry.headers.etag) {
      return reply.code(304).send();
    }
    return reply.code(200).send(entry.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode !== 200 || !cacheable(request) || reply.getHeader('x-cache') !== 'MISS') return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload; // streams (CSV) are not cached
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'etag', 'cache-control']) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    cache.set(cacheKey(request), { body: Buffer.isBuffer(payload) ? payload : Buffer.from(payload), headers });
    return payload;
  });
};

declare module 'fastify' {
  interface FastifyInstance {
    responseCache: { clear(): void; size(): number };
  }
}

export const responseCache = fp(plugin, { name: 'response-cache' });
