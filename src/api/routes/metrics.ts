/**
 * GET /metrics: the Prometheus text exposition (names in src/ops/metrics.ts).
 * With METRICS_TOKEN set it needs `Authorization: Bearer <token>` (Prometheus:
 * `authorization: { credentials_file: … }`); without one it answers only
 * INTERNAL_NETWORKS (loopback by default), never the open internet. The route
 * declares its own credentials, so the security layer does not read that
 * header as a user token.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CONTENT_TYPE, scrape } from '../../ops/metrics.js';
import { canSeeDetails } from '../../ops/observability.js';
import { HttpProblem } from '../../errors/problem.js';

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer +(\S+) *$/i.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const metricsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/metrics', { config: { permission: 'public:read', operational: true, ownCredentials: true } }, async (request, reply) => {
    const token = app.ops.metricsToken;
    if (token && !tokenMatches(request.headers.authorization, token)) {
      throw new HttpProblem(401, 'unauthorized', 'Send the metrics token as "Authorization: Bearer <METRICS_TOKEN>".', {}, { 'www-authenticate': 'Bearer realm="metrics"' });
    }
    if (!token && !canSeeDetails(request)) {
      throw new HttpProblem(403, 'forbidden', 'Metrics answer only INTERNAL_NETWORKS while METRICS_TOKEN is unset; scrape from there, or set METRICS_TOKEN and send it as a bearer token.');
    }
    reply.header('cache-control', 'no-store').type(CONTENT_TYPE);
    return scrape();
  });
};
