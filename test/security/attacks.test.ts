/**
 * The holes an outside test found (issue 13), each replayed as the attacker
 * ran it. The percent-encoding bypass (hole 1) has its own file,
 * request-spelling.test.ts; the database's own guard (hole 8) is in
 * database-roles.test.ts.
 */
import { eq, sql } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIENCE, ISSUER } from '../../src/auth/tokens.js';
import { users } from '../../src/db/schema.js';
import { bearer, expectProblem, JWT_SECRET, login, makeUser, NO_LIMITS, PASSWORD, testApp, type TestApp, type TestUser } from './support.js';

let t: TestApp;
let admin: TestUser;

beforeAll(async () => {
  t = await testApp({ ...NO_LIMITS, lockout: { attempts: 3, windowMs: 60_000, lockMs: 60_000 } });
  admin = await makeUser(t, 'admin');
});
afterAll(async () => {
  await t?.close();
});

async function newKey(user: TestUser, body: Record<string, unknown> = {}) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/keys', headers: bearer(await login(t, user)), payload: { name: 'attack', ...body } });
  return res;
}

describe('hole 2: an admin\'s API key as a full admin credential', () => {
  it('an admin key cannot promote a user, read the outbox, the audit log or the users, even with every scope it may have', async () => {
    const victim = await makeUser(t, 'user');
    const created = await newKey(admin, { scopes: ['public:read', 'saved:manage', 'imports:read', 'imports:run', 'records:edit'] });
    expect(created.statusCode).toBe(201);
    const key = { 'x-api-key': created.json().key as string };
    expectProblem(await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/users/${victim.id}`, headers: key, payload: { role: 'admin' } }), 403, 'forbidden');
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/admin/outbox', headers: key }), 403, 'forbidden');
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit', headers: key }), 403, 'forbidden');
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: key }), 403, 'forbidden');
    // The one scope it was given beyond reading works.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/imports', headers: key })).statusCode).toBe(200);
  });

  it('a key is created read-only unless scopes are asked for, and never with user management, mail, audit or account scopes', async () => {
    const created = await newKey(admin);
    expect(created.json().scopes).toEqual(['public:read']);
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/admin/imports', headers: { 'x-api-key': created.json().key } }), 403, 'forbidden');
    for (const scope of ['users:manage', 'outbox:read', 'audit:read', 'ops:read', 'account:self', 'keys:manage']) {
      expectProblem(await newKey(admin, { scopes: [scope] }), 400, 'invalid-parameter');
    }
  });

  it('a user cannot give a key a scope beyond their role; an editor can give imports:run', async () => {
    expectProblem(await newKey(await makeUser(t, 'user'), { scopes: ['imports:run'] }), 403, 'scope-not-allowed');
    const editorKey = await newKey(await makeUser(t, 'editor'), { scopes: ['imports:run'] });
    expect(editorKey.statusCode).toBe(201);
    expect(editorKey.json().scopes).toEqual(['imports:run']);
  });

  it('a key\'s scopes never outgrow its owner: an editor demoted to user loses imports with the key', async () => {
    const editor = await makeUser(t, 'editor');
    const key = { 'x-api-key': (await newKey(editor, { scopes: ['imports:read'] })).json().key as string };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/imports', headers: key })).statusCode).toBe(200);
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/users/${editor.id}`, headers: bearer(await login(t, admin)), payload: { role: 'user' } });
    expect(patched.statusCode).toBe(200);
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/admin/imports', headers: key }), 403, 'forbidden');
  });
});


const post = (url: string, payload: object, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, payload, headers });

async function mailedResetToken(email: string): Promise<string> {
  const before = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM email_outbox WHERE recipient = ${email}`);
  expect((await post('/auth/password-reset', { email })).statusCode).toBe(202);
  for (let i = 0; i < 100; i++) {
    const rows = await t.database.rows<{ body: string }>(sql`SELECT body FROM email_outbox WHERE recipient = ${email} ORDER BY id DESC`);
    const token = rows.length > (before[0]?.n ?? 0) ? rows[0]!.body.match(/oprs_[A-Za-z0-9_-]+/)?.[0] : undefined;
    if (token) return token;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no reset mail for ${email}`);
}

describe('hole 3: a reset or a password change that does not cut an attacker off', () => {
  it('after a reset, the attacker\'s API key, session and older reset token are all dead', async () => {
    const victim = await makeUser(t);
    const attackerSession = await login(t, victim);
    const attackerKey = { 'x-api-key': (await newKey(victim)).json().key as string };
    expect((await t.app.inject({ url: '/api/v1/bills', headers: attackerKey })).statusCode).toBe(200);
    const older = await mailedResetToken(victim.email);
    const newer = await mailedResetToken(victim.email);
    expect((await post('/auth/password-reset/confirm', { token: newer, password: 'the owner took it back' })).statusCode).toBe(204);
    expectProblem(await t.app.inject({ url: '/api/v1/bills', headers: attackerKey }), 401, 'invalid-api-key');
    expectProblem(await t.app.inject({ url: '/api/v1/auth/me', headers: bearer(attackerSession) }), 401);
    expectProblem(await post('/auth/refresh', { refresh_token: attackerSession.refresh_token }), 401);
    expectProblem(await post('/auth/password-reset/confirm', { token: older, password: 'the attacker tries again' }), 400, 'invalid-reset-token');
    await login(t, { email: victim.email, password: 'the owner took it back' });
  });

  it('after a password change, a reset token issued before it no longer works, other sessions end, and the remaining keys are listed', async () => {
    const victim = await makeUser(t);
    const stolen = await mailedResetToken(victim.email);
    const other = await login(t, victim);
    const here = await login(t, victim);
    const key = (await newKey(victim)).json();
    const changed = await post('/auth/password', { current_password: PASSWORD, new_password: 'a changed passphrase now' }, bearer(here));
    expect(changed.statusCode).toBe(200);
    // `other`, and the session newKey() logged in with.
    expect(changed.json()).toMatchObject({ sessions_revoked: 2, reset_tokens_revoked: 1 });
    expect(changed.json().api_keys.map((k: { id: string }) => k.id)).toEqual([key.id]);
    expectProblem(await post('/auth/password-reset/confirm', { token: stolen, password: 'the attacker resets it' }), 400, 'invalid-reset-token');
    expectProblem(await t.app.inject({ url: '/api/v1/auth/me', headers: bearer(other) }), 401);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: bearer(here) })).statusCode).toBe(200);
  });
});

describe('hole 4: guessing the current password at /auth/password while the account is locked', () => {
  it('failures there count toward the lockout, and a locked account gets 429 without the guess being evaluated', async () => {
    const victim = await makeUser(t);
    const stolen = bearer(await login(t, victim));
    for (let i = 0; i < 3; i++) expectProblem(await post('/auth/password', { current_password: `guess number ${i}!`, new_password: 'whatever passphrase' }, stolen), 403, 'wrong-password');
    expectProblem(await post('/auth/login', { email: victim.email, password: PASSWORD }), 429, 'account-locked');
    // The right password, while locked: refused all the same, so the lock cannot be used as an oracle.
    expectProblem(await post('/auth/password', { current_password: PASSWORD, new_password: 'a new passphrase here' }, stolen), 429, 'account-locked');
  });
});

describe('hole 5: email enumeration at registration', () => {
  it('a taken email is answered exactly like a new one, and its owner is mailed', async () => {
    const owner = await makeUser(t);
    const fresh = await post('/auth/register', { email: `new-${owner.id}@example.org`, password: 'a registration passphrase' });
    const taken = await post('/auth/register', { email: owner.email.toUpperCase(), password: 'a registration passphrase' });
    expect(taken.statusCode).toBe(fresh.statusCode);
    expect(taken.json()).toEqual(fresh.json());
    const mail = await t.database.rows<{ subject: string }>(sql`SELECT subject FROM email_outbox WHERE recipient = ${owner.email}`);
    expect(mail.map((m) => m.subject)).toEqual(['Someone tried to register with your address on OpenPolicy']);
    const [row] = await t.database.db.select().from(users).where(eq(users.email, owner.email));
    expect(row!.passwordHash).not.toBe('');
  });
});

describe('hole 7: /metrics and /health/ready details for anyone', () => {
  it('without METRICS_TOKEN, /metrics and readiness details answer only internal networks', async () => {
    const outside = { remoteAddress: '203.0.113.9' };
    expectProblem(await t.app.inject({ url: '/metrics', ...outside }), 403, 'forbidden');
    expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(200);
    const ready = await t.app.inject({ url: '/health/ready', ...outside });
    expect(ready.json()).toEqual({ status: 'ready' });
    expect((await t.app.inject({ url: '/health/ready' })).json().checks).toBeDefined();
  });
});

describe('hole 9: an access token with a far-future exp', () => {
  it('is refused: the 15-minute lifetime counts from iat', async () => {
    const user = await makeUser(t);
    const { access_token } = await login(t, user);
    const claims = JSON.parse(Buffer.from(access_token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    const sign = (iat: number, exp: number) => new SignJWT({ ...claims, iat, exp }).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setIssuer(ISSUER).setAudience(AUDIENCE).sign(new TextEncoder().encode(JWT_SECRET));
    const now = Math.floor(Date.now() / 1000);
    expectProblem(await t.app.inject({ url: '/api/v1/auth/me', headers: bearer(await sign(now - 3600, now + 10 * 365 * 86400)) }), 401);
    expectProblem(await t.app.inject({ url: '/api/v1/auth/me', headers: bearer(await sign(now + 3600, now + 4000)) }), 401);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: bearer(await sign(now, now + 900)) })).statusCode).toBe(200);
  });
});

describe('hole 10: a POST with a body to an unknown or read-only route', () => {
  it('answers 404 for an unknown route and 405 with Allow for a read-only one, never "POST undefined takes no request body"', async () => {
    const unknown = expectProblem(await post('/nowhere', { a: 1 }), 404, 'not-found');
    expect(unknown.detail).not.toMatch(/undefined/);
    const readOnly = await post('/bills', { a: 1 });
    expectProblem(readOnly, 405, 'method-not-allowed');
    expect(readOnly.headers.allow).toBe('GET, HEAD');
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/auth/login' })).headers.allow).toBe('POST');
  });
});
