/**
 * The web site and the admin console in headless Chromium, against the real
 * platform (`openpolicy serve`) on the real bundled sample: a citizen finds a
 * bill and a division, a reader makes an account and an API key, an admin
 * promotes them, the new editor runs an import; every main page passes axe's
 * serious and critical checks, is screenshotted at desktop and phone widths,
 * and the bills page is weighed and timed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserTests, CHROMIUM, DESKTOP, firstLoadFigures, type LoadFigures, logIn, PHONE, screenshot, SCREENSHOTS, seriousViolations } from './browser.js';
import { E2E_ANONYMOUS_PER_MINUTE, startPlatform, type Account, type Platform } from './platform.js';
import { MEMBER_FILES } from '../../src/ingest/ourcommons-members.js';
import { SHARED_DATA } from '../support/db.js';
import { publisherServer, type PublisherServer } from '../support/publisher-server.js';

const PORT = 19000 + (process.pid % 1000);
// Chromium reports every HTTP error status of a fetch this way; the tests check statuses themselves.
const HTTP_STATUS_NOISE = /Failed to load resource: the server responded with a status of/;

describe.skipIf(!existsSync(CHROMIUM))('the web site in Chromium, on the real platform', () => {
  let platform: Platform;
  let publisher: PublisherServer | undefined;
  const reader: Account = { email: `reader-${process.pid}@e2e.openpolicy.test`, password: 'a long enough reader password' };
  let readerPage: Page;
  let readerKey: string;

  const { open, errors } = browserTests(async () => {
    // The House members' files as their publisher serves them, for "fetch now" (FETCH stays off: nothing runs on its own).
    const server = await publisherServer();
    publisher = server;
    for (const file of Object.values(MEMBER_FILES)) server.documents.set(`/${file}`, readFileSync(join(SHARED_DATA, 'ourcommons-44', file)));
    platform = await startPlatform(PORT, { FETCH_CONTACT: 'e2e@openpolicy.test', FETCH_MEMBERS_URL: server.url, FETCH_HOST_INTERVAL_MS: '0' });
    return platform;
  }, { stop: () => publisher?.close() });

  it('finds bill C-12 of 45-1 by search and shows its royal assent', async () => {
    const page = await open();
    await page.goto('/');
    await page.getByLabel('Search bills, people, votes and speeches').fill('C-12');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/search?q=C-12');
    const bills = page.locator('section.hit-group', { has: page.getByRole('heading', { name: /^Bills/ }) });
    const first = bills.locator('ol.hits > li a').first();
    await first.waitFor();
    expect(await first.getAttribute('href')).toBe('/bills/ca/45-1/C-12');
    expect(await bills.locator('mark').first().innerText()).toBe('C-12');
    await first.click();
    await page.waitForURL('**/bills/ca/45-1/C-12');
    const assent = page.locator('.royal-assent');
    await assent.waitFor();
    expect(await assent.innerText()).toMatch(/Royal assent\s+Mar 26, 2026 · S\.C\. 2026, c\. 4/);
    expect(await page.locator('.stages li.executive').getAttribute('class')).toContain('done');

    await page.getByRole('button', { name: 'Show the full text' }).click();
    await page.getByLabel('Find in the text').fill('border');
    await expect.poll(() => page.locator('.match-count').innerText()).toMatch(/^Match 1 of \d+$/);
  });

  it('opens division 332 of 44-1: 110 yeas, 209 nays, 4 paired, and the split by party', async () => {
    const page = await open();
    await page.goto('/votes/ca/44-1/332');
    await page.locator('.counts').waitFor();
    expect(await page.locator('.count-yes dd').innerText()).toBe('110');
    expect(await page.locator('.count-no dd').innerText()).toBe('209');
    expect(await page.locator('.count-paired dd').innerText()).toBe('4');
    expect(await page.locator('.badge.result-fail').innerText()).toBe('Defeated');
    const chart = page.locator('figure.party-chart');
    expect(await chart.locator('.party-row').count()).toBeGreaterThanOrEqual(5);
    expect(await chart.locator('svg.party-bar rect').count()).toBeGreaterThanOrEqual(6);
    expect(await chart.locator('.party-row', { hasText: 'Liberal Party of Canada' }).innerText()).toContain('Nay 149');
    expect(await chart.locator('.party-row', { hasText: 'Conservative Party of Canada' }).innerText()).toContain('Yea 109');
    // The ballots come 50 at a time (test/e2e/language.test.ts walks and filters all 323).
    expect(await page.locator('table.list tbody tr').count()).toBe(50);
  });

  it('registers, logs out and in again, and creates an API key that the API accepts', async () => {
    const page = await open();
    readerPage = page;
    await page.goto('/register');
    await page.getByLabel('Email').fill(reader.email);
    await page.getByLabel('Password').fill(reader.password);
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.waitForURL('**/account');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${platform.url}/`);
    await expect.poll(() => page.getByRole('link', { name: 'Log in' }).count()).toBe(1);

    await logIn(page, reader);
    expect(await page.locator('.facts').innerText()).toContain(reader.email);
    await page.locator('input[name=name]').fill('e2e dashboard');
    await page.getByRole('button', { name: 'Create a key' }).click();
    const key = await page.getByTestId('new-api-key').innerText();
    expect(key.length).toBeGreaterThan(20);
    readerKey = key;
    await expect.poll(() => page.locator('section', { has: page.locator('#keys') }).locator('table.list').innerText()).toContain('e2e dashboard');

    const res = await fetch(`${platform.url}/api/v1/bills?per_page=1`, { headers: { 'x-api-key': key } });
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-limit')).toBe('600');
    expect(Number(res.headers.get('ratelimit-remaining'))).toBeGreaterThan(0);
    expect(((await res.json()) as { results: unknown[] }).results).toHaveLength(1);
    // A read no one has made yet (a cached one counts against the cached-read quota instead).
    const anonymous = await fetch(`${platform.url}/api/v1/bills?per_page=1&session=44-1`);
    expect([anonymous.headers.get('x-cache'), anonymous.headers.get('ratelimit-limit')]).toEqual(['MISS', String(E2E_ANONYMOUS_PER_MINUTE)]);
  });

  it('an admin makes that reader an editor, and the audit log records it', async () => {
    const page = await open();
    await logIn(page, platform.admin);
    await page.goto(`/admin/users?q=${encodeURIComponent(reader.email)}`);
    const row = page.locator('li.user-row', { hasText: reader.email });
    await row.getByLabel('Role').selectOption('editor');
    await row.getByRole('button', { name: 'Save' }).click();
    await row.getByText('Saved.').waitFor();

    await page.goto('/admin/audit?action=user.role_change');
    const entry = page.locator('table.list tbody tr').first();
    await entry.waitFor();
    expect(await entry.innerText()).toContain('to: editor');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'admin-audit-desktop');
  });

  it('an admin finds the reader\'s key with its owner and tier, and revokes it: the API refuses it from then on', async () => {
    const page = await open();
    await logIn(page, platform.admin);
    await page.goto(`/admin/keys?q=${encodeURIComponent(reader.email)}`);
    const row = page.locator('table.list tbody tr', { hasText: 'e2e dashboard' });
    expect(await row.innerText()).toContain(reader.email);
    expect(await row.getByRole('link', { name: reader.email }).getAttribute('href')).toBe(`/admin/users?q=${encodeURIComponent(reader.email)}`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'admin-keys-desktop');
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: /^Revoke/ }).click();
    await row.getByText(/^Revoked/).waitFor();
    expect((await fetch(`${platform.url}/api/v1/bills?per_page=1`, { headers: { 'x-api-key': readerKey } })).status).toBe(401);
  });

  it('the new editor starts an import, watches it finish, and sees the rejected records with their location', async () => {
    const page = readerPage;
    // Their access token still says "user": the site trades it for one with the new role.
    await page.goto('/admin/imports');
    const start = page.locator('section', { has: page.locator('#start') });
    await start.locator('select[name=source]').selectOption('bc-legislature');
    await start.getByRole('button', { name: 'Import the bundled sample' }).click();
    await page.waitForURL(/\/admin\/imports\/\d+$/);
    // The run page polls while the run is going; bc-legislature's sample has two malformed ballots.
    const status = page.locator('.result-line .badge');
    await status.waitFor();
    await expect.poll(() => status.innerText(), { timeout: 120_000, interval: 500 }).not.toBe('Running');
    expect(await status.innerText()).toBe('Partly rejected');
    const rejection = page.locator('table.list tbody tr').first();
    expect(await rejection.innerText()).toMatch(/divisions\.json\.gz#\[\d+\]\.nays\[\d+\]/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'admin-import-run-desktop');
  });

  it('a reader who forgot their password resets it with the token an admin finds in the outbox', async () => {
    const page = await open();
    await page.goto('/reset-password');
    await page.getByLabel('Email').fill(reader.email);
    await page.getByRole('button', { name: 'Mail me a token' }).click();
    await page.getByText('If an account has this address').waitFor();

    // Without SMTP (the embedded default) the mail waits in the outbox, which only admins read.
    const admin = await open();
    await logIn(admin, platform.admin);
    await admin.goto(`/admin/outbox?to=${encodeURIComponent(reader.email)}`);
    await expect.poll(async () => {
      await admin.reload();
      await admin.locator('li.mail').or(admin.getByText('No mail.')).first().waitFor();
      return admin.locator('li.mail').count();
    }, { timeout: 20_000 }).toBeGreaterThan(0);
    const token = /Reset token[^:]*: (\S+)/.exec(await admin.locator('li.mail pre').first().innerText())?.[1];
    expect(token).toBeTruthy();

    const newPassword = 'a brand new reader password';
    await page.getByLabel('Reset token').fill(token!);
    await page.getByLabel('New password').fill(newPassword);
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText('Your password has been changed').waitFor();
    await logIn(page, { email: reader.email, password: newPassword });
  });

  it('passes axe on the main pages, and looks right at desktop and phone widths', async () => {
    const person = (await (await fetch(`${platform.url}/api/v1/people?name=Anandasangaree&current=false`)).json()) as { results: { id: string }[] };
    const pages: [string, string, string][] = [
      ['home', '/', 'ul.cards li'],
      ['bills', '/bills', 'table.list tbody tr'],
      ['bill', '/bills/ca/45-1/C-12', '.stages'],
      ['votes', '/votes', 'table.list tbody tr'],
      ['vote', '/votes/ca/44-1/332', '.party-chart'],
      ['people', '/people?jurisdiction=ca&current=false', 'table.list tbody tr'],
      ['person', `/people/${person.results[0]!.id.split('/')[1]}`, '#record ~ .stats'],
      ['debates', '/debates', 'ul.cards li'],
      ['committees', '/committees', 'ul.cards li'],
      ['search', '/search?q=firearms', 'ol.hits li'],
      ['register', '/register', 'form'],
    ];
    const page = await open();
    const failures: string[] = [];
    for (const [name, path, ready] of pages) {
      await page.setViewportSize(DESKTOP);
      await page.goto(path);
      await page.locator(ready).first().waitFor();
      for (const v of await seriousViolations(page)) failures.push(`${name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      await screenshot(page, `${name}-desktop`);
      await page.setViewportSize(PHONE);
      for (const v of await seriousViolations(page)) failures.push(`${name} (phone): ${v.id} (${v.impact}) ${v.help}`);
      await screenshot(page, `${name}-phone`);
      if (name === 'bill') {
        await page.evaluate(`document.getElementById('timeline').scrollIntoView()`);
        await screenshot(page, 'bill-timeline-phone');
      }
    }
    // The same division in French: the interface from the catalogue, the data from the {en, fr} fields.
    await page.setViewportSize(DESKTOP);
    await page.goto('/votes/ca/44-1/332');
    await page.getByRole('link', { name: 'Français' }).click();
    await page.waitForURL('**/fr/votes/ca/44-1/332');
    await page.getByRole('heading', { name: 'Vote nº 332 (44-1)' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.locator('.lead').innerText()).toMatch(/^Projet de loi C-21/);
    await screenshot(page, 'vote-fr-desktop');
    expect(failures).toEqual([]);
    // Eleven pages, each checked and photographed twice: minutes on a loaded machine.
  }, 600_000);

  it('loads the bills page with under 300 KB of compressed JavaScript, and times it', async () => {
    // Three first visits (each a fresh browser, empty cache); the timings are their medians.
    const runs: LoadFigures[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await open();
      await page.goto('/bills');
      await page.locator('table.list tbody tr').first().waitFor();
      runs.push(await firstLoadFigures(page));
    }
    const median = (key: keyof LoadFigures) => runs.map((r) => r[key]).sort((a, b) => a - b)[1]!;
    const figures = Object.fromEntries(Object.keys(runs[0]!).map((key) => [key, median(key as keyof LoadFigures)]));
    writeFileSync(`${SCREENSHOTS}bills-page-metrics.json`, `${JSON.stringify({ median: figures, runs }, null, 2)}\n`);
    console.log('bills page, first visit (median of 3):', figures);
    expect(figures.js_encoded_bytes).toBeGreaterThan(0);
    expect(figures.js_encoded_bytes).toBeLessThan(300 * 1024);
    expect(figures.js_encoded_bytes).toBeLessThan(figures.js_decoded_bytes!);
    expect(figures.content_visible_ms).toBeGreaterThan(0);
  });

  it('says so when a division has no member ballots, and what a member\'s attendance rests on', async () => {
    // Most divisions come with their totals only; the home page's cards say so, and so does the division's page.
    const { results } = (await (await fetch(`${platform.url}/api/v1/votes?jurisdiction=ca&per_page=20`)).json()) as { results: { url: string; ballot_coverage: { recorded: boolean } }[] };
    const bare = results.find((v) => !v.ballot_coverage.recorded)!.url.replace('/api/v1', '');
    const page = await open();
    await page.goto('/');
    await page.locator('#recent-votes ~ ul.cards li').first().waitFor();
    expect(await page.locator('#recent-votes ~ ul.cards li', { hasText: 'totals only, no member ballots' }).count()).toBeGreaterThan(0);
    await page.goto(bare);
    await page.locator('.counts').waitFor();
    expect(await page.getByText('Member ballots are not available for this division').count()).toBe(1);
    expect(await page.getByText('Every member voted with the majority').count()).toBe(0);
    expect(await page.locator('figure.party-chart').count()).toBe(0);
    expect(await page.locator('table.list').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'vote-no-ballots-desktop');

    // A member with recorded ballots: the figures say how many divisions they rest on.
    const person = (await (await fetch(`${platform.url}/api/v1/people?name=Anandasangaree&current=false`)).json()) as { results: { id: string }[] };
    const summary = ((await (await fetch(`${platform.url}/api/v1/people/${person.results[0]!.id}/votes?per_page=1`)).json()) as { summary: { divisions: number; divisions_held: number } }).summary;
    await page.goto(`/people/${person.results[0]!.id.split('/')[1]}`);
    await page.locator('#record ~ p.basis').or(page.getByText('no voting record to show')).first().waitFor();
    const record = await page.locator('section', { has: page.locator('#record') }).innerText();
    if (summary.divisions > 0) expect(record).toContain(`These figures rest on the ${summary.divisions} of the ${summary.divisions_held} divisions held while this person sat whose member ballots are recorded`);
    else expect(record).toContain('no voting record to show');
    await screenshot(page, 'person-record-basis-desktop');

    // A councillor: no council votes are in the data, and the page says that rather than that none were held.
    const councillor = (await (await fetch(`${platform.url}/api/v1/people?jurisdiction=${encodeURIComponent('ocd-jurisdiction/country:ca/csd:3520005/council')}&per_page=1`)).json()) as { results: { id: string }[] };
    if (councillor.results.length) {
      await page.goto(`/people/${councillor.results[0]!.id.split('/')[1]}`);
      await page.locator('section', { has: page.locator('#record') }).getByText('no voting record to show').waitFor();
      expect(await page.getByText('No recorded division was held').count()).toBe(0);
    }
  });

  it('finds my representative from the home page as I type my riding, in search, and in a division\'s ballots', async () => {
    // A riding of the sample, and its last member, as the API has them: the 44th Parliament has ended, and the data holds no member of the 45th.
    const { results: [member] } = (await (await fetch(`${platform.url}/api/v1/people?name=Anandasangaree&current=false`)).json()) as { results: { name: string; latest_seat: { district: string } }[] };
    const riding = member!.latest_seat.district;
    const page = await open();
    await page.goto('/');
    const box = page.getByRole('combobox', { name: /riding, ward, municipality/ });
    await box.pressSequentially(riding.slice(0, 6), { delay: 50 });
    const suggestion = page.getByRole('option', { name: new RegExp(`^${riding}`) });
    await suggestion.first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'home-find-representative-desktop');
    // The keyboard picks it: arrows to the riding's suggestion, Enter opens the answer.
    const options = await page.getByRole('option').allInnerTexts();
    const index = options.findIndex((o) => o.startsWith(riding));
    for (let i = 0; i <= index; i++) await box.press('ArrowDown');
    await box.press('Enter');
    await page.waitForURL(`**/representatives?place=${encodeURIComponent(riding).replace(/%20/g, '+')}`);
    const federal = page.locator('.representatives section', { has: page.getByRole('heading', { name: new RegExp(`^Federal .* ${riding}$`) }) });
    await federal.waitFor();
    expect(await federal.getByRole('link').first().innerText()).toBe(member!.name);
    // Said to be no longer current, with the end of the term and the Parliament the data does not reach.
    expect(await federal.innerText()).toMatch(/\(44th Parliament, until [^)]*2025\)\. The 45th Parliament's members are not in the data\./);
    expect(await federal.innerText()).toMatch(new RegExp(`MP for ${riding} until [^·]*2025`));
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'representatives-desktop');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'representatives-phone');

    // Search for the riding answers with its member too.
    await page.setViewportSize(DESKTOP);
    await page.goto(`/search?q=${encodeURIComponent(riding)}`);
    await page.locator('.representatives').getByRole('link', { name: member!.name }).waitFor();
    await screenshot(page, 'search-riding-desktop');

    // A division's ballots: a riding column, and a filter by name or riding.
    await page.goto('/votes/ca/44-1/332');
    await page.locator('table.list tbody tr').first().waitFor();
    expect(await page.locator('table.list thead th').allInnerTexts()).toEqual(['Member', 'Riding', 'Party', 'Vote']);
    await page.getByLabel('Member\'s name').fill('poilievre');
    await expect.poll(() => page.locator('table.list tbody tr').count()).toBe(1);
    expect(await page.locator('table.list tbody tr').innerText()).toMatch(/Poilievre\s+Carleton/);
    await screenshot(page, 'vote-ballot-filter-desktop');
  });

  it('shows the debates on a bill, sitting by sitting, with the subjects spoken to', async () => {
    // A bill the sample's Hansard speaks to, as the API links them.
    const { results } = (await (await fetch(`${platform.url}/api/v1/speeches?per_page=100`)).json()) as { results: { bill: { id: string } | null; debate_id: string }[] };
    const spoken = results.find((s) => s.bill)!;
    const bill = (await (await fetch(`${platform.url}/api/v1/bills/${spoken.bill!.id}`)).json()) as { url: string };
    const onBill = (await (await fetch(`${platform.url}/api/v1/speeches?bill=${encodeURIComponent(spoken.bill!.id)}&per_page=1`)).json()) as { pagination: { total_items: number } };
    const page = await open();
    await page.goto(bill.url.replace('/api/v1', ''));
    const section = page.locator('section', { has: page.getByRole('heading', { name: /^Debates on this bill/ }) });
    await section.locator('ul.cards > li').first().waitFor();
    expect(await section.getByRole('heading').innerText()).toContain(`(${onBill.pagination.total_items})`);
    expect(await section.locator(`a[href="/debates/${spoken.debate_id}"]`).count()).toBe(1);
    await section.scrollIntoViewIfNeeded();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'bill-debates-desktop');
    await section.locator('ul.plain a').first().click();
    await page.waitForURL('**/speeches/**');
  });

  it('answers an unknown address or record with a 404 page that passes axe, and shares pages with their own title and preview', async () => {
    const page = await open();
    for (const [path, name] of [['/no/such/page', 'not-found'], ['/bills/ca/45-1/C-99999', 'not-found-bill']] as const) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.locator('[role=alert], .notfound').or(page.getByText('This address is not a page of the site.')).first().waitFor();
      expect(await seriousViolations(page), path).toEqual([]);
      await screenshot(page, `${name}-desktop`);
    }
    expect(await page.title()).toMatch(/OpenPolicy$/);

    // What a link preview reads: the HTML as the server sends it, before any script.
    const html = await (await fetch(`${platform.url}/bills/ca/45-1/C-12`)).text();
    expect(html).toMatch(/<title>Bill C-12 \(45-1\): [^<]+ · OpenPolicy<\/title>/);
    expect(html).toContain(`<link rel="canonical" href="${platform.url}/bills/ca/45-1/C-12">`);
    expect(html).toMatch(/<meta property="og:title" content="Bill C-12 \(45-1\): [^"]+">/);
    for (const [path, type] of [['/robots.txt', 'text/plain'], ['/sitemap.xml', 'application/xml'], ['/favicon.ico', 'image/'], ['/sitemaps/bills-1.xml', 'application/xml']] as const) {
      const res = await fetch(`${platform.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toContain(type);
    }
  });

  // Last before the error check: the fetch rewrites the members' provenance, which empties the caches the pages before it warmed.
  it('an editor fetches the House members now from the console, follows the run, and finds the source fresh', async () => {
    // The reader's sessions ended with their password reset: the platform's editor signs in.
    const page = await open();
    await logIn(page, platform.editor);
    await page.goto('/admin/fetch');
    const row = page.getByRole('row', { name: /ourcommons-members/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/every 1 d/);
    await row.getByRole('button', { name: 'Fetch now: ourcommons-members' }).click();
    await page.waitForURL(/\/admin\/imports\/\d+$/);
    const status = page.locator('.result-line .badge');
    await status.waitFor();
    await expect.poll(() => status.innerText(), { timeout: 120_000, interval: 500 }).not.toBe('Running');
    expect(await status.innerText()).toBe('Succeeded');
    expect(publisher!.requests.map((r) => [r.target, r.status])).toEqual(Object.values(MEMBER_FILES).map((f) => [`/${f}`, 200]));
    await page.goto('/admin/fetch');
    await row.locator('.badge').first().waitFor();
    expect(await row.locator('.badge').allInnerTexts()).toEqual(['Succeeded', 'Fresh']);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'admin-fetch-desktop');
  });

  it('an editor follows bill C-12 and chooses, on the account page, a daily digest and no webhooks for it alone', async () => {
    const page = await open();
    await logIn(page, platform.editor);
    await page.goto('/bills/ca/45-1/C-12');
    await page.getByRole('button', { name: 'Follow' }).click();
    await page.getByText('You follow this.').waitFor();
    await page.goto('/account');
    const mail = page.getByLabel(/^Mail for C-12/);
    await mail.waitFor();
    expect(await mail.inputValue()).toBe('');
    // Each choice is saved by its own request: the reload below waits for both, or it could cancel the second.
    const saved = () => page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/v1/me/saved/'));
    await Promise.all([saved(), mail.selectOption('daily')]);
    await expect.poll(() => mail.inputValue()).toBe('daily');
    await Promise.all([saved(), page.getByLabel(/^Webhooks for C-12/).selectOption('off')]);
    // Saved, not only shown: a new visit reads them back.
    await page.reload();
    await page.getByLabel(/^Mail for C-12/).waitFor();
    await expect.poll(() => page.getByLabel(/^Mail for C-12/).inputValue()).toBe('daily');
    expect(await page.getByLabel(/^Webhooks for C-12/).inputValue()).toBe('off');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'account-followed-channels-desktop');
  });

  it('logged no script or CSP error on any page', async () => {
    expect(errors.filter((e) => !HTTP_STATUS_NOISE.test(e))).toEqual([]);
  });
});
