/**
 * /admin/performance: a live view of this instance, served by the API itself
 * (no CDN, no build step). The page and its script are a shell anyone may load;
 * the numbers come from /admin/performance/stream, which needs the admin
 * permission ops:read. The stream is Server-Sent Events (one `sample` a second,
 * after a `history` of the last two minutes), read by the page with fetch() so
 * it can send the access token or API key in a header.
 */
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PerformanceSampler } from '../../ops/performance.js';

const asset = (name: string) => readFileSync(new URL(`../../ops/performance-page/${name}`, import.meta.url));
const PAGE = asset('index.html');
const SCRIPT = asset('page.js');
// The page's own script and inline styles; it talks to this origin only.
const CSP = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const performanceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const sampler = new PerformanceSampler(app.database, app.ops.health, app.store);
  const open = new Set<PassThrough>();
  // A stream never ends by itself: end them all, or a graceful shutdown would wait for its timeout.
  app.addHook('preClose', async () => {
    for (const stream of open) stream.end();
  });

  app.get('/admin/performance', { config: { permission: 'public:read' }, schema: { hide: true } }, async (_request, reply) =>
    reply.header('content-security-policy', CSP).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(PAGE));

  app.get('/admin/performance.js', { config: { permission: 'public:read' }, schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'no-cache').type('text/javascript; charset=utf-8').send(SCRIPT));

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
