/**
 * Health for load balancers, orchestrators and operators (checks in src/ops/health.ts):
 * - /health/live: the process answers (no dependency is asked);
 * - /health/ready: PostgreSQL and Redis answer and migrations are applied, else 503 (naming what failed to admins and internal networks);
 * - /health: the verdict (healthy, degraded, unhealthy); the details only for admins and internal networks.
 * None is ever cached, and none is counted in request metrics or logged per request.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { canSeeDetails } from '../../ops/observability.js';
import { PROBLEM_BASE, problemTitle } from '../../errors/problem.js';
import { sendProblem } from '../problem-reply.js';

const OPERATIONAL = { permission: 'public:read', operational: true } as const;

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get('/health/live', { config: OPERATIONAL }, async () => ({ status: 'live' }));

  // The verdict for anyone (a load balancer needs no more); which component failed and why only for admins and internal networks.
  app.get('/health/ready', { config: OPERATIONAL }, async (request, reply) => {
    const { ready, failing, checks } = await app.ops.health.readiness();
    const details = canSeeDetails(request);
    if (ready) return details ? { status: 'ready', checks } : { status: 'ready' };
    // Retry-After as for any outage answer: a probe (or a client through the gateway) may ask again then.
    return sendProblem(reply, {
      type: `${PROBLEM_BASE}not-ready`,
      title: problemTitle(503),
      status: 503,
      detail: details ? `Not ready: ${failing.map((name) => `${name} (${checks[name]?.error})`).join(', ')}.` : 'Not ready.',
      ...(details ? { failing, checks } : {}),
    }, { 'retry-after': '5' });
  });

  app.get('/health', { config: OPERATIONAL }, async (request, reply) => {
    const details = await app.ops.health.details();
    reply.code(details.status === 'unhealthy' ? 503 : 200);
    return canSeeDetails(request) ? details : { status: details.status };
  });
};
