/**
 * robots.txt and the sitemaps (bills, people, divisions): a sitemap index at
 * /sitemap.xml naming one file per kind and page of 25,000 records. Each record
 * is listed in English and in French (/fr/…), each address with both languages
 * as alternates (hreflang), so a file holds 50,000 addresses, the protocol's
 * limit. Each address is the page's canonical one in its language.
 */
import { asc, count } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { bills, people, voteEvents } from '../db/schema.js';
import { jurisdictionCode } from '../domain/jurisdictions.js';
import { escapeHtml } from './site-html.js';
import { localizedPath, SITE_LANGS } from './site-language.js';

/** Records per sitemap file: each is two addresses, and a file may hold 50,000. */
export const SITEMAP_PAGE = 25_000;

interface Entry {
  path: string;
  updated: Date | string;
}

const sessionOf = (sessionId: string) => sessionId.slice(sessionId.lastIndexOf('/') + 1);
const lastmod = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString().slice(0, 10);

/** Records addressed by legislature, session and number: `/bills/ca/45-1/C-12`, `/votes/ca/44-1/332`. */
function numberedRecords(section: string, table: typeof bills | typeof voteEvents) {
  return {
    table,
    async page(db: Db, offset: number): Promise<Entry[]> {
      const rows = await db.select({ jurisdiction: table.jurisdictionId, session: table.sessionId, identifier: table.identifier, updated: table.updatedAt })
        .from(table).orderBy(asc(table.id)).limit(SITEMAP_PAGE).offset(offset);
      return rows.map((r) => ({ path: `/${section}/${jurisdictionCode(r.jurisdiction)}/${sessionOf(r.session)}/${encodeURIComponent(r.identifier)}`, updated: r.updated }));
    },
  };
}

const KINDS = {
  bills: numberedRecords('bills', bills),
  votes: numberedRecords('votes', voteEvents),
  people: {
    table: people,
    async page(db: Db, offset: number): Promise<Entry[]> {
      const rows = await db.select({ id: people.id, updated: people.updatedAt }).from(people).orderBy(asc(people.id)).limit(SITEMAP_PAGE).offset(offset);
      return rows.map((p) => ({ path: `/people/${p.id.slice(p.id.indexOf('/') + 1)}`, updated: p.updated }));
    },
  },
};

export type SitemapKind = keyof typeof KINDS;
export const isSitemapKind = (kind: string): kind is SitemapKind => Object.hasOwn(KINDS, kind);

export function robotsTxt(origin: string | null): string {
  return [
    'User-agent: *',
    // Accounts and the console are private; search results and the API are endless variations of the pages listed in the sitemap.
    ...['/account', '/admin', '/search'].flatMap((path) => SITE_LANGS.map((lang) => `Disallow: ${localizedPath(path, lang)}`)), 'Disallow: /api/',
    ...(origin ? ['', `Sitemap: ${origin}/sitemap.xml`] : []),
    '',
  ].join('\n');
}

export async function sitemapIndex(db: Db, origin: string): Promise<string> {
  const files: string[] = [];
  for (const [kind, { table }] of Object.entries(KINDS)) {
    const [row] = await db.select({ n: count() }).from(table);
    const pages = Math.max(1, Math.ceil(Number(row?.n ?? 0) / SITEMAP_PAGE));
    for (let page = 1; page <= pages; page++) files.push(`${origin}/sitemaps/${kind}-${page}.xml`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${
    files.map((f) => `  <sitemap><loc>${escapeHtml(f)}</loc></sitemap>`).join('\n')}\n</sitemapindex>\n`;
}

/** One page of one kind's addresses; null past the last page. */
export async function sitemap(db: Db, origin: string, kind: SitemapKind, page: number): Promise<string | null> {
  const entries = await KINDS[kind].page(db, (page - 1) * SITEMAP_PAGE);
  if (!entries.length && page > 1) return null;
  const url = (e: Entry, lang: (typeof SITE_LANGS)[number]) => escapeHtml(origin + localizedPath(e.path, lang));
  const alternates = (e: Entry) => SITE_LANGS.map((lang) => `<xhtml:link rel="alternate" hreflang="${lang}" href="${url(e, lang)}"/>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${
    entries.flatMap((e) => SITE_LANGS.map((lang) => `  <url><loc>${url(e, lang)}</loc><lastmod>${lastmod(e.updated)}</lastmod>${alternates(e)}</url>`)).join('\n')}\n</urlset>\n`;
}
