/**
 * API keys: shown once, stored hashed, sent as X-API-Key or ?apikey=, revocable,
 * invisible to other users; admins alone list and revoke every user's keys.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, expectProblem, login, makeUser, testApp, type TestApp, type TestUser, type Tokens } from './support.js';

let t: TestApp;
let aliceUser: TestUser;
let bobUser: TestUser;
let alice: Tokens;
let bob: Tokens;

beforeAll(async () => {
  t = await testApp();
  aliceUser = await makeUser(t);
  bobUser = await makeUser(t);
  alice = await login(t, aliceUser);
  bob = await login(t, bobUser);
});
afterAll(async () => {
  await t?.close();
});

const call = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

describe('creating and listing', () => {
  it('shows the key once, with a visible prefix; lists never show it again', async () => {
    const res = await call('POST', '/keys', bearer(alice), { name: 'newsroom dashboard' });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created.key).toMatch(/^opk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    expect(res.headers.location).toBe(`/api/v1/keys/${created.id}`);
    expect(res.headers['cache-control']).toBe('no-store');

    const list = await call('GET', '/keys', bearer(alice));
    expect(list.json().results).toHaveLength(1);
    expect(list.body).not.toContain(created.key);
    expect(list.json().results[0]).toMatchObject({ id: created.id, prefix: created.prefix, name: 'newsroom dashboard', revoked_at: null });
    expect((await call('GET', `/keys/${created.id}`, bearer(alice))).json()).not.toHaveProperty('key');
  });

  it('stores only the SHA-256 of the key', async () => {
    const { key } = (await call('POST', '/keys', bearer(alice), { name: 'hash check' })).json();
    const rows = await t.database.rows<{ key_hash: string; prefix: string }>(sql`SELECT key_hash, prefix FROM api_keys WHERE name = 'hash check'`);
    expect(rows).toEqual([{ key_hash: createHash('sha256').update(key).digest('hex'), prefix: key.slice(0, 12) }]);
    const everywhere = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM api_keys WHERE row_to_json(api_keys)::text LIKE ${`%${key.slice(13)}%`}`);
    expect(everywhere[0]!.n).toBe(0);
  });

  it('validates name and expiry', async () => {
    expectProblem(await call('POST', '/keys', bearer(alice), { name: '' }), 400);
    expectProblem(await call('POST', '/keys', bearer(alice), { name: 'x', expires_at: '2000-01-01T00:00:00Z' }), 400, 'invalid-parameter');
    expectProblem(await call('POST', '/keys', bearer(alice), { name: 'x', owner: 'someone' }), 400);
  });
});

describe('using a key', () => {
  it('authenticates as X-API-Key or ?apikey=, with the user\'s quota', async () => {
    const { key } = (await call('POST', '/keys', bearer(alice), { name: 'reader' })).json();
    const viaHeader = await call('GET', '/bills?per_page=1', { 'x-api-key': key });
    expect(viaHeader.statusCode).toBe(200);
    expect(viaHeader.headers['ratelimit-policy']).toBe('100000;w=60');
    const viaQuery = await t.app.inject({ method: 'GET', url: `/api/v1/bills?per_page=1&apikey=${key}` });
    expect(viaQuery.statusCode).toBe(200);
  });

  it('an unknown, malformed or revoked key is a 401, not a silent anonymous request', async () => {
    const created = (await call('POST', '/keys', bearer(alice), { name: 'short-lived' })).json();
    expect((await call('DELETE', `/keys/${created.id}`, bearer(alice))).statusCode).toBe(204);
    for (const k of [created.key, 'opk_00000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'nonsense', '']) {
      expectProblem(await call('GET', '/bills', { 'x-api-key': k }), 401, 'invalid-api-key');
    }
    expect((await call('GET', `/keys/${created.id}`, bearer(alice))).json().revoked_at).not.toBeNull();
  });

  it('cannot manage keys or the account: a leaked key cannot mint more keys', async () => {
    const { key } = (await call('POST', '/keys', bearer(alice), { name: 'leaky' })).json();
    expectProblem(await call('POST', '/keys', { 'x-api-key': key }, { name: 'more' }), 403, 'forbidden');
    expectProblem(await call('GET', '/keys', { 'x-api-key': key }), 403, 'forbidden');
    expectProblem(await call('POST', '/auth/password', { 'x-api-key': key }, { current_password: 'x', new_password: 'y' }), 403, 'forbidden');
  });

  it('sending both a token and a key is refused', async () => {
    const { key } = (await call('POST', '/keys', bearer(alice), { name: 'both' })).json();
    expectProblem(await call('GET', '/bills', { ...bearer(alice), 'x-api-key': key }), 400, 'ambiguous-credentials');
  });
});

describe('another user\'s keys', () => {
  it('are 404 to read or revoke, and missing from my list', async () => {
    const alicesKey = (await call('POST', '/keys', bearer(alice), { name: 'alice only' })).json();
    expectProblem(await call('GET', `/keys/${alicesKey.id}`, bearer(bob)), 404, 'not-found');
    expectProblem(await call('DELETE', `/keys/${alicesKey.id}`, bearer(bob)), 404, 'not-found');
    expect((await call('GET', '/keys', bearer(bob))).json().results).toEqual([]);
    expect((await call('GET', '/bills', { 'x-api-key': alicesKey.key })).statusCode).toBe(200);
  });
});

describe('the admin console: every user\'s keys', () => {
  let admin: Tokens;
  let adminUser: TestUser;
  let editor: Tokens;
  const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');
  const ADMIN_KEY_FIELDS = ['created_at', 'expires_at', 'id', 'last_used_at', 'name', 'owner', 'prefix', 'revoked_at', 'scopes', 'user_id'];

  beforeAll(async () => {
    adminUser = await makeUser(t, 'admin');
    admin = await login(t, adminUser);
    editor = await login(t, await makeUser(t, 'editor'));
  });

  it('lists the keys of different users with their owner and tier, never a key or its hash', async () => {
    const ofAlice = (await call('POST', '/keys', bearer(alice), { name: 'console alice' })).json();
    const ofBob = (await call('POST', '/keys', bearer(bob), { name: 'console bob' })).json();
    // Tiers stay per user, changed on the user; the key list shows the owner's.
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/users/${bobUser.id}`, headers: bearer(admin), payload: { tier: 'plus' } })).statusCode).toBe(200);

    const res = await call('GET', '/admin/keys?q=console', bearer(admin));
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const { results, pagination } = res.json();
    expect(pagination.total_items).toBe(2);
    expect(results).toEqual([
      expect.objectContaining({ id: ofBob.id, name: 'console bob', prefix: ofBob.prefix, user_id: bobUser.id, owner: { email: bobUser.email, username: null, tier: 'plus' }, revoked_at: null }),
      expect.objectContaining({ id: ofAlice.id, name: 'console alice', prefix: ofAlice.prefix, user_id: aliceUser.id, owner: { email: aliceUser.email, username: null, tier: 'default' } }),
    ]);
    for (const item of results) expect(Object.keys(item).sort()).toEqual(ADMIN_KEY_FIELDS);
    const csv = await call('GET', '/admin/keys?q=console&format=csv', bearer(admin));
    const [header, ...lines] = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(header).toBe('id,name,prefix,user_id,owner_email,owner_username,owner_tier,created_at,last_used_at,expires_at,revoked_at');
    for (const body of [res.body, csv.body]) {
      for (const secret of [ofAlice.key, ofBob.key, sha256(ofAlice.key), sha256(ofBob.key)]) expect(body).not.toContain(secret);
      expect(body).not.toMatch(/hash/i);
    }
  });

  it('is forbidden to a plain user and an editor, who cannot revoke another user\'s key either', async () => {
    const ofBob = (await call('POST', '/keys', bearer(bob), { name: 'not theirs to revoke' })).json();
    for (const who of [alice, editor]) {
      expectProblem(await call('GET', '/admin/keys', bearer(who)), 403, 'forbidden');
      expectProblem(await call('GET', `/admin/keys?user_id=${bobUser.id}`, bearer(who)), 403, 'forbidden');
      expectProblem(await call('DELETE', `/admin/keys/${ofBob.id}`, bearer(who)), 403, 'forbidden');
    }
    expectProblem(await call('GET', '/admin/keys', {}), 401);
    expect((await call('GET', '/bills?per_page=1', { 'x-api-key': ofBob.key })).statusCode).toBe(200);
  });

  it('an admin revokes another user\'s key: it stops authenticating at once, and the audit log records who did it', async () => {
    const ofBob = (await call('POST', '/keys', bearer(bob), { name: 'revoked by an admin' })).json();
    // Used once, so the authenticator has it cached: the revocation must evict it.
    expect((await call('GET', '/bills?per_page=1', { 'x-api-key': ofBob.key })).statusCode).toBe(200);

    expect((await call('DELETE', `/admin/keys/${ofBob.id}`, bearer(admin))).statusCode).toBe(204);
    expectProblem(await call('GET', '/bills?per_page=1', { 'x-api-key': ofBob.key }), 401, 'invalid-api-key');
    expect((await call('GET', `/keys/${ofBob.id}`, bearer(bob))).json().revoked_at).not.toBeNull();
    const [entry] = await t.database.rows<{ user_id: string; action: string; target_type: string; details: Record<string, unknown> }>(
      sql`SELECT user_id, action, target_type, details FROM audit_log WHERE target_id = ${ofBob.id} AND action = 'key.revoke'`,
    );
    expect(entry).toEqual({ user_id: adminUser.id, action: 'key.revoke', target_type: 'api_key', details: { prefix: ofBob.prefix, owner_id: bobUser.id } });

    expectProblem(await call('DELETE', `/admin/keys/${ofBob.id}`, bearer(admin)), 404, 'not-found');
    expectProblem(await call('DELETE', '/admin/keys/0f0e0d0c-0b0a-4908-8706-050403020100', bearer(admin)), 404, 'not-found');
  });

  it('filters by owner, revoked state and a literal search term, and walks the list by cursor', async () => {
    const list = async (query: string) => {
      const res = await call('GET', `/admin/keys?${query}`, bearer(admin));
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { results: { id: string; user_id: string; prefix: string; revoked_at: string | null }[]; pagination: { total_items: number; next: string | null } };
    };
    const ofBob = (await list(`user_id=${bobUser.id}&per_page=100`)).results;
    expect(ofBob.length).toBeGreaterThanOrEqual(3);
    expect(new Set(ofBob.map((k) => k.user_id))).toEqual(new Set([bobUser.id]));

    const revoked = await list('revoked=true&per_page=100');
    expect(revoked.results.length).toBeGreaterThanOrEqual(2);
    expect(revoked.results.every((k) => k.revoked_at !== null)).toBe(true);
    const live = await list('revoked=false&per_page=100');
    expect(live.results.every((k) => k.revoked_at === null)).toBe(true);
    expect(revoked.pagination.total_items + live.pagination.total_items).toBe((await list('')).pagination.total_items);

    expect((await list(`q=${ofBob[0]!.prefix.slice(4)}`)).results.map((k) => k.id)).toEqual([ofBob[0]!.id]);
    const byOwner = await list(`q=${encodeURIComponent(bobUser.email.split('@')[0]!.toUpperCase())}&per_page=100`);
    expect(byOwner.results.map((k) => k.id).sort()).toEqual(ofBob.map((k) => k.id).sort());
    // LIKE's wildcards in the term are literal: "%" finds the one key with a percent sign in its name.
    const percent = (await call('POST', '/keys', bearer(alice), { name: '100% literal' })).json();
    expect((await list('q=%25')).results.map((k) => k.id)).toEqual([percent.id]);

    // Keys made within one millisecond (all a JS Date keeps) still come one per page by cursor, none skipped.
    for (const micro of [100, 200, 300]) {
      await t.database.rows(sql`INSERT INTO api_keys (user_id, name, prefix, key_hash, created_at)
        VALUES (${aliceUser.id}, ${`same millisecond ${micro}`}, 'opk_00000000', ${`not-a-hash-${micro}`}, ${`2020-01-01T00:00:00.000${micro}Z`})`);
    }
    const walked: string[] = [];
    for (let url: string | null = '/api/v1/admin/keys?q=same+millisecond&per_page=1'; url;) {
      const page: { results: { name: string }[]; pagination: { next: string | null } } = (await t.app.inject({ method: 'GET', url, headers: bearer(admin) })).json();
      walked.push(...page.results.map((k) => k.name));
      url = page.pagination.next;
    }
    expect(walked).toEqual(['same millisecond 300', 'same millisecond 200', 'same millisecond 100']);
  });

  it('answers bad filter values with a 400 problem', async () => {
    for (const query of ['user_id=not-a-uuid', 'revoked=maybe', 'q=', `q=${'x'.repeat(101)}`, 'per_page=0', 'page=0', 'owner=alice', 'cursor=WyJhYmMiXQ', 'cursor=not-base64!']) {
      expectProblem(await call('GET', `/admin/keys?${query}`, bearer(admin)), 400);
    }
    expectProblem(await call('DELETE', '/admin/keys/not-a-uuid', bearer(admin)), 400);
  });
});
