/**
 * Passwords per NIST SP 800-63B: at least 12 characters, not a common password
 * nor the account's own name, no composition rules; stored as argon2id.
 */
import { readFileSync } from 'node:fs';
import { hash, verify } from '@node-rs/argon2';

export const MIN_PASSWORD_LENGTH = 12;
// Long enough for passphrases; bounded so hashing cost stays bounded.
export const MAX_PASSWORD_LENGTH = 256;

let common: Set<string> | null = null;

/** The bundled list (see its header), loaded on first use. */
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#')),
  );
  return common;
}

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string | null; username?: string | null } = {}): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `The password has ${length} characters; use at least ${MIN_PASSWORD_LENGTH} (a few unrelated words make a good one).`;
  if (length > MAX_PASSWORD_LENGTH) return `The password has ${length} characters; use at most ${MAX_PASSWORD_LENGTH}.`;
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return 'This password is in a list of commonly used passwords; choose another.';
  const own = [context.email, context.email?.split('@')[0], context.username, 'openpolicy'].filter((v): v is string => !!v);
  if (own.some((word) => lower === word.toLowerCase())) return 'The password must not be the account\'s email, username or the service name.';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never matches
  }
}

// Verifying against this when the account does not exist makes an unknown user
// cost the same time as a wrong password.
let dummy: Promise<string> | null = null;
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummy ??= hash('openpolicy-timing-equaliser');
  await verifyPassword(await dummy, password);
  return false;
}
