/**
 * CORS: anyone may read the public data from a browser; only listed origins
 * may send tokens or keys in headers, or write. Both policies' headers are
 * built once: this runs on every request.
 */
import type { FastifyInstance } from 'fastify';

const RATE_LIMIT_HEADERS = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'RateLimit-Policy', 'Retry-After'];
const EXPOSED = [...RATE_LIMIT_HEADERS, 'ETag', 'Location'].join(', ');
const MAX_AGE = '600';

export interface CorsPolicy {
  headers: Record<string, string>;
  /** The same headers as a flat name/value list, for writeHead (src/api/cached-reads.ts). */
  headerList: string[];
  preflight: Record<string, string>;
}

function policy(headers: Record<string, string>, preflight: Record<string, string>): CorsPolicy {
  return { headers, headerList: Object.entries(headers).flat(), preflight };
}

const ANONYMOUS_HEADERS = { 'access-control-allow-origin': '*', 'access-control-expose-headers': EXPOSED };
const ANONYMOUS_PREFLIGHT = { 'access-control-allow-methods': 'GET, HEAD', 'access-control-allow-headers': 'Accept', 'access-control-max-age': MAX_AGE };

function credentialed(origin: string): CorsPolicy {
  return policy(
    { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', 'access-control-expose-headers': EXPOSED, vary: 'Origin' },
    {
      'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
      'access-control-allow-headers': 'Authorization, X-API-Key, Content-Type',
      'access-control-max-age': MAX_AGE,
    },
  );
}

/** The policy for a request's Origin header. */
export type CorsPolicyFor = (origin: string | undefined) => CorsPolicy;

export function corsPolicies(allowedOrigins: readonly string[]): CorsPolicyFor {
  const listed = new Map(allowedOrigins.map((origin) => [origin, credentialed(origin)]));
  // With an allowlist, the same URL answers differently by Origin, which shared caches must know; without one it never does.
  const anonymous = policy(listed.size ? { ...ANONYMOUS_HEADERS, vary: 'Origin' } : ANONYMOUS_HEADERS, ANONYMOUS_PREFLIGHT);
  return (origin) => (origin !== undefined && listed.get(origin)) || anonymous;
}

/** Adds the CORS headers to every response and answers preflight requests before anything else sees them. */
export function installCors(app: FastifyInstance, policyFor: CorsPolicyFor): void {
  app.addHook('onRequest', (request, reply, done) => {
    const policy = policyFor(request.headers.origin);
    reply.headers(policy.headers);
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined) {
      reply.code(204).headers(policy.preflight).send();
      return;
    }
    done();
  });
}
