/**
 * Photos of representatives and compressed answers, in Chromium against the
 * real platform on the bundled sample, with PHOTOS=on and a local server as
 * the photos' mirror (tests never reach the network): Cambridge's councillor
 * Donna Reid, whose city file gives a photo address, shows the photo from the
 * platform's own origin under the strict CSP, with its source; a councillor
 * without one shows initials; the page's API answers arrive brotli-compressed.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { portraitPng } from '../support/png.js';
import { browserTests, CHROMIUM, PHONE, screenshot, seriousViolations } from './browser.js';
import { startPlatformWithPhotos, type Platform } from './platform.js';

const PORT = 21000 + (process.pid % 1000);
const PHOTO = portraitPng();
const REID = '/www.cambridge.ca/en/your-city/resources/Donna-Reid.jpg';
// Chromium reports every HTTP error status this way; a failed photo is one, and the page shows initials instead.
const HTTP_STATUS_NOISE = /Failed to load resource: the server responded with a status of/;

describe.skipIf(!existsSync(CHROMIUM))('photos and compression in Chromium, on the real platform', () => {
  let platform: Platform;
  const asked: string[] = [];

  const { open, errors } = browserTests(async () => {
    platform = await startPlatformWithPhotos(PORT, (request, response) => {
      asked.push(request.url!);
      if (request.url === REID) response.writeHead(200, { 'content-type': 'image/jpeg' }).end(PHOTO);
      else response.writeHead(404).end();
    });
    return platform;
  });

  async function councillor(name: string): Promise<{ id: string; image: string | null }> {
    const res = await fetch(`${platform.url}/api/v1/people?name=${encodeURIComponent(name)}`);
    const { results } = (await res.json()) as { results: { id: string; name: string; image: string | null }[] };
    return results.find((p) => p.name === name)!;
  }

  it("shows a councillor's photo from the platform's own origin, with its source, and the page's data compressed", async () => {
    const reid = await councillor('Donna Reid');
    const page = await open();
    const encodings = new Map<string, string | undefined>();
    page.on('response', (response) => {
      if (response.url().includes('/api/v1/')) encodings.set(new URL(response.url()).pathname, response.headers()['content-encoding']);
    });
    await page.goto(`/people/${reid.id.split('/')[1]}`);
    const photo = page.locator('img.portrait.large');
    await photo.waitFor();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(90);
    expect(await photo.getAttribute('src')).toBe(`/api/v1/people/${reid.id}/photo`);
    expect(await page.locator('.portrait-figure figcaption').innerText()).toBe('Photo: cambridge.ca');
    expect(asked.filter((url) => url === REID)).toHaveLength(1);
    // The person's record (over 1 KB) came brotli-compressed; the photo as it is.
    expect(encodings.get(`/api/v1/people/${reid.id}`)).toBe('br');
    expect(encodings.get(`/api/v1/people/${reid.id}/photo`)).toBeUndefined();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'person-photo-desktop');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'person-photo-phone');
  });

  it('shows photos on the council cards, and initials for a councillor without one', async () => {
    const page = await open(PHONE);
    await page.goto('/representatives?place=Cambridge');
    const reidCard = page.locator('.people-cards li', { hasText: 'Donna Reid' });
    await reidCard.scrollIntoViewIfNeeded();
    await reidCard.locator('img.portrait.small').waitFor();
    await expect.poll(() => reidCard.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(90);
    // Cards whose record has no photo address, or whose address gave nothing (the mirror has only Reid's), show initials.
    const initials = page.locator('.people-cards li .portrait.initials');
    await expect.poll(() => initials.count()).toBeGreaterThan(0);
    expect(await initials.first().innerText()).toMatch(/^[A-ZÀ-Ý]{1,2}$/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'representatives-photos-phone');
    // Each address is asked once, whatever the number of pages that show it.
    expect(asked.filter((url) => url === REID)).toHaveLength(1);
  });

  it('logged no script or CSP error', () => {
    expect(errors.filter((e) => !HTTP_STATUS_NOISE.test(e))).toEqual([]);
  });
});
