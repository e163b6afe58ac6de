/**
 * The OpenAPI 3.1 document, built from every route's TypeBox schema, served at
 * /api/v1/openapi.json, with Swagger UI at /docs. Register before the routes:
 * @fastify/swagger collects them as they are added. What no route states (errors,
 * credentials, ids, CSV) is derived in src/api/openapi-operations.ts.
 */
import swagger, { type SwaggerOptions } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { describeOperations, MULTI_SEGMENT_EXTENSION, PERMISSION_EXTENSION, SECURITY_SCHEMES } from './openapi-operations.js';
import { PROBLEM_RESPONSES, PROBLEM_SCHEMA } from './schemas/problems.js';

export const OPENAPI_PATH = '/api/v1/openapi.json';

/** Every tag a route may use, described; a route with another tag fails the lint test (test/api/openapi-lint.test.ts). */
const TAGS = [
  { name: 'bills', description: 'Federal and provincial bills with their stages, sponsors, divisions, committee meetings and texts.' },
  { name: 'votes', description: 'Recorded divisions (vote events) with their counts and every member\'s ballot.' },
  { name: 'people', description: 'Representatives at every level: terms, contacts, sponsored bills, voting record and speeches.' },
  { name: 'committees', description: 'Committees and their meetings, with the bills they studied.' },
  { name: 'debates', description: 'Debates (Hansard) by sitting, and the speeches in them.' },
  { name: 'search', description: 'One search over bills, people, votes and speeches.' },
  { name: 'divisions', description: 'Open Civic Data political geography: ridings, provinces, municipalities and wards.' },
  { name: 'jurisdictions', description: 'Legislatures and councils, by OCD jurisdiction id or short code.' },
  { name: 'sessions', description: 'Legislative sessions (parliament and session numbers, with their dates).' },
  { name: 'sources', description: 'Every data source with its last import runs and freshness.' },
  { name: 'auth', description: 'Accounts: register, log in, refresh, log out, password change and reset, my sessions.' },
  { name: 'keys', description: 'My API keys: create (shown once), list, revoke.' },
  { name: 'saved', description: 'The bills and people a signed-in user follows.' },
  { name: 'alerts', description: 'How a user hears of what they follow: mail (immediate or a daily digest, one-click unsubscribe), saved searches, signed webhooks with their delivery log.' },
  { name: 'feeds', description: 'Atom feeds of events: per bill, per person, per saved search, and a private feed per user at a secret URL.' },
  { name: 'admin', description: 'Administration: users, roles and tiers, every API key, imports, the audit log and the mail outbox.' },
];

/**
 * Fastify's `/divisions/*` takes the rest of the path (OCD ids hold slashes);
 * OpenAPI has no such template, so it is documented as `{id}`, marked multi-segment.
 */
function documentedRoute(schema: FastifySchema, url: string): { schema: FastifySchema; url: string } {
  if (!url.endsWith('*')) return { schema, url };
  const params = schema?.params as { properties?: Record<string, Record<string, unknown>>; required?: string[] } | undefined;
  const { '*': rest, ...others } = params?.properties ?? {};
  const id = {
    ...rest,
    description: `${String(rest?.description ?? 'The id.')} Its slashes may also be sent percent-encoded.`,
    [MULTI_SEGMENT_EXTENSION]: true,
  };
  return {
    schema: { ...schema, params: { ...params, properties: { ...others, id }, required: [...(params?.required ?? []).filter((r) => r !== '*'), 'id'] } },
    url: `${url.slice(0, -1)}:id`,
  };
}

const documentOptions: SwaggerOptions = {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'OpenPolicy API',
        version: '1',
        description: "Canada's legislative records: bills, recorded votes with every ballot, representatives, committees and debates. "
          + 'Lists take page/per_page or a cursor and answer CSV with format=csv or `Accept: text/csv`; reads carry a weak ETag '
          + '(`If-None-Match` answers 304); errors are application/problem+json (RFC 9457). '
          + 'A method a path does not take is answered `405 Method Not Allowed`, a problem (`#/components/schemas/Problem`) '
          + 'with an `Allow` header naming the methods of that path\'s operations (and HEAD where it takes GET); '
          + 'it belongs to no operation, since OpenAPI describes only the methods a path takes.',
        license: { name: 'MIT', identifier: 'MIT' },
        contact: { name: 'OpenPolicy', url: 'https://openpolicy.ca' },
      },
      servers: [{ url: '/', description: 'The instance serving this document.' }],
      tags: TAGS,
      components: {
        schemas: { Problem: PROBLEM_SCHEMA },
        responses: PROBLEM_RESPONSES,
        securitySchemes: SECURITY_SCHEMES,
      },
    },
    transform: ({ schema, url, route }) => {
      const documented = documentedRoute(schema ?? {}, url);
      return { url: documented.url, schema: { ...documented.schema, [PERMISSION_EXTENSION]: route.config?.permission } };
    },
    transformObject: (documentObject) => {
      if (!('openapiObject' in documentObject)) throw new Error('The API document is OpenAPI 3.1, not Swagger 2.');
      describeOperations(documentObject.openapiObject.paths as Parameters<typeof describeOperations>[0]);
      return documentObject.openapiObject;
    },
};

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, documentOptions);
  // The UI reads its own copy of the document at /docs/json.
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get(OPENAPI_PATH, { schema: { hide: true } }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return app.swagger();
  });
}
