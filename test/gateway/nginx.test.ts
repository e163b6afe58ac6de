/**
 * The gateway configuration (deploy/nginx) on Debian's nginx, in front of two
 * small recording upstreams: what reaches the API, what the cache stores, what
 * is retried, limited, compressed and served statically.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../../deploy/nginx/render.js';
import { freePort } from './support.js';

const nginxInstalled = !spawnSync('nginx', ['-v']).error;

interface Seen {
  path: string;
  method: string;
  headers: IncomingHttpHeaders;
  socket: number;
}

interface Upstream {
  name: string;
  port: number;
  seen: Seen[];
  server: Server;
}

/** Answers by path; records every request it gets, with the client port of its connection. */
async function upstream(name: string): Promise<Upstream> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    seen.push({ path: req.url!, method: req.method!, headers: req.headers, socket: req.socket.remotePort! });
    res.setHeader('x-upstream', name);
    if (url.pathname === '/api/v1/unavailable' && name === 'a') {
      res.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': '5' }).end('{"status":503}');
      return;
    }
    if (url.pathname === '/api/v1/bad-gateway' && name === 'a') {
      res.writeHead(502, { 'content-type': 'application/problem+json' }).end('{"status":502}');
      return;
    }
    const cacheControl = url.pathname === '/api/v1/private' ? 'private, max-age=60' : 'public, max-age=60';
    const etag = `W/"${url.pathname.length}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag, 'cache-control': cacheControl }).end();
      return;
    }
    const body = JSON.stringify({ upstream: name, padding: 'x'.repeat(Number(url.searchParams.get('bytes') ?? 10)) });
    const type = req.headers.accept?.includes('text/csv') ? 'text/csv' : 'application/json';
    const headers: Record<string, string> = { 'content-type': type, 'content-length': String(Buffer.byteLength(body)), 'cache-control': cacheControl, etag };
    if (url.searchParams.has('own-headers')) headers['x-content-type-options'] = 'nosniff';
    res.writeHead(200, headers).end(body);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { name, port, seen, server };
}

describe.skipIf(!nginxInstalled)('nginx gateway configuration', () => {
  let a: Upstream;
  let b: Upstream;
  let gateway: Gateway;
  let webRoot: string;
  const all = () => [...a.seen, ...b.seen];

  beforeAll(async () => {
    [a, b] = await Promise.all([upstream('a'), upstream('b')]);
    webRoot = mkdtempSync(join(tmpdir(), 'op-web-'));
    // nginx workers run as nobody when the tests run as root.
    chmodSync(webRoot, 0o755);
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>OpenPolicy</title>');
    writeFileSync(join(webRoot, 'assets', 'app-3f2a1b9c.js'), 'console.log(1)');
    // The web build's precompressed copy, served in place of the file to gzip-capable clients.
    writeFileSync(join(webRoot, 'assets', 'app-3f2a1b9c.js.gz'), gzipSync('console.log("precompressed")'));
    // One nginx worker: its keep-alive pool is the only one, so connection reuse can be counted.
    gateway = await startGateway({
      upstreams: [`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`],
      listen: `127.0.0.1:${await freePort()}`,
      webRoot,
      workerProcesses: 1,
      apiRate: 1000,
      apiBurst: 1000,
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    a?.server.close();
    b?.server.close();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
  });

  it('sends the real client address, the protocol and a request id, and keeps upstream connections alive', async () => {
    const before = all().length;
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${gateway.url}/api/v1/fresh-${i}`, { headers: { 'x-forwarded-for': '203.0.113.9', 'x-real-ip': '203.0.113.9' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    }
    const seen = all().slice(before);
    expect(seen).toHaveLength(20);
    for (const s of seen) {
      // A client cannot choose the address the API sees.
      expect(s.headers['x-forwarded-for']).toBe('127.0.0.1');
      expect(s.headers['x-real-ip']).toBe('127.0.0.1');
      expect(s.headers['x-forwarded-proto']).toBe('http');
      expect(s.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
      expect(s.headers.connection).toBeUndefined();
    }
    // Round robin over both instances, on a few reused connections rather than one per request.
    expect(new Set(seen.map((s) => s.headers.host))).toHaveLength(1);
    expect(a.seen.length).toBeGreaterThan(0);
    expect(b.seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((s) => s.socket)).size).toBeLessThanOrEqual(4);
  });

  it('passes a well-formed X-Request-Id through and replaces a malformed one', async () => {
    const passed = await fetch(`${gateway.url}/api/v1/id-1`, { headers: { 'x-request-id': 'trace-42.abc' } });
    expect(passed.headers.get('x-request-id')).toBe('trace-42.abc');
    expect(all().find((s) => s.path === '/api/v1/id-1')!.headers['x-request-id']).toBe('trace-42.abc');
    const replaced = await fetch(`${gateway.url}/api/v1/id-2`, { headers: { 'x-request-id': 'not ok; <script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('micro-caches anonymous GETs, answers conditional requests from the cache, and keeps CSV apart from JSON', async () => {
    const url = `${gateway.url}/api/v1/cached`;
    const first = await fetch(url);
    expect(first.headers.get('x-cache-status')).toBe('MISS');
    const second = await fetch(url);
    expect(second.headers.get('x-cache-status')).toBe('HIT');
    expect(await second.json()).toEqual(await first.json());
    const etag = first.headers.get('etag')!;
    const conditional = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(conditional.status).toBe(304);
    expect((await fetch(url, { headers: { accept: 'text/csv' } })).headers.get('x-cache-status')).toBe('MISS');
    expect((await fetch(url, { headers: { accept: 'text/csv' } })).headers.get('content-type')).toBe('text/csv');
  });

  it('never serves or stores a response for a request with credentials', async () => {
    const credentials: [string, RequestInit][] = [
      ['authorization', { headers: { authorization: 'Bearer abc' } }],
      ['x-api-key', { headers: { 'x-api-key': 'opk_12345678_abc' } }],
      ['apikey', {}],
      ['cookie', { headers: { cookie: 'session=1' } }],
    ];
    for (const [name, init] of credentials) {
      const path = `/api/v1/credentialed-${name}${name === 'apikey' ? '?apikey=opk_1' : ''}`;
      const res = await fetch(gateway.url + path, init);
      expect(res.headers.get('x-cache-status'), name).toBe('BYPASS');
      // Not stored either: the next anonymous request for the same URL goes upstream.
      if (name !== 'apikey') expect((await fetch(gateway.url + path)).headers.get('x-cache-status'), name).toBe('MISS');
    }
    const cached = `${gateway.url}/api/v1/cached`;
    expect((await fetch(cached, { headers: { authorization: 'Bearer abc' } })).headers.get('x-cache-status')).toBe('BYPASS');
  });

  it('does not store what the API marks private', async () => {
    expect((await fetch(`${gateway.url}/api/v1/private`)).headers.get('x-cache-status')).toBe('MISS');
    expect((await fetch(`${gateway.url}/api/v1/private`)).headers.get('x-cache-status')).toBe('MISS');
  });

  it('empties the cache on purge', async () => {
    const url = `${gateway.url}/api/v1/purged`;
    await fetch(url);
    expect((await fetch(url)).headers.get('x-cache-status')).toBe('HIT');
    expect(await gateway.purge()).toBeGreaterThan(0);
    expect((await fetch(url)).headers.get('x-cache-status')).toBe('MISS');
  });

  it('compresses JSON above 1 KB only', async () => {
    const big = await fetch(`${gateway.url}/api/v1/big?bytes=5000`, { headers: { 'accept-encoding': 'gzip' } });
    expect(big.headers.get('content-encoding')).toBe('gzip');
    expect(big.headers.get('vary')).toContain('Accept-Encoding');
    const small = await fetch(`${gateway.url}/api/v1/small?bytes=10`, { headers: { 'accept-encoding': 'gzip' } });
    expect(small.headers.get('content-encoding')).toBeNull();
    // fetch decodes gzip itself; the bytes were compressed on the wire.
    const raw = spawnSync('curl', ['-s', '-H', 'accept-encoding: gzip', `${gateway.url}/api/v1/big?bytes=5000`]);
    if (!raw.error) expect(JSON.parse(gunzipSync(raw.stdout).toString()).padding).toHaveLength(5000);
  });

  it('adds the security headers the response lacks, without doubling the API\'s own, and hides its version', async () => {
    const res = await fetch(`${gateway.url}/api/v1/headers?own-headers=1`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('server')).toBe('nginx');
  });

  it('serves the web build itself: hashed assets immutable, pages revalidated, unknown paths to the app shell', async () => {
    const asset = await fetch(`${gateway.url}/assets/app-3f2a1b9c.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toContain('application/javascript');
    const page = await fetch(`${gateway.url}/bills/ca/45-1/C-12`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>OpenPolicy</title>');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await asset.text()).toBe('console.log("precompressed")');
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    expect((await fetch(`${gateway.url}/assets/missing.js`)).status).toBe(404);
    // Internal routes of the instances are not published through the gateway.
    const before = all().length;
    await fetch(`${gateway.url}/metrics`);
    expect(all().length).toBe(before);
  });

  it('proxies /health exactly, uncached and unlimited', async () => {
    const statuses = await Promise.all(Array.from({ length: 60 }, () => fetch(`${gateway.url}/health`).then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect((await fetch(`${gateway.url}/health`)).headers.get('x-cache-status')).toBeNull();
  });
});

describe.skipIf(!nginxInstalled)('nginx gateway limits', () => {
  let a: Upstream;
  let gateway: Gateway;

  beforeAll(async () => {
    a = await upstream('a');
    gateway = await startGateway({ upstreams: [`127.0.0.1:${a.port}`], listen: `127.0.0.1:${await freePort()}`, webRoot: tmpdir() });
  });

  afterAll(async () => {
    await gateway?.stop();
    a?.server.close();
  });

  it('answers 429 with a problem body and Retry-After past 10 r/s with a burst of 20 on /api/', async () => {
    const started = performance.now();
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => fetch(`${gateway.url}/api/v1/limited?i=${i}`)));
    const seconds = (performance.now() - started) / 1000;
    const limited = responses.filter((r) => r.status === 429);
    const passed = responses.filter((r) => r.status === 200);
    // The burst of 20 (plus the request that starts the bucket), and 10 more per second the requests took to arrive.
    expect(passed.length).toBeGreaterThanOrEqual(20);
    expect(passed.length).toBeLessThanOrEqual(21 + Math.ceil(seconds * 10));
    expect(limited.length).toBe(40 - passed.length);
    const problem = limited[0]!;
    expect(problem.headers.get('content-type')).toBe('application/problem+json');
    expect(problem.headers.get('retry-after')).toBe('1');
    expect(await problem.json()).toMatchObject({ type: 'https://openpolicy.ca/problems/rate-limited', status: 429, title: 'Too Many Requests' });
    // The limit is per second: after the bucket refills requests pass again.
    await new Promise((r) => setTimeout(r, 2100));
    expect((await fetch(`${gateway.url}/api/v1/limited?again`)).status).toBe(200);
  });
});

describe.skipIf(!nginxInstalled)('nginx gateway behind a load balancer (realIpFrom)', () => {
  let a: Upstream;
  let gateway: Gateway;

  beforeAll(async () => {
    a = await upstream('a');
    gateway = await startGateway({ upstreams: [`127.0.0.1:${a.port}`], listen: `127.0.0.1:${await freePort()}`, webRoot: tmpdir(), realIpFrom: ['127.0.0.1/32'] });
  });

  afterAll(async () => {
    await gateway?.stop();
    a?.server.close();
  });

  it('takes the client address from the balancer\'s X-Forwarded-For, for the API and for the per-client limits', async () => {
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => fetch(`${gateway.url}/api/v1/clients?i=${i}`, { headers: { 'x-forwarded-for': `198.51.100.${i + 1}` } })),
    );
    // 40 clients with one request each: none is over its limit.
    expect(responses.map((r) => r.status)).toEqual(Array(40).fill(200));
    const seen = a.seen.find((s) => s.path === '/api/v1/clients?i=7')!;
    expect(seen.headers['x-real-ip']).toBe('198.51.100.8');
    expect(seen.headers['x-forwarded-for']).toBe('198.51.100.8');
  });
});

describe.skipIf(!nginxInstalled)('nginx gateway retries', () => {
  let a: Upstream;
  let b: Upstream;
  let gateway: Gateway;

  beforeAll(async () => {
    [a, b] = await Promise.all([upstream('a'), upstream('b')]);
    // Failures do not take an instance out of rotation here, so every other request meets the failing one first.
    gateway = await startGateway({
      upstreams: [`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`],
      listen: `127.0.0.1:${await freePort()}`,
      webRoot: tmpdir(),
      maxFails: 1000,
      workerProcesses: 1,
      apiRate: 1000,
      apiBurst: 1000,
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    a?.server.close();
    b?.server.close();
  });

  it('retries a GET that meets a 502 or a dead instance on the next one, never a POST, and passes a 503 through', async () => {
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${gateway.url}/api/v1/bad-gateway?try=${i}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-upstream')).toBe('b');
    }
    expect(a.seen.filter((s) => s.method === 'GET').length).toBeGreaterThanOrEqual(2);

    // A 503 is an instance's word on a shared dependency (the database is down): every instance
    // would say it, so it reaches the client as it is, with its Retry-After, and is not retried.
    const gets = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${gateway.url}/api/v1/unavailable?try=${i}`);
      gets.push({ status: res.status, upstream: res.headers.get('x-upstream'), retryAfter: res.headers.get('retry-after') });
    }
    const fromA = gets.filter((g) => g.upstream === 'a');
    expect(fromA.length).toBeGreaterThan(0);
    expect(fromA.every((g) => g.status === 503 && g.retryAfter === '5')).toBe(true);
    expect(b.seen.filter((s) => s.path.startsWith('/api/v1/unavailable')).length).toBe(gets.length - fromA.length);

    const posts = [];
    for (let i = 0; i < 6; i++) posts.push((await fetch(`${gateway.url}/api/v1/unavailable`, { method: 'POST' })).status);
    // Round robin gives a some POSTs: its 503 reaches the client, b never sees a second attempt.
    expect(posts.filter((s) => s === 503).length).toBe(a.seen.filter((s) => s.method === 'POST').length);
    expect(posts.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(b.seen.filter((s) => s.method === 'POST').length).toBe(posts.filter((s) => s === 200).length);

    // An instance that is gone: connection refused, retried.
    await new Promise((resolve) => a.server.close(resolve));
    a.server.closeAllConnections();
    for (let i = 0; i < 6; i++) expect((await fetch(`${gateway.url}/api/v1/after-close-${i}`)).status).toBe(200);
  });
});
