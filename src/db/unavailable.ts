/**
 * Tells a lost database from a failed query, so the API can answer 503 (try
 * again shortly) instead of 500 (our bug) while PostgreSQL is down or restarting.
 */

// Socket errors, and postgres.js's own codes for connections it could not open or lost.
const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE',
  'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECTION_ENDED',
]);
// SQLSTATE: connection exceptions (08…), shutting down or starting up (57P01-57P03), no free connection (53300).
const UNAVAILABLE_STATES = /^(08...|57P0[123]|53300)$/;

export function isDatabaseUnavailable(error: unknown): boolean {
  // drizzle wraps the driver's error as `cause`; a failed dual-stack connect is an AggregateError.
  for (let e = error as { code?: unknown; cause?: unknown; errors?: unknown[] } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && (CONNECTION_CODES.has(e.code) || UNAVAILABLE_STATES.test(e.code))) return true;
    if (Array.isArray(e.errors) && e.errors.some(isDatabaseUnavailable)) return true;
  }
  return false;
}
