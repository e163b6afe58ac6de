/**
 * The OpenAPI document as a contract, checked over a request set that calls every
 * documented operation on real data: successes (JSON, CSV, 201/202/204), 304s and
 * problems (400, 401, 403, 404, 409, 415), every response validated by
 * test/support/contract.ts against the operation's schema for its status and
 * media type. Every other API test file checks its own responses the same way.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertSettings } from '../../src/db/schema.js';
import { hansard } from '../../src/ingest/hansard.js';
import { legisinfoBills } from '../../src/ingest/legisinfo-bills.js';
import { municipal } from '../../src/ingest/municipal.js';
import { ourcommonsDivisions } from '../../src/ingest/ourcommons-divisions.js';
import { ourcommonsMembers } from '../../src/ingest/ourcommons-members.js';
import type { LightMyRequestResponse } from 'fastify';
import { checkContract, Contract } from '../support/contract.js';
import { SHARED_DATA, testDatabase } from '../support/db.js';
import { importSteps } from '../support/imports.js';
import { legisinfoBillFiles } from '../support/legisinfo.js';
import { bearer, login, makeUser, testApp, type TestApp } from '../security/support.js';

let t: TestApp;
let contract: Contract;

beforeAll(async () => {
  const database = await testDatabase();
  await importSteps(database, [
    [ourcommonsMembers, [join(SHARED_DATA, 'ourcommons-44')]],
    [legisinfoBills, legisinfoBillFiles(['45-1'])],
    [hansard, [join(SHARED_DATA, 'hansard/44-1-200-en.xml')]],
    [ourcommonsDivisions, [join(SHARED_DATA, 'ourcommons-44')]],
    [municipal, [join(SHARED_DATA, 'municipal/toronto.csv')]],
  ]);
  t = await testApp(undefined, database);
  contract = checkContract(t.app);
  // Five imports: longer than the default hook timeout allows on a busy machine.
}, 600_000);

afterAll(async () => {
  await t?.close();
  await t?.database.drop();
});

type Headers = Record<string, string>;
const get = (url: string, headers: Headers = {}) => t.app.inject({ method: 'GET', url, headers });
const send = (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, headers: Headers = {}, payload?: object) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
const first = async (url: string) => ((await get(url)).json() as { results: { url?: string; id: string }[] }).results[0]!;

/** Every list and one of its items, as JSON, as CSV (both ways of asking) and as a 304 on its ETag. */
async function readEverything(): Promise<void> {
  const lists = ['/api/v1/bills', '/api/v1/votes', '/api/v1/committees', '/api/v1/debates', '/api/v1/speeches', '/api/v1/people?current=false',
    '/api/v1/divisions', '/api/v1/jurisdictions', '/api/v1/sessions', '/api/v1/sources', '/api/v1/search?q=tax'];
  const details: string[] = ['/api/v1/bills/ca/45-1/C-12?include=actions,sponsors,votes,texts,committee_meetings', '/api/v1/jurisdictions/ca?include=sessions'];
  for (const list of lists) {
    const res = await get(`${list}${list.includes('?') ? '&' : '?'}per_page=2`);
    expect(res.statusCode, list).toBe(200);
    await get(`${list}${list.includes('?') ? '&' : '?'}format=csv`);
    await get(list, { accept: 'text/csv' });
    const etag = String(res.headers.etag);
    expect((await get(`${list}${list.includes('?') ? '&' : '?'}per_page=2`, { 'if-none-match': etag })).statusCode, list).toBe(304);
    const item = (res.json() as { results: { url?: string }[] }).results[0];
    if (item?.url) details.push(item.url);
  }
  const vote = await first('/api/v1/votes');
  const person = await first('/api/v1/people?jurisdiction=ca&current=false');
  const debate = await first('/api/v1/debates');
  const committee = await first('/api/v1/committees');
  details.push(
    `/api/v1/votes/${vote.id}`,
    `/api/v1/people/${person.id}/votes`, `/api/v1/people/${person.id}/bills`, `/api/v1/people/${person.id}/speeches`,
    `/api/v1/debates/${debate.id}/speeches`, `/api/v1/committees/${committee.id}/meetings`,
    '/api/v1/places?q=toronto', `/api/v1/representatives?place=${encodeURIComponent('Toronto Centre')}`, '/api/v1/representatives?place=Carleton',
    '/api/v1/divisions/ocd-division/country:ca/ed:35097-2013',
  );
  for (const url of details) expect((await get(url)).statusCode, url).toBe(200);
}

describe('every response against the OpenAPI document', () => {
  it('calls every documented operation, and each answer matches it', async () => {
    await readEverything();

    // Problems on the public reads.
    expect((await get('/api/v1/bills?colour=red')).statusCode).toBe(400);
    expect((await get('/api/v1/bills/ocd-bill/00000000-0000-0000-0000-000000000000')).statusCode).toBe(404);
    expect((await get('/api/v1/divisions/ocd-division/country:ca/nowhere:1')).statusCode).toBe(404);
    expect((await get('/api/v1/bills', { authorization: 'Bearer not-a-token' })).statusCode).toBe(401);

    // An account, from registration to logout.
    const email = 'contract-reader@example.org';
    const password = 'a passphrase nobody guesses';
    // The same answer for a new and a taken email (no enumeration).
    expect((await send('POST', '/api/v1/auth/register', {}, { email, password })).statusCode).toBe(202);
    expect((await send('POST', '/api/v1/auth/register', {}, { email, password })).statusCode).toBe(202);
    expect((await send('POST', '/api/v1/auth/register', { 'content-type': 'text/plain' })).statusCode).toBe(415);
    const other = await login(t, { email, password });
    const tokens = await login(t, { email, password });
    const me = bearer(tokens);
    expect((await get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await get('/api/v1/auth/me', me)).statusCode).toBe(200);
    const refreshed = await send('POST', '/api/v1/auth/refresh', {}, { refresh_token: other.refresh_token });
    expect(refreshed.statusCode).toBe(200);
    const sessions = await get('/api/v1/auth/sessions', me);
    const otherSession = (sessions.json() as { results: { id: string; current: boolean }[] }).results.find((s) => !s.current)!;
    expect((await send('DELETE', `/api/v1/auth/sessions/${otherSession.id}`, me)).statusCode).toBe(204);
    expect((await send('DELETE', '/api/v1/auth/sessions', me)).statusCode).toBe(200);
    expect((await send('POST', '/api/v1/auth/password-reset', {}, { email })).statusCode).toBe(202);
    expect((await send('POST', '/api/v1/auth/password-reset/confirm', {}, { token: 'no-such-token-0123456789', password })).statusCode).toBe(400);

    // Keys and follows.
    const created = await send('POST', '/api/v1/keys', me, { name: 'contract' });
    expect(created.statusCode).toBe(201);
    const key = created.json() as { id: string; key: string };
    expect((await get('/api/v1/keys', me)).statusCode).toBe(200);
    expect((await get(`/api/v1/keys/${key.id}`, me)).statusCode).toBe(200);
    expect((await get('/api/v1/keys', { 'x-api-key': key.key })).statusCode).toBe(403);
    const bill = (await get('/api/v1/bills/ca/45-1/C-12')).json() as { id: string };
    const saved = `/api/v1/me/saved/bill/${bill.id.replace('ocd-bill/', '')}`;
    // A key is read-only unless created with more scopes.
    expect((await send('PUT', saved, { 'x-api-key': key.key })).statusCode).toBe(403);
    expect((await send('PUT', saved, me)).statusCode).toBe(201);
    expect((await get('/api/v1/me/saved', me)).statusCode).toBe(200);
    expect((await send('PATCH', saved, me, { email: 'daily', webhook: false })).statusCode).toBe(200);
    expect((await send('DELETE', saved, me)).statusCode).toBe(204);
    expect((await send('DELETE', saved, me)).statusCode).toBe(404);

    // Alerts: the mail choice and private feed, saved searches, webhooks with their log and test event, feeds, unsubscribe.
    const alerts = (await get('/api/v1/me/alerts', me)).json() as { feed_url: string };
    expect((await send('PUT', '/api/v1/me/alerts', me, { email: 'daily' })).statusCode).toBe(200);
    expect((await send('PUT', '/api/v1/me/alerts', me, { email: 'weekly' })).statusCode).toBe(400);
    const search = await send('POST', '/api/v1/me/searches', me, { q: 'border', types: ['bill'] });
    expect(search.statusCode).toBe(201);
    expect((await get('/api/v1/me/searches', me)).statusCode).toBe(200);
    expect((await get(`/api/v1/feeds/searches/${search.json().id}`)).statusCode).toBe(200);
    expect((await send('DELETE', `/api/v1/me/searches/${search.json().id}`, me)).statusCode).toBe(204);
    // An address on the public internet, never contacted here (no worker runs).
    const hook = await send('POST', '/api/v1/me/webhooks', me, { url: 'https://93.184.215.14/hook' });
    expect(hook.statusCode).toBe(201);
    expect((await send('POST', '/api/v1/me/webhooks', me, { url: 'https://127.0.0.1/hook' })).statusCode).toBe(400);
    expect((await get('/api/v1/me/webhooks', me)).statusCode).toBe(200);
    expect((await send('POST', `/api/v1/me/webhooks/${hook.json().id}/test`, me)).statusCode).toBe(202);
    expect((await get(`/api/v1/me/webhooks/${hook.json().id}/deliveries`, me)).statusCode).toBe(200);
    expect((await get(`/api/v1/me/webhooks/${hook.json().id}/deliveries?format=csv`, me)).statusCode).toBe(200);
    expect((await send('DELETE', `/api/v1/me/webhooks/${hook.json().id}`, me)).statusCode).toBe(204);
    expect((await send('DELETE', `/api/v1/me/webhooks/${hook.json().id}`, me)).statusCode).toBe(404);
    expect((await get(`/api/v1/feeds/bills/${bill.id.replace('ocd-bill/', '')}`)).statusCode).toBe(200);
    const person = await first('/api/v1/people?current=false');
    expect((await get(`/api/v1/feeds/people/${person.id.replace('ocd-person/', '')}`)).statusCode).toBe(200);
    // This app fetches no photos (test/api/photos.test.ts serves them): the documented 404 problem.
    expect((await get(`/api/v1/people/${person.id}/photo`)).statusCode).toBe(404);
    expect((await get(new URL(alerts.feed_url).pathname)).statusCode).toBe(200);
    const [settings] = await t.database.db.select().from(alertSettings);
    expect((await send('POST', `/api/v1/unsubscribe/${settings!.unsubscribeToken}`, {}, {})).statusCode).toBe(200);
    expect((await send('POST', `/api/v1/unsubscribe/${'0'.repeat(64)}`, {}, {})).statusCode).toBe(404);

    // The admin's side.
    const admin = bearer(await login(t, await makeUser(t, 'admin')));
    const user = await makeUser(t, 'user');
    expect((await get('/api/v1/admin/users', me)).statusCode).toBe(403);
    expect((await get('/api/v1/admin/users', admin)).statusCode).toBe(200);
    expect((await get('/api/v1/admin/users?format=csv', admin)).statusCode).toBe(200);
    expect((await get(`/api/v1/admin/users/${user.id}`, admin)).statusCode).toBe(200);
    expect((await send('PATCH', `/api/v1/admin/users/${user.id}`, admin, { tier: 'plus' })).statusCode).toBe(200);
    expect((await send('POST', `/api/v1/admin/users/${user.id}/unlock`, admin)).statusCode).toBe(204);
    expect((await get('/api/v1/admin/keys', admin)).statusCode).toBe(200);
    expect((await send('DELETE', `/api/v1/admin/keys/${key.id}`, admin)).statusCode).toBe(204);
    expect((await send('DELETE', `/api/v1/keys/${key.id}`, me)).statusCode).toBe(404);
    expect((await get('/api/v1/admin/audit', admin)).statusCode).toBe(200);
    expect((await get('/api/v1/admin/audit?format=csv', admin)).statusCode).toBe(200);
    expect((await get('/api/v1/admin/outbox', admin)).statusCode).toBe(200);
    expect((await get('/api/v1/admin/imports', admin)).statusCode).toBe(200);
    expect((await get('/api/v1/admin/imports/999999', admin)).statusCode).toBe(404);
    expect((await send('POST', '/api/v1/admin/imports', admin, { source: 'no-such-source' })).statusCode).toBe(400);
    expect((await get('/api/v1/admin/fetch', admin)).statusCode).toBe(200);
    // This app has no FETCH_CONTACT: it may not fetch (test/security/fetch-now.test.ts fetches from a local publisher).
    expect((await send('POST', '/api/v1/admin/fetch/ourcommons-members', admin)).statusCode).toBe(409);
    expect((await send('DELETE', `/api/v1/admin/users/${user.id}`, admin)).statusCode).toBe(204);

    expect((await send('POST', '/api/v1/auth/password', me, { current_password: password, new_password: `${password} again` })).statusCode).toBe(200);
    expect((await send('POST', '/api/v1/auth/logout', me)).statusCode).toBe(204);

    // A method a documented path does not take: the 405 the document describes, checked like any answer.
    expect((await send('DELETE', '/api/v1/bills', admin)).statusCode).toBe(405);
    expect((await send('PUT', '/api/v1/auth/login', admin, { email: 'x' })).statusCode).toBe(405);

    expect(contract.violations).toEqual([]);
    const documented = Object.entries((t.app.swagger() as { paths: Record<string, object> }).paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.filter((operation) => !contract.covered.has(operation))).toEqual([]);
  });
});

describe('the contract check itself', () => {
  const answer = (statusCode: number, contentType: string | undefined, body: string, headers: Record<string, string> = {}) =>
    ({ statusCode, headers: { ...headers, ...(contentType ? { 'content-type': contentType } : {}) }, body, rawPayload: Buffer.from(body) }) as unknown as LightMyRequestResponse;
  const problem = (status: number) => JSON.stringify({ type: 'https://openpolicy.ca/problems/method-not-allowed', title: 'x', status, detail: 'x', instance: '/api/v1/bills' });

  it('reports a body off its schema, an undocumented status or media type, and a body on a 304', () => {
    const check = new Contract();
    check.load(t.app.swagger() as never);
    check.check('GET', '/api/v1/bills?per_page=1', answer(200, 'application/json', '{"results":[{"id":1}],"pagination":{}}'));
    check.check('GET', '/api/v1/bills', answer(418, 'application/json', '{}'));
    check.check('GET', '/api/v1/bills', answer(200, 'text/html', '<p>'));
    check.check('GET', '/api/v1/divisions/ocd-division/country:ca', answer(304, undefined, 'stale'));
    check.check('GET', '/api/v1/votes/ocd-vote/x', answer(404, 'application/problem+json', '{"title":"Not Found","status":404}'));
    check.check('DELETE', '/api/v1/bills', answer(404, 'application/problem+json', problem(404)));
    check.check('DELETE', '/api/v1/bills', answer(405, 'application/problem+json', problem(405), { allow: 'GET' }));
    check.check('DELETE', '/api/v1/bills', answer(405, 'application/problem+json', '{"status":405}', { allow: 'GET, HEAD' }));
    check.check('DELETE', '/api/v1/bills', answer(405, 'application/problem+json', problem(405), { allow: 'GET, HEAD' }));
    expect(check.violations.map((v) => `${v.request} ${v.status}: ${v.problem.split(':')[0]}`)).toEqual([
      'GET /api/v1/bills?per_page=1 200: body does not match the schema',
      'GET /api/v1/bills 418: status 418 is not documented (documented',
      'GET /api/v1/bills 200: media type "text/html" is not documented for 200 (documented',
      'GET /api/v1/divisions/ocd-division/country:ca 304: status 304 is documented without a body, but one was sent',
      'GET /api/v1/votes/ocd-vote/x 404: body does not match the schema',
      'DELETE /api/v1/bills 404: a method /api/v1/bills does not take must be answered 405, not 404',
      'DELETE /api/v1/bills 405: Allow is "GET", the document\'s operations make it "GET, HEAD"',
      'DELETE /api/v1/bills 405: body does not match the Problem schema',
    ]);
    expect([...check.covered]).toEqual(['GET /api/v1/bills', 'GET /api/v1/divisions/{id}', 'GET /api/v1/votes/ocd-vote/{uuid}']);
  });
});
