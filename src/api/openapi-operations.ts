/**
 * What every operation of the OpenAPI document says without its route file saying
 * it: an operationId and a description, the credentials it takes (from its declared
 * permission), the problems it can answer, 304 on reads, CSV on lists, and path
 * templates OpenAPI can express. Derived once here, so no route restates them.
 */
import type { OpenAPIV3_1 } from 'openapi-types';
import { isKeyScope, ROLE_PERMISSIONS, ROLES, type Permission } from '../auth/permissions.js';

type Json = Record<string, unknown>;
interface ParameterSchema { enum?: unknown[]; const?: unknown; anyOf?: ParameterSchema[] }
interface Operation extends Json {
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; schema?: ParameterSchema }[];
  requestBody?: unknown;
  responses: Record<string, Json>;
}

/** The permission the route declared (or got by default), carried from the route to the document. */
export const PERMISSION_EXTENSION = 'x-permission';
/** Marks a path parameter that takes the rest of the path, slashes included (Fastify's `*`). */
export const MULTI_SEGMENT_EXTENSION = 'x-multi-segment';

export const SECURITY_SCHEMES: Record<string, OpenAPIV3_1.SecuritySchemeObject> = {
  bearerToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The `access_token` from POST /api/v1/auth/login (15 minutes; refresh at /auth/refresh).' },
  apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key from POST /api/v1/keys; acts as its user, but cannot manage keys or the account.' },
  apiKeyQuery: { type: 'apiKey', in: 'query', name: 'apikey', description: 'The same API key as a query parameter, for clients that cannot set headers.' },
};

const ANYONE = new Set<Permission>(ROLE_PERMISSIONS.anonymous);

/** Who may call: anonymous callers too (`{}`), a signed-in session only, or a token or a key. */
function security(permission: Permission): Json[] {
  const token = { bearerToken: [] };
  if (!isKeyScope(permission) && !ANYONE.has(permission)) return [token];
  const credentials = [token, { apiKeyHeader: [] }, { apiKeyQuery: [] }];
  return ANYONE.has(permission) ? [{}, ...credentials] : credentials;
}

/** The least role that holds the permission (ROLES runs from the most to the least privileged). */
const leastRole = (permission: Permission) => [...ROLES].reverse().find((role) => ROLE_PERMISSIONS[role].has(permission));

function whoMayCall(permission: Permission): string {
  if (ANYONE.has(permission)) return `Open to anonymous callers (permission \`${permission}\`); a token or key makes the call count against your own quota.`;
  const by = isKeyScope(permission) ? 'an access token, or an API key created with that scope' : 'an access token (an API key cannot do this)';
  return `Needs permission \`${permission}\` (role ${leastRole(permission)} or above), sent as ${by}.`;
}

/** `get /api/v1/people/ocd-person/{uuid}/votes` → `getPeopleOcdPersonByUuidVotes`. */
export function operationId(method: string, path: string): string {
  const words = path.replace(/^\/api\/v1\//, '').split('/').filter(Boolean).map((segment) => {
    const param = /^\{(.+)\}$/.exec(segment);
    const word = (param ? `by-${param[1]}` : segment).split(/[^A-Za-z0-9]+/).filter(Boolean);
    return word.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  });
  return method.toLowerCase() + words.join('');
}

/** The values a parameter's schema allows, whether written as an enum, a const or a union of them. */
const allowed = (schema: ParameterSchema | undefined): unknown[] =>
  schema ? [...(schema.enum ?? []), ...('const' in schema ? [schema.const] : []), ...(schema.anyOf ?? []).flatMap(allowed)] : [];

const listsCsv = (operation: Operation) =>
  operation.parameters?.some((p) => p.in === 'query' && p.name === 'format' && allowed(p.schema).includes('csv')) ?? false;

const CSV_CONTENT = {
  schema: { type: 'string', description: 'RFC 4180 CSV: a header line, then every row matching the filters (not one page), streamed.' },
  example: 'id,identifier,title_en\r\nocd-bill/3b1e4f0e-8f8a-5b9f-9a53-3d2e8a1c2f10,C-12,"An Act to amend the Customs Act"\r\n',
};

/** The statuses an operation can answer besides its own, by what the route is. */
function problemStatuses(method: string, operation: Operation, permission: Permission): Record<string, string> {
  const statuses: Record<string, string> = { 400: 'BadRequest', 401: 'Unauthorized' };
  // Public reads refuse no one; everything else may meet a role short of it, a key in place of a token, or a disabled account.
  if (permission !== 'public:read') statuses[403] = 'Forbidden';
  if (operation.parameters?.some((p) => p.in === 'path')) Object.assign(statuses, { 404: 'NotFound', 414: 'UriTooLong' });
  // A write may be sent a body whether or not it takes one: too large is a 413, not JSON a 415.
  if (method !== 'get') Object.assign(statuses, { 409: 'Conflict', 413: 'PayloadTooLarge', 415: 'UnsupportedMediaType' });
  Object.assign(statuses, { 429: 'TooManyRequests', 500: 'InternalServerError', 503: 'ServiceUnavailable' });
  if (method === 'get') statuses[304] = 'NotModified';
  return statuses;
}

/** What @fastify/swagger writes for a response schema without a description. */
const DEFAULT_DESCRIPTION = 'Default Response';
const SUCCESS: Record<string, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content' };

/** Completes one operation in place; `permission` is the route's, carried in the PERMISSION_EXTENSION. */
function describeOperation(method: string, path: string, operation: Operation): void {
  const permission = operation[PERMISSION_EXTENSION] as Permission;
  operation.operationId = operationId(method, path);
  const summary = operation.summary ? `${operation.summary.replace(/\.$/, '')}.` : '';
  operation.description = [operation.description ?? summary, whoMayCall(permission)].filter(Boolean).join('\n\n');
  operation.security = security(permission);
  if (listsCsv(operation)) {
    const ok = operation.responses['200']!;
    ok.content = { ...(ok.content as Json), 'text/csv': CSV_CONTENT };
    ok.headers = { Vary: { description: '`Accept`: `Accept: text/csv` answers CSV as `format=csv` does.', schema: { type: 'string' } } };
  }
  for (const [status, response] of Object.entries(operation.responses)) {
    if (response.description === DEFAULT_DESCRIPTION) response.description = SUCCESS[status] ?? status;
  }
  for (const [status, name] of Object.entries(problemStatuses(method, operation, permission))) {
    operation.responses[status] ??= { $ref: `#/components/responses/${name}` };
  }
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** Completes every operation of the document (its `transformObject`). */
export function describeOperations(paths: Record<string, Record<string, Operation>>): void {
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) if (item[method]) describeOperation(method, path, item[method]);
  }
}
