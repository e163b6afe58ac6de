/**
 * What the in-process alert tests deliver through: a real SMTP server and
 * webhook receiver, and the app with links under PUBLIC_URL and webhooks to
 * loopback allowed; closed after the file's tests, with the worker a test
 * started and the file's database.
 */
import { afterAll } from 'vitest';
import type { Worker } from '../../src/alerts/worker.js';
import type { TestDatabase } from '../support/db.js';
import { testApp, type TestApp } from '../security/support.js';
import { smtpReceiver, webhookReceiver, type MailReceiver, type WebhookReceiver } from './receivers.js';

export const PUBLIC_URL = 'https://openpolicy.test';

export interface DeliveryParts {
  smtp: MailReceiver;
  receiver: WebhookReceiver;
  t: TestApp;
}

/** The receivers and the app over `database`; the receiver checks signatures with the webhook secret `secret()` names then. */
export async function deliveryParts(database: TestDatabase, secret: () => string): Promise<DeliveryParts> {
  const smtp = await smtpReceiver();
  const receiver = await webhookReceiver(secret);
  const t = await testApp(undefined, database, { publicUrl: PUBLIC_URL, webhookPolicy: { allowPrivate: true, ownNetworks: [] } });
  return { smtp, receiver, t };
}

/** After the file's tests, closes what `parts()` holds then: the worker first, so nothing delivers into closed receivers. */
export function closeAfterAll(parts: () => Partial<DeliveryParts> & { worker: Worker | undefined; database: TestDatabase | undefined }): void {
  afterAll(async () => {
    const { worker, t, smtp, receiver, database } = parts();
    await worker?.stop();
    await t?.close();
    await smtp?.close();
    await receiver?.close();
    await database?.drop();
  });
}

/** A request to the app, as `who` (a bearer header, or none). */
export function requestsTo(t: () => TestApp) {
  return (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, who: Record<string, string> = {}, payload?: object) =>
    t().app.inject({ method, url, headers: who, ...(payload ? { payload } : {}) });
}
