/**
 * What every /api/v1 route does alike, installed once so no route restates it:
 * a route that declares no query parameters takes none (an unknown one is a 400,
 * never silently ignored); reads answer 304 when `If-None-Match` names their ETag
 * (one, a list, or `*`); a list whose body follows `Accept` (JSON or CSV) says
 * `Vary: Accept`, so no cache hands one to a client that asked for the other;
 * a 304 varies as the 200 it stands for would (RFC 9110 §15.4.5), by encoding too.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ifNoneMatch } from './conditional.js';
import { addVary } from './vary.js';
import { compressible } from './compression.js';

const NO_QUERY = { type: 'object', properties: {}, additionalProperties: false };

/** A list route takes `format`, and so answers CSV to `Accept: text/csv` as well. */
function negotiatesCsv(request: FastifyRequest): boolean {
  const query = request.routeOptions.schema?.querystring as { properties?: Record<string, unknown> } | undefined;
  return query?.properties?.format !== undefined;
}

/** Install in the /api/v1 plugin before its routes, after the ETags (src/api/etag.ts). */
export function installConventions(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!route.schema?.querystring) route.schema = { ...route.schema, querystring: NO_QUERY };
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    if (negotiatesCsv(request)) reply.header('vary', addVary(reply.getHeader('vary'), 'Accept'));
    const read = request.method === 'GET' || request.method === 'HEAD';
    if (read && reply.statusCode === 200 && ifNoneMatch(request.headers['if-none-match'], reply.getHeader('etag') as string | undefined)) {
      // The compression that would have followed skips a 304.
      const bytes = typeof payload === 'string' || Buffer.isBuffer(payload) ? Buffer.byteLength(payload) : undefined;
      if (compressible(reply.getHeader('content-type'), bytes)) reply.header('vary', addVary(reply.getHeader('vary'), 'Accept-Encoding'));
      reply.code(304);
      done(null, '');
      return;
    }
    done(null, payload);
  });
}
