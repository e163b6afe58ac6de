/**
 * axe-core on every page of the site, in Debian's Chromium against the real
 * platform on the bundled sample: each route of web/src/routes.ts (public,
 * account and admin, signed in where the page needs it) and the 404 page, at
 * desktop and phone widths, must have no serious or critical violation. The
 * list is checked against the routes file, so a new page cannot go unchecked.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserTests, CHROMIUM, DESKTOP, logIn, PHONE, screenshot, seriousViolations } from './browser.js';
import { startPlatform, type Platform } from './platform.js';

const PORT = 20000 + (process.pid % 1000);
const ROUTES = readFileSync(new URL('../../web/src/routes.ts', import.meta.url), 'utf8');
/** The path patterns of the site's pages (`route('/bills/:jurisdiction/…', …)`). */
const PATTERNS = [...ROUTES.matchAll(/route\('([^']+)'/g)].map((m) => m[1]!);
const matches = (pattern: string, path: string) => new RegExp(`^${pattern.replace(/:\w+/g, '[^/]+')}$`).test(path.split('?')[0]!);

async function json<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return (await res.json()) as T;
}

describe.skipIf(!existsSync(CHROMIUM))('axe on every page of the site', () => {
  let platform: Platform;
  const { open } = browserTests(async () => (platform = await startPlatform(PORT)));

  /** Waits until the page's content is in: its heading, and no loading note left in the main area. */
  async function settle(page: Page): Promise<void> {
    await page.locator('main h1').first().waitFor();
    await page.waitForFunction(() => document.querySelectorAll('main .loading').length === 0, undefined, { timeout: 30_000 });
  }

  async function check(page: Page, path: string, failures: string[]): Promise<void> {
    await page.setViewportSize(DESKTOP);
    await page.goto(path);
    await settle(page);
    for (const v of await seriousViolations(page)) failures.push(`${path}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    await page.setViewportSize(PHONE);
    for (const v of await seriousViolations(page)) failures.push(`${path} (phone): ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  it('finds no serious or critical violation on any page, signed out, signed in, or not found', async () => {
    const base = `${platform.url}/api/v1`;
    const bill = await json<{ results: { id: string }[] }>(`${base}/bills?per_page=1`);
    const person = await json<{ results: { id: string }[] }>(`${base}/people?name=Anandasangaree&current=false`);
    const speech = await json<{ results: { id: string; debate_id: string }[] }>(`${base}/speeches?per_page=1`);
    const committee = await json<{ results: { id: string }[] }>(`${base}/committees?per_page=1`);
    const uuid = (id: string) => id.split('/').pop()!;

    const signedOut = [
      '/',
      '/bills',
      '/bills/ca/45-1/C-12',
      `/bills/ocd-bill/${uuid(bill.results[0]!.id)}`,
      '/votes',
      '/votes/ca/44-1/332',
      '/people',
      `/people/${uuid(person.results[0]!.id)}`,
      '/debates',
      `/debates/${speech.results[0]!.debate_id}`,
      `/speeches/${speech.results[0]!.id}`,
      '/committees',
      `/committees/${uuid(committee.results[0]!.id)}`,
      '/search?q=firearms',
      '/search?q=firearms&type=bill',
      '/representatives?place=Toronto',
      '/login',
      '/register',
      '/reset-password',
      '/unsubscribe/no-such-token',
    ];
    const notFound = ['/no/such/page', '/bills/ca/45-1/C-99999'];
    const signedIn = ['/account', '/admin', '/admin/users', '/admin/keys', '/admin/imports', '/admin/fetch', '/admin/audit', '/admin/outbox', '/admin/performance'];

    const page = await open();
    const failures: string[] = [];
    for (const path of [...signedOut, ...notFound]) await check(page, path, failures);
    await page.setViewportSize(PHONE);
    await page.goto('/no/such/page');
    await settle(page);
    await screenshot(page, 'axe-not-found-phone');

    await page.setViewportSize(DESKTOP);
    await logIn(page, platform.admin);
    for (const path of signedIn) await check(page, path, failures);
    // An import run of the sample, as the admin's list links it.
    await page.goto('/admin/imports');
    const run = await page.locator('main a[href^="/admin/imports/"]').first().getAttribute('href');
    await check(page, run!, failures);

    const visited = [...signedOut, ...signedIn, run!];
    expect(PATTERNS.filter((pattern) => !visited.some((path) => matches(pattern, path))), 'pages of web/src/routes.ts not checked').toEqual([]);
    expect(failures).toEqual([]);
  }, 900_000);
});
