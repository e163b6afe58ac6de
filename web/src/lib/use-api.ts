/**
 * Reading from the API in a component. Public reads are kept for a minute, as
 * long as the API's own Cache-Control allows, so going back is instant and the
 * anonymous quota is not spent twice on the same page.
 */
import { startTransition, useCallback, useEffect, useState } from 'react';
import { ApiError, getJson, isPublicRead, urlFor } from './api';
import type { Answer, CallArgument, PathsFor } from './contract';

const TTL_MS = 60_000;
const cache = new Map<string, { at: number; data: unknown }>();
// Components asking for the same path at once (the filter menus) share one request.
const inflight = new Map<string, Promise<unknown>>();

function load<T>(path: string): Promise<T> {
  let request = inflight.get(path) as Promise<T> | undefined;
  if (!request) {
    const started: Promise<T> = getJson<T>(path).then((data) => {
      if (isPublicRead(path)) cache.set(path, { at: Date.now(), data });
      return data;
    }).finally(() => {
      // A reload may have replaced it with a newer request meanwhile.
      if (inflight.get(path) === started) inflight.delete(path);
    });
    request = started;
    inflight.set(path, started);
  }
  return request;
}

function cached<T>(path: string | null): T | undefined {
  if (!path) return undefined;
  const entry = cache.get(path);
  return entry && Date.now() - entry.at < TTL_MS ? (entry.data as T) : undefined;
}

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

/**
 * GET an operation by its path template, typed by the contract (null: nothing yet); reloads when the URL changes:
 * `useApi('/api/v1/bills/{jurisdiction}/{session}/{number}', { path: {...}, query: { include: ['actions'] } })`.
 */
export function useApi<P extends PathsFor<'get'>>(template: P | null, ...[call]: CallArgument<P, 'get'>): Resource<Answer<P>> {
  return useRead<Answer<P>>(template === null ? null : urlFor(template, call?.path, call?.query));
}

/**
 * The served OpenAPI document itself, which is no operation of its own: `T` is the part of
 * OpenAPI's structure the caller reads (optionally, as any document may lack it).
 */
export function useOpenApiDocument<T>(): Resource<T> {
  return useRead<T>('/api/v1/openapi.json');
}

function useRead<T>(path: string | null): Resource<T> {
  const [state, setState] = useState<{ path: string | null; data?: T; error?: ApiError }>(() => ({ path, data: cached<T>(path) }));
  const [generation, setGeneration] = useState(0);
  // The request starts while the page renders, not after its first paint (when effects run): the data
  // arrives sooner. `load` shares one request per path, so the effect below picks up this same one.
  // Only until the answer is in: later renders (a private read is never cached) must not ask again.
  const answered = state.path === path && (state.data !== undefined || state.error !== undefined);
  if (path && generation === 0 && !answered && cached<T>(path) === undefined) load<T>(path).catch(() => {});

  useEffect(() => {
    if (!path) return;
    const hit = generation === 0 ? cached<T>(path) : undefined;
    if (hit !== undefined) {
      setState({ path, data: hit });
      return;
    }
    let live = true;
    setState((s) => (s.path === path ? { path, data: s.data } : { path }));
    load<T>(path).then(
      (data) => {
        // A transition: rendering a large answer (division 332's 323 ballots) yields to the browser every few
        // milliseconds rather than blocking it in one long task.
        if (live) startTransition(() => setState({ path, data }));
      },
      (error: unknown) => {
        if (live) setState({ path, error: error instanceof ApiError ? error : new ApiError({ type: 'client', title: String(error), status: 0 }) });
      },
    );
    return () => {
      live = false;
    };
  }, [path, generation]);

  const current = state.path === path;
  const data = current ? state.data : cached<T>(path);
  const reload = useCallback(() => {
    if (!path) return;
    // A request already in flight may have started before the change that made the caller reload.
    cache.delete(path);
    inflight.delete(path);
    setGeneration((g) => g + 1);
  }, [path]);

  return { data, error: current ? state.error : undefined, loading: !!path && data === undefined && !(current && state.error), reload };
}

/** Forget cached reads, after a change the user made (an import, say). */
export function clearApiCache(): void {
  cache.clear();
  inflight.clear();
}
