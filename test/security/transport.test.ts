/** Security headers on every response, CORS (open reads, an allowlist for credentials), JSON-only bodies and size limits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, expectProblem, login, makeUser, NO_LIMITS, testApp, type TestApp } from './support.js';

const ALLOWED = 'https://app.openpolicy.ca';
let t: TestApp;

beforeAll(async () => {
  t = await testApp({ ...NO_LIMITS, corsOrigins: [ALLOWED] });
});
afterAll(async () => {
  await t?.close();
});

describe('security headers', () => {
  it('are on every API response: success, problem, 404, preflight', async () => {
    const user = await makeUser(t);
    const responses = [
      await t.app.inject({ method: 'GET', url: '/api/v1/bills' }),
      await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' }),
      await t.app.inject({ method: 'GET', url: '/api/v1/no-such-route' }),
      await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(await login(t, user)) }),
      await t.app.inject({ method: 'OPTIONS', url: '/api/v1/bills', headers: { origin: 'https://x.example', 'access-control-request-method': 'GET' } }),
    ];
    for (const res of responses) {
      expect(res.headers['x-content-type-options'], `${res.statusCode}`).toBe('nosniff');
      // Nothing an API answers may run or be framed, even if a browser were made to render it.
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
    }
    // Answers about one user are never cached.
    expect(responses[3]!.headers['cache-control']).toBe('no-store');
  });

  it('documents get the full set', async () => {
    for (const url of ['/docs', '/no-such-page']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['content-security-policy'], url).toContain("default-src 'self'");
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security'], url).toMatch(/max-age=/);
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy'], url).toBe('same-origin');
    }
  });
});

describe('CORS', () => {
  it('any origin may read the public data, without credentials', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/bills', headers: { origin: 'https://someone.example' } });
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.headers['access-control-expose-headers']).toMatch(/RateLimit-Remaining/);
  });

  it('an unlisted origin may not send a token or a key in headers, nor write', async () => {
    const preflight = await t.app.inject({
      method: 'OPTIONS', url: '/api/v1/auth/me',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(String(preflight.headers['access-control-allow-headers'] ?? '').toLowerCase()).not.toContain('authorization');
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    const write = await t.app.inject({ method: 'OPTIONS', url: '/api/v1/keys', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(String(write.headers['access-control-allow-methods'])).not.toContain('POST');
  });

  it('a listed origin may send credentials', async () => {
    const preflight = await t.app.inject({
      method: 'OPTIONS', url: '/api/v1/keys',
      headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(preflight.headers['access-control-allow-credentials']).toBe('true');
    expect(String(preflight.headers['access-control-allow-headers'])).toMatch(/Authorization/);
    expect(String(preflight.headers['access-control-allow-methods'])).toContain('POST');
    expect(preflight.headers.vary).toMatch(/Origin/);
  });
});

describe('bodies', () => {
  it('JSON only where JSON is expected: other media types get 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: 'email=a@b.c&password=x', headers: { 'content-type': type } });
      const problem = expectProblem(res, 415);
      expect(problem.title).toBe('Unsupported Media Type');
    }
  });

  it('a body over the limit gets 413 before it is parsed', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { email: 'big@example.org', password: 'x'.repeat(64 * 1024) } });
    expect(expectProblem(res, 413).title).toBe('Payload Too Large');
  });

  it('unknown fields are refused, and a body where none is expected too', async () => {
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'a@b.c', password: 'x', remember: true } }), 400, 'invalid-parameter');
    const tokens = await login(t, await makeUser(t));
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(tokens), payload: { everywhere: true } }), 400, 'unexpected-body');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(tokens) })).statusCode).toBe(200);
  });
});
