/**
 * The security layer of the HTTP app, installed before any route:
 * - every route must declare the permission it needs (or get `public:read` by
 *   the default rule); a route without one is refused at registration;
 * - each request is authenticated, counted against its tier's quotas, then
 *   checked against the route's permission, all before its body is read;
 * - security headers (helmet), CORS (open for anonymous reads, an allowlist for
 *   credentialed requests), JSON-only bodies, and no body where none is expected.
 */
import { randomBytes } from 'node:crypto';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from '../api/problem.js';
import { metrics } from '../ops/metrics.js';
import { Authenticator, unauthorized } from './authenticate.js';
import { DEFAULT_LOCKOUT, Lockout, type LockoutPolicy } from './lockout.js';
import { outboxMailer, type Mailer } from './mailer.js';
import { allows, ANONYMOUS_PRINCIPAL, PERMISSIONS, ROLE_PERMISSIONS, routePermission, type Permission, type Principal } from './permissions.js';
import { consume, DEFAULT_AUTH_IP_QUOTA, DEFAULT_TIERS, type LimitResult, type Quota, type TierName } from './rate-limit.js';
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
  lockout?: LockoutPolicy;
}

export interface AuthServices {
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
    /** Every route with the permission it needs, in registration order. */
    routePermissions: RoutePermission[];
  }
  interface FastifyRequest {
    principal: Principal;
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const RATE_LIMIT_HEADERS = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'RateLimit-Policy', 'Retry-After'];
const pathOf = (url: string) => url.split('?')[0] ?? url;

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

function corsFor(allowlist: ReadonlySet<string>) {
  const exposedHeaders = [...RATE_LIMIT_HEADERS, 'ETag', 'Location'];
  // Built once: the delegator runs on every request.
  const credentialed = {
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'X-API-Key', 'Content-Type'],
    exposedHeaders,
    maxAge: 600,
  };
  // Anyone may read the public data from a browser; only listed origins may send tokens or keys in headers.
  const anonymous = { origin: '*', credentials: false, methods: ['GET', 'HEAD'], allowedHeaders: ['Accept'], exposedHeaders, maxAge: 600 };
  return {
    delegator: (request: { headers: Record<string, string | string[] | undefined> }, callback: (error: Error | null, options: object) => void) => {
      const origin = request.headers.origin;
      if (typeof origin === 'string' && allowlist.has(origin)) callback(null, { ...credentialed, origin });
      else callback(null, anonymous);
    },
  };
}

/** Refused here as a 400 rather than failing inside a query as a 500. */
function rejectUnusable(request: FastifyRequest, part: 'body' | 'query' | 'params'): void {
  const problem = unusable(request[part]);
  if (problem) throw new HttpProblem(400, 'invalid-value', `The request ${part} ${problem}.`);
}

export async function installSecurity(app: FastifyInstance, options: SecurityOptions): Promise<void> {
  requirePermissions(app);

  const tokens = new AccessTokens(options.jwtSecret ?? randomBytes(48).toString('base64url'));
  const authenticator = new Authenticator(app.database, app.store, tokens, app.log);
  await authenticator.listen();
  const services: AuthServices = {
    tokens,
    authenticator,
    lockout: new Lockout(app.store, options.lockout ?? DEFAULT_LOCKOUT),
    mailer: options.mailer ?? outboxMailer(app.database.db),
  };
  app.decorate('auth', services);
  app.decorateRequest('principal');

  // Bodies are JSON or nothing: other media types get 415 instead of reaching a handler as a string.
  app.removeContentTypeParser('text/plain');
  await app.register(helmet, { crossOriginResourcePolicy: { policy: 'cross-origin' } });
  await app.register(cors, corsFor(new Set(options.corsOrigins ?? [])));

  const tiers = { ...DEFAULT_TIERS, ...options.tiers };
  const authIpQuota = options.authIpQuota ?? DEFAULT_AUTH_IP_QUOTA;

  async function limit(request: FastifyRequest, reply: FastifyReply, principal: Principal): Promise<void> {
    const path = pathOf(request.url);
    if (request.method === 'OPTIONS' || !(path === '/api/v1' || path.startsWith('/api/v1/'))) return;
    const tier: TierName = principal.kind === 'anonymous' ? 'anonymous' : Object.hasOwn(tiers, principal.user.tier) ? (principal.user.tier as TierName) : 'default';
    const subject = principal.kind === 'user' ? `user:${principal.user.id}` : `ip:${request.ip}`;
    const checks: Promise<LimitResult>[] = [consume(app.store, subject, tiers[tier])];
    if (path.startsWith('/api/v1/auth/')) checks.push(consume(app.store, `auth-ip:${request.ip}`, [authIpQuota]));
    const results = await Promise.all(checks);
    const shown = results.find((r) => r.limited) ?? results.reduce((a, b) => (b.remaining < a.remaining ? b : a));
    reply.headers(shown.headers);
    if (shown.limited) {
      metrics.rateLimited.inc({ tier });
      const hint = principal.kind === 'anonymous' ? ' Send an API key (X-API-Key) for a higher quota.' : '';
      throw new HttpProblem(429, 'rate-limited', `Rate limit of ${shown.limit} requests exceeded; retry in ${shown.reset} s.${hint}`, { retry_after: shown.reset });
    }
  }

  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config.ownCredentials) {
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
      await limit(request, reply, ANONYMOUS_PRINCIPAL);
      throw e;
    }
    request.principal = principal;
    await limit(request, reply, principal);
    const permission = request.routeOptions.config.permission;
    if (!permission || allows(principal, permission)) return;
    if (principal.kind === 'anonymous') throw unauthorized(`This needs an account (permission ${permission}); send "Authorization: Bearer <access_token>" from POST /api/v1/auth/login.`, 'unauthorized');
    const roleAllows = ROLE_PERMISSIONS[principal.user.role].has(permission);
    throw new HttpProblem(403, 'forbidden', principal.via === 'key' && roleAllows
      ? `API keys cannot ${permission === 'keys:manage' ? 'manage keys' : 'manage the account'}; use an access token from POST /api/v1/auth/login.`
      : `Your role (${principal.user.role}) does not have the permission ${permission}.`);
  });

  app.addHook('preValidation', async (request) => {
    if (WRITE_METHODS.has(request.method) && request.body !== undefined && request.routeOptions.schema?.body === undefined) {
      throw new HttpProblem(400, 'unexpected-body', `${request.method} ${request.routeOptions.url} takes no request body; send none.`);
    }
  });
  // After validation, which coerces query strings into numbers.
  app.addHook('preHandler', async (request) => {
    for (const part of ['body', 'query', 'params'] as const) rejectUnusable(request, part);
  });
}
