/**
 * Compression in the server itself (src/api/compression.ts), over real HTTP so
 * that cached hits (answered before Fastify) are seen too: brotli or gzip as
 * the client prefers, above 1 KB only, `Vary: Accept-Encoding`, bodies that
 * decompress to the identity answer, and cache entries that keep each
 * encoding once.
 */
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { preferredEncoding } from '../../src/api/compression.js';
import { hansard } from '../../src/ingest/hansard.js';
import { ourcommonsDivisions } from '../../src/ingest/ourcommons-divisions.js';
import { ourcommonsMembers } from '../../src/ingest/ourcommons-members.js';
import { testApi } from '../support/api.js';
import { SHARED_DATA } from '../support/db.js';
import { importSteps } from '../support/imports.js';
import { rawGet } from '../support/raw-get.js';

const api = testApi(async (database) => {
  await importSteps(database, [
    [ourcommonsMembers, [join(SHARED_DATA, 'ourcommons-44')]],
    [hansard, [join(SHARED_DATA, 'hansard/44-1-200-en.xml')]],
    [ourcommonsDivisions, [join(SHARED_DATA, 'ourcommons-44')]],
  ]);
});

let port = 0;
beforeAll(async () => {
  await api.app.listen({ port: 0, host: '127.0.0.1' });
  const address = api.app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

const get = (path: string, headers: Record<string, string> = {}) => rawGet(port, path, headers);

const DIVISION = '/api/v1/votes/ca/44-1/332';

describe('Accept-Encoding', () => {
  it('prefers brotli, honours q-values and refusals, and falls back to identity', () => {
    expect(preferredEncoding('gzip, deflate, br')).toBe('br');
    expect(preferredEncoding('gzip, br;q=0.5')).toBe('gzip');
    expect(preferredEncoding('br;q=0, gzip')).toBe('gzip');
    expect(preferredEncoding('x-gzip')).toBe('gzip');
    expect(preferredEncoding('*')).toBe('br');
    expect(preferredEncoding('*, br;q=0')).toBe('gzip');
    expect(preferredEncoding('identity')).toBeNull();
    expect(preferredEncoding('deflate')).toBeNull();
    expect(preferredEncoding('gzip;q=0, br;q=0')).toBeNull();
    expect(preferredEncoding(undefined)).toBeNull();
  });
});

describe('a response over 1 KB', () => {
  it('is sent as brotli, gzip or identity as the client accepts, each the same JSON, with Vary: Accept-Encoding', async () => {
    const identity = await get(DIVISION);
    expect(identity.status).toBe(200);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body.length).toBeGreaterThan(40_000);
    expect(Number(identity.headers['content-length'])).toBe(identity.body.length);
    expect(identity.headers.vary).toMatch(/\bAccept-Encoding\b/);
    const json = JSON.parse(identity.body.toString());
    expect(json.votes).toHaveLength(323);

    const br = await get(DIVISION, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/\bAccept-Encoding\b/);
    expect(br.body.length).toBeLessThan(identity.body.length / 3);
    expect(JSON.parse(brotliDecompressSync(br.body).toString())).toEqual(json);

    const gzip = await get(DIVISION, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.body.length).toBeLessThan(identity.body.length / 3);
    expect(JSON.parse(gunzipSync(gzip.body).toString())).toEqual(json);
  });

  it('is kept compressed in the cache: a hit writes the bytes the miss compressed, with the same headers', async () => {
    const path = '/api/v1/votes/ca/44-1/333';
    // The first read is not kept; the second fills the entry.
    await get(path);
    const miss = await get(path, { 'accept-encoding': 'br' });
    const entry = api.app.responseCache.lookup({ method: 'GET', url: path, headers: {} })!;
    // The miss compressed into the entry: the brotli variant exists, is the one sent, and is made only once.
    const stored = entry.encoded('br').body;
    expect(stored.equals(miss.body)).toBe(true);
    expect(entry.encoded('br').body).toBe(stored);

    const hit = await get(path, { 'accept-encoding': 'br' });
    expect([miss.headers['x-cache'], hit.headers['x-cache']]).toEqual(['MISS', 'HIT']);
    expect(hit.body.equals(miss.body)).toBe(true);
    for (const name of ['content-encoding', 'content-length', 'content-type', 'vary', 'etag', 'cache-control']) expect(hit.headers[name], name).toEqual(miss.headers[name]);

    // Another client of the same URL asks for gzip, and one for nothing: each gets its own encoding from the same entry.
    const gzipHit = await get(path, { 'accept-encoding': 'gzip' });
    expect([gzipHit.headers['x-cache'], gzipHit.headers['content-encoding']]).toEqual(['HIT', 'gzip']);
    expect(gunzipSync(gzipHit.body).equals(entry.body)).toBe(true);
    const identityHit = await get(path);
    expect([identityHit.headers['x-cache'], identityHit.headers['content-encoding']]).toEqual(['HIT', undefined]);
    expect(identityHit.body.equals(entry.body)).toBe(true);
    expect(identityHit.headers.vary).toMatch(/\bAccept-Encoding\b/);
  });

  it('keeps in the cache each body in its slab, not in a view on a buffer that holds other bytes', async () => {
    // A small Buffer.from(string) is cut from an 8 KB pool slab, a small zlib result from a 16 KB output chunk: an entry keeping the view kept all of it.
    const path = '/api/v1/votes?session=44-1&per_page=1';
    await get(path);
    const miss = await get(path, { 'accept-encoding': 'br' });
    expect(miss.headers['x-cache']).toBe('MISS');
    const entry = api.app.responseCache.lookup({ method: 'GET', url: path, headers: {} })!;
    expect(entry.body.length).toBeLessThan(4096);
    for (const variant of [entry.identity, entry.encoded('br'), entry.encoded('gzip')]) expect(variant.body.buffer).toBe(variant.slab.memory);
  });

  it('answers a matching If-None-Match with an empty 304 that still says it varies by encoding, from the database or from the cache', async () => {
    const path = '/api/v1/votes?session=44-1';
    const first = await get(path, { 'accept-encoding': 'br' });
    const etag = String(first.headers.etag);
    // Read once, the URL is not kept: the first 304 is the route's; the next 200 keeps it, so the last 304 is the cache's.
    const notModified = () => get(path, { 'accept-encoding': 'br', 'if-none-match': etag });
    const fromRoute = await notModified();
    await get(path, { 'accept-encoding': 'br' });
    const answers = [fromRoute, await notModified()];
    expect(answers.map((a) => a.headers['x-cache'])).toEqual(['MISS', 'HIT']);
    for (const again of answers) {
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers.vary).toBe(first.headers.vary);
    }
  });

  it('streams a CSV compressed too', async () => {
    const plain = await get('/api/v1/votes?session=44-1&format=csv&per_page=100');
    const gzip = await get('/api/v1/votes?session=44-1&format=csv&per_page=100', { 'accept-encoding': 'gzip' });
    expect(plain.headers['content-type']).toMatch(/^text\/csv/);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(plain.body.toString());
  });
});

describe('a response under 1 KB', () => {
  it('is sent as it is, without Vary: Accept-Encoding', async () => {
    const small = await get('/api/v1/votes/ca/44-1/999999', { 'accept-encoding': 'br, gzip' });
    expect(small.status).toBe(404);
    expect(small.body.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(String(small.headers.vary ?? '')).not.toMatch(/Accept-Encoding/);
  });
});
