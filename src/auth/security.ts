/**
 * The security layer of the HTTP app, in three parts installed around the
 * response cache's early answers (src/api/app.ts):
 * - policies, before any route: every route must declare the permission it
 *   needs (or get `public:read` by the default rule), a route without one is
 *   refused at registration; the rate limiter and the CORS policy (open for
 *   anonymous reads, an allowlist for credentialed requests) the hooks apply;
 * - protections: security headers, CORS, JSON-only bodies;
 * - authentication: each request's principal is resolved, counted against its
 *   tier's quotas, then checked against the route's permission, all before its
 *   body is read; and no body where none is expected.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpProblem } from '../errors/problem.js';
import { metrics } from '../ops/metrics.js';
import { Accounts } from './accounts.js';
import { Authenticator, unauthorized } from './authenticate.js';
import { corsPolicies, installCors, type CorsPolicyFor } from './cors.js';
import { DEFAULT_LOCKOUT, Lockout, type LockoutPolicy } from './lockout.js';
import { outboxMailer, type Mailer } from './mailer.js';
import { allows, ANONYMOUS_PRINCIPAL, isKeyScope, PERMISSIONS, ROLE_PERMISSIONS, routePermission, type Permission, type Principal } from './permissions.js';
import { RateLimiter, type Quota, type TierName } from './rate-limit.js';
import { securityHeaders } from './security-headers.js';
import { AccessTokens } from './tokens.js';

export interface SecurityOptions {
  /** HS256 secret (≥ 32 bytes); a random one per app when absent, which suits a test. */
  jwtSecret?: string;
  /** Outbox table when absent. */
  mailer?: Mailer;
  /** Peers whose X-Forwarded-For is believed; read by buildApp for Fastify's trustProxy. */
  trustedProxies?: string[];
  /** Origins allowed to make credentialed cross-origin requests. */
  corsOrigins?: string[];
  tiers?: Partial<Record<TierName, Quota[]>>;
  authIpQuota?: Quota;
  /** Per client IP on anonymous reads answered from the response cache (DEFAULT_CACHED_IP_QUOTAS when absent). */
  cachedIpQuotas?: Quota[];
  lockout?: LockoutPolicy;
}

export interface AuthServices {
  accounts: Accounts;
  tokens: AccessTokens;
  authenticator: Authenticator;
  lockout: Lockout;
  mailer: Mailer;
}

export interface RoutePermission {
  method: string;
  url: string;
  permission: Permission;
  /** Whether the route declares a body schema. */
  body: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: Permission;
    /** The route checks its own credentials (GET /metrics and its scrape token): no user authentication. */
    ownCredentials?: boolean;
  }
  interface FastifyInstance {
    auth: AuthServices;
    rateLimiter: RateLimiter;
    corsPolicy: CorsPolicyFor;
    /** Every route with the permission it needs, in registration order. */
    routePermissions: RoutePermission[];
  }
  interface FastifyRequest {
    principal: Principal;
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Why a parsed input cannot reach a query: a NUL in text (PostgreSQL refuses it), or a number past double range. */
function unusable(value: unknown, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\0') ? 'contains the NUL character (\\u0000), which no field accepts' : null;
  // Ajv coerces "1e309" to Infinity and lets it through integer bounds.
  if (typeof value === 'number') return Number.isFinite(value) ? null : `has the number ${value}; numbers must be finite`;
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  for (const [key, v] of Object.entries(value)) {
    const problem = unusable(key, depth + 1) ?? unusable(v, depth + 1);
    if (problem) return problem;
  }
  return null;
}

/** The first top-level field (query or path parameter, body property) holding an unusable value, and why. */
function firstUnusable(fields: unknown): { field: string; problem: string } | null {
  if (fields === null || typeof fields !== 'object') {
    const problem = unusable(fields);
    return problem ? { field: '', problem } : null;
  }
  for (const [field, value] of Object.entries(fields)) {
    const problem = unusable(field) ?? unusable(value);
    if (problem) return { field, problem };
  }
  return null;
}

function requirePermissions(app: FastifyInstance): void {
  const routes: RoutePermission[] = [];
  app.decorate('routePermissions', routes);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      const permission = routePermission(method, route.url, route.config?.permission);
      if (!permission) {
        throw new Error(`Route ${method} ${route.url} declares no permission. Add \`config: { permission: '…' }\` to its options, `
          + `with one of ${PERMISSIONS.join(', ')} (see src/auth/permissions.ts).`);
      }
      route.config = { ...route.config, permission };
      routes.push({ method, url: route.url, permission, body: route.schema?.body !== undefined });
    }
  });
}

/** Why a signed-in caller may not use a permission, and what would allow it. */
function refusal(principal: Extract<Principal, { kind: 'user' }>, permission: Permission): string {
  if (!ROLE_PERMISSIONS[principal.user.role].has(permission)) return `Your role (${principal.user.role}) does not have the permission ${permission}.`;
  if (!isKeyScope(permission)) return `API keys never have the permission ${permission}; use an access token from POST /api/v1/auth/login.`;
  return `This API key's scopes (${principal.via === 'key' ? principal.scopes.join(', ') : ''}) do not include ${permission}; create a key with it (POST /api/v1/keys {"scopes": [...]}).`;
}

/** Refused here as a 400 rather than failing inside a query as a 500. */
function rejectUnusable(request: FastifyRequest, part: 'body' | 'query' | 'params'): void {
  const found = firstUnusable(request[part]);
  if (!found) return;
  if (!found.field) throw new HttpProblem(400, 'invalid-value', `The request ${part} ${found.problem}.`);
  throw new HttpProblem(400, 'invalid-value', `"${found.field}" in the request ${part} ${found.problem}.`, { parameter: found.field });
}

/** Before any route or hook: what every route must declare, and the limits and CORS policy the hooks apply. */
export function installSecurityPolicies(app: FastifyInstance, options: SecurityOptions): void {
  requirePermissions(app);
  app.decorate('rateLimiter', new RateLimiter(app.store, options.tiers, options.authIpQuota, options.cachedIpQuotas));
  app.decorate('corsPolicy', corsPolicies(options.corsOrigins ?? []));
}

/** What applies before the caller is known. */
export function installProtections(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(securityHeaders(request.url));
    done();
  });
  installCors(app, app.corsPolicy);
  // Bodies are JSON or nothing: other media types get 415 instead of reaching a handler as a string.
  app.removeContentTypeParser('text/plain');
}

/** Who is calling, within which quota, with which permission. */
export async function installAuthentication(app: FastifyInstance, options: SecurityOptions): Promise<void> {
  const tokens = new AccessTokens(options.jwtSecret ?? randomBytes(48).toString('base64url'));
  const authenticator = new Authenticator(app.database, app.store, tokens, app.log);
  await authenticator.listen();
  const lockout = new Lockout(app.store, options.lockout ?? DEFAULT_LOCKOUT);
  const mailer = options.mailer ?? outboxMailer(app.database.db);
  const services: AuthServices = {
    accounts: new Accounts(app.database.db, app.store, lockout, authenticator, mailer, tokens),
    tokens,
    authenticator,
    lockout,
    mailer,
  };
  app.decorate('auth', services);
  app.decorateRequest('principal');
  const limiter = app.rateLimiter;

  app.addHook('onRequest', async (request, reply) => {
    // routeOptions is built afresh on each read: read it once.
    const { config } = request.routeOptions;
    if (config.ownCredentials) {
      request.principal = ANONYMOUS_PRINCIPAL;
      return;
    }
    let principal: Principal;
    try {
      principal = await authenticator.resolve(request);
    } catch (e) {
      if (e instanceof HttpProblem) metrics.authFailures.inc({ reason: e.problem.type.slice(e.problem.type.lastIndexOf('/') + 1) });
      // Bad credentials still count, so guessing keys or tokens is rate limited like anything else.
      request.principal = ANONYMOUS_PRINCIPAL;
      await limiter.enforce(request, reply, ANONYMOUS_PRINCIPAL);
      throw e;
    }
    request.principal = principal;
    await limiter.enforce(request, reply, principal);
    const permission = config.permission;
    if (!permission || allows(principal, permission)) return;
    if (principal.kind === 'anonymous') throw unauthorized(`This needs an account (permission ${permission}); send "Authorization: Bearer <access_token>" from POST /api/v1/auth/login.`, 'unauthorized');
    throw new HttpProblem(403, 'forbidden', refusal(principal, permission));
  });

  app.addHook('preValidation', async (request) => {
    // An unmatched request is the not-found handler's (404, or 405 with Allow): its body is not the question.
    if (request.routeOptions.url === undefined) return;
    if (WRITE_METHODS.has(request.method) && request.body !== undefined && request.routeOptions.schema?.body === undefined) {
      throw new HttpProblem(400, 'unexpected-body', `${request.method} ${request.routeOptions.url} takes no request body; send none.`);
    }
  });
  // After validation, which coerces query strings into numbers.
  app.addHook('preHandler', async (request) => {
    for (const part of ['body', 'query', 'params'] as const) rejectUnusable(request, part);
  });
}
