/**
 * Weak ETags for the /api/v1 bodies, each body encoded once. A string body becomes
 * its UTF-8 bytes here, and the hash, the compressor, the response cache and the
 * socket all take those same bytes: as a string it was encoded to hash it, measured
 * for its length twice, and encoded again to be written (V8 keeps a body with one
 * em dash at two bytes a character, which Node writes slowly past 64 K characters).
 * The 304 for a matching If-None-Match is src/api/conventions.ts's.
 */
import { hash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { utf8Bytes } from './utf8-writer.js';

/** `W/"<base64 SHA-1 of the bytes>"`: the tag @fastify/etag gave with `weak: true`, so clients' stored tags still match. */
export function weakEtag(bytes: Buffer): string {
  return `W/"${hash('sha1', bytes, 'base64')}"`;
}

/** Install in the /api/v1 plugin before every other onSend hook of it, so they all see the bytes. */
export function installEtags(app: FastifyInstance): void {
  app.addHook('onSend', (_request, reply, payload, done) => {
    // Streams (CSV) carry no ETag; a route that set its own keeps it.
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return done(null, payload);
    const bytes = typeof payload === 'string' ? utf8Bytes(payload) : payload;
    if (!reply.hasHeader('etag')) reply.header('etag', weakEtag(bytes));
    done(null, bytes);
  });
}
