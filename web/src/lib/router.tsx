/**
 * A small history-API router: the site needs path patterns, query strings as
 * page state (every list is linkable), lazy pages and links; not a library.
 *
 * The language is part of the address: French pages live under /fr, English
 * ones at the root, so a page can be shared and indexed in either language.
 * Pages and links deal in paths without that prefix; the router adds the
 * reader's language when it writes an address, and strips it when it reads one.
 */
import { useMemo, type AnchorHTMLAttributes, type MouseEvent } from 'react';
import { createStore, useStore } from './store';

export type Lang = 'en' | 'fr';

export interface Location {
  /** The page's path without its language prefix: `/bills` on `/fr/bills` too. */
  pathname: string;
  search: string;
  hash: string;
  lang: Lang;
}

const FRENCH = /^\/fr(?=\/|$)/;

/** `/fr/bills` → French `/bills`; `/bills` → English `/bills`. */
export function splitLanguage(path: string): { lang: Lang; pathname: string } {
  return FRENCH.test(path) ? { lang: 'fr', pathname: path.replace(FRENCH, '') || '/' } : { lang: 'en', pathname: path };
}

/** The address of a page (path with its query and hash, without language) in `lang`: `/fr/…` for French, the path itself for English. */
export function localize(to: string, lang: Lang): string {
  if (lang === 'en' || !to.startsWith('/')) return to;
  return to === '/' || /^\/[?#]/.test(to) ? `/fr/${to.slice(1)}` : `/fr${to}`;
}

function read(): Location {
  return { ...splitLanguage(window.location.pathname), search: window.location.search, hash: window.location.hash };
}
const location = createStore<Location>(read());

/** Whether the page changed inside the app (then focus moves to the new page's heading). */
let clientNavigation = false;
export const navigatedInApp = () => clientNavigation;

window.addEventListener('popstate', () => {
  clientNavigation = true;
  location.set(read());
});

/** Goes to `to` (a path without language) in the reader's language, or in `options.lang`. */
export function navigate(to: string, options: { replace?: boolean; lang?: Lang } = {}): void {
  clientNavigation = true;
  const address = localize(to, options.lang ?? location.get().lang);
  if (options.replace) history.replaceState(null, '', address);
  else history.pushState(null, '', address);
  location.set(read());
  if (!options.replace) window.scrollTo(0, 0);
}

export function useLocation(): Location {
  return useStore(location);
}

export function useQuery(): URLSearchParams {
  const { search } = useLocation();
  return useMemo(() => new URLSearchParams(search), [search]);
}

/** Sets query parameters of the current page (empty values are removed); filters reset the page number. */
export function setQuery(changes: Record<string, string | null>, options: { keepPage?: boolean } = {}): void {
  const { pathname, search } = location.get();
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === '') params.delete(key);
    else params.set(key, value);
  }
  if (!options.keepPage && !('page' in changes)) params.delete('page');
  const query = params.toString();
  navigate(query ? `${pathname}?${query}` : pathname);
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; language?: Lang };

/** An ordinary link (open in a new tab works) in the reader's language, that navigates inside the app on a plain click. */
export function Link({ to, language, onClick, ...rest }: LinkProps) {
  const current = useLocation().lang;
  const lang = language ?? current;
  function handle(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to, { lang });
  }
  return <a href={localize(to, lang)} onClick={handle} {...rest} />;
}

export type Params = Record<string, string>;

export interface Route<C> {
  pattern: RegExp;
  names: string[];
  component: C;
}

/** `/bills/:jurisdiction/:session/:number` → a matcher; `*` at the end takes the rest of the path. */
export function route<C>(path: string, component: C): Route<C> {
  const names: string[] = [];
  const source = path.replace(/:(\w+)|\*$/g, (whole, name?: string) => {
    names.push(name ?? 'rest');
    return whole === '*' ? '(.*)' : '([^/]+)';
  });
  return { pattern: new RegExp(`^${source}/?$`), names, component };
}

export function match<C>(routes: Route<C>[], pathname: string): { route: Route<C>; params: Params } | null {
  for (const r of routes) {
    const found = r.pattern.exec(pathname);
    if (found) {
      const params: Params = {};
      r.names.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1] ?? '');
      });
      return { route: r, params };
    }
  }
  return null;
}
