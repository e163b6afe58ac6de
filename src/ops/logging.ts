/**
 * Structured JSON logs (pino, Fastify's logger): where they go, what they must
 * never contain, and which request id each line carries.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { pino, stdSerializers, type DestinationStream, type LoggerOptions } from 'pino';
import type { AddressMatcher } from './networks.js';

// Keys that hold credentials, at the top of a logged object or under the usual parents (a second line
// of defence: the request log line is built from chosen fields and never includes headers or bodies).
// Explicit paths only: pino's wildcard paths cost ~40 µs a line, more than the rest of a request.
const SECRET_KEYS = ['password', 'new_password', 'current_password', 'token', 'access_token', 'refresh_token', 'apikey', 'api_key', 'secret', 'authorization', 'cookie'];
const PARENTS = ['', 'body.', 'query.', 'headers.', 'req.body.', 'req.query.', 'req.headers.'];
const REDACT_PATHS = [
  ...PARENTS.flatMap((parent) => SECRET_KEYS.map((key) => parent + key)),
  'headers["x-api-key"]',
  'req.headers["x-api-key"]',
];

// Where drizzle (`params`) and postgres.js (`parameters`, `args`) keep a query's values on its error.
const PARAMETER_FIELDS = ['params', 'parameters', 'args'];

function withoutParameters(message: string): string {
  return message.replace(/\nparams: [\s\S]*$/, '\nparams: [not logged]');
}

/**
 * A database error carries the query's parameters — password hashes, emails, IPs — in its message
 * (drizzle's "params: …") and in fields the standard serializer copies: the statement stays, they go.
 */
function errorSerializer(error: unknown) {
  // A caller may log an error's message rather than the error: cleaned the same way, and never a throw
  // (an exception in a serializer would take the process down with the line).
  if (typeof error === 'string') return withoutParameters(error);
  if (!(error instanceof Error)) return error;
  const serialized = stdSerializers.err(error) as ReturnType<typeof stdSerializers.err> & Record<string, unknown>;
  serialized.message = withoutParameters(String(serialized.message ?? ''));
  serialized.stack = (serialized.stack ?? '').replace(/\nparams: [^\n]*/, '\nparams: [not logged]');
  for (const field of PARAMETER_FIELDS) if (field in serialized) serialized[field] = '[not logged]';
  return serialized;
}

/**
 * Fastify's logger options. Without a stream, lines go to stdout with plain
 * write(2) calls. The request line is written after the response has gone
 * (src/ops/request-observer.ts), so the write is off the request's path; and on
 * this 2-core machine under load, pino's asynchronous writer cost 16% of a cached
 * endpoint's throughput (its thread hand-offs) where direct writes cost nothing
 * measurable (bench/instrumentation.ts). Direct writes also lose no line on a crash.
 */
export function loggerOptions(level: string, stream?: DestinationStream): LoggerOptions & { stream: DestinationStream } {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: errorSerializer },
    stream: stream ?? pino.destination({ dest: 1, sync: true }),
  };
}

// Query parameters that carry credentials (the API key may be sent as ?apikey=), by their decoded, lower-cased name.
export const SECRET_QUERY_PARAMETERS = ['apikey', 'api_key', 'access_token', 'token', 'password', 'secret'];
const SECRET_PARAMS = new Set(SECRET_QUERY_PARAMETERS);

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}

/** The URL as logged: the value of every credential in the query string replaced, however its name is spelled (`api%6bey`). */
export function loggableUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const params = url.slice(q + 1).split('&').map((param) => {
    const eq = param.indexOf('=');
    const name = eq === -1 ? param : param.slice(0, eq);
    return SECRET_PARAMS.has(decodedName(name)) ? `${name}=[redacted]` : param;
  });
  return `${url.slice(0, q + 1)}${params.join('&')}`;
}

// What a gateway may send: a UUID, nginx's $request_id (hex), or similar; nothing that could forge a log line.
const REQUEST_ID = /^[\w.:+=/-]{1,128}$/;

/**
 * Fastify's genReqId: the gateway's X-Request-Id when the peer is a trusted
 * proxy (so one id follows the request through nginx and the API), else a new
 * UUID (unique across instances and restarts: the audit log records it).
 */
export function requestIdGenerator(trustedPeer: AddressMatcher): (request: IncomingMessage) => string {
  return (request) => {
    const given = request.headers['x-request-id'];
    if (typeof given === 'string' && REQUEST_ID.test(given) && trustedPeer(request.socket.remoteAddress)) return given;
    return randomUUID();
  };
}
