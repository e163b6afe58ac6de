/**
 * Login sessions and their refresh tokens. A session is one refresh-token
 * family: each refresh rotates the token, and a rotated token presented again
 * (stolen, or replayed) revokes the whole family. All queries run scoped, under
 * row-level security.
 */
import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { refreshTokens, sessions, users } from '../db/schema.js';
import { scoped, type Actor, type Scope } from './scope.js';
import { newSecret, sha256 } from './tokens.js';
import type { UserRow } from './users.js';

export const SESSION_DAYS = 30;

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

export type SessionRow = typeof sessions.$inferSelect;

/**
 * A new session with its first refresh token, in `tx`: a transaction scoped to
 * the new session's own secret (`secretHash`), which is what lets the database
 * accept a session nobody could act for yet.
 */
export async function startSession(tx: Db, session: { id: string; userId: string; secretHash: string }, client: ClientInfo): Promise<{ refreshToken: string }> {
  const refreshToken = newSecret('opr_');
  await tx.insert(sessions).values({
    ...session, expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000), ip: client.ip, userAgent: client.userAgent?.slice(0, 512) ?? null,
  });
  await tx.insert(refreshTokens).values({ tokenHash: sha256(refreshToken), sessionId: session.id, userId: session.userId });
  return { refreshToken };
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

/**
 * Revokes one of the actor's sessions; false when the actor has no such live session.
 * `record` (the audit entry) is written in the same transaction, when one was revoked.
 */
export async function revokeSession(db: Db, actor: Actor, sessionId: string, reason: string, record?: (tx: Db) => Promise<void>): Promise<boolean> {
  return scoped(db, actor, async (tx) => {
    const rows = await tx
      .update(sessions)
      .set({ revokedAt: new Date(), revokedReason: reason })
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, actor.userId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    if (rows.length > 0) await record?.(tx);
    return rows.length > 0;
  });
}

/**
 * Revokes every live session of `userId` but `keep`; how many. The scope is
 * the user's own secret, or a live admin session's (disabling an account).
 * `record` (the audit entry) is written in the same transaction.
 */
export async function revokeAllSessions(
  db: Db, scope: Scope, userId: string, reason: string, keep?: string, record?: (tx: Db, revoked: number) => Promise<void>,
): Promise<number> {
  return scoped(db, scope, async (tx) => {
    const rows = await tx
      .update(sessions)
      .set({ revokedAt: new Date(), revokedReason: reason })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), keep ? ne(sessions.id, keep) : undefined))
      .returning({ id: sessions.id });
    await record?.(tx, rows.length);
    return rows.length;
  });
}

/** The user's live sessions, newest first. */
export async function listSessions(db: Db, actor: Actor): Promise<SessionRow[]> {
  return scoped(db, actor, (tx) =>
    tx
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, actor.userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)))
      .orderBy(desc(sessions.lastUsedAt)),
  );
}
