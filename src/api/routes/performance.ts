/**
 * /admin/performance/stream: the numbers of the site's live performance page
 * (web/src/pages/admin/Performance.tsx), for admins (ops:read). Server-Sent
 * Events: one `sample` a second, after a `history` of the last two minutes.
 * The page reads it with fetch() and the site's session, since EventSource
 * cannot send the access token or API key in a header.
 */
import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PerformanceSampler } from '../../ops/performance.js';

export const performanceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const sampler = new PerformanceSampler(app.database, app.ops.health, app.store);
  const open = new Set<PassThrough>();
  // A stream never ends by itself: end them all, or a graceful shutdown would wait for its timeout.
  app.addHook('preClose', async () => {
    for (const stream of open) stream.end();
  });

  app.get('/admin/performance/stream', {
    config: { permission: 'ops:read', operational: true },
    schema: { tags: ['admin'], summary: 'Live performance of this instance, one Server-Sent Event a second (admin)' },
  }, async (_request, reply) => {
    const stream = new PassThrough();
    const send = (event: string, data: unknown) => stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    stream.write('retry: 2000\n\n');
    send('history', sampler.history);
    const unsubscribe = sampler.subscribe((sample) => send('sample', sample));
    open.add(stream);
    // Fastify destroys the stream when the client goes away.
    stream.once('close', () => {
      unsubscribe();
      open.delete(stream);
    });
    return reply
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('x-accel-buffering', 'no') // nginx: pass each event on at once
      .send(stream);
  });
};
