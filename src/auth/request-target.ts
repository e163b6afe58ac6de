/**
 * One spelling per request target. The router decodes the path it matches, so
 * every other decision about a request (its quotas, whether it may be cached,
 * which security headers it gets, what its log line shows) must see the same
 * path the router saw, or `/%61pi/v1/auth/login` escapes the limits that
 * `/api/v1/auth/login` gets. Every request's URL is rewritten to this form before
 * anything reads it: at the socket (src/api/cached-reads.ts) and in Fastify's
 * rewriteUrl (src/api/app.ts), which also covers injected requests.
 *
 * The form is RFC 3986 syntax-based normalization (section 6.2.2), which never
 * changes what a URL means: percent-encoded unreserved characters decoded (`%61`
 * is `a`), the hex of the others upper-cased, dot segments removed; plus, as a
 * gateway does, an absolute-form target reduced to its path and query, repeated
 * slashes merged, and under /api/ no trailing slash (no API route has one).
 * Other percent-encodings stay encoded: decoding `%2F` or `%25` would change
 * which route matches, or let the router decode twice.
 */

const UNRESERVED = /[A-Za-z0-9\-._~]/;
// What needs no work: the common case costs one regex test.
const NEEDS_WORK = /%|\/\/|\/\.|^[^/]|\/\?|\/$/;

function normalizeEncoding(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_match, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

/** RFC 3986 section 5.2.4, on a path that starts with a slash. */
function removeDotSegments(path: string): string {
  const out: string[] = [];
  const segments = path.split('/').slice(1);
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '..') out.pop();
    if (segment === '.' || segment === '..') {
      if (last) out.push('');
      return;
    }
    out.push(segment);
  });
  return `/${out.join('/')}`;
}

/** The path and query the router, the limits, the cache and the logs all go by. */
export function normalizeTarget(target: string): string {
  if (!NEEDS_WORK.test(target)) return target;
  let rest = target;
  if (!rest.startsWith('/')) {
    // Absolute form (`http://host/path?query`): the host is the Host header's business, not the route's.
    const absolute = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(rest);
    rest = absolute ? rest.slice(absolute[0].length) : `/${rest}`;
    if (!rest.startsWith('/')) rest = `/${rest}`;
  }
  const q = rest.indexOf('?');
  const rawPath = q === -1 ? rest : rest.slice(0, q);
  const query = q === -1 ? '' : rest.slice(q);
  let path = removeDotSegments(normalizeEncoding(rawPath).replace(/\/{2,}/g, '/'));
  if (path.length > 1 && path.endsWith('/') && path.startsWith('/api/')) path = path.slice(0, -1);
  return path + normalizeEncoding(query);
}

/** The path of a normalized target, without its query. */
export function targetPath(target: string): string {
  const q = target.indexOf('?');
  return q === -1 ? target : target.slice(0, q);
}
