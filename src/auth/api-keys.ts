/**
 * API keys: `opk_<8 hex>_<43 base64url>`. The first 12 characters are the
 * visible prefix a user recognises a key by; the database keeps only the
 * SHA-256 of the whole key, so a key is shown once, at creation.
 */
import { randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { HttpProblem } from '../errors/problem.js';
import type { Db } from '../db/client.js';
import { apiKeys } from '../db/schema.js';
import { DEFAULT_KEY_SCOPES, type KeyScope } from './permissions.js';
import { scoped, type Actor } from './scope.js';
import { sha256 } from './tokens.js';

const KEY_PATTERN = /^opk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/;

export interface NewApiKey {
  key: string;
  prefix: string;
  hash: string;
}

export function generateApiKey(): NewApiKey {
  const prefix = `opk_${randomBytes(4).toString('hex')}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: sha256(key) };
}

/** The hash to look a presented key up by, or null when it cannot be one of ours (no database round trip). */
export function apiKeyHash(presented: string): string | null {
  return KEY_PATTERN.test(presented) ? sha256(presented) : null;
}

// ── storage: every query scoped, under row-level security ─────────────────────
export const MAX_KEYS_PER_USER = 20;

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** A key's columns without its hash: what the owner and the admin console are shown. */
export const apiKeyInfo = {
  id: apiKeys.id,
  userId: apiKeys.userId,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
  scopes: apiKeys.scopes,
};
export type ApiKeyInfo = Omit<ApiKeyRow, 'keyHash'>;

/**
 * Creates a key for the user, in a transaction scoped to the new key's own
 * secret (as a login is to its new session's): the database accepts the row
 * because its holder presents it, then derives the user from it to count the
 * user's live keys. `record` (the audit entry) is written in the same transaction.
 */
export async function createApiKey(
  db: Db, userId: string, input: { name: string; expiresAt: Date | null; scopes?: KeyScope[] }, record?: (tx: Db, row: ApiKeyRow) => Promise<void>,
): Promise<{ row: ApiKeyRow; key: string }> {
  const generated = generateApiKey();
  return scoped(db, { secretHash: generated.hash }, async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({ userId, name: input.name, prefix: generated.prefix, keyHash: generated.hash, expiresAt: input.expiresAt, scopes: input.scopes ?? DEFAULT_KEY_SCOPES })
      .returning();
    const [live] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(apiKeys)
      .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)));
    if ((live?.n ?? 0) > MAX_KEYS_PER_USER) {
      throw new HttpProblem(409, 'too-many-keys', `You have ${MAX_KEYS_PER_USER} live API keys, the most allowed; revoke one first (DELETE /api/v1/keys/{id}).`);
    }
    await record?.(tx, row!);
    return { row: row!, key: generated.key };
  });
}

export function listApiKeys(db: Db, actor: Actor): Promise<ApiKeyInfo[]> {
  return scoped(db, actor, (tx) => tx.select(apiKeyInfo).from(apiKeys).where(eq(apiKeys.userId, actor.userId)).orderBy(desc(apiKeys.createdAt)));
}

/** The user's key, or null: another user's key is indistinguishable from none. */
export async function getApiKey(db: Db, actor: Actor, id: string): Promise<ApiKeyInfo | null> {
  const [row] = await scoped(db, actor, (tx) => tx.select(apiKeyInfo).from(apiKeys).where(and(eq(apiKeys.id, id), eq(apiKeys.userId, actor.userId))).limit(1));
  return row ?? null;
}

/**
 * Revokes a live key, or returns null when there is none: the owner's own
 * (`as: 'owner'`), or any user's from the admin console (`as: 'admin'`, which
 * the database allows only when the actor's secret is a live admin's session).
 * `record` (the audit entry) is written in the same transaction.
 */
export async function revokeApiKey(
  db: Db, actor: Actor, id: string, as: 'owner' | 'admin', record?: (tx: Db, row: ApiKeyInfo) => Promise<void>,
): Promise<ApiKeyInfo | null> {
  const owner = as === 'owner' ? eq(apiKeys.userId, actor.userId) : undefined;
  return scoped(db, actor, async (tx) => {
    const [row] = await tx.update(apiKeys).set({ revokedAt: new Date() }).where(and(eq(apiKeys.id, id), owner, isNull(apiKeys.revokedAt))).returning(apiKeyInfo);
    if (row) await record?.(tx, row);
    return row ?? null;
  });
}

/** The live key with this hash, found by the secret itself (the only rows row-level security lets it see). */
export async function findLiveApiKey(db: Db, hash: string): Promise<ApiKeyRow | null> {
  const [row] = await scoped(db, { secretHash: hash }, (tx) =>
    tx
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.keyHash, hash), isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`))))
      .limit(1),
  );
  return row ?? null;
}

export async function touchApiKey(db: Db, hash: string): Promise<void> {
  await scoped(db, { secretHash: hash }, (tx) => tx.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.keyHash, hash)));
}

