/**
 * The problems every operation can answer, once: the RFC 9457 body and the
 * responses by status, with examples, that the OpenAPI document refers to.
 */
import type { OpenAPIV3_1 } from 'openapi-types';

type Json = Record<string, unknown>;

/** The problem+json body every error has (RFC 9457). */
export const PROBLEM_SCHEMA: OpenAPIV3_1.SchemaObject = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'instance'],
  properties: {
    type: { type: 'string', format: 'uri', description: 'What kind of problem; a stable URI to branch on.' },
    title: { type: 'string', description: 'The HTTP status text.' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string', description: 'What went wrong with this request, and what to do about it.' },
    instance: { type: 'string', format: 'uri-reference', description: 'The request path (and query) this problem is about.' },
    parameter: { type: 'string', description: 'The query, path or body parameter at fault, when there is one.' },
  },
  additionalProperties: true,
};

const problem = (description: string, example: Json, headers?: Record<string, OpenAPIV3_1.HeaderObject>): OpenAPIV3_1.ResponseObject => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' }, example } },
});

const PROBLEM_EXAMPLE_BASE = 'https://openpolicy.ca/problems/';
const retryAfter: Record<string, OpenAPIV3_1.HeaderObject> = { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 0 } } };

/** The problem responses every operation refers to, by status. */
export const PROBLEM_RESPONSES: Record<string, OpenAPIV3_1.ResponseObject> = {
  BadRequest: problem('A parameter, the path or the body is invalid; `parameter` names the one at fault when there is one.', {
    type: `${PROBLEM_EXAMPLE_BASE}invalid-parameter`, title: 'Bad Request', status: 400, detail: 'Unknown query parameter "colour".', parameter: 'colour', instance: '/api/v1/bills?colour=red',
  }),
  Unauthorized: problem('The credentials sent are invalid or expired, or the operation needs an account and none was sent.', {
    type: `${PROBLEM_EXAMPLE_BASE}invalid-token`, title: 'Unauthorized', status: 401, detail: 'The access token has expired; refresh it at POST /api/v1/auth/refresh.', instance: '/api/v1/auth/me',
  }),
  Forbidden: problem('The caller\'s role, or an API key in place of a token, does not have the permission; or the account is disabled, or the current password was wrong.', {
    type: `${PROBLEM_EXAMPLE_BASE}forbidden`, title: 'Forbidden', status: 403, detail: 'Your role (user) does not have the permission users:manage.', instance: '/api/v1/admin/users',
  }),
  NotFound: problem('Nothing has this id (or it belongs to another user).', {
    type: `${PROBLEM_EXAMPLE_BASE}not-found`, title: 'Not Found', status: 404, detail: 'No bill with id "ocd-bill/00000000-0000-0000-0000-000000000000".', instance: '/api/v1/bills/ocd-bill/00000000-0000-0000-0000-000000000000',
  }),
  // Registration never says an email is taken (it answers 202 whatever the email: no enumeration); a username is public.
  Conflict: problem('The change conflicts with the current state (a taken username, the last admin, an import already running).', {
    type: `${PROBLEM_EXAMPLE_BASE}username-taken`, title: 'Conflict', status: 409, detail: 'The username "ada" is taken; choose another.', parameter: 'username', instance: '/api/v1/auth/register',
  }),
  UriTooLong: problem('A path parameter is longer than any id.', {
    type: `${PROBLEM_EXAMPLE_BASE}bad-request`, title: 'URI Too Long', status: 414, detail: 'URI Too Long', instance: '/api/v1/keys/xxxxxxxx',
  }),
  PayloadTooLarge: problem('The request body is larger than this operation accepts.', {
    type: `${PROBLEM_EXAMPLE_BASE}bad-request`, title: 'Payload Too Large', status: 413, detail: 'Request body is too large', instance: '/api/v1/auth/login',
  }),
  UnsupportedMediaType: problem('The request body is not `application/json`.', {
    type: `${PROBLEM_EXAMPLE_BASE}bad-request`, title: 'Unsupported Media Type', status: 415, detail: 'Unsupported Media Type: text/plain', instance: '/api/v1/auth/login',
  }),
  TooManyRequests: problem('Over the caller\'s quota (see the `RateLimit-*` headers), or the account is locked after failed logins.', {
    type: `${PROBLEM_EXAMPLE_BASE}rate-limited`, title: 'Too Many Requests', status: 429, detail: 'Over the anonymous limit of 60 requests per minute; sign in or send an API key for more.', instance: '/api/v1/bills',
  }, retryAfter),
  InternalServerError: problem('The server failed; the failure is logged under the request id (`X-Request-Id`).', {
    type: `${PROBLEM_EXAMPLE_BASE}internal`, title: 'Internal Server Error', status: 500, detail: 'The server failed to answer this request; it has been logged.', instance: '/api/v1/bills',
  }),
  ServiceUnavailable: problem('The database is unavailable for a moment.', {
    type: `${PROBLEM_EXAMPLE_BASE}service-unavailable`, title: 'Service Unavailable', status: 503, detail: 'The database is unavailable; try again in a few seconds.', instance: '/api/v1/bills',
  }, retryAfter),
  NotModified: {
    description: 'Not Modified: the `If-None-Match` header names the current ETag (or is `*`); the cached copy is still good.',
    headers: { ETag: { description: 'The weak ETag of the current representation.', schema: { type: 'string' } } },
  },
};
