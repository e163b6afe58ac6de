/**
 * Headless Chromium from Debian (no browser download) driven by playwright-core,
 * with what the tests look at: console errors, screenshots, and an axe-core
 * accessibility check run inside the page.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Account, Platform } from './platform.js';

export const CHROMIUM = '/usr/bin/chromium';
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
export const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface BrowserTests {
  /** What the pages opened so far logged or threw. */
  errors: string[];
  /** A fresh browser (own cache and storage) with one page on the platform, its errors collected. */
  open(viewport?: { width: number; height: number }): Promise<Page>;
}

/**
 * Call in a test file's describe: before its tests, `start` (what the file needs, then the platform) and
 * Chromium; after them, every page opened, Chromium, the platform and then `stop` (what `start` set up).
 */
export function browserTests(start: () => Promise<Platform>, options: { stop?: () => unknown; timeoutMs?: number } = {}): BrowserTests {
  const errors: string[] = [];
  const contexts: BrowserContext[] = [];
  let platform: Platform | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    platform = await start();
    browser = await launchChromium();
  }, 600_000);
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await platform?.stop();
    await options.stop?.();
  });
  return {
    errors,
    async open(viewport = DESKTOP) {
      const context = await browser!.newContext({ viewport, locale: 'en-CA', baseURL: platform!.url });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(options.timeoutMs ?? 30_000);
      collectErrors(page, errors);
      return page;
    },
  };
}

/** Signs in through the login page, which lands on the account page. */
export async function logIn(page: Page, account: Account): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email or username').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL('**/account');
}

/** Adds the errors the page logs or throws to `into`, so a test can require there were none. */
export function collectErrors(page: Page, into: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error') into.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => into.push(`${page.url()}: ${error.message}`));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png` });
}

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * axe-core's WCAG 2.x A and AA rules and best practices on the page as it is; the serious and critical
 * violations. The script is evaluated through the DevTools protocol, which the page's CSP does not govern.
 */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })`)) as { violations: Violation[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export interface LoadFigures {
  /** Script files of the page, and their bytes as sent (compressed) and as run. */
  scripts: number;
  js_encoded_bytes: number;
  js_decoded_bytes: number;
  /** Milliseconds from the start of navigation. */
  dom_content_loaded_ms: number;
  first_contentful_paint_ms: number;
  largest_contentful_paint_ms: number;
  /** The site's own mark: the first data from the API rendered (web/src/lib/use-api.ts). */
  content_visible_ms: number;
}

/** The Performance API's account of the page's load, read inside the page once its content shows. */
export async function firstLoadFigures(page: Page): Promise<LoadFigures> {
  return (await page.evaluate(`(async () => {
    const mark = () => performance.getEntriesByName('op:content-visible')[0];
    while (!mark()) await new Promise((r) => setTimeout(r, 20));
    const nav = performance.getEntriesByType('navigation')[0];
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    const lcp = await new Promise((resolve) => new PerformanceObserver((list) => {
      const entries = list.getEntries();
      resolve(entries[entries.length - 1].startTime);
    }).observe({ type: 'largest-contentful-paint', buffered: true }));
    const scripts = performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js'));
    return {
      scripts: scripts.length,
      js_encoded_bytes: scripts.reduce((sum, r) => sum + r.encodedBodySize, 0),
      js_decoded_bytes: scripts.reduce((sum, r) => sum + r.decodedBodySize, 0),
      dom_content_loaded_ms: Math.round(nav.domContentLoadedEventEnd),
      first_contentful_paint_ms: Math.round(paint ? paint.startTime : -1),
      largest_contentful_paint_ms: Math.round(lcp),
      content_visible_ms: Math.round(mark().startTime),
    };
  })()`)) as LoadFigures;
}
