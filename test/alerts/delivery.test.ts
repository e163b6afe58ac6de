/**
 * Follow that delivers, end to end on real parts: a bill's LEGISinfo file is
 * imported as it was before its last Senate stage, users follow the bill, then
 * the real file is imported again. The run records the new stages as events;
 * the worker mails the immediate subscriber through a real SMTP server,
 * mails the digest subscriber once the day is over, and POSTs a signed
 * webhook to a real HTTP receiver that fails the first time. Feeds parse back
 * as Atom with the events' stable ids, and a webhook to loopback is refused
 * without the test setting.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { entryId } from '../../src/alerts/atom.js';
import { fanOut } from '../../src/alerts/fan-out.js';
import { startWorker, type Worker } from '../../src/alerts/worker.js';
import { checkWebhookUrl, WebhookRefused } from '../../src/alerts/webhooks.js';
import { smtpMailer } from '../../src/auth/mailer.js';
import { events, jobs } from '../../src/db/schema.js';
import { legisinfoBills } from '../../src/ingest/legisinfo-bills.js';
import { runImport } from '../../src/ingest/runner.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { legisinfoBillFiles } from '../support/legisinfo.js';
import { bearer, login, makeUser, testApp, type TestApp } from '../security/support.js';
import { closeAfterAll, deliveryParts, PUBLIC_URL, requestsTo } from './delivery-parts.js';
import { eventually, type MailReceiver, type WebhookReceiver } from './receivers.js';

let database: TestDatabase;
let t: TestApp;
let smtp: MailReceiver;
let receiver: WebhookReceiver;
let worker: Worker | undefined;
let secret = '';
let billId = '';
let current = '';
let earlier = '';
const headers: Record<string, Record<string, string>> = {};

/** C-12 of 45-1 as LEGISinfo published it, and as it was before its last Senate stage. */
function billVersions(): { current: string; earlier: string } {
  const file = legisinfoBillFiles(['45-1']).find((f) => f.endsWith('/C-12/metadata.xml'))!;
  const xml = readFileSync(file, 'utf8');
  const lastSenateStage = xml.lastIndexOf('<SenateBillStages>');
  const end = xml.indexOf('</SenateBillStages>', lastSenateStage) + '</SenateBillStages>'.length;
  const dir = mkdtempSync(join(tmpdir(), 'op-alerts-'));
  const before = join(dir, 'C-12-before.xml');
  writeFileSync(before, xml.slice(0, lastSenateStage) + xml.slice(end));
  return { current: file, earlier: before };
}

beforeAll(async () => {
  database = await testDatabase();
  ({ current, earlier } = billVersions());
  const baseline = await runImport(database, legisinfoBills, [earlier]);
  expect(baseline.status).toBe('succeeded');
  ({ smtp, receiver, t } = await deliveryParts(database, () => secret));
  const [row] = await database.rows<{ id: string }>(sql`SELECT id FROM bills WHERE identifier = 'C-12'`);
  billId = row!.id;
}, 300_000);

closeAfterAll(() => ({ worker, t, smtp, receiver, database }));

const api = requestsTo(() => t);

describe('alerts from a re-import of a changed bill file', () => {
  it('followers choose their channels; a webhook\'s secret is shown once', async () => {
    const uuid = billId.replace('ocd-bill/', '');
    for (const name of ['immediate', 'daily', 'none']) {
      const user = await makeUser(t);
      headers[name] = bearer(await login(t, user));
      headers[`${name}-email`] = { email: user.email };
      expect((await api('PUT', `/api/v1/me/saved/bill/${uuid}`, headers[name])).statusCode).toBe(201);
    }
    expect((await api('PUT', '/api/v1/me/alerts', headers.daily, { email: 'daily' })).json()).toMatchObject({ email: 'daily' });
    expect((await api('PUT', '/api/v1/me/alerts', headers.none, { email: 'off' })).statusCode).toBe(200);
    const created = await api('POST', '/api/v1/me/webhooks', headers.immediate, { url: receiver.url });
    expect(created.statusCode).toBe(201);
    secret = created.json().secret;
    expect(secret).toMatch(/^whsec_/);
    const listed = await api('GET', '/api/v1/me/webhooks', headers.immediate);
    expect(listed.body).not.toContain(secret);
    // The first delivery fails with a 500; the retry succeeds.
    receiver.answer = (n) => (n === 0 ? 500 : 200);
  });

  it('the re-import records each new stage once, with an id derived from it', async () => {
    const report = await runImport(database, legisinfoBills, [current]);
    expect(report.status).toBe('succeeded');
    const recorded = await database.db.select().from(events).where(eq(events.kind, 'bill.stage'));
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded.every((e) => e.data.bill_id === billId && /^evt_[0-9a-f]{32}$/.test(e.id))).toBe(true);
    // The same file again changes nothing and records nothing new.
    await runImport(database, legisinfoBills, [current]);
    expect(await database.db.select().from(events)).toHaveLength(recorded.length);
  });

  it('the worker mails the immediate follower with one-click unsubscribe headers, and delivers the webhook after a retry', async () => {
    const stages = await database.db.select().from(events).where(eq(events.kind, 'bill.stage'));
    worker = startWorker({
      database, mailer: smtpMailer(smtp.url, 'OpenPolicy <alerts@openpolicy.test>', true), publicUrl: PUBLIC_URL,
      webhookPolicy: { allowPrivate: true, ownNetworks: [] }, log: { info() {}, warn() {}, error() {} },
      pollMs: 100, backoffBaseMs: 300, leaseSeconds: 60,
    });
    const to = headers['immediate-email']!.email!;
    await eventually(() => smtp.mails.filter((m) => m.to.includes(to)).length === stages.length, 'the immediate mails');
    const mail = smtp.mails.find((m) => m.to.includes(to))!;
    expect(mail.subject).toContain('C-12');
    expect(mail.header('List-Unsubscribe')).toMatch(/^<https:\/\/openpolicy\.test\/api\/v1\/unsubscribe\/[0-9a-f]{64}>$/);
    expect(mail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.text).toContain(`${PUBLIC_URL}/bills/${billId}`);
    expect(mail.text).toMatch(/Stop these mails: https:\/\/openpolicy\.test\/unsubscribe\/[0-9a-f]{64}/);
    // Neither the digest follower nor the one who turned mail off got an immediate mail.
    expect(smtp.mails.filter((m) => !m.to.includes(to))).toEqual([]);

    await eventually(() => receiver.requests.filter((r) => r.answered === 200).length === stages.length, 'every webhook delivery');
    expect(receiver.requests.every((r) => r.signatureValid)).toBe(true);
    const [failed, ...rest] = receiver.requests;
    expect(failed!.answered).toBe(500);
    // The retry is the same delivery: same event, same delivery id, signed again.
    const retried = rest.find((r) => r.headers['openpolicy-delivery'] === failed!.headers['openpolicy-delivery']);
    expect(retried?.answered).toBe(200);
    const body = JSON.parse(retried!.body);
    expect(body).toMatchObject({ kind: 'bill.stage', data: { bill_id: billId } });
    expect(stages.map((s) => s.id)).toContain(body.id);

    const webhookId = (await api('GET', '/api/v1/me/webhooks', headers.immediate)).json().results[0].id;
    const log = (await api('GET', `/api/v1/me/webhooks/${webhookId}/deliveries`, headers.immediate)).json();
    expect(log.results).toHaveLength(stages.length);
    const first = log.results.find((d: { event_id: string }) => d.event_id === body.id);
    expect(first).toMatchObject({ status: 'done', attempts: 2, last_status: 200 });
    expect(first.last_latency_ms).toBeGreaterThanOrEqual(0);
    // Another user cannot read it.
    expect((await api('GET', `/api/v1/me/webhooks/${webhookId}/deliveries`, headers.daily)).statusCode).toBe(404);
  });

  it('fanning the same events out again queues nothing: one delivery per event, subscriber and channel', async () => {
    const ids = (await database.db.select({ id: events.id }).from(events)).map((e) => e.id);
    expect(await fanOut(database.db, ids)).toBe(0);
  });

  it('the daily digest arrives once the day is over, as one mail', async () => {
    const to = headers['daily-email']!.email!;
    // The day ends: its digest job comes due.
    await database.db.update(jobs).set({ runAt: new Date() }).where(eq(jobs.kind, 'digest'));
    await eventually(() => smtp.mails.some((m) => m.to.includes(to)), 'the digest');
    const digests = smtp.mails.filter((m) => m.to.includes(to));
    expect(digests).toHaveLength(1);
    expect(digests[0]!.subject).toMatch(/^OpenPolicy digest for \d{4}-\d{2}-\d{2}: \d+ update/);
    expect(digests[0]!.text).toContain('C-12');
    expect(smtp.mails.some((m) => m.to.includes(headers['none-email']!.email!))).toBe(false);
  });

  it('unsubscribes in one click without signing in, by the mailed secret only', async () => {
    const to = headers['immediate-email']!.email!;
    const link = smtp.mails.find((m) => m.to.includes(to))!.header('List-Unsubscribe')!.slice(1, -1).replace(PUBLIC_URL, '');
    const oneClick = (url: string) => t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect((await oneClick(link)).statusCode).toBe(200);
    expect((await api('GET', '/api/v1/me/alerts', headers.immediate)).json().email).toBe('off');
    expect((await oneClick(`/api/v1/unsubscribe/${'0'.repeat(64)}`)).statusCode).toBe(404);
  });

  it('feeds parse back as Atom, with the events\' stable ids', async () => {
    const stages = await database.db.select().from(events).where(eq(events.kind, 'bill.stage'));
    const url = `/api/v1/feeds/bills/${billId.replace('ocd-bill/', '')}`;
    const res = await api('GET', url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/atom\+xml/);
    const feed = parseFeed(res.body);
    expect(feed.meta.type).toBe('atom');
    expect(feed.self).toBe(`${PUBLIC_URL}${url}`);
    expect(feed.items.map((i) => i.id).sort()).toEqual(stages.map((s) => entryId(s.id)).sort());
    expect(parseFeed((await api('GET', url)).body).items.map((i) => i.id)).toEqual(feed.items.map((i) => i.id));

    const privateUrl = (await api('GET', '/api/v1/me/alerts', headers.daily)).json().feed_url.replace(PUBLIC_URL, '');
    const mine = parseFeed((await api('GET', privateUrl)).body);
    expect(mine.items.map((i) => i.id).sort()).toEqual(stages.map((s) => entryId(s.id)).sort());
    expect((await api('GET', `/api/v1/feeds/private/${'0'.repeat(64)}`)).statusCode).toBe(404);
  });

  it('a test event reaches the webhook on demand', async () => {
    const webhookId = (await api('GET', '/api/v1/me/webhooks', headers.immediate)).json().results[0].id;
    const queued = await api('POST', `/api/v1/me/webhooks/${webhookId}/test`, headers.immediate);
    expect(queued.statusCode).toBe(202);
    await eventually(() => receiver.requests.some((r) => r.headers['openpolicy-delivery'] === queued.json().delivery && r.answered === 200), 'the test event');
    expect(JSON.parse(receiver.requests.at(-1)!.body).kind).toBe('test');
  });
});

describe('webhook addresses (SSRF)', () => {
  const policy = { allowPrivate: false, ownNetworks: ['loopback'] };

  it('refuses loopback, private, link-local and http:// URLs unless the test setting allows them', async () => {
    for (const url of ['https://127.0.0.1/hook', 'https://localhost/hook', 'https://[::1]/hook', 'https://10.1.2.3/x', 'https://169.254.169.254/latest/meta-data',
      'https://192.168.0.1/', 'https://[fd00::1]/', 'https://0.0.0.0/', 'http://example.org/hook', 'https://user:pw@example.org/']) {
      await expect(checkWebhookUrl(url, policy), url).rejects.toBeInstanceOf(WebhookRefused);
    }
    await expect(checkWebhookUrl('http://127.0.0.1:9/hook', { allowPrivate: true, ownNetworks: [] })).resolves.toMatchObject({ address: '127.0.0.1' });
  });

  it('the API refuses to register one, naming the reason', async () => {
    const strict = await testApp(undefined, database);
    try {
      const user = await makeUser(strict);
      const res = await strict.app.inject({ method: 'POST', url: '/api/v1/me/webhooks', headers: bearer(await login(strict, user)), payload: { url: 'https://127.0.0.1:8443/hook' } });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ parameter: 'url', type: 'https://openpolicy.ca/problems/webhook-refused' });
    } finally {
      await strict.close();
    }
  });
});
