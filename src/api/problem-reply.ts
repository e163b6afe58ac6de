/** How a problem goes out: RFC 9457 `application/problem+json`, with the request it is about as its `instance`. */
import type { FastifyReply } from 'fastify';
import { SECRET_QUERY_PARAMETERS } from '../ops/logging.js';
import type { Problem } from '../errors/problem.js';

/** The request's path and query as a URI reference, without the parameters that carry credentials. */
export function problemInstance(url: string): string {
  let target: URL;
  try {
    target = new URL(url, 'http://local');
  } catch {
    return '/';
  }
  return uriReference(target.pathname, new URLSearchParams(target.search));
}

/**
 * A parsed URL's path and its parameters (apart from the URL: each change made through `url.searchParams` serializes
 * and parses the whole URL again) as a URI reference, the parameters that carry credentials taken out of `params`.
 */
export function uriReference(pathname: string, params: URLSearchParams): string {
  for (const name of [...params.keys()]) {
    if (SECRET_QUERY_PARAMETERS.includes(name.toLowerCase())) params.delete(name);
  }
  // Re-serialized, so a stray `%` the client sent (`cursor=%%%`) is `%25` and the instance stays a valid URI reference.
  const search = params.toString();
  return `${pathname.replace(/%(?![0-9A-Fa-f]{2})/g, '%25')}${search ? `?${search}` : ''}`;
}

export function sendProblem(reply: FastifyReply, problem: Problem, headers: Record<string, string> = {}) {
  return reply.code(problem.status).headers(headers).type('application/problem+json')
    .send({ ...problem, instance: problem.instance ?? problemInstance(reply.request.url) });
}
