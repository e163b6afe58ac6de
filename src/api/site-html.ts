/**
 * The built index.html with the head of one page: title, description,
 * canonical link and Open Graph tags, written by the server so a link shared
 * anywhere previews as the page it names (crawlers and link previews run no
 * script). Everything interpolated is escaped; the page's origin is the
 * configured public URL, else the request's own, taken only when it is a
 * plain host name.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import { localizedPath, SITE_LANGS, type SiteLang } from './site-language.js';
import type { PageMeta } from './site-meta.js';

const SITE = 'OpenPolicy';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

// A Host header is the client's to write: only a host name (and port) may reach a page's links.
const PLAIN_HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** The origin links of the page are made from: `publicUrl`, else the request's scheme and host when it is plain; null when neither. */
export function siteOrigin(request: FastifyRequest, publicUrl: string | undefined): string | null {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  const host = request.host;
  return host && PLAIN_HOST.test(host) ? `${request.protocol}://${host}` : null;
}

/** The built index.html, read again only when the file changed (a rebuild while serving). */
export class IndexHtml {
  private cached: { mtimeMs: number; text: string } | undefined;

  constructor(private readonly root: string) {}

  /** The file's text, or null when the site has not been built. */
  read(): string | null {
    const path = join(this.root, 'index.html');
    let mtimeMs: number;
    try {
      mtimeMs = statSync(path).mtimeMs;
    } catch {
      return null;
    }
    if (this.cached?.mtimeMs !== mtimeMs) this.cached = { mtimeMs, text: readFileSync(path, 'utf8') };
    return this.cached.text;
  }
}

/** Where a page is: the site's origin (null when unknown), its path without language prefix, and its language. */
export interface PageAddress {
  origin: string | null;
  pathname: string;
  lang: SiteLang;
}

const LOCALES: Record<SiteLang, string> = { en: 'en_CA', fr: 'fr_CA' };

/**
 * The page's canonical link (its address in its own language) and its alternates: one per language, and
 * x-default (English, at the root) for readers of neither.
 */
function languageLinks({ origin, pathname, lang }: PageAddress & { origin: string }): string[] {
  const href = (l: SiteLang) => escapeHtml(origin + localizedPath(pathname, l));
  return [
    `<link rel="canonical" href="${href(lang)}">`,
    ...SITE_LANGS.map((l) => `<link rel="alternate" hreflang="${l}" href="${href(l)}">`),
    `<link rel="alternate" hreflang="x-default" href="${href('en')}">`,
  ];
}

/** `index` with the head tags of `meta` and the language of `address`; a not-found page gets no canonical link nor alternates. */
export function renderPage(index: string, meta: PageMeta, address: PageAddress): string {
  const title = meta.title ? `${meta.title} · ${SITE}` : SITE;
  const { origin, lang } = address;
  const url = origin ? origin + localizedPath(address.pathname, lang) : null;
  const tags = [
    `<meta name="description" content="${escapeHtml(meta.description)}">`,
    meta.noindex ? '<meta name="robots" content="noindex">' : '',
    ...(origin && meta.status === 200 ? languageLinks({ ...address, origin }) : []),
    `<meta property="og:site_name" content="${SITE}">`,
    `<meta property="og:type" content="website">`,
    `<meta property="og:title" content="${escapeHtml(meta.title || SITE)}">`,
    `<meta property="og:description" content="${escapeHtml(meta.description)}">`,
    url ? `<meta property="og:url" content="${escapeHtml(url)}">` : '',
    `<meta property="og:locale" content="${LOCALES[lang]}">`,
    `<meta property="og:locale:alternate" content="${LOCALES[lang === 'en' ? 'fr' : 'en']}">`,
    '<meta name="twitter:card" content="summary">',
  ].filter(Boolean).join('\n    ');
  return index
    .replace(/<html lang="[^"]*"/i, `<html lang="${lang}"`)
    .replace(/<meta name="description"[^>]*>\s*/i, '')
    .replace(/<title>[^<]*<\/title>/i, () => `<title>${escapeHtml(title)}</title>\n    ${tags}`);
}
