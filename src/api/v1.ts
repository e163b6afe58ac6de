/** The public read API under /api/v1: one plugin per resource, public caching and ETags. */
import etag from '@fastify/etag';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { billRoutes } from './routes/bills.js';

export const v1Routes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(etag, { weak: true });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method === 'GET' && reply.statusCode < 400 && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'public, max-age=60');
    }
    return payload;
  });
  await app.register(billRoutes);
};
