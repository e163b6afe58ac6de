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
  for (const name of [...target.searchParams.keys()]) {
    if (SECRET_QUERY_PARAMETERS.includes(name.toLowerCase())) target.searchParams.delete(name);
  }
  // Re-serialized, so a stray `%` the client sent (`cursor=%%%`) is `%25` and the instance stays a valid URI reference.
  const search = new URLSearchParams(target.searchParams).toString();
  return `${target.pathname.replace(/%(?![0-9A-Fa-f]{2})/g, '%25')}${search ? `?${search}` : ''}`;
}

export function sendProblem(reply: FastifyReply, problem: Problem, headers: Record<string, string> = {}) {
  return reply.code(problem.status).headers(headers).type('application/problem+json')
    .send({ ...problem, instance: problem.instance ?? problemInstance(reply.request.url) });
}
