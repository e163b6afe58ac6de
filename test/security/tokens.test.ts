/** Access tokens from the attacker's side: every tampered or stale token is a 401, never a foothold. */
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessTokens, AUDIENCE, ISSUER } from '../../src/auth/tokens.js';
import { bearer, expectProblem, JWT_SECRET, login, makeUser, testApp, type TestApp, type TestUser, type Tokens } from './support.js';

let t: TestApp;
let user: TestUser;
let tokens: Tokens;
let claims: { sub: string; sid: string; role: string };

beforeAll(async () => {
  t = await testApp();
  user = await makeUser(t);
  tokens = await login(t, user);
  const payload = JSON.parse(Buffer.from(tokens.access_token.split('.')[1]!, 'base64url').toString()) as typeof claims;
  claims = { sub: payload.sub, sid: payload.sid, role: payload.role };
});
afterAll(async () => {
  await t?.close();
});

const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
const key = new TextEncoder().encode(JWT_SECRET);
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token with these header/claims, signed with `secret` (the app's own unless told). */
function forge(overrides: { claims?: Record<string, unknown>; header?: Record<string, unknown>; secret?: Uint8Array; exp?: string | number } = {}) {
  return new SignJWT({ type: 'access', role: claims.role, sid: claims.sid, ...overrides.claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', ...overrides.header })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(overrides.exp ?? '15m')
    .sign(overrides.secret ?? key);
}

describe('a valid access token', () => {
  it('works, and a correctly forged copy with our secret works too (the control for the cases below)', async () => {
    expect((await me(tokens.access_token)).statusCode).toBe(200);
    expect((await me(await forge())).statusCode).toBe(200);
  });
});

describe('tampered access tokens → 401', () => {
  it('alg "none" (unsigned)', async () => {
    const [, payload] = tokens.access_token.split('.');
    expectProblem(await me(`${b64({ alg: 'none', typ: 'at+jwt' })}.${payload}.`), 401, 'invalid-token');
    expectProblem(await me(`${b64({ alg: 'none', typ: 'JWT' })}.${payload}`), 401);
  });

  it('a wrong signature: another secret, or the payload edited after signing', async () => {
    expectProblem(await me(await forge({ secret: new TextEncoder().encode('another-secret-that-is-also-32-bytes-long!!') })), 401, 'invalid-token');
    const [header, , signature] = tokens.access_token.split('.');
    const promoted = b64({ ...JSON.parse(Buffer.from(tokens.access_token.split('.')[1]!, 'base64url').toString()), role: 'admin' });
    expectProblem(await me(`${header}.${promoted}.${signature}`), 401, 'invalid-token');
  });

  it('expired', async () => {
    const res = await me(await forge({ exp: Math.floor(Date.now() / 1000) - 60 }));
    expectProblem(res, 401, 'token-expired');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer .*error="invalid_token"/);
  });

  it('a refresh token used as an access token, and a signed token whose type is not "access"', async () => {
    expectProblem(await me(tokens.refresh_token), 401, 'invalid-token');
    expectProblem(await me(await forge({ claims: { type: 'refresh' } })), 401, 'invalid-token');
  });

  it('the wrong issuer, audience, header type or algorithm', async () => {
    const wrongIssuer = await new SignJWT({ type: 'access', role: 'user', sid: claims.sid }).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setSubject(claims.sub).setIssuer('someone-else').setAudience(AUDIENCE).setIssuedAt().setExpirationTime('5m').sign(key);
    const wrongAudience = await new SignJWT({ type: 'access', role: 'user', sid: claims.sid }).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setSubject(claims.sub).setIssuer(ISSUER).setAudience('another-api').setIssuedAt().setExpirationTime('5m').sign(key);
    for (const token of [wrongIssuer, wrongAudience, await forge({ header: { typ: 'JWT' } }), await forge({ header: { alg: 'HS512' } })]) {
      expectProblem(await me(token), 401, 'invalid-token');
    }
  });

  it('a role claim the user does not have (a signed token can still not raise its role)', async () => {
    expectProblem(await me(await forge({ claims: { role: 'admin' } })), 401, 'invalid-token');
    expectProblem(await me(await forge({ claims: { role: 'superuser' } })), 401, 'invalid-token');
  });

  it('a session id that is not one of the user\'s live sessions', async () => {
    expectProblem(await me(await forge({ claims: { sid: '00000000-0000-4000-8000-000000000000' } })), 401, 'invalid-token');
  });

  it('garbage, a bare token without "Bearer", or another scheme', async () => {
    for (const authorization of ['Bearer', 'Bearer not.a.jwt', tokens.access_token, `Basic ${Buffer.from('a:b').toString('base64')}`, `Bearer ${'x'.repeat(5000)}`]) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization } });
      expect(res.statusCode, authorization.slice(0, 20)).toBe(401);
    }
  });
});

describe('tokens of users that changed', () => {
  it('a disabled user\'s access token, refresh token and API key stop working at once', async () => {
    const victim = await makeUser(t);
    const pair = await login(t, victim);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/keys', headers: bearer(pair), payload: { name: 'k' } });
    const apiKey = created.json().key as string;
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/bills', headers: { 'x-api-key': apiKey } })).statusCode).toBe(200);

    const admin = await login(t, await makeUser(t, 'admin'));
    const disable = await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/users/${victim.id}`, headers: bearer(admin), payload: { disabled: true } });
    expect(disable.json()).toMatchObject({ disabled: true });

    expectProblem(await me(pair.access_token), 401, 'invalid-token');
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: pair.refresh_token } }), 401);
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/bills', headers: { 'x-api-key': apiKey } }), 401, 'invalid-api-key');
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: victim.email, password: victim.password } }), 403, 'account-disabled');
  });

  it('a deleted user\'s access token → 401', async () => {
    const victim = await makeUser(t);
    const pair = await login(t, victim);
    const admin = await login(t, await makeUser(t, 'admin'));
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/users/${victim.id}`, headers: bearer(admin) })).statusCode).toBe(204);
    expectProblem(await me(pair.access_token), 401, 'invalid-token');
  });

  it('after a role change the old token is refused, and a refresh carries the new role', async () => {
    const promoted = await makeUser(t);
    const pair = await login(t, promoted);
    const admin = await login(t, await makeUser(t, 'admin'));
    await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/users/${promoted.id}`, headers: bearer(admin), payload: { role: 'editor' } });
    expectProblem(await me(pair.access_token), 401, 'invalid-token');
    const fresh = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: pair.refresh_token } })).json();
    expect((await me(fresh.access_token)).json().role).toBe('editor');
  });
});

it('the signer refuses nothing it issued and accepts nothing else (unit)', async () => {
  const signer = new AccessTokens(JWT_SECRET);
  const token = await signer.sign({ userId: claims.sub, role: 'user', sessionId: claims.sid });
  await expect(signer.verify(token)).resolves.toEqual({ userId: claims.sub, role: 'user', sessionId: claims.sid });
  await expect(new AccessTokens('a-completely-different-secret-of-32+-bytes').verify(token)).rejects.toThrow(/not valid/);
});
