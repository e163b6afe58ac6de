/**
 * Issue 18, second half, in headless Chromium on the real platform and the
 * bundled sample: French pages under /fr with their hreflang alternates and a
 * switch between the two addresses of a page; French search titles and party
 * names; a sitting's table of contents by subject; a division's ballots a page
 * at a time, with the CSV of the ballots and of a member's votes.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { browserTests, CHROMIUM, DESKTOP, PHONE, screenshot, seriousViolations } from './browser.js';
import { startPlatform, type Platform } from './platform.js';

const PORT = 21000 + (process.pid % 1000);
const HTTP_STATUS_NOISE = /Failed to load resource: the server responded with a status of/;

describe.skipIf(!existsSync(CHROMIUM))('French addresses, tables of contents and downloads, in Chromium', () => {
  let platform: Platform;
  const { open, errors } = browserTests(async () => (platform = await startPlatform(PORT)), { timeoutMs: 60_000 });

  it('serves French pages under /fr with hreflang alternates, and the switch moves between the two addresses', async () => {
    const html = await (await fetch(`${platform.url}/fr/votes/ca/44-1/332`)).text();
    expect(html).toMatch(/<html lang="fr">/);
    expect(html).toContain(`<link rel="canonical" href="${platform.url}/fr/votes/ca/44-1/332">`);
    expect(html).toContain(`<link rel="alternate" hreflang="en" href="${platform.url}/votes/ca/44-1/332">`);
    expect(html).toContain(`<link rel="alternate" hreflang="x-default" href="${platform.url}/votes/ca/44-1/332">`);

    const page = await open();
    await page.goto('/votes/ca/44-1/332');
    await page.locator('.party-chart').waitFor();
    await page.getByRole('link', { name: 'Français' }).click();
    await page.waitForURL('**/fr/votes/ca/44-1/332');
    await page.getByRole('heading', { name: 'Vote nº 332 (44-1)' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    // Party names from the parties' French names; links stay in French.
    await expect.poll(() => page.locator('.party-name').allInnerTexts()).toContain('Parti conservateur du Canada');
    expect(await page.getByRole('link', { name: 'Projets de loi' }).first().getAttribute('href')).toBe('/fr/bills');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'vote-fr-url-desktop');
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL((url) => url.pathname === '/votes/ca/44-1/332');
    await page.getByRole('heading', { name: 'Division 332 (44-1)' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // Back returns to the French address.
    await page.goBack();
    await page.waitForURL('**/fr/votes/ca/44-1/332');

    // A French search: bill titles in French, with session and status.
    await page.goto('/fr/search?q=C-12');
    const bill = page.locator('section.hit-group', { has: page.getByRole('heading', { name: /^Projets de loi/ }) }).locator('ol.hits > li').first();
    await bill.waitFor();
    const api = (await (await fetch(`${platform.url}/api/v1/bills/ca/45-1/C-12`)).json()) as { title: { fr: string }; short_title: { fr: string | null } };
    expect(await bill.getByRole('link').first().innerText()).toBe(`C-12 — ${api.short_title.fr ?? api.title.fr}`);
    expect(await bill.getByRole('link').first().getAttribute('href')).toBe('/fr/bills/ca/45-1/C-12');
    expect(await bill.innerText()).toContain('session 45-1');
    await screenshot(page, 'search-fr-desktop');
  }, 300_000);

  it('gives a sitting a table of contents by subject whose links jump to the subject\'s speeches', async () => {
    const { results } = (await (await fetch(`${platform.url}/api/v1/debates?per_page=100`)).json()) as { results: { id: string; speech_count: number }[] };
    const sitting = results.sort((a, b) => b.speech_count - a.speech_count)[0]!;
    const detail = (await (await fetch(`${platform.url}/api/v1/debates/${sitting.id}`)).json()) as { subjects: { first_speech_id: string; position: number; speeches: number }[] };
    // A subject whose first speech is past the first page of 20.
    const later = detail.subjects.find((s) => s.position > 20)!;
    expect(later).toBeTruthy();
    const page = await open();
    await page.goto(`/debates/${sitting.id}`);
    const contents = page.getByRole('navigation', { name: 'Subjects of the sitting' });
    await contents.locator('li').first().waitFor();
    expect(await contents.locator('li').count()).toBe(detail.subjects.length);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'debate-contents-desktop');
    await contents.locator('li').nth(detail.subjects.indexOf(later)).getByRole('link').click();
    await page.waitForURL(`**/debates/${sitting.id}?page=${Math.ceil(later.position / 20)}#speech-${later.first_speech_id}`);
    const speech = page.locator(`[id="speech-${later.first_speech_id}"]`);
    await speech.waitFor();
    await expect.poll(() => speech.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= -1 && r.top < window.innerHeight; })).toBe(true);
    await screenshot(page, 'debate-subject-jump-desktop');
  }, 300_000);

  it('shows a division\'s ballots 50 at a time, filter over all of them, and downloads them and a member\'s votes as CSV', async () => {
    const page = await open();
    await page.goto('/votes/ca/44-1/332');
    const rows = page.locator('table.list tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(50);
    await page.getByRole('button', { name: 'Show 50 more' }).click();
    await expect.poll(() => rows.count()).toBe(100);
    // The filter searches every ballot, not only those shown.
    await page.getByLabel('Member\'s name').fill('poilievre');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByLabel('Member\'s name').fill('');
    await expect.poll(() => rows.count()).toBe(50);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'vote-ballots-paged-desktop');

    const csvLink = page.getByRole('link', { name: 'Download the ballots (CSV)' });
    const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
    expect(download.suggestedFilename()).toBe('votes-ca-44-1-332.csv');
    const csv = await (await fetch(`${platform.url}${await csvLink.getAttribute('href')}`)).text();
    expect(csv.trim().split('\r\n')).toHaveLength(324);

    const { results: [person] } = (await (await fetch(`${platform.url}/api/v1/people?name=Anandasangaree&current=false`)).json()) as { results: { id: string }[] };
    await page.goto(`/people/${person!.id.split('/')[1]}`);
    const votesCsv = page.getByRole('link', { name: 'Download the voting record (CSV)' });
    await votesCsv.waitFor();
    const body = await fetch(`${platform.url}${await votesCsv.getAttribute('href')}`);
    expect(body.headers.get('content-type')).toContain('text/csv');
    expect((await body.text()).trim().split('\r\n').length).toBeGreaterThan(1);
  }, 300_000);

  it('says on a phone that a list table has more columns than it shows, until they are scrolled into view', async () => {
    const page = await open();
    await page.setViewportSize(PHONE);
    await page.goto('/bills');
    const table = page.locator('.table-wrap').first();
    await table.locator('tbody tr').first().waitFor();
    const hint = page.getByText('More columns: scroll the table sideways →');
    await hint.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'bills-scroll-hint-phone');
    await table.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await expect.poll(() => hint.count()).toBe(0);
    await page.setViewportSize(DESKTOP);
    await page.reload();
    await table.locator('tbody tr').first().waitFor();
    expect(await hint.count()).toBe(0);
  }, 300_000);

  it('logged no errors', () => {
    expect(errors.filter((e) => !HTTP_STATUS_NOISE.test(e))).toEqual([]);
  });
});
