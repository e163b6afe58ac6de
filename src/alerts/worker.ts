/**
 * The delivery worker: claims due jobs from the queue and runs each — a
 * fan-out, a mail, a digest, a webhook delivery — then marks it done or retries
 * it later with exponential backoff. It runs inside `serve` by default and
 * alone as `openpolicy worker`; any number of them share one queue.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { alertSettings, events, users, webhooks } from '../db/schema.js';
import type { Mailer } from '../auth/mailer.js';
import { digestMail, eventMail, type EventForMail } from './email.js';
import { digestEvents, readMails, type MailOut } from './mail-reads.js';
import { fanOut } from './fan-out.js';
import { backoffMs, claim, complete, completeAll, retryOrFail, type Job } from './queue.js';
import { checkWebhookUrl, postSigned, WebhookRefused, type WebhookPolicy } from './webhooks.js';

export interface WorkerOptions {
  database: Database;
  mailer: Mailer;
  /** The platform's public base URL, for links in mail and webhook bodies. */
  publicUrl: string;
  webhookPolicy: WebhookPolicy;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void; error(o: object, m: string): void };
  /** How long a claimed job is this worker's; after that another worker may take it (this one died or hung). */
  leaseSeconds?: number;
  pollMs?: number;
  batch?: number;
  /** Wait after a first failure, doubling per attempt up to `backoffCapMs`. */
  backoffBaseMs?: number;
  backoffCapMs?: number;
  webhookTimeoutMs?: number;
  /** Consecutive failed attempts after which a webhook is disabled and its owner mailed. */
  disableWebhookAfter?: number;
}

export interface Worker {
  /** Looks for due jobs now rather than at the next poll. */
  wake(): void;
  /** Finishes the jobs in hand, then stops. */
  stop(): Promise<void>;
}

const DAY_MS = 86_400_000;

async function loadEvent(database: Database, id: string): Promise<EventForMail & { kind: string; occurredOn: string | null; createdAt: Date } | null> {
  const [row] = await database.db.select().from(events).where(eq(events.id, id)).limit(1);
  return row ? { id: row.id, kind: row.kind, title: row.title, summary: row.summary, url: row.url, data: row.data, occurredOn: row.occurredOn, createdAt: row.createdAt } : null;
}

async function recipient(database: Database, userId: string) {
  const [row] = await database.db
    .select({ email: users.email, disabledAt: users.disabledAt, token: alertSettings.unsubscribeToken })
    .from(users).innerJoin(alertSettings, eq(alertSettings.userId, users.id)).where(eq(users.id, userId)).limit(1);
  return row && !row.disabledAt ? row : null;
}

/** The JSON a webhook receives for an event. */
export function webhookBody(event: NonNullable<Awaited<ReturnType<typeof loadEvent>>>, publicUrl: string, deliveryId: string): string {
  const web = typeof event.data.web === 'string' ? event.data.web : event.url;
  return JSON.stringify({
    id: event.id, delivery: deliveryId, kind: event.kind, occurred_on: event.occurredOn, created_at: event.createdAt.toISOString(),
    title: event.title, summary: event.summary, url: `${publicUrl}${event.url}`, web_url: `${publicUrl}${web}`, data: event.data,
  });
}

export function startWorker(options: WorkerOptions): Worker {
  const { database, mailer, publicUrl, log } = options;
  const { db } = database;
  const leaseSeconds = options.leaseSeconds ?? 300;
  const pollMs = options.pollMs ?? 1000;
  const batch = options.batch ?? 20;
  const base = options.backoffBaseMs ?? 60_000;
  const cap = options.backoffCapMs ?? 6 * 3_600_000;
  const timeoutMs = options.webhookTimeoutMs ?? 10_000;
  const disableAfter = options.disableWebhookAfter ?? 20;
  let stopped = false;
  let wakeUp: (() => void) | null = null;

  const retry = (job: Job, error: string, outcome = {}) => retryOrFail(db, job, error, backoffMs(job.attempts, base, cap), outcome);

  async function email(job: Job, mail: MailOut | undefined, done: number[]): Promise<void> {
    // Unsubscribed, unfollowed or moved to the digest since: nothing to send.
    if (mail?.email === 'immediate') await mailer.send(eventMail(mail.address, mail.event, publicUrl, mail.unsubscribeToken));
    done.push(job.id);
  }

  /**
   * A batch's mails are read in one statement and marked done in one; a failed read or send fails its job (retried
   * later). A worker dying between a send and the batch's mark may send that batch's mails again, as it may any mail.
   */
  async function emails(batch: Job[]): Promise<void> {
    if (batch.length === 0) return;
    const mails = readMails(database, batch);
    const done: number[] = [];
    await Promise.all(batch.map((job) => run(job, async () => email(job, (await mails).get(job.id), done))));
    await completeAll(db, done).catch((err: unknown) => log.error({ err }, 'could not mark sent mails done; their lease will free them'));
  }

  async function digest(job: Job): Promise<void> {
    const to = await recipient(database, job.userId!);
    if (!to) return complete(db, job);
    const day = String(job.payload.day);
    const start = new Date(`${day}T00:00:00Z`);
    const todays = await digestEvents(database, job.userId!, start, new Date(start.getTime() + DAY_MS));
    if (todays.length > 0) await mailer.send(digestMail(to.email, day, todays, publicUrl, to.token));
    await complete(db, job);
  }

  /** A failed attempt counts against the webhook; enough in a row disable it, and its owner is told why. */
  async function webhookFailed(job: Job, reason: string): Promise<void> {
    const [hook] = await db.update(webhooks).set({ consecutiveFailures: sql`${webhooks.consecutiveFailures} + 1` })
      .where(eq(webhooks.id, job.webhookId!)).returning();
    if (!hook || hook.disabledAt || hook.consecutiveFailures < disableAfter) return;
    const [disabled] = await db.update(webhooks).set({ disabledAt: new Date(), disabledReason: reason })
      .where(and(eq(webhooks.id, hook.id), sql`${webhooks.disabledAt} IS NULL`)).returning();
    const [owner] = await db.select({ email: users.email }).from(users).where(eq(users.id, hook.userId));
    if (!disabled || !owner) return;
    log.warn({ webhook: hook.id, reason }, 'webhook disabled after repeated failures');
    await mailer.send({
      to: owner.email,
      subject: 'Your OpenPolicy webhook was disabled',
      text: `Deliveries to ${hook.url} failed ${hook.consecutiveFailures} times in a row (last: ${reason}), so it is disabled.\n`
        + `Fix the receiver, then create the webhook again at ${publicUrl}/account.\n`,
    });
  }

  async function webhook(job: Job): Promise<void> {
    const [hook] = await db.select().from(webhooks).where(eq(webhooks.id, job.webhookId!)).limit(1);
    if (!hook || hook.disabledAt) return void (await retryOrFail(db, job, 'webhook deleted or disabled', null));
    const event = job.payload.test ? testEvent(job) : await loadEvent(database, String(job.payload.event_id));
    if (!event) return complete(db, job);
    let target;
    try {
      target = await checkWebhookUrl(hook.url, options.webhookPolicy);
    } catch (e) {
      if (!(e instanceof WebhookRefused)) throw e;
      await retryOrFail(db, job, e.message, null);
      return webhookFailed(job, e.message);
    }
    const body = webhookBody(event, publicUrl, job.key);
    try {
      const result = await postSigned(target, body, hook.secret, { 'openpolicy-event': event.id, 'openpolicy-delivery': job.key }, timeoutMs);
      if (result.status >= 200 && result.status < 300) {
        await complete(db, job, result);
        if (hook.consecutiveFailures > 0) await db.update(webhooks).set({ consecutiveFailures: 0 }).where(eq(webhooks.id, hook.id));
        return;
      }
      // Past a day of trying, the delivery is given up like one whose attempts are spent.
      await retryOrFail(db, job, `HTTP ${result.status}`, Date.now() - job.createdAt.getTime() > DAY_MS ? null : backoffMs(job.attempts, base, cap), result);
      await webhookFailed(job, `HTTP ${result.status}`);
    } catch (e) {
      const reason = (e as Error).message;
      await retry(job, reason);
      await webhookFailed(job, reason);
    }
  }

  const handlers: Record<Exclude<Job['kind'], 'email'>, (job: Job) => Promise<void>> = {
    fanout: async (job) => {
      const queued = await fanOut(db, (job.payload.events as string[]) ?? []);
      log.info({ events: (job.payload.events as string[]).length, jobs: queued }, 'events fanned out');
      await complete(db, job);
    },
    digest,
    webhook,
  };

  async function run(job: Job, work = () => handlers[job.kind as keyof typeof handlers](job)): Promise<void> {
    try {
      await work();
    } catch (e) {
      log.warn({ job: job.key, attempt: job.attempts, err: e }, 'job failed; retrying later');
      await retry(job, (e as Error).message).catch((err: unknown) => log.error({ err }, 'could not reschedule a job; its lease will free it'));
    }
  }

  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wakeUp = () => {
      clearTimeout(timer);
      resolve();
    };
  });

  const loop = (async () => {
    while (!stopped) {
      let claimed: Job[] = [];
      try {
        claimed = await claim(database, batch, leaseSeconds);
      } catch (e) {
        log.warn({ err: e }, 'delivery worker could not claim jobs');
      }
      if (claimed.length === 0) await sleep(pollMs);
      else await Promise.all([emails(claimed.filter((j) => j.kind === 'email')), ...claimed.filter((j) => j.kind !== 'email').map((j) => run(j))]);
    }
  })();

  return {
    wake: () => wakeUp?.(),
    async stop() {
      stopped = true;
      wakeUp?.();
      await loop;
    },
  };
}

/** The event "send test event" delivers: marked as a test, about nothing in the data. */
function testEvent(job: Job) {
  return {
    id: `evt_test_${job.id}`, kind: 'test', title: 'OpenPolicy test event', summary: 'Sent from your account page to check this webhook.',
    url: '/api/v1/me/webhooks', data: { web: '/account' }, occurredOn: null, createdAt: new Date(),
  };
}
