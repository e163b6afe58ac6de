/**
 * Issue 18's smaller items in Chromium, on the real platform with its default
 * quotas: the admin's live performance page inside the site's session, which
 * of two committees of one name is current, French tab titles on French pages,
 * photos asked for only where the platform serves them, and a reader browsing
 * at a brisk pace never refused by the anonymous quota.
 */
import { existsSync } from 'node:fs';
import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { legisinfoBillFiles } from '../support/legisinfo.js';
import { browserTests, CHROMIUM, logIn, PHONE, screenshot, seriousViolations } from './browser.js';
import { startPlatform, type Platform } from './platform.js';

const PORT = 22000 + (process.pid % 1000);
// Chromium reports every HTTP error status of a fetch this way; the tests check statuses themselves.
const HTTP_STATUS_NOISE = /Failed to load resource: the server responded with a status of/;

describe.skipIf(!existsSync(CHROMIUM))('the smaller items of the site, in Chromium', () => {
  let platform: Platform;
  const { open, errors } = browserTests(async () => {
    // Two bills of 37-2 that went to HEAL, the House's health committee until 2004, named as the sample's HESA is now.
    const heal = legisinfoBillFiles(['37-2']).filter((f) => /\/C-(260|420)\//.test(f));
    // The default quotas (RATE_LIMITS unset), as an operator runs it.
    platform = await startPlatform(PORT, { RATE_LIMITS: '' }, [['legisinfo-bills', ...heal]]);
    return platform;
  });

  /** Waits until the page's content is in: its heading, and no loading note left in the main area. */
  async function settle(page: Page): Promise<void> {
    await page.locator('main h1').first().waitFor();
    await page.waitForFunction(() => document.querySelectorAll('main .loading').length === 0, undefined, { timeout: 30_000 });
  }

  it('lets readers behind one address open a dozen pages each on the default quotas: what the cache answers is not counted as anonymous', async () => {
    type Answer = { path: string; status: number; cache: string | null; remaining: string | null; limit: string | null };
    /** A reader in a fresh browser (its own HTTP cache) opening `paths`: every API answer it got. */
    async function read(paths: string[]): Promise<Answer[]> {
      const page = await open();
      const answers: Answer[] = [];
      let asking = 0;
      const isApi = (url: string) => new URL(url).pathname.startsWith('/api/v1/');
      page.on('request', (request) => { if (isApi(request.url())) asking++; });
      page.on('requestfinished', (request) => { if (isApi(request.url())) asking--; });
      page.on('requestfailed', (request) => { if (isApi(request.url())) asking--; });
      page.on('response', (response: Response) => {
        const url = new URL(response.url());
        if (!url.pathname.startsWith('/api/v1/')) return;
        const headers = response.headers();
        answers.push({ path: url.pathname + url.search, status: response.status(), cache: headers['x-cache'] ?? null, remaining: headers['ratelimit-remaining'] ?? null, limit: headers['ratelimit-limit'] ?? null });
      });
      for (const path of paths) {
        await page.goto(path);
        await settle(page);
        // The place finder asks for suggestions 250 ms after its text is set (FindRepresentative): let that request be
        // made and answered before leaving, so that both readers ask the same URLs.
        await page.waitForTimeout(300);
        while (asking > 0) await page.waitForTimeout(20);
      }
      return answers;
    }
    const pages = ['/', '/bills', '/bills/ca/45-1/C-12', '/votes', '/votes/ca/44-1/332', '/people', '/search?q=firearms', '/committees', '/debates', '/representatives?place=Toronto', '/people?name=Anandasangaree', '/bills?session=44-1'];
    /** What is left of this address's anonymous quota, read with a request no one made before (which costs one). */
    let probes = 90;
    const anonymousLeft = async () => {
      const res = await fetch(`${platform.url}/api/v1/sessions?per_page=${++probes}`);
      expect([res.headers.get('x-cache'), res.headers.get('ratelimit-limit')]).toEqual(['MISS', '60']);
      return { left: Number(res.headers.get('ratelimit-remaining')), reset: Number(res.headers.get('ratelimit-reset')) };
    };
    const started = Date.now();
    // The first reader finds nothing in the cache: what its browser asks reaches the database, counted against the anonymous 60 a minute.
    const first = await read(pages);
    const afterFirst = await anonymousLeft();
    // The cache keeps a URL from its second read (src/api/first-reads.ts): a second reader's browser reaches the database
    // too, for what the first asked only once, and fills the cache.
    const second = await read(pages);
    // A third reader at the same address a moment later (a classroom, an office) is answered from the cache:
    // counted against the 600 a minute of cached reads, it leaves the anonymous quota where the first two left it.
    const beforeThird = await anonymousLeft();
    const third = await read(pages);
    const afterThird = await anonymousLeft();
    const seconds = Math.round((Date.now() - started) / 1000);
    expect([...first, ...second, ...third].filter((a) => a.status === 429)).toEqual([]);
    const used = 60 - afterFirst.left - 1;
    expect(used).toBeGreaterThanOrEqual(pages.length);
    expect(used).toBeLessThan(60);
    expect(second.filter((a) => a.cache === 'MISS').length).toBeGreaterThan(0);
    expect(third.length).toBeGreaterThan(pages.length);
    expect(third.filter((a) => a.cache !== 'HIT' || a.limit !== '600')).toEqual([]);
    // Only the last probe counted: in the same minute, or from a new minute's 60 if one began meanwhile.
    expect(afterThird.left).toBe(afterThird.reset <= beforeThird.reset ? beforeThird.left - 1 : 59);
    console.log(`${pages.length} pages by three readers in ${seconds} s: the first reached the database ${used} times, the second ${second.filter((a) => a.cache === 'MISS').length}, the third ${third.length} times from the cache; anonymous quota left ${afterThird.left} of 60`);
    // The tests after this one start on a fresh minute of the anonymous quota (every request here comes from 127.0.0.1).
    await new Promise((r) => setTimeout(r, (afterThird.reset + 1) * 1000));
  }, 180_000);

  it('the live performance page is a page of the site: a signed-in admin is not asked to sign in again, and the site\'s navigation leads back', async () => {
    const page = await open();
    // Signed out, the page sends to the login page, which comes back to it.
    await page.goto('/admin/performance');
    await page.waitForURL('**/login?next=%2Fadmin%2Fperformance');
    await page.getByLabel('Email or username').fill(platform.admin.email);
    await page.getByLabel('Password').fill(platform.admin.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/admin/performance');
    await page.locator('.perf-panels li').first().waitFor();

    // Signed in, from the console: straight to the figures.
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Live performance' }).click();
    await page.waitForURL('**/admin/performance');
    await page.getByText('Live: one sample a second').waitFor();
    await page.locator('.perf-panels li').first().waitFor();
    expect(await page.locator('.perf-panels li').count()).toBe(10);
    expect(await page.getByLabel('Password').count()).toBe(0);
    // A second sample arrives: the numbers are live.
    const first = await page.locator('.perf-panels svg.chart polyline').first().getAttribute('points');
    await expect.poll(() => page.locator('.perf-panels svg.chart polyline').first().getAttribute('points'), { timeout: 10_000 }).not.toBe(first);
    expect(await page.locator('table.list tbody tr').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'admin-performance-desktop');

    await page.locator('header').getByRole('link', { name: 'Admin', exact: true }).click();
    await page.waitForURL(/\/admin$/);
    await page.goBack();
    await page.waitForURL('**/admin/performance');
    await page.locator('.perf-panels li').first().waitFor();
  });

  it('says which of two committees of one name is current, from their meetings and the bill stages they held', async () => {
    const page = await open();
    await page.goto('/committees?name=health');
    const health = page.locator('ul.cards li', { hasText: 'Standing Committee on Health' });
    await health.first().waitFor();
    expect(await health.count()).toBe(2);
    const heal = health.filter({ has: page.locator('.meta', { hasText: /^HEAL\b/ }) });
    const hesa = health.filter({ has: page.locator('.meta', { hasText: /^HESA\b/ }) });
    expect(await heal.locator('.badge').innerText()).toBe('Former committee of this name');
    expect(await hesa.locator('.badge').innerText()).toBe('Current committee of this name');
    expect(await heal.locator('.meta').innerText()).toMatch(/active .*200[0-4] to .*200[2-4]/);
    expect(await hesa.locator('.meta').innerText()).toMatch(/active .*20[2-9]\d to .*20[2-9]\d/);
    await screenshot(page, 'committees-same-name-desktop');

    await heal.getByRole('link').first().click();
    const note = page.locator('.notice.info');
    await note.waitFor();
    expect(await note.innerText()).toMatch(/A former committee: it was last active on .*200[2-4]/);
    await note.getByRole('link', { name: 'The current committee of this name' }).click();
    await page.waitForURL(/\/committees\/[0-9a-f-]+$/);
    await page.locator('p.eyebrow', { hasText: 'HESA' }).waitFor();
    expect(await page.locator('.notice.info').count()).toBe(0);
  });

  it('names the browser tab in French on French pages, as the server does, and after moving between pages', async () => {
    const page = await open();
    const serverTitle = async (path: string) => /<title>([^<]*)<\/title>/.exec(await (await fetch(`${platform.url}${path}`)).text())![1]!.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    const differ: string[] = [];
    for (const path of ['/fr', '/fr/bills', '/fr/votes', '/fr/votes/ca/44-1/332', '/fr/bills/ca/45-1/C-12', '/fr/people', '/fr/debates', '/fr/committees', '/fr/representatives', '/fr/login', '/fr/register']) {
      await page.goto(path);
      await settle(page);
      const [client, server] = [await page.title(), await serverTitle(path)];
      if (client !== server) differ.push(`${path}: "${client}", the server's "${server}"`);
    }
    expect(differ).toEqual([]);
    // A search says what it looked for, in French; the server, which does not search, names the page.
    await page.goto('/fr/search?q=armes');
    await settle(page);
    expect(await page.title()).toBe('Résultats pour « armes » · OpenPolicy');
    // Within the app: a link, then the switch to English and back.
    await page.goto('/fr/votes');
    await settle(page);
    await page.locator('main a[href^="/fr/votes/"]').first().click();
    await settle(page);
    const vote = new URL(page.url()).pathname;
    expect(await page.title()).toBe(await serverTitle(vote));
    await page.getByRole('link', { name: 'English' }).click();
    await settle(page);
    expect(await page.title()).toBe(await serverTitle(vote.replace(/^\/fr/, '')));
    await page.getByRole('link', { name: 'Français' }).click();
    await settle(page);
    expect(await page.title()).toBe(await serverTitle(vote));
    // A sitting and one of its speeches, in each language, opened from their links.
    for (const prefix of ['/fr', '']) {
      await page.goto(`${prefix}/debates`);
      await settle(page);
      await page.locator(`main a[href^="${prefix}/debates/"]`).first().click();
      await page.waitForURL(/\/debates\/[^/]+$/);
      await settle(page);
      expect(await page.title()).toBe(await serverTitle(new URL(page.url()).pathname));
      await page.locator(`main a[href^="${prefix}/speeches/"]`).first().click();
      await page.waitForURL(/\/speeches\/[^/]+$/);
      await settle(page);
      expect(await page.title()).toBe(await serverTitle(new URL(page.url()).pathname));
    }
  });

  it('asks for a photo only where the platform serves one (PHOTOS is off here): initials, and no request that can only fail', async () => {
    const page = await open(PHONE);
    const photos: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/photo')) photos.push(request.url());
    });
    // Cambridge's councillors: five of nine have a photo address in their city's file.
    await page.goto('/representatives?place=Cambridge');
    await page.locator('.cards li.with-portrait').first().waitFor();
    const initials = page.locator('.cards li.with-portrait .portrait.initials');
    expect(await initials.count()).toBe(await page.locator('.cards li.with-portrait').count());
    await screenshot(page, 'representatives-no-photos-phone');
    const reid = (await (await fetch(`${platform.url}/api/v1/people?name=Donna%20Reid`)).json()) as { results: { id: string; image: string | null; photo: string | null }[] };
    expect(reid.results[0]!.image).toMatch(/^https:\/\//);
    expect(reid.results[0]!.photo).toBeNull();
    await page.goto(`/people/${reid.results[0]!.id.split('/')[1]}`);
    await settle(page);
    await page.locator('.portrait.large.initials').waitFor();
    expect(photos).toEqual([]);
  });

  it('logged no errors', () => {
    expect(errors.filter((e) => !HTTP_STATUS_NOISE.test(e))).toEqual([]);
  });
});
