/**
 * The delivery worker as configured: mail over SMTP_URL (pooled) or into the
 * outbox, links to PUBLIC_URL, the webhook address policy. It reads every
 * user's follows and webhooks, which row-level security hides from the
 * application role, so with DATABASE_MIGRATION_URL set it connects as the
 * schema owner.
 */
import { outboxMailer, smtpMailer } from '../auth/mailer.js';
import type { Config } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import type { WebhookPolicy } from './webhooks.js';
import { startWorker, type Worker, type WorkerOptions } from './worker.js';

/** Where links in mail, feeds and webhook bodies point: PUBLIC_URL, else this server on localhost. */
export function alertLinksBase(config: Config): string {
  return config.publicUrl ?? `http://localhost:${config.port}`;
}

/** Where webhooks may point: never at private or own networks, unless WEBHOOKS_ALLOW_PRIVATE=on (tests). */
export function webhookPolicy(config: Config): WebhookPolicy {
  return { allowPrivate: config.alerts.allowPrivateWebhooks, ownNetworks: config.internalNetworks };
}

export async function startDeliveryWorker(config: Config, database: Database, log: WorkerOptions['log']): Promise<Worker> {
  const own = config.databaseMigrationUrl ? await openDatabase({ url: config.databaseMigrationUrl, max: 2 }) : null;
  const worker = startWorker({
    database: own ?? database,
    mailer: config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom, true) : outboxMailer(database.db),
    publicUrl: alertLinksBase(config),
    webhookPolicy: webhookPolicy(config),
    leaseSeconds: config.alerts.leaseSeconds,
    log,
  });
  return {
    wake: worker.wake,
    async stop() {
      await worker.stop();
      await own?.close();
    },
  };
}
