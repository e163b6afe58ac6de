/** Health: answers while the first import is still running. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ping } from '../../db/client.js';

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', async (_request, reply) => {
    const started = performance.now();
    let database: { status: 'up' | 'down'; latency_ms: number; error?: string };
    try {
      await ping(app.database);
      database = { status: 'up', latency_ms: +(performance.now() - started).toFixed(2) };
    } catch (e) {
      database = { status: 'down', latency_ms: +(performance.now() - started).toFixed(2), error: (e as Error).message };
    }
    const status = database.status === 'up' ? (app.importState.phase === 'running' ? 'degraded' : 'healthy') : 'unhealthy';
    reply.header('cache-control', 'no-store');
    return reply.code(status === 'unhealthy' ? 503 : 200).send({
      status,
      components: { database: { kind: app.database.kind, ...database } },
      import: app.importState,
      uptime_seconds: Math.round(process.uptime()),
    });
  });
};
