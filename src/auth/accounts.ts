/**
 * What an account can go through — register, log in, change or reset its
 * password — with the lockout, the audit trail and the metrics each needs.
 * Every write runs its statements in one transaction (the rows and their audit
 * entry land together or not at all); the routes (src/api/routes/auth.ts) only
 * turn the outcomes into HTTP.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { apiKeys, passwordResets, users } from '../db/schema.js';
import { metrics } from '../ops/metrics.js';
import type { Store } from '../store/store.js';
import { apiKeyInfo, type ApiKeyInfo } from './api-keys.js';
import { audit, type AuditContext } from './audit.js';
import type { Authenticator } from './authenticate.js';
import type { Lockout } from './lockout.js';
import type { Mailer } from './mailer.js';
import { requestPasswordReset } from './password-reset.js';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './passwords.js';
import { scoped, type Actor } from './scope.js';
import { revokeAllSessions, startSession, type ClientInfo } from './sessions.js';
import { sha256, type AccessTokens } from './tokens.js';
import { assertAcceptablePassword, findUserByIdentifier, getUser, normalizeEmail, type NewUser, type UserRow } from './users.js';

export type RegisterOutcome = { kind: 'accepted' } | { kind: 'username-taken' };
export type LoginOutcome =
  | { kind: 'ok'; user: UserRow; sessionId: string; refreshToken: string }
  | { kind: 'locked'; ms: number }
  | { kind: 'invalid' }
  | { kind: 'disabled' };
export type PasswordChangeOutcome =
  | { kind: 'ok'; sessionsRevoked: number; resetTokensRevoked: number; apiKeys: ApiKeyInfo[] }
  | { kind: 'locked'; ms: number }
  | { kind: 'wrong-password' };
export type ResetOutcome = { kind: 'ok'; sessionsRevoked: number; apiKeysRevoked: number } | { kind: 'invalid-token' };

const accountOf = (userId: string) => `user:${userId}`;

/** Spends every outstanding reset token of the user; how many there were. */
async function spendResetTokens(tx: Db, userId: string): Promise<number> {
  const spent = await tx.update(passwordResets).set({ usedAt: sql`now()` })
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)))
    .returning({ hash: passwordResets.tokenHash });
  return spent.length;
}

export class Accounts {
  constructor(
    private readonly db: Db,
    private readonly store: Store,
    private readonly lockout: Lockout,
    private readonly authenticator: Authenticator,
    private readonly mailer: Mailer,
    private readonly tokens: AccessTokens,
  ) {}

  /**
   * Creates the account, or, when the email has one already, mails its owner
   * instead: both answer alike, after the same password hashing, so registration
   * tells nobody which addresses have accounts. Usernames stay visible (they are public handles).
   */
  async register(input: NewUser, context: AuditContext): Promise<RegisterOutcome> {
    const email = normalizeEmail(input.email);
    assertAcceptablePassword(input.password, { email, username: input.username ?? null });
    const passwordHash = await hashPassword(input.password);
    const outcome = await this.db.transaction(async (tx) => {
      const [taken] = await tx.select({ id: users.id, email: users.email }).from(users)
        .where(input.username ? sql`${users.email} = ${email} OR lower(${users.username}) = lower(${input.username})` : eq(users.email, email))
        .orderBy(sql`${users.email} = ${email} DESC`).limit(1);
      if (taken && taken.email !== email) return { kind: 'username-taken' } as const;
      if (taken) {
        await audit(tx, context, { action: 'user.register', outcome: 'failure', userId: taken.id, actor: email, details: { reason: 'email-taken' } });
        return { kind: 'existing', userId: taken.id } as const;
      }
      const [row] = await tx.insert(users)
        .values({ email, username: input.username ?? null, name: input.name ?? null, passwordHash })
        .onConflictDoNothing().returning();
      // A concurrent registration of the same email or username won.
      if (!row) return { kind: 'username-taken' } as const;
      await audit(tx, context, { action: 'user.register', outcome: 'success', userId: row.id, actor: email, targetType: 'user', targetId: row.id });
      return { kind: 'created' } as const;
    });
    if (outcome.kind === 'username-taken') return outcome;
    if (outcome.kind === 'existing') {
      await this.mailer.send({
        to: email,
        subject: 'Someone tried to register with your address on OpenPolicy',
        text: [
          'Someone (hopefully you) tried to create an OpenPolicy account with this address, which already has one.',
          '',
          'If it was you: log in, or reset your password with POST /api/v1/auth/password-reset.',
          'If it was not: nothing has changed; you can ignore this mail.',
        ].join('\n'),
      });
    }
    return { kind: 'accepted' };
  }

  /** Unknown identifiers are locked out and answered the same way, so neither a lock nor a refusal says whether an account exists. */
  async login(identifier: { email?: string | undefined; username?: string | undefined }, password: string, client: ClientInfo, context: AuditContext): Promise<LoginOutcome> {
    const name = (identifier.email ?? identifier.username ?? '').trim().toLowerCase();
    const actor = name.slice(0, 254);
    const user = await findUserByIdentifier(this.db, identifier);
    const account = user ? accountOf(user.id) : `identifier:${name}`;
    const fail = async (reason: string) => audit(this.db, context, { action: 'login.failure', outcome: 'failure', userId: user?.id ?? null, actor, details: { reason } });
    const lockedMs = await this.lockout.lockedFor(account);
    if (lockedMs > 0) {
      await fail('locked');
      return { kind: 'locked', ms: lockedMs };
    }
    const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstNothing(password);
    if (!user || !ok) {
      await fail(user ? 'wrong-password' : 'unknown-user');
      await this.countFailure(account, user?.id ?? null, actor, context);
      return { kind: 'invalid' };
    }
    if (user.disabledAt) {
      await fail('disabled');
      return { kind: 'disabled' };
    }
    await this.lockout.clear(account);
    const sessionId = randomUUID();
    const secretHash = this.tokens.sessionSecretHash(sessionId);
    const { refreshToken } = await scoped(this.db, { secretHash }, async (tx) => {
      const started = await startSession(tx, { id: sessionId, userId: user.id, secretHash }, client);
      await tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
      await audit(tx, context, { action: 'login.success', outcome: 'success', userId: user.id, actor: user.email, targetType: 'session', targetId: sessionId });
      return started;
    });
    return { kind: 'ok', user, sessionId, refreshToken };
  }

  /**
   * With the current password (which a locked account may not guess at): ends
   * every other session and spends outstanding reset tokens; API keys keep
   * working and are returned, so the owner sees what is left to review.
   */
  async changePassword(session: Actor & { sessionId: string }, current: string, next: string, context: AuditContext): Promise<PasswordChangeOutcome> {
    const user = await getUser(this.db, session.userId);
    if (!user) return { kind: 'wrong-password' };
    const account = accountOf(user.id);
    const lockedMs = await this.lockout.lockedFor(account);
    if (lockedMs > 0) {
      await audit(this.db, context, { action: 'password.change', outcome: 'failure', details: { reason: 'locked' } });
      return { kind: 'locked', ms: lockedMs };
    }
    if (!(await verifyPassword(user.passwordHash, current))) {
      await audit(this.db, context, { action: 'password.change', outcome: 'failure', details: { reason: 'wrong-password' } });
      await this.countFailure(account, user.id, user.email, context);
      return { kind: 'wrong-password' };
    }
    assertAcceptablePassword(next, { email: user.email, username: user.username }, 'new_password');
    const passwordHash = await hashPassword(next);
    const result = await scoped(this.db, session, async (tx) => {
      await tx.update(users).set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date().toISOString() }).where(eq(users.id, user.id));
      const sessionsRevoked = await revokeAllSessions(tx, session, user.id, 'password-change', session.sessionId);
      const resetTokensRevoked = await spendResetTokens(tx, user.id);
      const keys = await tx.select(apiKeyInfo).from(apiKeys)
        .where(and(eq(apiKeys.userId, user.id), isNull(apiKeys.revokedAt), sql`(${apiKeys.expiresAt} IS NULL OR ${apiKeys.expiresAt} > now())`));
      await audit(tx, context, { action: 'password.change', outcome: 'success', details: { sessions_revoked: sessionsRevoked, reset_tokens_revoked: resetTokensRevoked } });
      return { sessionsRevoked, resetTokensRevoked, apiKeys: keys };
    });
    await this.authenticator.invalidate(user.id);
    return { kind: 'ok', ...result };
  }

  /**
   * Account recovery with a mailed token: whoever else held the account loses
   * it — every session, every API key and every other reset token ends with the
   * old password, and the lockout lifts. A refused password leaves the token usable.
   */
  async resetPassword(token: string, password: string, context: AuditContext): Promise<ResetOutcome> {
    const hash = sha256(token);
    const [found] = await this.db.select({ user: users }).from(passwordResets).innerJoin(users, eq(users.id, passwordResets.userId))
      .where(and(eq(passwordResets.tokenHash, hash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`), isNull(users.disabledAt)))
      .limit(1);
    if (!found) return { kind: 'invalid-token' };
    const user = found.user;
    assertAcceptablePassword(password, { email: user.email, username: user.username });
    const passwordHash = await hashPassword(password);
    // Scoped to the reset token itself: the database derives the user from it while it is unspent, so it is spent last.
    const scope = { secretHash: hash };
    const result = await scoped(this.db, scope, async (tx) => {
      // Locked, so a concurrent second use of the token waits, then finds it spent.
      const [claimed] = await tx.select({ hash: passwordResets.tokenHash }).from(passwordResets)
        .where(and(eq(passwordResets.tokenHash, hash), isNull(passwordResets.usedAt))).for('update');
      if (!claimed) return null;
      await tx.update(users).set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date().toISOString() }).where(eq(users.id, user.id));
      const sessionsRevoked = await revokeAllSessions(tx, scope, user.id, 'password-reset');
      const keys = await tx.update(apiKeys).set({ revokedAt: new Date() })
        .where(and(eq(apiKeys.userId, user.id), isNull(apiKeys.revokedAt))).returning({ id: apiKeys.id });
      await audit(tx, context, {
        action: 'password.reset', outcome: 'success', userId: user.id, actor: user.email,
        details: { sessions_revoked: sessionsRevoked, api_keys_revoked: keys.length },
      });
      await spendResetTokens(tx, user.id);
      return { sessionsRevoked, apiKeysRevoked: keys.length };
    });
    if (!result) return { kind: 'invalid-token' };
    await this.lockout.clear(accountOf(user.id));
    await this.authenticator.invalidate(user.id);
    return { kind: 'ok', ...result };
  }

  /** Mails a reset token in the background, so the answer takes the same time whether or not the account exists. */
  requestReset(email: string, context: AuditContext, onError: (err: unknown) => void): void {
    void requestPasswordReset(this.db, this.store, this.mailer, email)
      .then((user) => audit(this.db, context, { action: 'password.reset_request', outcome: user ? 'success' : 'failure', userId: user?.id ?? null, actor: email.slice(0, 254) }))
      .catch(onError);
  }

  /** Counts a failed password for the account; audits the lock when this failure causes it. */
  private async countFailure(account: string, userId: string | null, actor: string, context: AuditContext): Promise<void> {
    metrics.authFailures.inc({ reason: 'password' });
    if (await this.lockout.fail(account)) {
      metrics.authLockouts.inc();
      await audit(this.db, context, { action: 'account.locked', outcome: 'success', userId, actor, details: { minutes: this.lockout.policy.lockMs / 60_000 } });
    }
  }
}
