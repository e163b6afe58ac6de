/**
 * The conventions every /api/v1 read keeps, checked over every GET route the app
 * registers (so a new route is checked without being listed here): an unknown
 * query parameter is a 400 naming it, a wrong method is a 405 with `Allow`, and
 * problems carry their `instance`; lists say `Vary: Accept` and honour q-values;
 * `If-None-Match` with a list of ETags or `*` is a 304. Every list sorts both
 * ways and every sort walks whole by cursor; every list of public records takes
 * `updated_since` and returns exactly the records changed at or after it.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { municipal } from '../../src/ingest/municipal.js';
import { SHARED_DATA, testDatabase, type TestDatabase } from '../support/db.js';
import { federal44_1, importSteps } from '../support/imports.js';
import { bearer, login, makeUser, NO_LIMITS, testApp, type TestApp } from '../security/support.js';

let database: TestDatabase;
let t: TestApp;
let admin: Record<string, string>;

beforeAll(async () => {
  database = await testDatabase();
  // Real records in every public list, so filters and walks have something to get wrong.
  await importSteps(database, [
    ...federal44_1(),
    // A council: the only people current today (the 44th Parliament has ended; the data holds no member of the 45th).
    [municipal, [join(SHARED_DATA, 'municipal/toronto.csv')]],
  ]);
  // Webhooks to this machine, so a user's delivery log has a webhook to list under.
  t = await testApp(NO_LIMITS, database, { publicUrl: 'http://localhost:8080', webhookPolicy: { allowPrivate: true, ownNetworks: ['loopback'] } });
  // Every permission, so each route gets as far as validating its query.
  admin = bearer(await login(t, await makeUser(t, 'admin')));
}, 600_000);

afterAll(async () => {
  await t?.close();
  await database?.drop();
});

interface Parameter { name: string; in: string; required?: boolean; schema: { enum?: string[]; anyOf?: { format?: string }[] } }
interface Operation {
  parameters?: Parameter[];
  'x-permission'?: string;
  responses: Record<string, { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }>;
}
type Paths = Record<string, Record<string, Operation>>;

// Values a path parameter may take; each route gets the first its schema accepts.
const CANDIDATES = ['00000000-0000-4000-8000-000000000000', '1', 'ca', 'ocd-division/country:ca', 'tax', '0'.repeat(64)];
const ajv = new Ajv2020({ strict: false, coerceTypes: true });
(ajvFormats as unknown as { default: (a: Ajv2020) => void }).default(ajv);

/** A value the schema accepts, from the candidates. */
function sample(where: string, schema: object): string {
  const validate = ajv.compile(schema);
  const value = CANDIDATES.find((c) => validate(c));
  expect(value, `${where}: no sample value`).toBeDefined();
  return value!;
}

/** Every GET of the API, as a URL its path parameters and required query parameters accept, from the document the app serves. */
function readRoutes(): { template: string; url: string; query: URLSearchParams }[] {
  const paths = (t.app.swagger() as unknown as { paths: Paths }).paths;
  return Object.entries(paths).filter(([, item]) => item.get).map(([template, item]) => {
    const parameters = item.get!.parameters ?? [];
    const url = parameters.filter((p) => p.in === 'path').reduce((path, p) => path.replace(`{${p.name}}`, sample(`${template} {${p.name}}`, p.schema)), template);
    const query = new URLSearchParams(parameters.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, sample(`${template} ?${p.name}`, p.schema)]));
    return { template, url, query };
  });
}

function expectProblem(res: LightMyRequestResponse, status: number, instance: string): Record<string, unknown> {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json() as Record<string, unknown>;
  expect(body.instance).toBe(instance);
  return body;
}

describe('every read route', () => {
  it('is every GET route the app registered under /api/v1', () => {
    const registered = t.app.routePermissions.filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1/') && r.url !== '/api/v1/openapi.json');
    expect(readRoutes().length).toBe(registered.length);
    expect(registered.length).toBeGreaterThanOrEqual(35);
  });

  it('answers an unknown query parameter with a 400 naming it, lists and details alike', async () => {
    for (const { template, url, query } of readRoutes()) {
      query.append('no_such_parameter', '1');
      const target = `${url}?${query}`;
      const res = await t.app.inject({ url: target, headers: admin });
      const body = expectProblem(res, 400, target);
      expect(body.parameter, template).toBe('no_such_parameter');
    }
  });

  it('answers a method it does not take with a 405 listing the ones it does', async () => {
    const paths = (t.app.swagger() as unknown as { paths: Paths }).paths;
    for (const { template, url } of readRoutes()) {
      const taken = Object.keys(paths[template]!).map((m) => m.toUpperCase());
      const wrong = ['DELETE', 'PATCH', 'PUT', 'POST'].find((m) => !taken.includes(m))!;
      const res = await t.app.inject({ method: wrong, url, headers: admin });
      expectProblem(res, 405, url);
      expect(res.headers.allow, `${wrong} ${template}`).toBe([...taken, 'HEAD'].sort().join(', '));
      // With a body, readable or not, the method is still the mistake: 405, not a 400 about the body.
      for (const payload of ['{"name":"x"}', '{not json']) {
        const withBody = await t.app.inject({ method: wrong, url, headers: { ...admin, 'content-type': 'application/json' }, payload });
        expectProblem(withBody, 405, url);
        expect(withBody.headers.allow, `${wrong} ${template} with ${payload}`).toBe(res.headers.allow);
      }
    }
  });

  it('still answers 404 for a path the API does not have', async () => {
    expectProblem(await t.app.inject({ method: 'DELETE', url: '/api/v1/no-such-thing' }), 404, '/api/v1/no-such-thing');
  });
});

describe('problems', () => {
  it('name their instance without the credentials the query carried', async () => {
    const res = await t.app.inject({ url: '/api/v1/bills?apikey=opk_0000000_secret&per_page=0' });
    expectProblem(res, 401, '/api/v1/bills?per_page=0');
    expect(res.body).not.toContain('secret');
  });
});

describe('links', () => {
  it('never echo the API key a caller sent as ?apikey= in pagination.next', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/keys', headers: admin, payload: { name: 'links', scopes: ['public:read'] } });
    expect(created.statusCode, created.body).toBe(201);
    const key = (created.json() as { key: string }).key;
    const res = await t.app.inject({ url: `/api/v1/sources?per_page=1&apikey=${encodeURIComponent(key)}` });
    expect(res.statusCode, res.body).toBe(200);
    const next = (res.json() as { pagination: { next: string | null } }).pagination.next;
    expect(next).toMatch(/^\/api\/v1\/sources\?per_page=1&cursor=/);
    expect(res.body).not.toContain(key);
    // The next page, asked with the key again, is the page after.
    const second = await t.app.inject({ url: `${next}&apikey=${encodeURIComponent(key)}` });
    expect(second.statusCode, second.body).toBe(200);
    expect((second.json() as { results: unknown[] }).results).toHaveLength(1);
  });
});

describe('lists and their representations', () => {
  it('say Vary: Accept, and honour the q-values of Accept', async () => {
    const csv = (accept: string) => t.app.inject({ url: '/api/v1/sessions', headers: { accept } });
    for (const accept of ['text/csv', 'text/csv, */*', 'application/json;q=0.5, text/csv', 'text/*, application/json;q=0.9']) {
      const res = await csv(accept);
      expect(res.headers['content-type'], accept).toMatch(/^text\/csv/);
      expect(res.headers.vary, accept).toContain('Accept');
    }
    for (const accept of ['text/csv;q=0.5, application/json', 'text/csv;q=0, */*', 'application/json, text/csv', '*/*', 'text/html']) {
      const res = await csv(accept);
      expect(res.headers['content-type'], accept).toMatch(/^application\/json/);
      expect(res.headers.vary, accept).toContain('Accept');
    }
    // A detail has one representation: no Vary on Accept.
    expect((await t.app.inject({ url: '/api/v1/jurisdictions/ca' })).headers.vary ?? '').not.toContain('Accept');
  });

  it('answer 304 to If-None-Match naming the current ETag among others, or *', async () => {
    // Sessions, not sources: a source's freshness_seconds changes the body (and its ETag) every second.
    const first = await t.app.inject({ url: '/api/v1/sessions' });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"/);
    const conditional = (ifNoneMatch: string) => t.app.inject({ url: '/api/v1/sessions', headers: { 'if-none-match': ifNoneMatch } });
    for (const header of [etag, etag.slice(2), `"other", ${etag}`, `W/"a",${etag.slice(2)} , "b"`, '*']) {
      const res = await conditional(header);
      expect(res.statusCode, header).toBe(304);
      expect(res.body).toBe('');
    }
    for (const header of ['"other"', 'W/"a", "b"']) expect((await conditional(header)).statusCode, header).toBe(200);
  });

  it('tag a body by the SHA-1 of the UTF-8 bytes it is sent as, the tag @fastify/etag gave, so tags clients kept still match', async () => {
    // French titles: a body beyond ASCII, so its bytes and its characters differ.
    const res = await t.app.inject({ url: '/api/v1/bills?per_page=50' });
    expect(res.rawPayload.length).toBeGreaterThan(res.body.length);
    expect(res.headers.etag).toBe(`W/"${createHash('sha1').update(res.rawPayload).digest('base64')}"`);
  });
});

// ── lists ─────────────────────────────────────────────────────────────────
interface Page { results: Record<string, unknown>[]; pagination: { total_items: number; next: string | null } }

/** Every list of the document: a GET whose JSON answer has `pagination`. */
function listOperations(): { template: string; operation: Operation }[] {
  const paths = (t.app.swagger() as unknown as { paths: Paths }).paths;
  return Object.entries(paths)
    .filter(([, item]) => item.get?.responses['200']?.content?.['application/json']?.schema?.properties?.pagination)
    .map(([template, item]) => ({ template, operation: item.get! }));
}

const query = (operation: Operation, name: string) => operation.parameters?.find((p) => p.in === 'query' && p.name === name);
const withQuery = (url: string, q: string) => `${url}${url.includes('?') ? '&' : '?'}${q}`;

/** Ids of real records for the lists nested under one, and what a required search takes. */
let realPath: Record<string, string>;
const REQUIRED_QUERY: Record<string, string> = { q: 'tax' };

/** A URL of the list over real records: its path parameters and required query filled. */
function listUrl(template: string, operation: Operation): string {
  const parent = Object.keys(realPath).find((prefix) => template.startsWith(prefix));
  const url = parent ? realPath[parent] + template.slice(parent.length) : template;
  expect(url, `${template}: a real record to list under`).not.toContain('{');
  const required = (operation.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => `${p.name}=${REQUIRED_QUERY[p.name]}`);
  return required.length ? `${url}?${required.join('&')}` : url;
}

async function page(url: string): Promise<Page> {
  const res = await t.app.inject({ url, headers: admin });
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return res.json() as Page;
}

const itemId = (item: Record<string, unknown>) =>
  item.vote_event ? (item.vote_event as { id: string }).id : item.type ? `${String(item.type)} ${String(item.id)}` : String(item.id ?? item.source);

/** Every item of the list, walked by cursor: each once, as many as `total_items`. */
async function walk(url: string): Promise<Record<string, unknown>[]> {
  const { pagination } = await page(withQuery(url, 'per_page=1'));
  // About six pages whatever the size, so every walk crosses page boundaries.
  let next: string | null = withQuery(url, `per_page=${Math.min(100, Math.max(1, Math.ceil(pagination.total_items / 6)))}`);
  const items: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  while (next) {
    const body = await page(next);
    for (const item of body.results) {
      expect(seen.has(itemId(item)), `${url}: ${itemId(item)} twice`).toBe(false);
      seen.add(itemId(item));
      items.push(item);
    }
    next = body.pagination.next;
  }
  expect(items.length, url).toBe(pagination.total_items);
  return items;
}

describe('every list', () => {
  beforeAll(async () => {
    const first = async (url: string) => (await page(url)).results[0]!;
    const person = String((await first('/api/v1/people?name=poilievre&current=false')).id).replace('ocd-person/', '');
    const committee = String((await first('/api/v1/committees?name=public%20safety')).id).replace('ocd-organization/', '');
    const debate = encodeURIComponent(String((await first('/api/v1/debates')).id));
    const webhook = await t.app.inject({ method: 'POST', url: '/api/v1/me/webhooks', headers: admin, payload: { url: 'http://127.0.0.1:9/hook' } });
    expect(webhook.statusCode, webhook.body).toBe(201);
    realPath = {
      '/api/v1/people/ocd-person/{uuid}': `/api/v1/people/ocd-person/${person}`,
      '/api/v1/committees/ocd-organization/{uuid}': `/api/v1/committees/ocd-organization/${committee}`,
      '/api/v1/debates/{id}': `/api/v1/debates/${debate}`,
      '/api/v1/me/webhooks/{id}': `/api/v1/me/webhooks/${(webhook.json() as { id: string }).id}`,
    };
  });

  it('are every list route, public and private', () => {
    expect(listOperations().length).toBeGreaterThanOrEqual(22);
  });

  it('sort each of their orders ascending and descending, and walk whole by cursor in every sort', async () => {
    for (const { template, operation } of listOperations()) {
      const sorts = query(operation, 'sort')?.schema.enum;
      expect(sorts, `${template} has a sort`).toBeDefined();
      const orders = sorts!.filter((s) => s !== 'relevance').map((s) => s.replace(/_(asc|desc)$/, ''));
      for (const order of orders) expect(sorts, template).toEqual(expect.arrayContaining([`${order}_asc`, `${order}_desc`]));
      const url = listUrl(template, operation);
      for (const sort of sorts!) {
        const items = await walk(withQuery(url, sort === 'relevance' && !url.includes('q=') ? `sort=relevance&q=${REQUIRED_QUERY.q}` : `sort=${sort}`));
        if (operation['x-permission'] === 'public:read' && !template.endsWith('/sources')) expect(items.length, `${template}?sort=${sort}`).toBeGreaterThan(0);
      }
    }
  });

  it('of public records takes updated_since, a date or a date-time, and returns exactly the records changed at or after it', async () => {
    const publicLists = listOperations().filter(({ operation }) => operation['x-permission'] === 'public:read');
    expect(publicLists.length).toBeGreaterThanOrEqual(15);
    for (const { template, operation } of publicLists) {
      expect(query(operation, 'updated_since')?.schema.anyOf?.map((s) => s.format), template).toEqual(['date', 'date-time']);
      const url = listUrl(template, operation);
      // What changed when, as each record says (a source: when its last successful import finished).
      const changed = (await walk(url)).map((item) => ({ id: itemId(item), at: Date.parse(String(item.updated_at ?? item.last_success_at ?? NaN)) }))
        .filter((item) => !Number.isNaN(item.at));
      expect(changed.length, `${template} has records with a change time`).toBeGreaterThan(0);
      const times = changed.map((c) => c.at).sort((a, b) => a - b);
      const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
      const [first, middle, last] = [times[0]!, times[Math.floor(times.length / 2)]!, times[times.length - 1]!];
      const cases: [string, number][] = [
        [new Date(first).toISOString(), first], [new Date(middle).toISOString(), middle], [new Date(last + 1).toISOString(), last + 1],
        // A date is the start of that day, UTC; an offset moves the moment.
        [day(first), Date.parse(day(first))], [day(last + 86_400_000), Date.parse(day(last + 86_400_000))],
        [new Date(middle).toISOString().replace('Z', '+00:00'), middle], [new Date(middle + 3_600_000).toISOString().replace(/\.\d+Z$/, '+01:00'), Math.floor(middle / 1000) * 1000],
      ];
      for (const [since, moment] of cases) {
        const expected = changed.filter((c) => c.at >= moment).map((c) => c.id).sort();
        const found = (await walk(withQuery(url, `updated_since=${encodeURIComponent(since)}`))).map(itemId).sort();
        expect(found, `${template}?updated_since=${since}`).toEqual(expected);
      }
    }
  });

  it('refuse an updated_since that is neither a date nor a date-time, naming it', async () => {
    for (const { template, operation } of listOperations().filter(({ operation }) => query(operation, 'updated_since'))) {
      for (const bad of ['yesterday', '2026-13-01', '2026-12-01T25:00:00Z', '2026-12-01T10:00:00', '0000-01-01']) {
        const target = withQuery(listUrl(template, operation), `updated_since=${encodeURIComponent(bad)}`);
        const res = await t.app.inject({ url: target, headers: admin });
        const body = expectProblem(res, 400, target);
        expect(body.parameter, `${template} ${bad}`).toBe('updated_since');
        expect(body.type).toMatch(/invalid-parameter$/);
        expect(body.detail).toMatch(/date/);
      }
    }
  });
});
