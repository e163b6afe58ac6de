/** The audit trail: what is recorded, who may read it, and that nobody may rewrite it. */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema.js';
import { bearer, expectProblem, login, makeUser, testApp, type TestApp, type TestUser, type Tokens } from './support.js';

let t: TestApp;
let admin: TestUser;
let adminTokens: Tokens;

beforeAll(async () => {
  t = await testApp();
  admin = await makeUser(t, 'admin');
  adminTokens = await login(t, admin);
});
afterAll(async () => {
  await t?.close();
});

interface Entry {
  action: string;
  outcome: string;
  user_id: string | null;
  actor: string | null;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
}

async function trail(query: string): Promise<Entry[]> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/admin/audit?per_page=100&${query}`, headers: bearer(adminTokens) });
  expect(res.statusCode).toBe(200);
  return res.json().results;
}

describe('what is recorded', () => {
  it('each security event of a user\'s life, with user, IP, user agent, request id and outcome', async () => {
    const ua = { 'user-agent': 'audit-test/1.0' };
    const email = 'audited@example.org';
    const reg = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', headers: ua, payload: { email, password: 'an audited passphrase' } });
    expect(reg.statusCode).toBe(202);
    const [registered] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.email, email));
    const userId = registered!.id;
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: ua, payload: { email, password: 'wrong wrong wrong' } });
    const first = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: ua, payload: { email, password: 'an audited passphrase' } })).json();
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', headers: ua, payload: { refresh_token: first.refresh_token } });
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', headers: ua, payload: { refresh_token: first.refresh_token } });
    const tokens = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: ua, payload: { email, password: 'an audited passphrase' } })).json();
    const key = (await t.app.inject({ method: 'POST', url: '/api/v1/keys', headers: { ...ua, ...bearer(tokens) }, payload: { name: 'audited key' } })).json();
    await t.app.inject({ method: 'DELETE', url: `/api/v1/keys/${key.id}`, headers: { ...ua, ...bearer(tokens) } });
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: { ...ua, ...bearer(tokens) }, payload: { current_password: 'an audited passphrase', new_password: 'a changed audited passphrase' } });
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { ...ua, ...bearer(tokens) } });
    await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/users/${userId}`, headers: { ...ua, ...bearer(adminTokens) }, payload: { role: 'editor' } });

    const entries = (await trail(`user_id=${userId}`)).reverse();
    expect(entries.map((e) => `${e.action}:${e.outcome}`)).toEqual([
      'user.register:success',
      'login.failure:failure',
      'login.success:success',
      'refresh.reuse:failure',
      'login.success:success',
      'key.create:success',
      'key.revoke:success',
      'password.change:success',
      'logout:success',
    ]);
    for (const e of entries) {
      expect(e).toMatchObject({ user_id: userId, ip: '127.0.0.1', user_agent: 'audit-test/1.0' });
      expect(e.request_id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(entries[1]!.details).toEqual({ reason: 'wrong-password' });
    expect(entries[5]).toMatchObject({ target_type: 'api_key', target_id: key.id, details: { prefix: key.prefix, name: 'audited key' } });
    // The key itself is never written to the trail.
    expect(JSON.stringify(entries)).not.toContain(key.key);

    const [roleChange] = await trail(`action=user.role_change&user_id=${admin.id}`);
    expect(roleChange).toMatchObject({ actor: admin.email, target_type: 'user', target_id: userId, details: { from: 'user', to: 'editor' } });
  });

  it('failures by unknown users, lockouts and password resets', async () => {
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'ghost', password: 'whatever it is now' } });
    const [ghost] = await trail('action=login.failure&outcome=failure');
    expect(ghost).toMatchObject({ user_id: null, actor: 'ghost', details: { reason: 'unknown-user' } });

    const victim = await makeUser(t);
    for (let i = 0; i < 5; i++) await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: victim.email, password: `guess number ${i}` } });
    expect(await trail(`action=account.locked&user_id=${victim.id}`)).toHaveLength(1);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: victim.email, password: victim.password } });
    expect((await trail(`action=login.failure&user_id=${victim.id}`))[0]!.details).toEqual({ reason: 'locked' });
    await t.app.inject({ method: 'POST', url: `/api/v1/admin/users/${victim.id}/unlock`, headers: bearer(adminTokens) });
    expect(await trail(`action=account.unlock&user_id=${admin.id}`)).toHaveLength(1);
  });

  it('filters by action, outcome, user, IP and time, pages by cursor, and exports CSV', async () => {
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const page = await t.app.inject({ method: 'GET', url: `/api/v1/admin/audit?per_page=2&since=${since}`, headers: bearer(adminTokens) });
    const body = page.json();
    expect(body.results).toHaveLength(2);
    expect(body.results[0].id).toBeGreaterThan(body.results[1].id);
    const next = await t.app.inject({ method: 'GET', url: body.pagination.next, headers: bearer(adminTokens) });
    expect(next.json().results[0].id).toBeLessThan(body.results[1].id);
    expect(await trail('ip=192.0.2.1')).toEqual([]);
    expect(await trail(`until=${since}`)).toEqual([]);
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit?action=made.up', headers: bearer(adminTokens) }), 400);
    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit?format=csv&action=login.success', headers: bearer(adminTokens) });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\n')[0]).toMatch(/^id,at,action,outcome,user_id/);
  });
});

describe('who may read it', () => {
  it('admins only: an editor and a user get 403, anonymous 401', async () => {
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit', headers: bearer(await login(t, await makeUser(t, 'editor'))) }), 403);
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit', headers: bearer(await login(t, await makeUser(t))) }), 403);
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit' }), 401);
  });
});

describe('append-only', () => {
  it('UPDATE, DELETE and TRUNCATE are refused even on the owner\'s connection', async () => {
    const before = (await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`))[0]!.n;
    expect(before).toBeGreaterThan(0);
    await expect(t.database.rows(sql`UPDATE audit_log SET outcome = 'success'`)).rejects.toThrow();
    await expect(t.database.rows(sql`DELETE FROM audit_log`)).rejects.toThrow();
    await expect(t.database.rows(sql`TRUNCATE audit_log`)).rejects.toThrow();
    expect((await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`))[0]!.n).toBe(before);
  });
});

describe('admin user management', () => {
  it('lists and filters users, changes roles and tiers, and never leaves the platform without an admin', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/admin/users?role=admin', headers: bearer(adminTokens) });
    expect(list.json().results.map((u: { email: string }) => u.email)).toContain(admin.email);
    expect(list.body).not.toMatch(/argon2|password_hash/);
    const q = await t.app.inject({ method: 'GET', url: '/api/v1/admin/users?q=audited%25', headers: bearer(adminTokens) });
    expect(q.json().results).toEqual([]); // % is matched literally

    // The only admin cannot demote, disable or delete themself into an admin-less platform.
    const onlyAdmins = (await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL`))[0]!.n;
    expect(onlyAdmins).toBe(1);
    expectProblem(await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/users/${admin.id}`, headers: bearer(adminTokens), payload: { role: 'user' } }), 409, 'last-admin');
    expectProblem(await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/users/${admin.id}`, headers: bearer(adminTokens), payload: { disabled: true } }), 409, 'last-admin');
    expectProblem(await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/users/${admin.id}`, headers: bearer(adminTokens) }), 409);
    expectProblem(await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/users/${admin.id}`, headers: bearer(adminTokens), payload: {} }), 400);
    expectProblem(await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/users/${admin.id}`, headers: bearer(adminTokens), payload: { role: 'root' } }), 400);
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/admin/users/0f0e0d0c-0b0a-4908-8706-050403020100', headers: bearer(adminTokens) }), 404);

    const user = await makeUser(t);
    const tier = await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/users/${user.id}`, headers: bearer(adminTokens), payload: { tier: 'partner' } });
    expect(tier.json()).toMatchObject({ tier: 'partner', role: 'user' });
    expect((await trail(`action=user.tier_change&user_id=${admin.id}`))[0]!.details).toEqual({ from: 'default', to: 'partner' });
  });
});
