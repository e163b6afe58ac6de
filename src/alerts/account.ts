/**
 * What a user sets up to hear about what they follow: their mail preference and
 * feed secret (alert_settings), saved searches and webhooks (row-level
 * security: each user's own rows only), and what the public reaches by a
 * secret alone — the one-click unsubscribe and the private feed.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { alertSettings, savedItems, savedSearches, webhooks } from '../db/schema.js';
import { scoped, type Actor } from '../auth/scope.js';
import type { EmailMode } from './channels.js';
import { newToken } from './fan-out.js';
import { enqueue } from './queue.js';
import { newWebhookSecret } from './webhooks.js';

export type AlertSettingsRow = typeof alertSettings.$inferSelect;
export type SavedSearchRow = typeof savedSearches.$inferSelect;
export type WebhookRow = typeof webhooks.$inferSelect;

/** The user's settings, created (mail on, fresh secrets) on first use. */
export async function alertSettingsOf(db: Db, userId: string): Promise<AlertSettingsRow> {
  await db.insert(alertSettings).values({ userId, feedToken: sql`${newToken}`, unsubscribeToken: sql`${newToken}` }).onConflictDoNothing();
  const [row] = await db.select().from(alertSettings).where(eq(alertSettings.userId, userId));
  return row!;
}

export async function setEmailMode(db: Db, userId: string, email: EmailMode): Promise<AlertSettingsRow> {
  await alertSettingsOf(db, userId);
  const [row] = await db.update(alertSettings).set({ email, updatedAt: new Date() }).where(eq(alertSettings.userId, userId)).returning();
  return row!;
}

/**
 * One-click unsubscribe: no sign-in, the mailed secret is the authority. It stops every mail, so the
 * items that chose their own mail go back to the user's setting, now off. False for an unknown secret.
 */
export async function unsubscribe(db: Db, token: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(alertSettings).set({ email: 'off', updatedAt: new Date() }).where(eq(alertSettings.unsubscribeToken, token)).returning({ userId: alertSettings.userId });
    if (!row) return false;
    await tx.update(savedItems).set({ email: null }).where(and(eq(savedItems.userId, row.userId), isNotNull(savedItems.email)));
    return true;
  });
}

export async function feedOwner(db: Db, token: string): Promise<string | null> {
  const [row] = await db.select({ userId: alertSettings.userId }).from(alertSettings).where(eq(alertSettings.feedToken, token));
  return row?.userId ?? null;
}

export function listSavedSearches(db: Db, actor: Actor): Promise<SavedSearchRow[]> {
  return scoped(db, actor, (tx) => tx.select().from(savedSearches).where(eq(savedSearches.userId, actor.userId)).orderBy(desc(savedSearches.createdAt), desc(savedSearches.id)));
}

export async function createSavedSearch(db: Db, actor: Actor, search: { q: string; types: string[]; session: string | null }): Promise<SavedSearchRow> {
  const [row] = await scoped(db, actor, (tx) => tx.insert(savedSearches).values({ userId: actor.userId, ...search }).returning());
  return row!;
}

export async function deleteSavedSearch(db: Db, actor: Actor, id: string): Promise<boolean> {
  const rows = await scoped(db, actor, (tx) => tx.delete(savedSearches).where(and(eq(savedSearches.id, id), eq(savedSearches.userId, actor.userId))).returning({ id: savedSearches.id }));
  return rows.length > 0;
}

/** A saved search by id, for its feed: the id is the capability (a random uuid only its owner is shown). */
export async function savedSearchById(db: Db, id: string): Promise<SavedSearchRow | null> {
  const [row] = await db.select().from(savedSearches).where(eq(savedSearches.id, id));
  return row ?? null;
}

export function listWebhooks(db: Db, actor: Actor): Promise<WebhookRow[]> {
  return scoped(db, actor, (tx) => tx.select().from(webhooks).where(eq(webhooks.userId, actor.userId)).orderBy(desc(webhooks.createdAt), desc(webhooks.id)));
}

export async function webhookOf(db: Db, actor: Actor, id: string): Promise<WebhookRow | null> {
  const [row] = await scoped(db, actor, (tx) => tx.select().from(webhooks).where(and(eq(webhooks.id, id), eq(webhooks.userId, actor.userId))));
  return row ?? null;
}

/** A new webhook with a new secret: the caller shows the secret once; it is never answered again. */
export async function createWebhook(db: Db, actor: Actor, url: string): Promise<WebhookRow> {
  const [row] = await scoped(db, actor, (tx) => tx.insert(webhooks).values({ userId: actor.userId, url, secret: newWebhookSecret() }).returning());
  return row!;
}

export async function deleteWebhook(db: Db, actor: Actor, id: string): Promise<boolean> {
  const rows = await scoped(db, actor, (tx) => tx.delete(webhooks).where(and(eq(webhooks.id, id), eq(webhooks.userId, actor.userId))).returning({ id: webhooks.id }));
  return rows.length > 0;
}

/** Queues a test delivery to one of the user's webhooks; null when it is not theirs. */
export async function queueTestEvent(db: Db, actor: Actor, id: string): Promise<string | null> {
  const hook = await webhookOf(db, actor, id);
  if (!hook) return null;
  const key = `webhook:test-${randomUUID()}:${hook.id}`;
  await enqueue(db, [{ kind: 'webhook', key, userId: actor.userId, webhookId: hook.id, payload: { test: true }, maxAttempts: 3 }]);
  return key;
}
