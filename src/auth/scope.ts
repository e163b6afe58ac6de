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
 * Whose rows a transaction may see: one user's, the row of a secret the caller
 * presented, or, for the admin console, every user's API keys; the database
 * grants that last one only while `adminId` names a live admin.
 */
export type Scope = { userId: string } | { secretHash: string } | { adminId: string };

export function scoped<T>(db: Db, scope: Scope, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(`SET LOCAL ROLE ${APP_ROLE}`));
    await setScope(tx as unknown as Db, scope);
    return work(tx as unknown as Db);
  });
}

/** Narrows a scoped transaction, e.g. from the secret a caller presented to the user it belongs to. */
export async function setScope(tx: Db, scope: Scope): Promise<void> {
  const userId = 'userId' in scope ? scope.userId : '';
  const secretHash = 'secretHash' in scope ? scope.secretHash : '';
  const adminId = 'adminId' in scope ? scope.adminId : '';
  await tx.execute(sql`SELECT set_config('app.user_id', ${userId}, true), set_config('app.secret_hash', ${secretHash}, true), set_config('app.admin_id', ${adminId}, true)`);
}
