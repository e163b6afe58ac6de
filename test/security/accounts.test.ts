/** Accounts and sessions from the client's side: register, log in, refresh, log out, change and reset passwords, sessions. */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema.js';
import { bearer, expectProblem, login, makeUser, PASSWORD, testApp, type TestApp } from './support.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t?.close();
});

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, payload: payload as object, headers });
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });

async function outboxToken(email: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const rows = await t.database.rows<{ body: string }>(sql`SELECT body FROM email_outbox WHERE recipient = ${email} ORDER BY id DESC LIMIT 1`);
    const token = rows[0]?.body.match(/oprs_[A-Za-z0-9_-]+/)?.[0];
    if (token) return token;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no reset mail for ${email}`);
}

describe('register', () => {
  it('creates a user with role user, answering 202 without the account itself', async () => {
    const res = await post('/auth/register', { email: 'Ada@Example.org', password: PASSWORD, username: 'ada', name: 'Ada Lovelace' });
    expect(res.statusCode).toBe(202);
    expect(JSON.stringify(res.json())).not.toMatch(/argon2|password|ada@/);
    const [row] = await t.database.db.select().from(users).where(eq(users.email, 'ada@example.org'));
    expect(row).toMatchObject({ username: 'ada', name: 'Ada Lovelace', role: 'user', disabledAt: null });
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('never accepts a role: a role in the body is refused and no account is created', async () => {
    for (const extra of [{ role: 'admin' }, { Role: 'admin' }, { is_admin: true }, { tier: 'partner' }]) {
      const email = `climber-${Object.keys(extra)[0]}@example.org`;
      const res = await post('/auth/register', { email, password: PASSWORD, ...extra });
      const problem = expectProblem(res, 400, 'invalid-parameter');
      expect(problem.parameter).toBe(Object.keys(extra)[0]);
      expect(await t.database.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
    }
  });

  it('applies the password policy: 12+ characters, not common, not the email; no composition rules', async () => {
    expectProblem(await post('/auth/register', { email: 'short@example.org', password: 'Sh0rt!pass' }), 400, 'weak-password');
    const common = expectProblem(await post('/auth/register', { email: 'common@example.org', password: 'qwertyuiop123' }), 400, 'weak-password');
    expect(common.detail).toMatch(/commonly used/);
    expect(expectProblem(await post('/auth/register', { email: 'Password1234@x.org', password: 'PASSWORD1234' }), 400, 'weak-password').detail).toMatch(/commonly used|email/);
    expectProblem(await post('/auth/register', { email: 'samesame12345@example.org', password: 'samesame12345@example.org' }), 400, 'weak-password');
    // Lower-case words only, no digits or symbols: fine under NIST SP 800-63B.
    expect((await post('/auth/register', { email: 'plain@example.org', password: 'plain words are enough' })).statusCode).toBe(202);
  });

  it('makes no second account with the same email (answered like a new one) or username (409: usernames are public)', async () => {
    expect((await post('/auth/register', { email: 'ADA@example.org', password: PASSWORD })).statusCode).toBe(202);
    expect(await t.database.db.select().from(users).where(eq(users.email, 'ada@example.org'))).toHaveLength(1);
    expectProblem(await post('/auth/register', { email: 'other@example.org', password: PASSWORD, username: 'ADA' }), 409, 'username-taken');
  });
});

describe('login', () => {
  it('returns a bearer pair by email or username; /auth/me shows the role', async () => {
    const byEmail = await post('/auth/login', { email: 'ada@example.org', password: PASSWORD });
    expect(byEmail.statusCode).toBe(200);
    expect(byEmail.json()).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    const byName = await post('/auth/login', { username: 'Ada', password: PASSWORD });
    expect(byName.statusCode).toBe(200);
    const me = await get('/auth/me', bearer(byName.json()));
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: 'ada@example.org', role: 'user' });
    expect(me.headers['cache-control']).toBe('no-store');
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const unknown = await post('/auth/login', { email: 'nobody@example.org', password: PASSWORD });
    const wrong = await post('/auth/login', { email: 'ada@example.org', password: 'not the password at all' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.body).toBe(wrong.body);
    expect(unknown.json().type).toMatch(/invalid-credentials$/);
    const strip = (h: Record<string, unknown>) => Object.keys(h).filter((k) => !['date', 'ratelimit-remaining', 'ratelimit-reset'].includes(k)).sort();
    expect(strip(unknown.headers)).toEqual(strip(wrong.headers));
  });

  it('needs exactly one of email or username', async () => {
    expectProblem(await post('/auth/login', { password: PASSWORD }), 400, 'invalid-parameter');
    expectProblem(await post('/auth/login', { email: 'ada@example.org', username: 'ada', password: PASSWORD }), 400, 'invalid-parameter');
  });
});

describe('refresh tokens', () => {
  it('rotate on every use; replaying a rotated token revokes the whole session family', async () => {
    const user = await makeUser(t);
    const first = await login(t, user);
    const second = (await post('/auth/refresh', { refresh_token: first.refresh_token })).json();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    const third = (await post('/auth/refresh', { refresh_token: second.refresh_token })).json();
    expect((await get('/auth/me', bearer(third))).statusCode).toBe(200);

    // An attacker replays the first token: the family dies, including the newest pair.
    expectProblem(await post('/auth/refresh', { refresh_token: first.refresh_token }), 401, 'refresh-token-reused');
    expectProblem(await post('/auth/refresh', { refresh_token: third.refresh_token }), 401, 'invalid-refresh-token');
    expectProblem(await get('/auth/me', bearer(third)), 401, 'invalid-token');
    // Another login is a different family and still works.
    expect((await get('/auth/me', bearer(await login(t, user)))).statusCode).toBe(200);
  });

  it('are opaque and stored only as SHA-256', async () => {
    const tokens = await login(t, await makeUser(t));
    expect(tokens.refresh_token).toMatch(/^opr_[A-Za-z0-9_-]{43}$/);
    const rows = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM refresh_tokens WHERE token_hash = encode(sha256(convert_to(${tokens.refresh_token}, 'UTF8')), 'hex')`);
    expect(rows[0]!.n).toBe(1);
    const plain = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM refresh_tokens WHERE token_hash = ${tokens.refresh_token}`);
    expect(plain[0]!.n).toBe(0);
  });

  it('unknown refresh token → 401', async () => {
    expectProblem(await post('/auth/refresh', { refresh_token: 'opr_not-a-real-token' }), 401, 'invalid-refresh-token');
  });
});

describe('logout and sessions', () => {
  it('logout ends the session: its access and refresh tokens stop working', async () => {
    const tokens = await login(t, await makeUser(t));
    expect((await post('/auth/logout', undefined, bearer(tokens))).statusCode).toBe(204);
    expectProblem(await get('/auth/me', bearer(tokens)), 401, 'invalid-token');
    expectProblem(await post('/auth/refresh', { refresh_token: tokens.refresh_token }), 401, 'invalid-refresh-token');
  });

  it('lists my sessions and revokes one or all others; another user\'s session is a 404', async () => {
    const user = await makeUser(t);
    const laptop = await login(t, user);
    const phone = await login(t, user);
    const tablet = await login(t, user);
    const list = (await get('/auth/sessions', bearer(laptop))).json().results as { id: string; current: boolean }[];
    expect(list).toHaveLength(3);
    expect(list.filter((s) => s.current)).toHaveLength(1);

    const phoneSession = list.find((s) => !s.current)!.id;
    const mallory = await login(t, await makeUser(t));
    expectProblem(await t.app.inject({ method: 'DELETE', url: `/api/v1/auth/sessions/${phoneSession}`, headers: bearer(mallory) }), 404, 'not-found');
    expect(((await get('/auth/sessions', bearer(mallory))).json().results as unknown[])).toHaveLength(1);

    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/auth/sessions/${phoneSession}`, headers: bearer(laptop) })).statusCode).toBe(204);
    const revokedAll = await t.app.inject({ method: 'DELETE', url: '/api/v1/auth/sessions', headers: bearer(laptop) });
    expect(revokedAll.json()).toEqual({ revoked: 1 });
    expect((await get('/auth/me', bearer(laptop))).statusCode).toBe(200);
    for (const other of [phone, tablet]) expect((await get('/auth/me', bearer(other))).statusCode).toBe(401);
  });
});

describe('password change', () => {
  it('needs the current password, applies the policy, and revokes every other session', async () => {
    const user = await makeUser(t);
    const here = await login(t, user);
    const elsewhere = await login(t, user);
    expectProblem(await post('/auth/password', { current_password: 'wrong password here', new_password: 'a brand new passphrase' }, bearer(here)), 403, 'wrong-password');
    expectProblem(await post('/auth/password', { current_password: user.password, new_password: 'short' }, bearer(here)), 400, 'weak-password');
    expect((await post('/auth/password', { current_password: user.password, new_password: 'a brand new passphrase' }, bearer(here))).statusCode).toBe(200);
    expect((await get('/auth/me', bearer(here))).statusCode).toBe(200);
    expectProblem(await get('/auth/me', bearer(elsewhere)), 401);
    expectProblem(await post('/auth/refresh', { refresh_token: elsewhere.refresh_token }), 401);
    expect((await post('/auth/login', { email: user.email, password: user.password })).statusCode).toBe(401);
    expect((await post('/auth/login', { email: user.email, password: 'a brand new passphrase' })).statusCode).toBe(200);
  });
});

describe('password reset', () => {
  it('mails a single-use token to the outbox; confirming sets the password and ends every session', async () => {
    const user = await makeUser(t);
    const before = await login(t, user);
    const res = await post('/auth/password-reset', { email: user.email.toUpperCase() });
    expect(res.statusCode).toBe(202);
    const token = await outboxToken(user.email);

    expectProblem(await post('/auth/password-reset/confirm', { token, password: 'tooshort' }), 400, 'weak-password');
    expect((await post('/auth/password-reset/confirm', { token, password: 'reset to a new passphrase' })).statusCode).toBe(204);
    expectProblem(await post('/auth/password-reset/confirm', { token, password: 'reset it yet again please' }), 400, 'invalid-reset-token');
    expectProblem(await get('/auth/me', bearer(before)), 401);
    expect((await post('/auth/login', { email: user.email, password: user.password })).statusCode).toBe(401);
    expect((await post('/auth/login', { email: user.email, password: 'reset to a new passphrase' })).statusCode).toBe(200);
  });

  it('answers the same for an address without an account, and mails nothing', async () => {
    const known = await post('/auth/password-reset', { email: (await makeUser(t)).email });
    const unknown = await post('/auth/password-reset', { email: 'nobody-here@example.org' });
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    await new Promise((r) => setTimeout(r, 200));
    const rows = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM email_outbox WHERE recipient = 'nobody-here@example.org'`);
    expect(rows[0]!.n).toBe(0);
  });

  it('an admin reads the outbox; a user may not', async () => {
    const user = await makeUser(t);
    await post('/auth/password-reset', { email: user.email });
    await outboxToken(user.email);
    const admin = await login(t, await makeUser(t, 'admin'));
    const outbox = await get(`/admin/outbox?to=${encodeURIComponent(user.email)}`, bearer(admin));
    expect(outbox.statusCode).toBe(200);
    expect(outbox.json().results[0]).toMatchObject({ to: user.email, subject: 'Reset your OpenPolicy password' });
    expectProblem(await get('/admin/outbox', bearer(await login(t, user))), 403, 'forbidden');
  });
});
