/** Following bills and people: per-user, idempotent, invisible to other users, under row-level security. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/api-keys.js';
import { sha256 } from '../../src/auth/tokens.js';
import { scoped } from '../../src/auth/scope.js';
import { legisinfoBills } from '../../src/ingest/legisinfo-bills.js';
import { runImport } from '../../src/ingest/runner.js';
import { legisinfoBillFiles } from '../support/legisinfo.js';
import { bearer, expectProblem, login, makeUser, testApp, type TestApp, type TestUser, type Tokens } from './support.js';

let t: TestApp;
let alice: Tokens;
let bob: Tokens;
let aliceUser: TestUser;
let bobUser: TestUser;
let bill: { id: string; identifier: string; url: string };
let sponsor: { id: string; name: string };

const uuidOf = (ocdId: string) => ocdId.split('/')[1]!;

beforeAll(async () => {
  t = await testApp();
  const report = await runImport(t.database, legisinfoBills, legisinfoBillFiles(['45-1']));
  expect(report.status).toBe('succeeded');
  const c12 = (await t.app.inject({ method: 'GET', url: '/api/v1/bills/ca/45-1/C-12' })).json();
  bill = { id: c12.id, identifier: c12.identifier, url: c12.url };
  sponsor = { id: c12.sponsor.id, name: c12.sponsor.name };
  aliceUser = await makeUser(t);
  bobUser = await makeUser(t);
  alice = await login(t, aliceUser);
  bob = await login(t, bobUser);
});
afterAll(async () => {
  await t?.close();
});

const call = (method: 'GET' | 'PUT' | 'DELETE', url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url: `/api/v1/me/saved${url}`, headers });
const billPath = () => `/bill/${uuidOf(bill.id)}`;
const personPath = () => `/person/${uuidOf(sponsor.id)}`;

const NOBODY = '00000000-0000-0000-0000-000000000000';

describe('following', () => {
  it('follows a real bill and a real person, idempotently, and lists them with title and url', async () => {
    expect(bill.identifier).toBe('C-12');
    const first = await call('PUT', billPath(), bearer(alice));
    expect(first.statusCode).toBe(201);
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.json()).toMatchObject({ type: 'bill', item_id: bill.id, url: bill.url });
    expect(first.json().title).toMatch(/^C-12 — /);
    const again = await call('PUT', billPath(), bearer(alice));
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);

    const person = await call('PUT', personPath(), bearer(alice));
    expect(person.statusCode).toBe(201);
    expect(person.json()).toMatchObject({ type: 'person', item_id: sponsor.id, title: sponsor.name, url: `/api/v1/people/${sponsor.id}` });

    const list = await call('GET', '', bearer(alice));
    expect(list.statusCode).toBe(200);
    expect(list.headers['cache-control']).toBe('no-store');
    const results = list.json().results as { type: string; item_id: string; title: string; url: string }[];
    expect(results.map((r) => [r.type, r.item_id]).sort()).toEqual([['bill', bill.id], ['person', sponsor.id]]);
    // The urls answer.
    for (const r of results) expect((await t.app.inject({ method: 'GET', url: r.url })).statusCode, r.url).toBe(200);
  });

  it('unfollows; unfollowing again is a 404', async () => {
    expect((await call('PUT', billPath(), bearer(bob))).statusCode).toBe(201);
    expect((await call('DELETE', billPath(), bearer(bob))).statusCode).toBe(204);
    expect((await call('GET', '', bearer(bob))).json().results).toEqual([]);
    expectProblem(await call('DELETE', billPath(), bearer(bob)), 404, 'not-found');
  });

  it('an unknown bill or person is a 404; a bad type or id a 400', async () => {
    expectProblem(await call('PUT', '/bill/00000000-0000-0000-0000-000000000000', bearer(alice)), 404, 'not-found');
    expectProblem(await call('PUT', '/person/00000000-0000-0000-0000-000000000000', bearer(alice)), 404, 'not-found');
    // A bill's uuid is no person's.
    expectProblem(await call('PUT', `/person/${uuidOf(bill.id)}`, bearer(alice)), 404, 'not-found');
    expectProblem(await call('PUT', `/committee/${uuidOf(bill.id)}`, bearer(alice)), 400);
    expectProblem(await call('PUT', '/bill/not-a-uuid', bearer(alice)), 400);
  });

  it('anonymous callers get a 401', async () => {
    expectProblem(await call('GET', ''), 401);
    expectProblem(await call('PUT', billPath()), 401);
    expectProblem(await call('DELETE', billPath()), 401);
  });
});

describe('another user\'s follows', () => {
  it('are missing from my list and 404 to unfollow', async () => {
    await call('PUT', personPath(), bearer(alice));
    const bobs = (await call('GET', '', bearer(bob))).json().results as { item_id: string }[];
    expect(bobs.map((r) => r.item_id)).not.toContain(sponsor.id);
    expectProblem(await call('DELETE', personPath(), bearer(bob)), 404, 'not-found');
    // Alice still follows it.
    expect((await call('GET', '', bearer(alice))).json().results.map((r: { item_id: string }) => r.item_id)).toContain(sponsor.id);
  });

  it('row-level security: a scoped query without a WHERE sees only its user\'s rows, and none without a user', async () => {
    await call('PUT', billPath(), bearer(bob));
    const all = await t.database.rows<{ n: number }>(sql`SELECT count(DISTINCT user_id)::int AS n FROM saved_items`);
    expect(all[0]!.n).toBe(2);
    // Each user's scope is the hash of a secret of theirs: here, an API key.
    const secretOf = async (userId: string) => sha256((await createApiKey(t.database.db, userId, { name: 'scope', expiresAt: null })).key);
    const seen = async (userId: string) =>
      scoped(t.database.db, { secretHash: userId === NOBODY ? sha256('no such secret') : await secretOf(userId) }, async (tx) => {
        const res = (await tx.execute(sql`SELECT DISTINCT user_id FROM saved_items`)) as unknown as { rows: { user_id: string }[] } | { user_id: string }[];
        return (Array.isArray(res) ? res : res.rows).map((r) => r.user_id);
      });
    expect(await seen(bobUser.id)).toEqual([bobUser.id]);
    expect(await seen(aliceUser.id)).toEqual([aliceUser.id]);
    expect(await seen(NOBODY)).toEqual([]);
    // Planting a row for another user is refused.
    await expect(scoped(t.database.db, { secretHash: await secretOf(bobUser.id) }, (tx) =>
      tx.execute(sql`INSERT INTO saved_items (user_id, item_type, item_id) VALUES (${aliceUser.id}, 'bill', 'ocd-bill/planted')`))).rejects.toThrow();
  });
});
