/**
 * A request for an API path that exists, with a method it does not take, is a 405
 * naming the methods it does take (`Allow`), not a 404: the router reports only
 * "no route", so the path is matched here against every registered route.
 */
import type { FastifyInstance } from 'fastify';
import { HttpProblem } from '../errors/problem.js';

interface Pattern { method: string; pattern: RegExp }

/** Fastify's `/votes/:id` and `/divisions/*` as patterns over a request path. */
function routePattern(url: string): RegExp {
  const source = url.split('/').map((segment) => {
    if (segment === '*') return '.*';
    if (segment.startsWith(':')) return '[^/]+';
    return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }).join('/');
  return new RegExp(`^${source}$`);
}

/** The methods the API's routes take at a path (none when no API route has it); built on first use, when every route is in. */
export function allowedMethods(app: FastifyInstance): (path: string) => string[] {
  let patterns: Pattern[] | undefined;
  return (path) => {
    patterns ??= app.routePermissions
      .filter((r) => r.url.startsWith('/api/') && r.method !== 'OPTIONS')
      .map((r) => ({ method: r.method, pattern: routePattern(r.url) }));
    return [...new Set(patterns.filter((p) => p.pattern.test(path)).map((p) => p.method))].sort();
  };
}

export function methodNotAllowed(method: string, path: string, allowed: string[]): HttpProblem {
  return new HttpProblem(405, 'method-not-allowed', `${path} takes ${allowed.join(', ')}, not ${method}.`, {}, { allow: allowed.join(', ') });
}
