/**
 * Quotas by tier, the per-IP limit on /auth, lockout, trusted proxies, and the
 * count shared by two API instances on one Redis.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { createUser } from '../../src/auth/users.js';
import { redisStore } from '../../src/store/store.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { bearer, expectProblem, JWT_SECRET, login, makeUser, NO_LIMITS, testApp, type TestApp } from './support.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const SMALL = {
  tiers: { anonymous: [{ limit: 3, windowMs: 60_000 }], default: [{ limit: 5, windowMs: 60_000 }, { limit: 8, windowMs: 86_400_000 }], plus: [{ limit: 50, windowMs: 60_000 }] },
  authIpQuota: { limit: 100, windowMs: 60_000 },
};

async function withApp(security: Parameters<typeof testApp>[0], work: (t: TestApp) => Promise<void>) {
  const t = await testApp(security, database);
  try {
    await work(t);
  } finally {
    await t.close();
  }
}

describe('tiers', () => {
  it('anonymous: RateLimit-* on every response, then 429 problem+json with Retry-After', async () => {
    await withApp(SMALL, async (t) => {
      const remaining: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await t.app.inject({ method: 'GET', url: '/api/v1/bills' });
        expect(res.statusCode).toBe(200);
        expect(res.headers['ratelimit-limit']).toBe('3');
        expect(Number(res.headers['ratelimit-reset'])).toBeGreaterThan(0);
        remaining.push(String(res.headers['ratelimit-remaining']));
      }
      expect(remaining).toEqual(['2', '1', '0']);
      const limited = await t.app.inject({ method: 'GET', url: '/api/v1/bills' });
      const problem = expectProblem(limited, 429, 'rate-limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(limited.headers['ratelimit-remaining']).toBe('0');
      expect(problem.detail).toMatch(/API key/);
      // Unknown routes count too, so probing is no way around the quota.
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' })).statusCode).toBe(429);
      // Health checks are outside the API quota.
      const health = await t.app.inject({ method: 'GET', url: '/health' });
      expect(health.statusCode).not.toBe(429);
      expect(health.headers['ratelimit-limit']).toBeUndefined();
    });
  });

  it('a user is counted per account with its tier\'s minute and day quotas; an admin raises the tier', async () => {
    await withApp(SMALL, async (t) => {
      const user = await makeUser(t);
      const tokens = await login(t, user);
      const first = await t.app.inject({ method: 'GET', url: '/api/v1/bills', headers: bearer(tokens) });
      expect(first.headers['ratelimit-policy']).toBe('5;w=60, 8;w=86400');
      expect(first.headers['ratelimit-limit']).toBe('5');
      for (let i = 0; i < 4; i++) await t.app.inject({ method: 'GET', url: '/api/v1/bills', headers: bearer(tokens) });
      expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/bills', headers: bearer(tokens) }), 429, 'rate-limited');
      // The same user through an API key shares the count.
      const admin = await login(t, await makeUser(t, 'admin'));
      const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/users/${user.id}`, headers: bearer(admin), payload: { tier: 'plus' } });
      expect(patched.json().tier).toBe('plus');
      const fresh = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: tokens.refresh_token } })).json();
      const after = await t.app.inject({ method: 'GET', url: '/api/v1/bills', headers: bearer(fresh) });
      expect(after.statusCode).toBe(200);
      expect(after.headers['ratelimit-limit']).toBe('50');
    });
  });

  it('the day quota shows when it is the closer one', async () => {
    const tiers = { default: [{ limit: 100, windowMs: 60_000 }, { limit: 2, windowMs: 86_400_000 }] };
    await withApp({ ...SMALL, tiers }, async (t) => {
      const tokens = await login(t, await makeUser(t));
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/bills', headers: bearer(tokens) });
      expect(res.headers['ratelimit-limit']).toBe('2');
      await t.app.inject({ method: 'GET', url: '/api/v1/bills', headers: bearer(tokens) });
      const limited = await t.app.inject({ method: 'GET', url: '/api/v1/bills', headers: bearer(tokens) });
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(3600);
    });
  });

  it('bad credentials are counted against the caller\'s IP', async () => {
    await withApp(SMALL, async (t) => {
      for (let i = 0; i < 3; i++) expect((await t.app.inject({ method: 'GET', url: '/api/v1/bills', headers: { 'x-api-key': 'guess' } })).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/bills', headers: { 'x-api-key': 'guess' } })).statusCode).toBe(429);
    });
  });
});

describe('the per-IP limit on /auth', () => {
  it('applies across accounts, on top of the tier', async () => {
    await withApp({ ...NO_LIMITS, authIpQuota: { limit: 4, windowMs: 60_000 } }, async (t) => {
      for (let i = 0; i < 4; i++) {
        const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: `guess${i}@example.org`, password: 'guessing passwords' } });
        expect(res.statusCode).toBe(401);
        expect(res.headers['ratelimit-limit']).toBe('4');
      }
      const limited = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'guess9@example.org', password: 'guessing passwords' } });
      expectProblem(limited, 429, 'rate-limited');
      expect(limited.headers['retry-after']).toBeDefined();
      // Public reads are not held back by it.
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/bills' })).statusCode).toBe(200);
    });
  });

  it('counts what checks a password or a token, not a signed-in browser\'s own calls under /auth', async () => {
    await withApp({ ...NO_LIMITS, authIpQuota: { limit: 3, windowMs: 60_000 } }, async (t) => {
      const user = await makeUser(t);
      const tokens = await login(t, user); // 1 of 3
      for (let i = 0; i < 5; i++) {
        const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(tokens) });
        expect(me.statusCode).toBe(200);
        expect(me.headers['ratelimit-limit']).not.toBe('3');
      }
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/sessions', headers: bearer(tokens) })).statusCode).toBe(200);
      await login(t, user); // 2 of 3
      const third = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: 'not the password at all' } });
      expect([third.statusCode, third.headers['ratelimit-remaining']]).toEqual([401, '0']);
      expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: user.email } }), 429, 'rate-limited');
    });
  });
});

describe('lockout', () => {
  it('5 failures in the window lock the account (right password included) until an admin unlocks it', async () => {
    await withApp(NO_LIMITS, async (t) => {
      const user = await makeUser(t);
      const attempt = (password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password } });
      for (let i = 0; i < 5; i++) expectProblem(await attempt(`wrong password ${i}!`), 401, 'invalid-credentials');
      const locked = await attempt(user.password);
      expectProblem(locked, 429, 'account-locked');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);

      const admin = await login(t, await makeUser(t, 'admin'));
      expect((await t.app.inject({ method: 'POST', url: `/api/v1/admin/users/${user.id}/unlock`, headers: bearer(admin) })).statusCode).toBe(204);
      expect((await attempt(user.password)).statusCode).toBe(200);
    });
  });

  it('unlocks by itself when the lock expires; unknown accounts lock alike', async () => {
    await withApp({ ...NO_LIMITS, lockout: { attempts: 3, windowMs: 60_000, lockMs: 400 } }, async (t) => {
      const user = await makeUser(t);
      const attempt = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
      for (let i = 0; i < 3; i++) await attempt(user.email, 'not the password!');
      expectProblem(await attempt(user.email, user.password), 429, 'account-locked');
      for (let i = 0; i < 3; i++) await attempt('ghost@example.org', 'not the password!');
      expectProblem(await attempt('ghost@example.org', 'not the password!'), 429, 'account-locked');
      await new Promise((r) => setTimeout(r, 500));
      expect((await attempt(user.email, user.password)).statusCode).toBe(200);
    });
  });

  it('a password reset lifts the lock', async () => {
    await withApp({ ...NO_LIMITS, lockout: { attempts: 2, windowMs: 60_000, lockMs: 60_000 } }, async (t) => {
      const user = await makeUser(t);
      for (let i = 0; i < 2; i++) await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: 'not the password!' } });
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: user.email } });
      let token: string | undefined;
      for (let i = 0; i < 100 && !token; i++) {
        token = (await t.database.rows<{ body: string }>(sql`SELECT body FROM email_outbox WHERE recipient = ${user.email}`))[0]?.body.match(/oprs_\S+/)?.[0];
        if (!token) await new Promise((r) => setTimeout(r, 50));
      }
      expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token, password: 'a fresh start passphrase' } })).statusCode).toBe(204);
      expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: 'a fresh start passphrase' } })).statusCode).toBe(200);
    });
  });
});

describe('client IP and trusted proxies', () => {
  const xff = (ip: string) => ({ 'x-forwarded-for': ip });

  it('X-Forwarded-For is ignored from an untrusted peer: spoofing it does not escape the limit', async () => {
    await withApp(SMALL, async (t) => {
      for (let i = 0; i < 3; i++) await t.app.inject({ method: 'GET', url: '/api/v1/bills', headers: xff(`203.0.113.${i}`) });
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/bills', headers: xff('203.0.113.99') })).statusCode).toBe(429);
    });
  });

  it('X-Forwarded-For from a trusted proxy names the client: separate counts, and the audit log records it', async () => {
    await withApp({ ...SMALL, trustedProxies: ['127.0.0.1'] }, async (t) => {
      for (let i = 0; i < 3; i++) expect((await t.app.inject({ method: 'GET', url: '/api/v1/bills', headers: xff('198.51.100.7') })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/bills', headers: xff('198.51.100.7') })).statusCode).toBe(429);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/bills', headers: xff('198.51.100.8') })).statusCode).toBe(200);

      const email = `proxied-${randomUUID()}@example.org`;
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { ...xff('192.0.2.44, 10.0.0.1'), 'user-agent': 'curl/8' }, payload: { email, password: 'whatever it is' } });
      const [row] = await t.database.rows<{ ip: string; user_agent: string; request_id: string }>(sql`SELECT ip, user_agent, request_id FROM audit_log WHERE actor = ${email}`);
      // The proxy chain is walked from the right while peers are trusted: 10.0.0.1 is not, so it is the client.
      expect(row).toMatchObject({ ip: '10.0.0.1', user_agent: 'curl/8' });
      expect(row!.request_id).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});

describe.skipIf(!process.env.REDIS_URL)('two API instances sharing Redis', () => {
  let a: FastifyInstance;
  let b: FastifyInstance;
  const prefix = `test:${randomUUID()}:`;
  const stores = [redisStore(process.env.REDIS_URL!, prefix), redisStore(process.env.REDIS_URL!, prefix)];

  beforeAll(async () => {
    // Behind a proxy on loopback, as behind nginx: each test is its own client by X-Forwarded-For.
    const security = { jwtSecret: JWT_SECRET, tiers: { anonymous: [{ limit: 5, windowMs: 60_000 }] }, cachedIpQuotas: [{ limit: 4, windowMs: 60_000 }], trustedProxies: ['127.0.0.1'] };
    a = await buildApp({ database, store: stores[0]!, security });
    b = await buildApp({ database, store: stores[1]!, security });
    await a.listen({ port: 0, host: '127.0.0.1' });
    await b.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    for (const s of stores) await s.close();
  });

  const base = (app: FastifyInstance) => `http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/v1`;
  let asked = 0;
  /** A URL of `app` no request has asked before: never in a response cache, so it reaches the database. */
  const fresh = (app: FastifyInstance) => `${base(app)}/bills?per_page=${++asked}`;

  it('a flood of distinct uncached URLs: the second instance sees the first one\'s count, and both refuse past the quota', async () => {
    const seen: [string, number, string | null, string | null][] = [];
    const client = { 'x-forwarded-for': '198.51.100.20' };
    for (const app of [a, a, a, b, b]) {
      const res = await fetch(fresh(app), { headers: client });
      seen.push([app === a ? 'a' : 'b', res.status, res.headers.get('ratelimit-remaining'), res.headers.get('x-cache')]);
    }
    expect(seen).toEqual([['a', 200, '4', 'MISS'], ['a', 200, '3', 'MISS'], ['a', 200, '2', 'MISS'], ['b', 200, '1', 'MISS'], ['b', 200, '0', 'MISS']]);
    for (const app of [a, b]) {
      const res = await fetch(fresh(app), { headers: client });
      expect(res.status).toBe(429);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('cached answers are counted apart, across instances too: a flood of one cached URL is refused past that quota', async () => {
    const client = { 'x-forwarded-for': '198.51.100.21' };
    const address = (app: FastifyInstance) => `${base(app)}/sessions?per_page=3`;
    // Two misses on each instance fill its cache, which keeps a URL from its second read (four of the anonymous five).
    for (const app of [a, a, b, b]) expect((await fetch(address(app), { headers: client })).headers.get('x-cache')).toBe('MISS');
    const hits: [number, string | null, string | null][] = [];
    for (const app of [a, a, b, b, a]) {
      const res = await fetch(address(app), { headers: client });
      hits.push([res.status, res.headers.get('x-cache'), res.headers.get('ratelimit-remaining')]);
    }
    expect(hits).toEqual([[200, 'HIT', '3'], [200, 'HIT', '2'], [200, 'HIT', '1'], [200, 'HIT', '0'], [429, 'MISS', '0']]);
    // The anonymous quota is what the misses left: one more read reaches the database.
    const uncached = await fetch(fresh(b), { headers: client });
    expect([uncached.status, uncached.headers.get('ratelimit-remaining')]).toEqual([200, '0']);
  });

  it('a logout on one instance ends the session on the other (cache eviction over pub/sub)', async () => {
    const email = `twin-${randomUUID()}@example.org`;
    await createUser(database.db, { email, password: 'two instances one session' });
    const tokens = await (await fetch(`${base(a)}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.22' }, body: JSON.stringify({ email, password: 'two instances one session' }) })).json() as { access_token: string };
    const meOn = (app: FastifyInstance) => fetch(`${base(app)}/auth/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect((await meOn(b)).status).toBe(200); // b now caches the session as live
    expect((await fetch(`${base(a)}/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${tokens.access_token}` } })).status).toBe(204);
    let status = 0;
    for (let i = 0; i < 50 && status !== 401; i++) {
      status = (await meOn(b)).status;
      if (status !== 401) await new Promise((r) => setTimeout(r, 20));
    }
    expect(status).toBe(401);
  });
});
