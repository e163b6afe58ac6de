/**
 * Password reset by mail: a single-use token valid for an hour, stored hashed.
 * Requesting one answers the same whether or not the account exists.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { passwordResets, users } from '../db/schema.js';
import type { Store } from '../store/store.js';
import type { Mailer } from './mailer.js';
import { newSecret, sha256 } from './tokens.js';
import { normalizeEmail, type UserRow } from './users.js';

export const RESET_TOKEN_MINUTES = 60;
// Caps the mail one address can be sent, so the endpoint cannot be used to flood an inbox.
const MAILS_PER_HOUR = 3;

/** Mails a reset token when the address has a live account; returns that account, if any, for the audit trail. */
export async function requestPasswordReset(db: Db, store: Store, mailer: Mailer, email: string): Promise<UserRow | null> {
  const address = normalizeEmail(email);
  const [user] = await db.select().from(users).where(eq(users.email, address)).limit(1);
  if (!user || user.disabledAt) return null;
  const { count } = await store.hit(`reset-mail:${user.id}`, 3_600_000);
  if (count > MAILS_PER_HOUR) return user;
  const token = newSecret('oprs_');
  await db.insert(passwordResets).values({ tokenHash: sha256(token), userId: user.id, expiresAt: new Date(Date.now() + RESET_TOKEN_MINUTES * 60_000) });
  await mailer.send({
    to: user.email,
    subject: 'Reset your OpenPolicy password',
    text: [
      'Someone (hopefully you) asked to reset the password of this OpenPolicy account.',
      '',
      `Reset token (valid ${RESET_TOKEN_MINUTES} minutes, usable once): ${token}`,
      '',
      'Use it with: POST /api/v1/auth/password-reset/confirm {"token": "<token>", "password": "<new password>"}',
      'If you did not ask for this, ignore this mail; your password stays as it is.',
    ].join('\n'),
  });
  return user;
}
