/**
 * The web UI as the platform serves it (src/api/web.ts), on a small build of its own and real records:
 * each page's status and head written by the server, the 404 page, robots.txt and the sitemaps.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { legisinfoBills } from '../../src/ingest/legisinfo-bills.js';
import { ourcommonsDivisions } from '../../src/ingest/ourcommons-divisions.js';
import { ourcommonsMembers } from '../../src/ingest/ourcommons-members.js';
import { testApi } from '../support/api.js';
import { SHARED_DATA } from '../support/db.js';
import { importSteps } from '../support/imports.js';
import { legisinfoBillFiles } from '../support/legisinfo.js';

const HEAD = '<!doctype html><html lang="en"><head><meta name="description" content="Canada\'s bills"><title>OpenPolicy</title></head>';
const INDEX = `${HEAD}<body><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script></body></html>`;
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(2000))});`;

const root = mkdtempSync(join(tmpdir(), 'op-web-'));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), INDEX);
writeFileSync(join(root, 'assets/index-abc123.js'), SCRIPT);
writeFileSync(join(root, 'assets/index-abc123.js.gz'), gzipSync(SCRIPT));
writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');

const api = testApi(async (database) => {
  await importSteps(database, [
    [ourcommonsMembers, [join(SHARED_DATA, 'ourcommons-44')]],
    [legisinfoBills, legisinfoBillFiles(['45-1'])],
    [ourcommonsDivisions, [join(SHARED_DATA, 'ourcommons-44')]],
  ]);
}, { site: { root } });
const get = (url: string, headers: Record<string, string> = {}) => api.app.inject({ url, headers: { host: 'openpolicy.example', ...headers } });

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The content of the head tag `selector` (e.g. `meta[property="og:title"]`) in `html`. */
function head(html: string, tag: RegExp): string | undefined {
  return tag.exec(html)?.[1];
}
const title = (html: string) => head(html, /<title>([^<]*)<\/title>/);
const meta = (html: string, name: string) => head(html, new RegExp(`<meta (?:name|property)="${name}" content="([^"]*)">`));
const canonical = (html: string) => head(html, /<link rel="canonical" href="([^"]*)">/);

describe('the web UI', () => {
  it('answers index.html, revalidated on every visit, for the site\'s pages', async () => {
    for (const url of ['/', '/bills', '/bills/ca/45-1/C-12', '/votes/ca/44-1/332', '/admin/imports/3', '/admin/fetch', '/admin/performance', '/search?q=C-12']) {
      const res = await get(url, { accept: 'text/html' });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).toContain('<script type="module" src="/assets/index-abc123.js"></script>');
    }
  });

  it('writes each record page\'s title, description, canonical link and Open Graph tags into the HTML', async () => {
    const bill = (await get('/bills/ca/45-1/C-12')).body;
    const billTitle = ((await get('/api/v1/bills/ca/45-1/C-12')).json() as { title: { en: string } }).title.en;
    expect(title(bill)).toMatch(/^Bill C-12 \(45-1\): .+ · OpenPolicy$/);
    expect(meta(bill, 'description')).toContain(billTitle.slice(0, 60).replace(/'/g, '&#39;'));
    expect(bill.match(/<meta name="description"/g)).toHaveLength(1);
    expect(canonical(bill)).toBe('http://openpolicy.example/bills/ca/45-1/C-12');
    expect(meta(bill, 'og:url')).toBe('http://openpolicy.example/bills/ca/45-1/C-12');
    expect(meta(bill, 'og:title')).toBe(title(bill)!.replace(' · OpenPolicy', ''));
    expect(meta(bill, 'robots')).toBeUndefined();

    const vote = (await get('/votes/ca/44-1/332')).body;
    expect(title(vote)).toBe('Division 332 (44-1) · OpenPolicy');
    expect(meta(vote, 'description')).toMatch(/^2023-05-18: Negatived, 110 yeas, 209 nays\. /);

    const { results: [person] } = (await get('/api/v1/people?name=Anandasangaree&current=false')).json() as { results: { id: string; name: string }[] };
    const page = (await get(`/people/${person!.id.split('/')[1]}`)).body;
    expect(title(page)).toBe(`${person!.name} · OpenPolicy`);
    expect(meta(page, 'og:title')).toBe(person!.name);
  });

  it('serves each page in French under /fr, naming both languages\' addresses as alternates', async () => {
    const english = (await get('/bills/ca/45-1/C-12')).body;
    const french = await get('/fr/bills/ca/45-1/C-12', { accept: 'text/html' });
    expect(french.statusCode).toBe(200);
    const { title: billTitle } = (await get('/api/v1/bills/ca/45-1/C-12')).json() as { title: { fr: string } };
    expect(french.body).toMatch(/^<!doctype html><html lang="fr">/);
    expect(title(french.body)).toMatch(/^Projet de loi C-12 \(45-1\) : .+ · OpenPolicy$/);
    expect(meta(french.body, 'description')).toContain(billTitle.fr.slice(0, 40).replace(/'/g, '&#39;'));
    expect(meta(french.body, 'og:locale')).toBe('fr_CA');
    expect(canonical(french.body)).toBe('http://openpolicy.example/fr/bills/ca/45-1/C-12');
    expect(english).toMatch(/<html lang="en">/);
    for (const html of [english, french.body]) {
      expect(head(html, /<link rel="alternate" hreflang="en" href="([^"]*)">/)).toBe('http://openpolicy.example/bills/ca/45-1/C-12');
      expect(head(html, /<link rel="alternate" hreflang="fr" href="([^"]*)">/)).toBe('http://openpolicy.example/fr/bills/ca/45-1/C-12');
      expect(head(html, /<link rel="alternate" hreflang="x-default" href="([^"]*)">/)).toBe('http://openpolicy.example/bills/ca/45-1/C-12');
    }
    expect(title((await get('/fr/votes/ca/44-1/332')).body)).toBe('Vote nº 332 (44-1) · OpenPolicy');
    for (const url of ['/fr', '/fr/']) {
      const home = await get(url);
      expect(home.statusCode, url).toBe(200);
      expect(canonical(home.body), url).toBe('http://openpolicy.example/fr/');
    }
    // Unknown in French: the 404 page in French, with no alternates to point at.
    const missing = await get('/fr/bills/ca/45-1/C-99999', { accept: 'text/html' });
    expect(missing.statusCode).toBe(404);
    expect(title(missing.body)).toBe('Page introuvable · OpenPolicy');
    expect(missing.body).not.toContain('hreflang');
    expect((await get('/fr/no/such/page', { accept: 'text/html' })).statusCode).toBe(404);
  });

  it('answers an unknown record or path with the 404 page, never a page that says so with a 200', async () => {
    for (const url of ['/bills/ca/45-1/C-99999', '/bills/zz/45-1/C-12', '/votes/ca/44-1/99999', '/people/00000000-0000-0000-0000-000000000000',
      '/committees/nope', '/debates/nope', '/speeches/nope', '/bills/ca/45-1', '/admin/nothing']) {
      const res = await get(url, { accept: 'text/html' });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(title(res.body), url).toBe('Page not found · OpenPolicy');
      expect(meta(res.body, 'robots'), url).toBe('noindex');
      expect(canonical(res.body), url).toBeUndefined();
    }
    // Outside the site's sections: a browser gets the page, an API client (or a path under /api) the problem document.
    const page = await get('/no/such/page', { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(title(page.body)).toBe('Page not found · OpenPolicy');
    const problem = await get('/no/such/page');
    expect(problem.statusCode).toBe(404);
    expect(problem.headers['content-type']).toContain('application/problem+json');
    expect((await get('/api/v1/nothing', { accept: 'text/html' })).headers['content-type']).toContain('application/problem+json');
  });

  it('escapes what it writes into the head, and takes no links from a Host header that is not a host name', async () => {
    const res = await get('/bills', { host: 'evil.example"><script>alert(1)</script>' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert(1)');
    expect(canonical(res.body)).toBeUndefined();
    expect((await get('/sitemap.xml', { host: 'evil.example"><x>' })).statusCode).toBe(400);
  });

  it('serves robots.txt and a sitemap index naming every bill, division and person', async () => {
    const robots = await get('/robots.txt');
    expect(robots.statusCode).toBe(200);
    expect(robots.body).toContain('Sitemap: http://openpolicy.example/sitemap.xml');
    expect(robots.body).toMatch(/^Disallow: \/admin$/m);
    expect(robots.body).toMatch(/^Disallow: \/fr\/admin$/m);

    const index = await get('/sitemap.xml');
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toContain('application/xml');
    const files = [...index.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(files).toEqual(['bills', 'votes', 'people'].map((kind) => `http://openpolicy.example/sitemaps/${kind}-1.xml`));
    for (const [kind, list] of [['bills', '/api/v1/bills'], ['votes', '/api/v1/votes'], ['people', '/api/v1/people?current=false']] as const) {
      const body = (await get(`/sitemaps/${kind}-1.xml`)).body;
      const urls = [...body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
      const total = ((await get(`${list}${list.includes('?') ? '&' : '?'}per_page=1`)).json() as { pagination: { total_items: number } }).pagination.total_items;
      // Each record in English and in French.
      expect(urls.length, kind).toBe(2 * total);
      expect(body).toMatch(/<lastmod>\d{4}-\d\d-\d\d<\/lastmod>/);
    }
    const bills = (await get('/sitemaps/bills-1.xml')).body;
    expect(bills).toContain('<loc>http://openpolicy.example/bills/ca/45-1/C-12</loc>');
    expect(bills).toContain('<loc>http://openpolicy.example/fr/bills/ca/45-1/C-12</loc>');
    expect(bills).toContain('<xhtml:link rel="alternate" hreflang="fr" href="http://openpolicy.example/fr/bills/ca/45-1/C-12"/>');
    expect((await get('/sitemaps/votes-1.xml')).body).toContain('<loc>http://openpolicy.example/votes/ca/44-1/332</loc>');
    // Every address in it is a page the server answers 200.
    const sample = [...bills.matchAll(/<loc>http:\/\/openpolicy\.example([^<]+)<\/loc>/g)].slice(0, 20).map((m) => m[1]!);
    for (const path of sample) expect((await get(path)).statusCode, path).toBe(200);
    expect((await get('/sitemaps/bills-2.xml')).statusCode).toBe(404);
    expect((await get('/sitemaps/secrets-1.xml')).statusCode).toBe(404);
  });

  it('gives the page a policy that allows scripts and styles from its own origin only', async () => {
    const csp = String((await get('/bills')).headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('sends hashed assets as immutable, pre-compressed when the browser accepts it', async () => {
    const gzip = await get('/assets/index-abc123.js', { 'accept-encoding': 'gzip' });
    expect(gzip.statusCode).toBe(200);
    expect(gzip.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['content-type']).toContain('javascript');
    expect(gzip.headers.vary).toContain('accept-encoding');
    expect(gzip.rawPayload.length).toBeLessThan(SCRIPT.length / 10);

    const plain = await get('/assets/index-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('serves the files at the root of the build, and leaves every other address a 404', async () => {
    expect((await get('/favicon.svg')).statusCode).toBe(200);
    for (const url of ['/assets/missing-000.js', '/no/such/page', '/api/v1/nothing', '/index.html.br', '/assets/../index.html']) {
      expect((await get(url)).statusCode, url).toBeGreaterThanOrEqual(400);
    }
  });
});
