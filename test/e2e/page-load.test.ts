/**
 * How the main pages load in Chromium at a phone's size (Lighthouse's mobile viewport), on the real
 * platform with photos on and a photo source that fails (a local mirror answering 404: the person's photo
 * turns into initials once the page has been painted), in terms a
 * loaded machine does not change: nothing already painted moves once the page's content is in (layout
 * shifts, each named by its node when there is one).
 */
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserTests, CHROMIUM } from './browser.js';
import { startPlatformWithPhotos, type Platform } from './platform.js';

const PORT = 22000 + (process.pid % 1000);
/** Lighthouse's mobile screen. */
const LIGHTHOUSE_PHONE = { width: 412, height: 823 };

interface Shift {
  value: number;
  sources: string[];
}

/** Records every layout shift of each document the page opens (not those right after an input), with the nodes that moved. */
const RECORD_SHIFTS = `window.layoutShifts = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.hadRecentInput) continue;
    const name = (node) => node ? node.nodeName + (node.className ? '.' + String(node.className).split(' ').join('.') : '') + ' ' + (node.textContent || '').slice(0, 40) : '(removed node)';
    window.layoutShifts.push({ value: e.value, sources: e.sources.map((s) => name(s.node)) });
  }
}).observe({ type: 'layout-shift', buffered: true });`;

const layoutShifts = async (page: Page) => (await page.evaluate('window.layoutShifts')) as Shift[];

describe.skipIf(!existsSync(CHROMIUM))('loading the main pages on a phone', () => {
  let platform: Platform;

  const { open } = browserTests(async () => {
    platform = await startPlatformWithPhotos(PORT, (_request, response) => response.writeHead(404).end());
    return platform;
  }, { timeoutMs: 60_000 });

  async function personPath(): Promise<string> {
    const people = (await (await fetch(`${platform.url}/api/v1/people?name=Anandasangaree&current=false`)).json()) as { results: { id: string }[] };
    return `/people/${people.results[0]!.id.split('/')[1]}`;
  }

  /** Opens `path` and waits until its content is in and the network is quiet (a failed photo has turned into initials). */
  async function load(page: Page, path: string): Promise<void> {
    await page.goto(path);
    await page.locator('main h1').first().waitFor();
    await page.waitForFunction(() => document.querySelectorAll('main .loading').length === 0);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
  }

  it('moves nothing already painted once the content is in', async () => {
    const page = await open(LIGHTHOUSE_PHONE);
    await page.context().addInitScript(RECORD_SHIFTS);
    const person = await personPath();
    // The person page last: its photo is checked below.
    const paths = ['/', '/bills', '/bills/ca/45-1/C-12', '/votes/ca/44-1/332', '/search?q=firearms', person];
    const moved: Record<string, Shift[]> = {};
    for (const path of paths) {
      // Each a document of its own, whose shifts are counted from its own first paint.
      await load(page, path);
      const shifts = await layoutShifts(page);
      if (shifts.length) moved[path] = shifts;
    }
    // The platform serves the person's photo from its source, which failed: the page showed the photo's box with
    // its caption, then initials in its place.
    const record = (await (await fetch(`${platform.url}/api/v1/people/ocd-person/${person.split('/')[2]}`)).json()) as { photo: string | null };
    expect(record.photo).toBeTruthy();
    expect((await fetch(`${platform.url}${record.photo}`)).status).toBe(404);
    expect(await page.locator('.person-intro .portrait.initials').count()).toBe(1);
    expect(moved).toEqual({});
  }, 300_000);
});
