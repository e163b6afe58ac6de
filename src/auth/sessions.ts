/**
 * Login sessions and their refresh tokens. A session is one refresh-token
 * family: each refresh rotates the token, and a rotated token presented again
 * (stolen, or replayed) revokes the whole family. All queries run scoped, under
 * row-level security.
 */
import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { refreshTokens, sessions, users } from '../db/schema.js';
import { scoped, setScope } from './scope.js';
import { newSecret, sha256 } from './tokens.js';
import type { UserRow } from './users.js';

export const SESSION_DAYS = 30;

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

export type SessionRow = typeof sessions.$inferSelect;

export async function startSession(db: Db, userId: string, client: ClientInfo): Promise<{ sessionId: string; refreshToken: string }> {
  const refreshToken = newSecret('opr_');
  return scoped(db, { userId }, async (tx) => {
    const [session] = await tx
      .insert(sessions)
      .values({ userId, expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000), ip: client.ip, userAgent: client.userAgent?.slice(0, 512) ?? null })
      .returning({ id: sessions.id });
    await tx.insert(refreshTokens).values({ tokenHash: sha256(refreshToken), sessionId: session!.id, userId });
    return { sessionId: session!.id, refreshToken };
  });
}

export type Rotation =
  | { kind: 'rotated'; user: UserRow; sessionId: string; refreshToken: string }
  | { kind: 'reused'; userId: string; sessionId: string }
  | { kind: 'invalid' };

export async function rotateRefreshToken(db: Db, presented: string): Promise<Rotation> {
  const hash = sha256(presented);
  return scoped(db, { secretHash: hash }, async (tx) => {
    const [token] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, hash)).limit(1);
    if (!token) return { kind: 'invalid' };
    await setScope(tx, { userId: token.userId });
    const [session] = await tx.select().from(sessions).where(eq(sessions.id, token.sessionId)).limit(1);
    if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now()) return { kind: 'invalid' };
    // Only one caller can flip used_at; the loser of a race is treated like any replay.
    const claimed = await tx
      .update(refreshTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(refreshTokens.tokenHash, hash), isNull(refreshTokens.usedAt)))
      .returning({ hash: refreshTokens.tokenHash });
    if (claimed.length === 0) {
      await tx.update(sessions).set({ revokedAt: new Date(), revokedReason: 'refresh-reuse' }).where(eq(sessions.id, session.id));
      return { kind: 'reused', userId: token.userId, sessionId: session.id };
    }
    const [user] = await tx.select().from(users).where(eq(users.id, token.userId)).limit(1);
    if (!user || user.disabledAt) return { kind: 'invalid' };
    const refreshToken = newSecret('opr_');
    await tx.insert(refreshTokens).values({ tokenHash: sha256(refreshToken), sessionId: session.id, userId: user.id });
    await tx.update(sessions).set({ lastUsedAt: new Date() }).where(eq(sessions.id, session.id));
    return { kind: 'rotated', user, sessionId: session.id, refreshToken };
  });
}

/** Revokes one of the user's sessions; false when the user has no such live session. */
export async function revokeSession(db: Db, userId: string, sessionId: string, reason: string): Promise<boolean> {
  return scoped(db, { userId }, async (tx) => {
    const rows = await tx
      .update(sessions)
      .set({ revokedAt: new Date(), revokedReason: reason })
      .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    return rows.length > 0;
  });
}

/** Revokes every live session of the user, but `keep` when given; returns how many. */
export async function revokeAllSessions(db: Db, userId: string, reason: string, keep?: string): Promise<number> {
  return scoped(db, { userId }, async (tx) => {
    const rows = await tx
      .update(sessions)
      .set({ revokedAt: new Date(), revokedReason: reason })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), keep ? ne(sessions.id, keep) : undefined))
      .returning({ id: sessions.id });
    return rows.length;
  });
}

/** The user's live sessions, newest first. */
export async function listSessions(db: Db, userId: string): Promise<SessionRow[]> {
  return scoped(db, { userId }, (tx) =>
    tx
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)))
      .orderBy(desc(sessions.lastUsedAt)),
  );
}
