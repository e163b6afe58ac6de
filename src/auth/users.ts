/** Accounts: creation, lookup by email or username, password changes, and the public shape of a user. */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { users } from '../db/schema.js';
import { HttpProblem } from '../errors/problem.js';
import { hashPassword, passwordProblem } from './passwords.js';
import type { Role } from './permissions.js';

export type UserRow = typeof users.$inferSelect;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export interface NewUser {
  email: string;
  password: string;
  username?: string | undefined;
  name?: string | undefined;
  role?: Role;
}

/** A 400 that says what is wrong with a new password, or nothing. */
export function assertAcceptablePassword(password: string, context: { email?: string | null; username?: string | null }, field = 'password'): void {
  const problem = passwordProblem(password, context);
  if (problem) throw new HttpProblem(400, 'weak-password', problem, { parameter: field });
}

export async function createUser(db: Db, input: NewUser): Promise<UserRow> {
  const email = normalizeEmail(input.email);
  assertAcceptablePassword(input.password, { email, username: input.username ?? null });
  const taken = await db
    .select({ email: users.email, username: users.username })
    .from(users)
    .where(input.username ? sql`${users.email} = ${email} OR lower(${users.username}) = lower(${input.username})` : eq(users.email, email));
  if (taken.some((t) => t.email === email)) throw new HttpProblem(409, 'email-taken', `An account with email ${email} already exists; log in or reset its password.`, { parameter: 'email' });
  if (taken.length) throw new HttpProblem(409, 'username-taken', `The username "${input.username}" is taken; choose another.`, { parameter: 'username' });
  const passwordHash = await hashPassword(input.password);
  const [row] = await db
    .insert(users)
    .values({ email, username: input.username ?? null, name: input.name ?? null, passwordHash })
    .onConflictDoNothing()
    .returning();
  // Lost a race with a concurrent registration of the same email or username.
  if (!row) throw new HttpProblem(409, 'email-taken', 'That email or username was just registered; log in or choose another.');
  if (!input.role || input.role === 'user') return row;
  // The application role writes no role itself (src/db/access-control.sql): the database decides who may.
  await db.execute(sql`SELECT openpolicy_create_role(${row.id}::uuid, ${input.role})`);
  return { ...row, role: input.role };
}

export async function findUserByIdentifier(db: Db, identifier: { email?: string | undefined; username?: string | undefined }): Promise<UserRow | null> {
  const where = identifier.email !== undefined
    ? eq(users.email, normalizeEmail(identifier.email))
    : sql`lower(${users.username}) = lower(${identifier.username ?? ''})`;
  const [row] = await db.select().from(users).where(where).limit(1);
  return row ?? null;
}

export async function getUser(db: Db, id: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A user as the API shows it: never the password hash. */
export function presentUser(row: UserRow) {
  return {
    id: row.id,
    email: row.email,
    username: row.username,
    name: row.name,
    role: row.role as Role,
    tier: row.tier,
    disabled: row.disabledAt !== null,
    created_at: iso(row.createdAt)!,
    last_login_at: iso(row.lastLoginAt),
  };
}
