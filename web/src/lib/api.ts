/**
 * Calls to the platform's own API. Errors arrive as RFC 9457 problems and are
 * thrown as ApiError. When signed in, requests carry the access token (public
 * reads too: a user's quota is ten times an anonymous one); an expired or
 * outdated token is refreshed once, and a public read whose session has ended
 * is retried anonymously.
 */
import { clearSession, expiresSoon, refreshTokens, session, type Tokens } from './session';
import type { Answer, Call, CallArgument, Method, PathsFor, Problem } from './contract';

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }

  get status(): number {
    return this.problem.status;
  }
}

interface RequestOptions {
  method?: Method;
  body?: unknown;
  signal?: AbortSignal;
}

const PRIVATE = /^\/api\/v1\/(auth|keys|admin|me)(\/|$)/;
export const isPublicRead = (path: string, method: Method = 'get') => method === 'get' && !PRIVATE.test(path);

async function send(path: string, options: RequestOptions, tokens: Tokens | null): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (tokens) headers.authorization = `Bearer ${tokens.access_token}`;
  try {
    return await fetch(path, {
      method: (options.method ?? 'get').toUpperCase(),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError({ type: 'network', title: 'Network error', status: 0, detail: (e as Error).message });
  }
}

async function problemOf(res: Response): Promise<Problem> {
  const body = (await res.json().catch(() => null)) as Partial<Problem> | null;
  const retry = Number(res.headers.get('retry-after'));
  return {
    type: body?.type ?? 'about:blank',
    title: body?.title ?? res.statusText,
    status: res.status,
    ...(body?.detail ? { detail: body.detail } : {}),
    ...(body?.parameter ? { parameter: body.parameter } : {}),
    ...(retry > 0 ? { retry_after: retry } : {}),
  };
}

/** The response, once credentials are settled; any error status is thrown as an ApiError. */
async function request(path: string, options: RequestOptions): Promise<Response> {
  let tokens = session.get().tokens;
  if (tokens && expiresSoon(tokens)) tokens = await refreshTokens();
  let res = await send(path, options, tokens);
  if (res.status === 401 && tokens) {
    const renewed = await refreshTokens();
    if (renewed) res = await send(path, options, renewed);
    else if (isPublicRead(path, options.method)) res = await send(path, options, null);
    if (res.status === 401) clearSession();
  }
  if (!res.ok) throw new ApiError(await problemOf(res));
  return res;
}

/** The JSON answer of a GET to `url`, typed by the caller: only for useApi, which types it by path. */
export async function getJson<T>(url: string): Promise<T> {
  const res = await request(url, {});
  return (await res.json()) as T;
}

/**
 * Calls an operation by its path template, typed by the contract: `api('/api/v1/keys/{id}', { method: 'delete', path: { id } })`.
 * The answer is what the document says the operation answers (undefined for a 204).
 */
export async function api<P extends PathsFor<M>, M extends Method = 'get'>(template: P, ...[call]: CallArgument<P, M>): Promise<Answer<P, M>> {
  const options: Partial<Call<P, M>> = call ?? {};
  const res = await request(urlFor(template, options.path, options.query), options);
  if (res.status === 204) return undefined as Answer<P, M>;
  return (await res.json()) as Answer<P, M>;
}

/** The answer of a GET to `path` outside the contract (an event stream), once credentials are settled; its body is read as it arrives. */
export function openStream(path: string, signal: AbortSignal): Promise<Response> {
  return request(path, { signal });
}

/** Saves what `path` answers as a file: for lists a plain link cannot fetch, because they need the access token. */
export async function download(path: string, filename: string): Promise<void> {
  const blob = await (await request(path, {})).blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  link.click();
  URL.revokeObjectURL(link.href);
}

/** `/api/v1/bills` + `{session: '45-1', q: ''}` → `/api/v1/bills?session=45-1`: empty values are left out, arrays repeated. */
export function withQuery(path: string, query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined && one !== null && one !== '') params.append(key, String(one));
    }
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * `/api/v1/votes/{jurisdiction}/{session}/{number}` + its parameters → the URL. Each value is percent-encoded
 * segment by segment: an OCD id's slashes stay slashes, since the API takes them as one parameter.
 */
export function urlFor(template: string, path?: unknown, query?: unknown): string {
  const filled = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = (path as Record<string, string | number> | undefined)?.[name];
    if (value === undefined) throw new Error(`${template}: no value for {${name}}`);
    return String(value).split('/').map(encodeURIComponent).join('/');
  });
  return withQuery(filled, (query ?? {}) as Record<string, unknown>);
}
