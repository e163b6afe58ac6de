/**
 * The conventions every /api/v1 read keeps, checked over every GET route the app
 * registers (so a new route is checked without being listed here): an unknown
 * query parameter is a 400 naming it, a wrong method is a 405 with `Allow`, and
 * problems carry their `instance`; lists say `Vary: Accept` and honour q-values;
 * `If-None-Match` with a list of ETags or `*` is a 304.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, makeUser, testApp, type TestApp } from '../security/support.js';

let t: TestApp;
let admin: Record<string, string>;

beforeAll(async () => {
  t = await testApp();
  // Every permission, so each route gets as far as validating its query.
  admin = bearer(await login(t, await makeUser(t, 'admin')));
});

afterAll(async () => {
  await t?.close();
});

interface Parameter { name: string; in: string; required?: boolean; schema: object }
type Paths = Record<string, Record<string, { parameters?: Parameter[] }>>;

// Values a path parameter may take; each route gets the first its schema accepts.
const CANDIDATES = ['00000000-0000-4000-8000-000000000000', '1', 'ca', 'ocd-division/country:ca', 'tax', '0'.repeat(64)];
const ajv = new Ajv2020({ strict: false, coerceTypes: true });

/** A value the schema accepts, from the candidates. */
function sample(where: string, schema: object): string {
  const validate = ajv.compile(schema);
  const value = CANDIDATES.find((c) => validate(c));
  expect(value, `${where}: no sample value`).toBeDefined();
  return value!;
}

/** Every GET of the API, as a URL its path parameters and required query parameters accept, from the document the app serves. */
function readRoutes(): { template: string; url: string; query: URLSearchParams }[] {
  const paths = (t.app.swagger() as { paths: Paths }).paths;
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
    const paths = (t.app.swagger() as { paths: Paths }).paths;
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
    const first = await t.app.inject({ url: '/api/v1/sources' });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"/);
    const conditional = (ifNoneMatch: string) => t.app.inject({ url: '/api/v1/sources', headers: { 'if-none-match': ifNoneMatch } });
    for (const header of [etag, etag.slice(2), `"other", ${etag}`, `W/"a",${etag.slice(2)} , "b"`, '*']) {
      const res = await conditional(header);
      expect(res.statusCode, header).toBe(304);
      expect(res.body).toBe('');
    }
    for (const header of ['"other"', 'W/"a", "b"']) expect((await conditional(header)).statusCode, header).toBe(200);
  });
});
