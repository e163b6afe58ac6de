/**
 * Response compression in the server itself, so the default deployment (no
 * gateway) sends the division 332 answer or the bills list as brotli or gzip
 * rather than 45–80 KB of JSON. Bodies of 1 KB or more of a textual type are
 * compressed in the encoding the client prefers (Accept-Encoding), and say
 * `Vary: Accept-Encoding` whether or not this client accepted one, so a shared
 * cache keeps the variants apart.
 *
 * Cached responses (src/api/response-cache.ts) keep each encoding they were
 * asked in, made once: a hit writes stored bytes and compresses nothing.
 */
import { Readable } from 'node:stream';
import { brotliCompressSync, constants, createBrotliCompress, createGzip, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest, onSendHookHandler } from 'fastify';
import { addVary } from './vary.js';

export type Encoding = 'br' | 'gzip';

/** Below this, the headers and the work outweigh what compression saves. */
export const MIN_COMPRESSED_BYTES = 1024;

const COMPRESSIBLE = /^(text\/|application\/([\w.-]+\+)?(json|xml)\b|application\/(javascript|x-ndjson)\b|image\/svg\+xml\b)/i;

// Brotli 5 and gzip 6: most of the size gain for a few milliseconds on the largest answers (bench/api.ts measures it).
const BROTLI_OPTIONS = { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } };
const GZIP_OPTIONS = { level: 6 };

/**
 * The encoding to answer `Accept-Encoding` with: the accepted one with the highest
 * q-value, brotli when tied; null for identity (absent, `identity`, or only q=0).
 */
export function preferredEncoding(acceptEncoding: string | string[] | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const weights = new Map<string, number>();
  for (const part of String(acceptEncoding).split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (!coding) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    weights.set(coding, q === undefined ? 1 : Number(q));
  }
  const weight = (coding: Encoding) => weights.get(coding) ?? (coding === 'gzip' ? weights.get('x-gzip') : undefined) ?? weights.get('*') ?? 0;
  const br = weight('br');
  const gzip = weight('gzip');
  if (br > 0 && br >= gzip) return 'br';
  return gzip > 0 ? 'gzip' : null;
}

export function compressBody(body: Buffer, encoding: Encoding): Buffer {
  return encoding === 'br' ? brotliCompressSync(body, BROTLI_OPTIONS) : gzipSync(body, GZIP_OPTIONS);
}

function compressStream(encoding: Encoding) {
  return encoding === 'br' ? createBrotliCompress(BROTLI_OPTIONS) : createGzip(GZIP_OPTIONS);
}

/** Whether a reply of this type and size is worth compressing (and so varies by Accept-Encoding). */
export function compressible(contentType: unknown, bytes: number | undefined): boolean {
  const type = String(contentType ?? '');
  // An event stream must reach the client event by event; a compressor would hold its events back until a block fills.
  if (/^text\/event-stream\b/i.test(type)) return false;
  return COMPRESSIBLE.test(type) && (bytes === undefined || bytes >= MIN_COMPRESSED_BYTES);
}

/**
 * The onSend hook that compresses. Installed on each route (see `installCompression`), so it runs after every
 * hook of the route's plugins: the ETag and the response cache see the identity body.
 */
function compressReply(app: FastifyInstance): onSendHookHandler {
  return (request: FastifyRequest, reply: FastifyReply, payload, done) => {
    if (reply.statusCode < 200 || reply.statusCode === 204 || reply.statusCode === 304 || reply.hasHeader('content-encoding')) return done(null, payload);
    const text = typeof payload === 'string' || Buffer.isBuffer(payload);
    const length = text ? Buffer.byteLength(payload as string | Buffer) : (reply.hasHeader('content-length') ? Number(reply.getHeader('content-length')) : undefined);
    if (!(text || payload instanceof Readable) || !compressible(reply.getHeader('content-type'), length)) return done(null, payload);
    reply.header('vary', addVary(reply.getHeader('vary'), 'Accept-Encoding'));
    const encoding = preferredEncoding(request.headers['accept-encoding']);
    if (!encoding) return done(null, payload);
    reply.header('content-encoding', encoding);
    reply.removeHeader('content-length');
    if (!text) return done(null, (payload as Readable).pipe(compressStream(encoding)));
    // A response the cache just kept is compressed into the entry, so its first hit in this encoding is free too.
    const kept = app.responseCache.keptFor(request);
    done(null, kept ? kept.compressedForMiss(encoding) : compressBody(Buffer.isBuffer(payload) ? payload : Buffer.from(payload as string), encoding));
  };
}

/** Adds compression to every route registered after this call (install before the routes). */
export function installCompression(app: FastifyInstance): void {
  const hook = compressReply(app);
  app.addHook('onRoute', (route) => {
    const own = route.onSend ? [route.onSend].flat() : [];
    route.onSend = [...own, hook];
  });
}
