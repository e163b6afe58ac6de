/** Small HTTP pieces the account, key and admin routes share. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpProblem } from '../errors/problem.js';
import type { Principal } from './permissions.js';
import type { Actor } from './scope.js';
import type { ClientInfo } from './sessions.js';

/** Bodies of the account routes are small JSON objects; anything bigger is an error or an attack. */
export const BODY_LIMIT = 16 * 1024;

/** Answers about one user are never stored by browsers or shared caches. */
export function privateResponses(app: FastifyInstance): void {
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
}

export function clientInfo(request: FastifyRequest): ClientInfo {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

/** The signed-in user; the route's permission has already ruled out anonymous callers. */
export function currentUser(request: FastifyRequest): Extract<Principal, { kind: 'user' }> {
  const principal = request.principal;
  if (principal.kind !== 'user') throw new HttpProblem(401, 'unauthorized', 'This needs an account; log in first (POST /api/v1/auth/login).');
  return principal;
}

/** The signed-in caller as storage takes it: the user, and the secret the database derives that user from. */
export function currentActor(request: FastifyRequest): Actor {
  const principal = currentUser(request);
  return { userId: principal.user.id, secretHash: principal.secretHash };
}

/** The session of the access token in use, or a 403 when the caller used an API key. */
export function currentSession(request: FastifyRequest): Actor & { sessionId: string } {
  const principal = currentUser(request);
  if (principal.via !== 'token') throw new HttpProblem(403, 'forbidden', 'This needs an access token from POST /api/v1/auth/login, not an API key.');
  return { userId: principal.user.id, sessionId: principal.sessionId, secretHash: principal.secretHash };
}
