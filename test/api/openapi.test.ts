import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { testDatabase, type TestDatabase } from '../support/db.js';

let database: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  database = await testDatabase();
  app = await buildApp({ database });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
});

interface Parameter { name: string; in: string; required?: boolean; schema: { type?: string; enum?: string[]; pattern?: string } }
interface Response { $ref?: string; description?: string; content?: Record<string, { schema: unknown }> }
interface Operation {
  operationId: string; description: string; parameters?: Parameter[]; responses: Record<string, Response>; tags?: string[];
  security: Record<string, string[]>[]; 'x-permission': string;
}
interface Document {
  openapi: string; info: { title: string }; servers: { url: string }[]; tags: { name: string; description: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { type: string; in?: string; name?: string; scheme?: string }>; responses: Record<string, Response> };
}

/** Every /api/v1 route the app registered (HEAD is Fastify's automatic twin of GET, never documented), as [method, url]. */
function registeredRoutes(): [string, string][] {
  return app.routePermissions
    .filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD' && r.url !== '/api/v1/openapi.json')
    .map((r) => [r.method, r.url]);
}

/** Fastify's `/votes/:jurisdiction` and `/x/*` (the rest of the path, documented as `{id}`) as OpenAPI writes them. */
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{id}');

describe('OpenAPI document', () => {
  let doc: Document;
  beforeAll(async () => {
    const res = await app.inject({ url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    doc = res.json();
  });

  it('is OpenAPI 3.1', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('OpenPolicy API');
  });

  it('documents every /api/v1 route registered on the app, with its path parameters', () => {
    const routes = registeredRoutes();
    for (const expected of ['/api/v1/votes', '/api/v1/votes/ocd-vote/:uuid', '/api/v1/votes/:jurisdiction/:session/:number', '/api/v1/committees',
      '/api/v1/committees/ocd-organization/:uuid', '/api/v1/committees/ocd-organization/:uuid/meetings', '/api/v1/debates', '/api/v1/debates/:id',
      '/api/v1/debates/:id/speeches', '/api/v1/speeches', '/api/v1/speeches/:id', '/api/v1/search', '/api/v1/bills']) {
      expect(routes).toContainEqual(['GET', expected]);
    }
    for (const [method, route] of routes) {
      const operation = doc.paths[openApiPath(route)]?.[method.toLowerCase()];
      expect(operation, `${method} ${route}`).toBeDefined();
      const documented = (operation!.parameters ?? []).filter((p) => p.in === 'path');
      const declared = [...route.matchAll(/:(\w+)|(\*)$/g)].map((m) => m[1] ?? 'id').sort();
      expect(documented.map((p) => p.name).sort(), `${method} ${route}`).toEqual(declared);
      for (const p of documented) expect(p.required, `${method} ${route} ${p.name}`).toBe(true);
    }
  });

  it('documents the query parameters of each list, with their enums and requirements', () => {
    const query = (path: string) => Object.fromEntries((doc.paths[path]!.get!.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, p]));
    const votes = query('/api/v1/votes');
    expect(Object.keys(votes)).toEqual(expect.arrayContaining(['page', 'per_page', 'cursor', 'format', 'jurisdiction', 'session', 'bill', 'date', 'since', 'before', 'result']));
    expect(votes.result!.schema.enum).toEqual(['pass', 'fail', 'tie']);
    expect(Object.keys(query('/api/v1/committees'))).toEqual(expect.arrayContaining(['jurisdiction', 'chamber', 'name']));
    expect(Object.keys(query('/api/v1/committees/ocd-organization/{uuid}/meetings'))).toEqual(expect.arrayContaining(['page', 'session', 'since', 'before']));
    expect(Object.keys(query('/api/v1/debates'))).toEqual(expect.arrayContaining(['jurisdiction', 'session', 'date', 'since', 'before']));
    expect(Object.keys(query('/api/v1/speeches'))).toEqual(expect.arrayContaining(['person', 'bill', 'date', 'since', 'before', 'q']));
    const search = query('/api/v1/search');
    expect(search.q!.required).toBe(true);
    expect(search.type!.schema.enum).toEqual(['bill', 'person', 'vote', 'speech']);
    expect(Object.keys(query('/api/v1/debates/{id}'))).toEqual(['include']);
  });

  it('describes response bodies from the route schemas', () => {
    const body = (path: string) => doc.paths[path]!.get!.responses['200']!.content!['application/json']!.schema as Record<string, unknown>;
    expect(JSON.stringify(body('/api/v1/votes/{jurisdiction}/{session}/{number}'))).toContain('dissenters');
    expect(JSON.stringify(body('/api/v1/search'))).toContain('snippet');
    expect(JSON.stringify(body('/api/v1/committees/ocd-organization/{uuid}/meetings'))).toContain('bills');
  });
});

describe('what the document derives for every operation', () => {
  let doc: Document;
  const operations = () => Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));
  beforeAll(async () => {
    doc = (await app.inject({ url: '/api/v1/openapi.json' })).json();
  });

  it('gives each a unique operationId, a description, its permission and described tags', () => {
    const ids = operations().map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths['/api/v1/people/ocd-person/{uuid}/votes']!.get!.operationId).toBe('getPeopleOcdPersonByUuidVotes');
    const described = new Set(doc.tags.filter((t) => t.description).map((t) => t.name));
    for (const { path, method, op } of operations()) {
      expect(op.description, `${method} ${path}`).toMatch(/permission `[a-z]+:[a-z]+`/);
      expect(op['x-permission'], `${method} ${path}`).toMatch(/^[a-z]+:[a-z]+$/);
      for (const tag of op.tags ?? []) expect(described, `${method} ${path} tag ${tag}`).toContain(tag);
    }
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });

  it('says which credentials each operation takes, from its permission', () => {
    expect(doc.components.securitySchemes).toEqual({
      bearerToken: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      apiKeyHeader: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }),
      apiKeyQuery: expect.objectContaining({ type: 'apiKey', in: 'query', name: 'apikey' }),
    });
    const anyone = [{}, { bearerToken: [] }, { apiKeyHeader: [] }, { apiKeyQuery: [] }];
    expect(doc.paths['/api/v1/bills']!.get!.security).toEqual(anyone);
    expect(doc.paths['/api/v1/auth/login']!.post!.security).toEqual(anyone);
    // A leaked key mints nothing: key management takes a session's token only.
    expect(doc.paths['/api/v1/keys']!.post!.security).toEqual([{ bearerToken: [] }]);
    // Nor does it manage users: only a permission a key can be given (a key scope) lists the key schemes.
    expect(doc.paths['/api/v1/admin/users']!.get!.security).toEqual([{ bearerToken: [] }]);
    expect(doc.paths['/api/v1/admin/imports']!.get!.security).toEqual(anyone.slice(1));
  });

  it('documents the problems each operation can answer, 304 on reads and CSV on lists', () => {
    const refs = (op: Operation) => Object.fromEntries(Object.entries(op.responses).filter(([, r]) => r.$ref).map(([s, r]) => [s, r.$ref!.split('/').pop()]));
    const bills = doc.paths['/api/v1/bills']!.get!;
    expect(refs(bills)).toEqual({ 304: 'NotModified', 400: 'BadRequest', 401: 'Unauthorized', 429: 'TooManyRequests', 500: 'InternalServerError', 503: 'ServiceUnavailable' });
    expect(Object.keys(bills.responses['200']!.content!)).toEqual(['application/json', 'text/csv']);
    expect(Object.keys(doc.paths['/api/v1/bills/ocd-bill/{uuid}']!.get!.responses['200']!.content!)).toEqual(['application/json']);
    expect(refs(doc.paths['/api/v1/bills/ocd-bill/{uuid}']!.get!)).toHaveProperty('404', 'NotFound');
    const register = refs(doc.paths['/api/v1/auth/register']!.post!);
    expect(register).toMatchObject({ 409: 'Conflict', 413: 'PayloadTooLarge', 415: 'UnsupportedMediaType' });
    expect(register).not.toHaveProperty('304');
    expect(refs(bills)).not.toHaveProperty('403');
    expect(refs(doc.paths['/api/v1/admin/users']!.get!)).toHaveProperty('403', 'Forbidden');
    expect(doc.components.responses.BadRequest!.content).toHaveProperty(['application/problem+json', 'schema'], { $ref: '#/components/schemas/Problem' });
  });

  it('documents the rest-of-path ids as {id}, marked multi-segment', () => {
    for (const path of ['/api/v1/divisions/{id}', '/api/v1/jurisdictions/{id}']) {
      const id = doc.paths[path]!.get!.parameters!.find((p) => p.in === 'path')!;
      expect(id).toMatchObject({ name: 'id', required: true, schema: { type: 'string', 'x-multi-segment': true } });
    }
    expect(Object.keys(doc.paths).filter((p) => p.includes('*'))).toEqual([]);
  });
});

describe('/docs', () => {
  it('serves Swagger UI as HTML, reading the same document', async () => {
    const page = await app.inject({ url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('swagger-ui');
    const bare = await app.inject({ url: '/docs' });
    expect([200, 302]).toContain(bare.statusCode);
    const ui = await app.inject({ url: '/docs/json' });
    expect(Object.keys(ui.json().paths)).toEqual(Object.keys((await app.inject({ url: '/api/v1/openapi.json' })).json().paths));
  });
});
