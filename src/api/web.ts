/**
 * The web UI (web/, built into web/dist by `npm run build:web`) served by the
 * platform itself, so the embedded default needs no other server; the gateway
 * deployment has nginx serve the same folder. Content-hashed files under
 * /assets/ are immutable; index.html is revalidated on every visit so a new
 * build is picked up at once. Both are sent pre-compressed (brotli or gzip)
 * when the browser accepts it.
 *
 * The site's pages are client-side routes: each section of the site (and
 * everything under it) answers index.html. The sections are listed here rather
 * than caught with one `/*`, so an unknown address stays an honest 404 problem
 * and request metrics keep one series per section.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { HttpProblem } from './problem.js';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));
const WEB_PUBLIC = fileURLToPath(new URL('../../web/public/', import.meta.url));

/** The first path segment of every page of the site (web/src/routes.ts). */
export const SITE_SECTIONS = ['bills', 'votes', 'people', 'debates', 'speeches', 'committees', 'search', 'login', 'register', 'reset-password', 'account', 'admin'];

// Scripts and styles from this origin only; nothing inline, no third-party requests.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
  + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

export interface WebOptions {
  /** The built site; web/dist of this repository when absent. */
  root?: string;
}

export const webRoutes: FastifyPluginAsync<WebOptions> = async (app, options) => {
  const root = options.root ?? WEB_DIST;
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

  const page = async (_request: unknown, reply: FastifyReply) => {
    if (!existsSync(join(root, 'index.html'))) {
      throw new HttpProblem(503, 'web-ui-not-built', 'The web UI has not been built on this server: run `npm run build:web` (npm start does it when needed). The API is at /api/v1.');
    }
    return reply.header('content-security-policy', CSP).sendFile('index.html');
  };
  app.get('/', route, page);
  for (const section of SITE_SECTIONS) {
    app.get(`/${section}`, route, page);
    app.get(`/${section}/*`, route, page);
  }
};
