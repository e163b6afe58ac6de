/**
 * Security headers, worked out once: they are the same on every response, and
 * each header costs time on every one (25 headers cut bare node:http's
 * throughput by about a third here; scratch measurements in the closing note of
 * the API issue).
 *
 * - Documents (the web site, /docs, the performance page) get helmet's full
 *   set; with no per-request directives (no nonces) it never changes, so
 *   helmet's middleware, which rebuilds the CSP on each request, runs once.
 * - API responses (JSON, CSV) get the set OWASP's REST Security Cheat Sheet
 *   names for APIs: nothing in them is rendered, so the headers that only
 *   govern documents (referrer, opener, DNS prefetch, legacy IE and Flash
 *   switches) would be bytes without effect.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

function headersOf(middleware: ReturnType<typeof helmet>): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  let done = false;
  middleware({} as IncomingMessage, response as unknown as ServerResponse, () => (done = true));
  if (!done) throw new Error('helmet did not set its headers synchronously; serve them per request instead');
  return Object.freeze(headers);
}

export const DOCUMENT_HEADERS = headersOf(helmet({ crossOriginResourcePolicy: { policy: 'cross-origin' } }));

export const API_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': DOCUMENT_HEADERS['strict-transport-security']!,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
});

/** The set for a request's URL. */
export function securityHeaders(url: string): Readonly<Record<string, string>> {
  return url.startsWith('/api/') ? API_HEADERS : DOCUMENT_HEADERS;
}
