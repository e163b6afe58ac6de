/**
 * In-process cache of anonymous public GET responses (PGlite serves ~0.23x of
 * PostgreSQL, so repeated reads must not reach the database). Entries live as
 * long as the public Cache-Control allows and are dropped everywhere when data
 * changes: imports publish `data-changed` through the shared store (Redis
 * pub/sub across instances).
 *
 * Fastify fills it, from a URL's second read on (src/api/first-reads.ts);
 * hits are answered before Fastify, at the socket (src/api/cached-reads.ts),
 * with headers prepared here when the entry was filled.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { API_HEADERS } from '../auth/security-headers.js';
import { metrics } from '../ops/metrics.js';
import { prefersCsv } from './negotiation.js';
import { DATA_CHANGED } from '../store/data-changed.js';
import { compressBody, compressible, preferredEncoding, type Encoding } from './compression.js';
import { Slabs, type Slab } from './slabs.js';
import { FirstReads } from './first-reads.js';

/** A cached 200 in one encoding: its body, the slab it is kept in, and the encoding it is in (null: as the route answered it). */
export interface CachedVariant {
  body: Buffer;
  slab: Slab;
  encoding: Encoding | null;
}

/**
 * An entry keeps what its headers are made of, not the header lists themselves: the lists are
 * made on each hit (which copied a prepared list before), and an entry of one of the bench's
 * small pages held ~1.8 KB of heap with them, more than its 1.5 KB body (note 12m-r9).
 *
 * Its bodies are kept in the cache's slabs (src/api/slabs.ts), and released when it leaves the cache.
 */
export class CachedResponse {
  /** Encoded variants made so far, each once (src/api/compression.ts); most entries are never asked compressed. */
  private variants: Map<Encoding, CachedVariant> | undefined;
  /** The Vary header's value, if the body varies. */
  private readonly vary: string | undefined;
  readonly identity: CachedVariant;
  readonly body: Buffer;
  /** Whether the body is compressed for clients that accept it (and so varies by Accept-Encoding). */
  readonly compressible: boolean;
  /** Out of the cache, its bytes given back: a hit that found it before must not write them. */
  released = false;

  constructor(
    private readonly slabs: Slabs,
    body: Buffer,
    readonly etag: string | undefined,
    /** The route pattern that answered it, for the request metrics. */
    readonly route: string,
    private readonly contentType: string,
    /** Headers a response of the same URL shares with the next (KEPT_HEADERS), as name/value pairs. */
    private readonly kept: string[],
    /** What its body varies by besides Accept-Encoding. */
    vary: string[],
  ) {
    this.compressible = compressible(contentType, body.length);
    // In the order the miss wrote them (addVary puts each new one first); CORS adds its own Vary (Origin) to each hit.
    const varies = this.compressible ? ['Accept-Encoding', ...vary] : vary;
    this.vary = varies.length ? varies.join(', ') : undefined;
    const { bytes, slab } = slabs.copy(body);
    this.identity = { body: bytes, slab, encoding: null };
    this.body = bytes;
  }

  /** The body in `encoding`, compressed the first time it is asked for (of an entry still in the cache). */
  encoded(encoding: Encoding): CachedVariant {
    return this.variants?.get(encoding) ?? this.keep(encoding, compressBody(this.body, encoding));
  }

  /**
   * The body in `encoding` for the miss that filled the entry, kept in it too. The miss writes a buffer
   * of its own: Fastify's write is not watched for being in flight, as a hit's is (src/api/cached-reads.ts).
   */
  compressedForMiss(encoding: Encoding): Buffer {
    const variant = this.variants?.get(encoding);
    if (variant) return Buffer.from(variant.body);
    const bytes = compressBody(this.body, encoding);
    if (!this.released) this.keep(encoding, bytes);
    return bytes;
  }

  /** What to write for a request with this Accept-Encoding. */
  variantFor(acceptEncoding: string | string[] | undefined): CachedVariant {
    const encoding = this.compressible ? preferredEncoding(acceptEncoding) : null;
    return encoding ? this.encoded(encoding) : this.identity;
  }

  /** The headers of a 200 with `variant`'s body (flat name/value lists: cheaper than an object for writeHead), in a new list the caller adds its own to. */
  okHeaders(variant: CachedVariant): string[] {
    const headers = this.shared();
    headers.push('content-type', this.contentType);
    if (variant.encoding) headers.push('content-encoding', variant.encoding);
    headers.push('content-length', String(variant.body.length), 'x-cache', 'HIT');
    return headers;
  }

  /** The headers of a 304, in a new list the caller adds its own to. */
  notModifiedHeaders(): string[] {
    const headers = this.shared();
    headers.push('x-cache', 'HIT');
    return headers;
  }

  /** Gives its bytes back to the slabs (the cache calls it once, when the entry leaves). */
  release(): void {
    this.released = true;
    this.slabs.release(this.identity.slab);
    for (const variant of this.variants?.values() ?? []) this.slabs.release(variant.slab);
  }

  private keep(encoding: Encoding, bytes: Buffer): CachedVariant {
    const { bytes: body, slab } = this.slabs.copy(bytes);
    const variant = { body, slab, encoding };
    (this.variants ??= new Map()).set(encoding, variant);
    return variant;
  }

  /** The headers every variant and the 304 share. */
  private shared(): string[] {
    const headers = [...SECURITY, ...this.kept];
    if (this.vary) headers.push('vary', this.vary);
    return headers;
  }
}

export interface ResponseCacheOptions {
  /** What entries may count in all (`entrySize`); 64 MB when absent. */
  maxBytes?: number;
  /** How long an entry lives from its fill; 60 s when absent. */
  ttlMs?: number;
}

/** What an entry counts against the bound: compressed variants are a fraction of the body, added later; the estimate leaves room for them. */
function entrySize(bodyBytes: number): number {
  return Math.ceil(bodyBytes * 1.5) + 200;
}

/** The parts of a request (Fastify's or Node's) a lookup goes by; its URL is normalized (src/auth/request-target.ts). */
interface RequestLike {
  method?: string | undefined;
  url?: string | undefined;
  headers: IncomingHttpHeaders;
}

/** What a response of the same URL shares with the next: the rest (request id, quota, CORS) is per request. */
const KEPT_HEADERS = ['etag', 'cache-control'];
const SECURITY = Object.entries(API_HEADERS).flat();
// On a normalized URL, where `api%6bey` has become `apikey`.
const KEY_IN_QUERY = /[?&]apikey(?:[=&]|$)/;

/** A GET that carries no credential, so a shared answer is the one it would get. */
export function anonymousGet(request: RequestLike): boolean {
  return request.method === 'GET' && !request.headers.authorization && !request.headers['x-api-key'] && !KEY_IN_QUERY.test(request.url ?? '');
}

/**
 * Anonymous GETs of public data: shareable, so cached here and allowed to read
 * from a lagging replica. Decided by the route the request matched, never by
 * the text of its URL.
 */
export function cacheable(request: FastifyRequest): boolean {
  if (!anonymousGet(request)) return false;
  const { config, url } = request.routeOptions;
  return config?.permission === 'public:read' && url !== undefined && url.startsWith('/api/v1/');
}

function cacheKey(request: RequestLike): string {
  // CSV and JSON of the same URL differ by Accept, negotiated as the lists negotiate it.
  return `${prefersCsv(request.headers.accept) ? 'csv' : 'json'} ${request.url}`;
}

export class ResponseCache {
  private readonly entries: LRUCache<string, CachedResponse>;
  /** Where the entries' bodies are kept: given back to the system as entries leave, evicted, expired or cleared. */
  readonly slabs = new Slabs();
  /** The URLs read once: a miss is kept only if its URL was read before. */
  private readonly firstReads = new FirstReads();
  /** The entry each miss filled, for the compression that follows in the same reply. */
  private readonly kept = new WeakMap<FastifyRequest, CachedResponse>();
  private readonly maxBytes: number;
  private readonly ttlMs: number;

  constructor(options: ResponseCacheOptions = {}) {
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.ttlMs = options.ttlMs ?? 60_000;
    this.entries = new LRUCache<string, CachedResponse>({
      maxSize: this.maxBytes,
      sizeCalculation: (e) => entrySize(e.body.length),
      ttl: this.ttlMs,
      dispose: (e) => e.release(),
    });
  }

  clear(): void {
    this.entries.clear();
  }

  /**
   * Drops expired entries every sixth of their lifetime (10 s for 60 s), and empties the cache when the app closes.
   * lru-cache notices an entry's age only when it is asked for or evicted: a server gone quiet would keep
   * the last minute's bodies until its next busy minute.
   */
  expireStale(app: FastifyInstance): void {
    const timer = setInterval(() => this.entries.purgeStale(), this.ttlMs / 6).unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
      this.clear();
    });
  }

  size(): number {
    return this.entries.size;
  }

  /** The cached response for a shareable request, if any. */
  lookup(request: RequestLike): CachedResponse | undefined {
    // Only answers Fastify filled for the same URL asked anonymously of a public route are in it.
    return anonymousGet(request) ? this.entries.get(cacheKey(request)) : undefined;
  }

  /** The entry `request`'s own answer was just kept in, if it was. */
  keptFor(request: FastifyRequest): CachedResponse | undefined {
    return this.kept.get(request);
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
      if (reply.statusCode === 200 && reply.getHeader('x-cache') === 'MISS' && request.principal?.kind === 'anonymous' && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
        const shared: string[] = [];
        for (const name of KEPT_HEADERS) {
          const value = reply.getHeader(name);
          if (value !== undefined) shared.push(name, String(value));
        }
        // A list's body follows Accept.
        const vary = /(^|,)\s*accept\s*(,|$)/i.test(String(reply.getHeader('vary') ?? '')) ? ['Accept'] : [];
        const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
        const key = cacheKey(request);
        // lru-cache would refuse it without releasing it.
        if (this.firstReads.readBefore(key) && entrySize(body.length) <= this.maxBytes) {
          const etag = reply.getHeader('etag');
          const entry = new CachedResponse(this.slabs, body, etag === undefined ? undefined : String(etag), request.routeOptions.url ?? request.url, String(reply.getHeader('content-type')), shared, vary);
          this.entries.set(key, entry);
          this.kept.set(request, entry);
        }
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
