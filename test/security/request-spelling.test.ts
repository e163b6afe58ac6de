/**
 * Hole 1 of the outside test: the same request spelled differently —
 * each path character percent-encoded (lower and upper hex), double slashes,
 * dot segments, absolute-form targets, a trailing slash — must get the same
 * route, the same quotas, the same cache decision and the same security
 * headers as its plain spelling. Sent as raw HTTP (so nothing in between
 * normalizes it), to the app and through the nginx gateway.
 */
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../../deploy/nginx/render.js';
import { createApiKey, revokeApiKey } from '../../src/auth/api-keys.js';
import { sha256 } from '../../src/auth/tokens.js';
import { freePort } from '../gateway/support.js';
import { makeUser, testApp, type TestApp } from './support.js';

const nginxInstalled = !spawnSync('nginx', ['-v']).error;
const AUTH_IP_LIMIT = 80;

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One request exactly as written: the target goes on the wire untouched. */
function raw(base: string, method: string, target: string, options: { body?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  const head = [`${method} ${target} HTTP/1.1`, `Host: ${hostname}`, 'Connection: close', ...Object.entries(options.headers ?? {}).map(([k, v]) => `${k}: ${v}`)];
  if (options.body !== undefined) head.push('Content-Type: application/json', `Content-Length: ${Buffer.byteLength(options.body)}`);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (d) => (data += d));
    socket.on('error', reject);
    socket.on('end', () => {
      const [top = '', ...rest] = data.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = top.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) headers[line.slice(0, line.indexOf(':')).toLowerCase()] = line.slice(line.indexOf(':') + 1).trim();
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
    socket.write(`${head.join('\r\n')}\r\n\r\n${options.body ?? ''}`);
  });
}

/** Every spelling of `path` that means the same resource. */
function spellings(path: string, host: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const c = path[i]!;
    if (c === '/') continue;
    const hex = c.charCodeAt(0).toString(16);
    out.push(path.slice(0, i) + `%${hex.toLowerCase()}` + path.slice(i + 1));
    if (hex.toUpperCase() !== hex.toLowerCase()) out.push(path.slice(0, i) + `%${hex.toUpperCase()}` + path.slice(i + 1));
  }
  const [, first, ...others] = path.split('/');
  const tail = others.join('/');
  out.push(
    `/${path}`,
    path.replace(/\//g, '//'),
    `/${first}//${tail}`,
    `/./${first}/${tail}`,
    `/${first}/./${tail}`,
    `/${first}/x/../${tail}`,
    `/${first}/%2e%2e/${first}/${tail}`,
    `/${first}/%2E/${tail}`,
    `http://${host}${path}`,
    `HTTP://attacker.example:8080${path}`,
    `${path}/`,
  );
  return out;
}

const LOGIN = '/api/v1/auth/login';
const DATA = '/api/v1/bills';
const loginBody = JSON.stringify({ email: 'nobody@example.org', password: 'not the password at all' });

let t: TestApp;
let base: string;
let apiKey: string;
let keyId: string;
let userId: string;

beforeAll(async () => {
  t = await testApp({
    trustedProxies: ['loopback'],
    tiers: { anonymous: [{ limit: 10_000, windowMs: 60_000 }] },
    authIpQuota: { limit: AUTH_IP_LIMIT, windowMs: 60_000 },
    lockout: { attempts: 10_000, windowMs: 60_000, lockMs: 60_000 },
  });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address() as { port: number };
  base = `http://127.0.0.1:${address.port}`;
  const user = await makeUser(t);
  userId = user.id;
  const created = await createApiKey(t.database.db, user.id, { name: 'spelling', expiresAt: null, scopes: ['public:read', 'saved:manage'] });
  [apiKey, keyId] = [created.key, created.row.id];
});
afterAll(async () => {
  await t?.close();
});

/**
 * Logins from one address in every spelling: each reaches the login route and
 * counts against the per-address quota of password checks; once it is used up,
 * every spelling is refused before any password is checked.
 */
async function loginSpellingsShareOneQuota(url: string, host: string, headers: Record<string, string>) {
  const all = spellings(LOGIN, host);
  expect(all.length).toBeLessThan(AUTH_IP_LIMIT);
  let remaining = Infinity;
  for (const target of all) {
    const res = await raw(url, 'POST', target, { body: loginBody, headers });
    expect({ target, status: res.status }).toEqual({ target, status: 401 });
    expect(JSON.parse(res.body).type).toMatch(/invalid-credentials$/);
    expect(res.headers['content-security-policy'], target).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers['cache-control'], target).toBe('no-store');
    const left = Number(res.headers['ratelimit-remaining']);
    expect(left, target).toBeLessThan(remaining);
    remaining = left;
  }
  for (let i = 0; i < remaining; i++) expect((await raw(url, 'POST', LOGIN, { body: loginBody, headers })).status).toBe(401);
  for (const target of all) {
    const res = await raw(url, 'POST', target, { body: loginBody, headers });
    expect({ target, status: res.status }).toEqual({ target, status: 429 });
  }
}

/**
 * Anonymous reads in every spelling: the same answer, each counted once against the caller's quota, with the API's
 * headers. Reads that reach the database count against the anonymous quota, answers from the response cache against
 * the address's cached-read quota (RateLimit-Policy tells which): the plain spelling is read three times (the cache
 * keeps a URL from its second read) so both are known.
 */
async function readSpellingsAreCountedAlike(url: string, host: string, headers: Record<string, string>) {
  const remaining = new Map<string, number>();
  const count = (res: RawResponse, target: string) => {
    // The gateway's micro-cache answers a spelling it stored under the same key (limited per address there).
    if (res.headers['x-cache-status'] === 'HIT') return;
    const policy = String(res.headers['ratelimit-policy']);
    const left = Number(res.headers['ratelimit-remaining']);
    if (remaining.has(policy)) expect({ target, policy, left }).toEqual({ target, policy, left: remaining.get(policy)! - 1 });
    remaining.set(policy, left);
  };
  const plain = await raw(url, 'GET', `${DATA}?per_page=1`, { headers });
  expect(plain.status).toBe(200);
  count(plain, 'plain');
  count(await raw(url, 'GET', `${DATA}?per_page=1`, { headers }), 'plain, again');
  count(await raw(url, 'GET', `${DATA}?per_page=1`, { headers }), 'plain, a third time');
  for (const target of spellings(DATA, host)) {
    const res = await raw(url, 'GET', `${target}?per_page=1`, { headers });
    expect({ target, status: res.status }).toEqual({ target, status: 200 });
    expect(JSON.parse(res.body), target).toEqual(JSON.parse(plain.body));
    expect(res.headers['content-security-policy'], target).toBe("default-src 'none'; frame-ancestors 'none'");
    count(res, target);
  }
}

describe('the same request spelled differently (app)', () => {
  it('percent-encoded, doubled, dotted, absolute-form or slash-ended logins all count against the per-address quota', async () => {
    await loginSpellingsShareOneQuota(base, '127.0.0.1', { 'x-forwarded-for': '198.51.100.1' });
  });

  it("every spelling of a data route is counted against its caller's quota of each kind, cached answers included", async () => {
    await readSpellingsAreCountedAlike(base, '127.0.0.1', { 'x-forwarded-for': '198.51.100.2' });
  });

  it('a key sent as ?api%6bey= is a credential: never answered from, nor stored in, the shared cache', async () => {
    const target = `${DATA}?per_page=2&api%6bey=${apiKey}`;
    for (let i = 0; i < 2; i++) {
      const res = await raw(base, 'GET', target, { headers: { 'x-forwarded-for': '198.51.100.3' } });
      expect(res.status).toBe(200);
      expect(res.headers['x-cache']).toBeUndefined();
      // Counted against the key's owner, not the address.
      expect(res.headers['ratelimit-policy']).toMatch(/^600;w=60,/);
    }
  });

  it('an answer given to ?api%6bey= on a private route spelled %6de is not replayed once the key is revoked', async () => {
    const target = `/api/v1/%6de/saved?api%6bey=${apiKey}`;
    expect((await raw(base, 'GET', target)).status).toBe(200);
    await revokeApiKey(t.database.db, { userId, secretHash: sha256(apiKey) }, keyId, 'owner');
    await t.app.auth.authenticator.invalidate(userId);
    const replay = await raw(base, 'GET', target);
    expect(replay.status).toBe(401);
    expect(replay.headers['x-cache']).toBeUndefined();
  });
});

describe.skipIf(!nginxInstalled)('the same request spelled differently (through the nginx gateway)', () => {
  let gateway: Gateway;

  beforeAll(async () => {
    const { port } = t.app.server.address() as { port: number };
    gateway = await startGateway({
      upstreams: [`127.0.0.1:${port}`],
      listen: `127.0.0.1:${await freePort()}`,
      apiRate: 100_000,
      apiBurst: 100_000,
      workerProcesses: 1,
    });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('every spelling of a login counts against the one per-address quota behind the gateway', async () => {
    await loginSpellingsShareOneQuota(gateway.url, '127.0.0.1', {});
  });

  it('every spelling of a data route reaches the API and is counted', async () => {
    // The gateway names the client 127.0.0.1; the login test above used that address's login quota, not its read quota.
    await readSpellingsAreCountedAlike(gateway.url, '127.0.0.1', {});
  });

  it('a key sent as ?api%6bey= bypasses the micro-cache like ?apikey=', async () => {
    const { key } = await createApiKey(t.database.db, userId, { name: 'gateway', expiresAt: null });
    const target = `${DATA}?per_page=3&api%6bey=${key}`;
    for (let i = 0; i < 2; i++) {
      const res = await raw(gateway.url, 'GET', target);
      expect(res.status).toBe(200);
      expect(res.headers['x-cache-status']).toBe('BYPASS');
    }
  });
});
