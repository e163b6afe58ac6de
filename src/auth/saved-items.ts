/**
 * What a user follows: bills and people, by OCD id. Every query runs scoped to
 * the user under row-level security, so another user's rows are never visible.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { bills, legislativeSessions, people, savedItems } from '../db/schema.js';
import { scoped, type Actor } from './scope.js';

export const SAVED_TYPES = ['bill', 'person'] as const;
export type SavedType = (typeof SAVED_TYPES)[number];

export const ocdPrefix = (type: SavedType) => (type === 'bill' ? 'ocd-bill' : 'ocd-person');

export type SavedRow = typeof savedItems.$inferSelect;

export interface SavedListRow extends SavedRow {
  bill: { identifier: string; titleEn: string; shortTitleEn: string | null; jurisdictionId: string; session: string } | null;
  personName: string | null;
}

/** Whether the bill or person exists in the public data. */
export async function itemExists(db: Db, type: SavedType, itemId: string): Promise<boolean> {
  const table = type === 'bill' ? bills : people;
  const [row] = await db.select({ id: table.id }).from(table).where(eq(table.id, itemId)).limit(1);
  return !!row;
}

/** Follows the item; `created` is false when the user already followed it (the row is unchanged). */
export async function saveItem(db: Db, actor: Actor, type: SavedType, itemId: string): Promise<{ row: SavedRow; created: boolean }> {
  const { userId } = actor;
  return scoped(db, actor, async (tx) => {
    const [inserted] = await tx.insert(savedItems).values({ userId, itemType: type, itemId }).onConflictDoNothing().returning();
    if (inserted) return { row: inserted, created: true };
    const [existing] = await tx
      .select()
      .from(savedItems)
      .where(and(eq(savedItems.userId, userId), eq(savedItems.itemType, type), eq(savedItems.itemId, itemId)))
      .limit(1);
    return { row: existing!, created: false };
  });
}

/** What one followed item chose: its mail and whether webhooks get it (null: as the user's settings say). */
export interface ItemChannels {
  email?: 'immediate' | 'daily' | 'off' | null;
  webhook?: boolean | null;
}

/** Sets the channels of an item the user follows; null when they do not follow it. */
export async function setItemChannels(db: Db, actor: Actor, type: SavedType, itemId: string, channels: ItemChannels): Promise<SavedRow | null> {
  const { userId } = actor;
  const [row] = await scoped(db, actor, (tx) => tx.update(savedItems).set({ ...channels, updatedAt: new Date() })
    .where(and(eq(savedItems.userId, userId), eq(savedItems.itemType, type), eq(savedItems.itemId, itemId))).returning());
  return row ?? null;
}

/** Unfollows; null when the user did not follow it (another user's follow is indistinguishable from none). */
export async function unsaveItem(db: Db, actor: Actor, type: SavedType, itemId: string): Promise<SavedRow | null> {
  const { userId } = actor;
  const [row] = await scoped(db, actor, (tx) =>
    tx.delete(savedItems).where(and(eq(savedItems.userId, userId), eq(savedItems.itemType, type), eq(savedItems.itemId, itemId))).returning(),
  );
  return row ?? null;
}

/** The user's follows, newest first, with the bill's title or the person's name (null if no longer in the data). */
export function listSavedItems(db: Db, actor: Actor): Promise<SavedListRow[]> {
  const { userId } = actor;
  return scoped(db, actor, async (tx) => {
    const rows = await tx
      .select({
        item: savedItems,
        identifier: bills.identifier,
        titleEn: bills.titleEn,
        shortTitleEn: bills.shortTitleEn,
        jurisdictionId: bills.jurisdictionId,
        session: legislativeSessions.identifier,
        personName: people.name,
      })
      .from(savedItems)
      .leftJoin(bills, and(eq(savedItems.itemType, 'bill'), eq(bills.id, savedItems.itemId)))
      .leftJoin(legislativeSessions, eq(legislativeSessions.id, bills.sessionId))
      .leftJoin(people, and(eq(savedItems.itemType, 'person'), eq(people.id, savedItems.itemId)))
      .where(eq(savedItems.userId, userId))
      .orderBy(desc(savedItems.createdAt), desc(sql`${savedItems.id}`));
    return rows.map((r) => ({
      ...r.item,
      bill: r.identifier !== null && r.titleEn !== null && r.jurisdictionId !== null && r.session !== null
        ? { identifier: r.identifier, titleEn: r.titleEn, shortTitleEn: r.shortTitleEn, jurisdictionId: r.jurisdictionId, session: r.session }
        : null,
      personName: r.personName,
    }));
  });
}
