/** API keys: shown once, stored hashed, sent as X-API-Key or ?apikey=, revocable, invisible to other users. */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, expectProblem, login, makeUser, testApp, type TestApp, type Tokens } from './support.js';

let t: TestApp;
let alice: Tokens;
let bob: Tokens;

beforeAll(async () => {
  t = await testApp();
  alice = await login(t, await makeUser(t));
  bob = await login(t, await makeUser(t));
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
