/**
 * The web UI (web/, built into web/dist by `npm run build:web`) served by the
 * platform itself, so the embedded default needs no other server; the gateway
 * deployment has nginx serve the same folder. Content-hashed files under
 * /assets/ are immutable; index.html is revalidated on every visit so a new
 * build is picked up at once. Both are sent pre-compressed (brotli or gzip)
 * when the browser accepts it.
 *
 * The site's pages are client-side routes: each section of the site (and
 * everything under it) answers index.html, with the page's head written by
 * the server (src/api/site-html.ts) and its status: an unknown record or path
 * is a 404 page (src/api/site-meta.ts). The sections are listed here rather
 * than caught with one `/*`, so request metrics keep one series per section;
 * an unknown address elsewhere gets the same 404 page when a browser asks
 * (`sendNotFoundPage`), a problem document otherwise. robots.txt and the
 * sitemaps are served here too (src/api/sitemap.ts).
 */
import { existsSync, readdirSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import { targetPath } from '../auth/request-target.js';
import { HttpProblem } from '../errors/problem.js';
import { IndexHtml, renderPage, siteOrigin } from './site-html.js';
import { splitLanguage } from './site-language.js';
import { notFoundPage, pageMeta } from './site-meta.js';
import { isSitemapKind, robotsTxt, sitemap, sitemapIndex } from './sitemap.js';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));
const WEB_PUBLIC = fileURLToPath(new URL('../../web/public/', import.meta.url));

/** The first path segment of every page of the site (web/src/routes.ts). */
export const SITE_SECTIONS = ['bills', 'votes', 'people', 'debates', 'speeches', 'committees', 'search', 'representatives', 'login', 'register', 'reset-password', 'account', 'admin'];

// Scripts and styles from this origin only; nothing inline, no third-party requests.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
  + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

export interface SiteOptions {
  /** The built site; web/dist of this repository when absent. */
  root?: string;
  /** The site's address as the public reaches it (PUBLIC_URL), for canonical links and sitemaps; else each request's own. */
  publicUrl?: string;
}

/** Writes pages: index.html with a page's head and status. One per app, shared by the site's routes and the not-found handler. */
export class SitePages {
  readonly root: string;
  private readonly index: IndexHtml;

  constructor(readonly db: Db, private readonly options: SiteOptions = {}) {
    this.root = options.root ?? WEB_DIST;
    this.index = new IndexHtml(this.root);
  }

  origin(request: FastifyRequest): string | null {
    return siteOrigin(request, this.options.publicUrl);
  }

  /** The page `request` names, in the language its address names; a 404 page when it names no page or no record. */
  async send(request: FastifyRequest, reply: FastifyReply, notFound = false): Promise<FastifyReply> {
    const index = this.index.read();
    if (index === null) {
      throw new HttpProblem(503, 'web-ui-not-built', 'The web UI has not been built on this server: run `npm run build:web` (npm start does it when needed). The API is at /api/v1.');
    }
    const { lang, pathname } = splitLanguage(targetPath(request.url));
    const page = notFound ? notFoundPage(lang) : await pageMeta(this.db, pathname, lang);
    return reply.code(page.status)
      .header('content-security-policy', CSP)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(renderPage(index, page, { origin: this.origin(request), pathname, lang }));
  }

  /** Whether an unknown address should get the 404 page rather than a problem: a browser's GET of a path outside the API. */
  wantsPage(request: FastifyRequest): boolean {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    if (/^\/(api|health|metrics|docs)(\/|$)/.test(targetPath(request.url))) return false;
    return /\btext\/html\b/.test(request.headers.accept ?? '') && this.index.read() !== null;
  }

  sendNotFound(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    return this.send(request, reply, true);
  }
}

export interface WebOptions {
  pages: SitePages;
}

export const webRoutes: FastifyPluginAsync<WebOptions> = async (app, { pages }) => {
  const { root } = pages;
  // Files of web/public are copied to the root of the build (favicon.svg …).
  const rootFiles = existsSync(WEB_PUBLIC) ? readdirSync(WEB_PUBLIC) : [];

  await app.register(fastifyStatic, {
    root,
    serve: false,
    preCompressed: true,
    cacheControl: false,
    index: false,
    setHeaders(reply, path) {
      reply.header('cache-control', path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });

  const route = { config: { permission: 'public:read' as const }, schema: { hide: true } };

  app.get('/assets/*', route, (request, reply) => reply.sendFile(`assets/${(request.params as { '*': string })['*']}`));

  for (const file of rootFiles) app.get(`/${file}`, route, (_request, reply) => reply.sendFile(file));

  const page = (request: FastifyRequest, reply: FastifyReply) => pages.send(request, reply);
  // Each page in English at the root and in French under /fr (src/api/site-language.ts).
  app.get('/', route, page);
  app.get('/fr', route, page);
  app.get('/fr/', route, page);
  for (const section of SITE_SECTIONS) {
    for (const prefix of ['', '/fr']) {
      app.get(`${prefix}/${section}`, route, page);
      app.get(`${prefix}/${section}/*`, route, page);
    }
  }

  const text = (reply: FastifyReply, type: string, body: string) => reply.type(type).header('cache-control', 'public, max-age=3600').send(body);
  app.get('/robots.txt', route, (request, reply) => text(reply, 'text/plain; charset=utf-8', robotsTxt(pages.origin(request))));
  const needOrigin = (request: FastifyRequest) => {
    const origin = pages.origin(request);
    if (!origin) throw new HttpProblem(400, 'bad-request', 'The Host header is not a plain host name; set PUBLIC_URL for sitemaps.');
    return origin;
  };
  app.get('/sitemap.xml', route, async (request, reply) => text(reply, 'application/xml', await sitemapIndex(pages.db, needOrigin(request))));
  app.get('/sitemaps/:file', route, async (request, reply) => {
    const found = /^([a-z]+)-([1-9]\d{0,5})\.xml$/.exec((request.params as { file: string }).file);
    const body = found && isSitemapKind(found[1]!) ? await sitemap(pages.db, needOrigin(request), found[1], Number(found[2])) : null;
    if (body === null) return pages.sendNotFound(request, reply);
    return text(reply, 'application/xml', body);
  });
};
