/**
 * The language of a page of the site is in its address: French pages under
 * /fr, English ones at the root (x-default), the same as the web app's router
 * (web/src/lib/router.tsx). Each page has one address per language; its head
 * names both so search engines index and link each language's page.
 */
export type SiteLang = 'en' | 'fr';
export const SITE_LANGS: readonly SiteLang[] = ['en', 'fr'];

const FRENCH = /^\/fr(?=\/|$)/;

/** `/fr/bills` → French `/bills`; `/bills` → English `/bills`. */
export function splitLanguage(path: string): { lang: SiteLang; pathname: string } {
  return FRENCH.test(path) ? { lang: 'fr', pathname: path.replace(FRENCH, '') || '/' } : { lang: 'en', pathname: path };
}

/** The page at `pathname` (no language prefix, no query) in `lang`; the French home page is `/fr/`. */
export function localizedPath(pathname: string, lang: SiteLang): string {
  if (lang === 'en') return pathname;
  return pathname === '/' ? '/fr/' : `/fr${pathname}`;
}
