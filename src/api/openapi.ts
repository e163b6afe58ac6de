/**
 * The OpenAPI 3.1 document, built from every route's TypeBox schema, served at
 * /api/v1/openapi.json, with Swagger UI at /docs. Register before the routes:
 * @fastify/swagger collects them as they are added.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export const OPENAPI_PATH = '/api/v1/openapi.json';

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'OpenPolicy API',
        version: '1',
        description: "Canada's legislative records: bills, recorded votes with every ballot, representatives, committees and debates. "
          + 'Lists take page/per_page or a cursor and answer CSV with format=csv; errors are application/problem+json.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      tags: [
        { name: 'bills' }, { name: 'votes' }, { name: 'people' }, { name: 'committees' }, { name: 'debates' }, { name: 'search' },
      ],
    },
  });
  // The UI reads its own copy of the document at /docs/json.
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get(OPENAPI_PATH, { schema: { hide: true } }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return app.swagger();
  });
}
