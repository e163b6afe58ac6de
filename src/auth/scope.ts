/**
 * Transactions that row-level security applies to. Whatever role the
 * connection logged in as (a superuser in development, PGlite's only user), the
 * transaction switches to the application role and names whose rows it may see,
 * so a query that forgets its WHERE still sees one user's rows only.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { APP_ROLE } from '../db/access-control.js';

/**
 * Whose rows a transaction may see: those of the user the database derives from
 * the hash of a secret the caller presented (a session's, an API key, a refresh
 * or reset token); and, when that is a live admin's session, every user's
 * sessions and keys for the admin console (src/db/access-control.sql).
 */
export interface Scope {
  secretHash: string;
}

/** A signed-in caller as the storage functions take it: whose rows (for the WHERE) and by which secret (for the database). */
export interface Actor extends Scope {
  userId: string;
}

export function scoped<T>(db: Db, scope: Scope, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(`SET LOCAL ROLE ${APP_ROLE}`));
    await setScope(tx as unknown as Db, scope);
    return work(tx as unknown as Db);
  });
}

async function setScope(tx: Db, scope: Scope): Promise<void> {
  await tx.execute(sql`SELECT set_config('app.secret_hash', ${scope.secretHash}, true)`);
}
