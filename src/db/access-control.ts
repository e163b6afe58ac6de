/**
 * Roles, grants, row-level security and the append-only audit guard
 * (access-control.sql), applied after the drizzle migrations on every migrate.
 * It lives outside the migrations folder because that folder is regenerated,
 * and it is idempotent so tables added later get their grants on the next run.
 */
import { readFileSync } from 'node:fs';

export const ACCESS_CONTROL_SQL = readFileSync(new URL('./access-control.sql', import.meta.url), 'utf8');

/** The database role the API's user-scoped transactions switch to, so row-level security applies. */
export const APP_ROLE = 'openpolicy_app';

/** A permission error while migrating means the URL's role is not the owner: say which variable fixes it. */
export function explainMigrationError(error: unknown): unknown {
  // Drizzle wraps the driver's error; the SQLSTATE is on it or on its cause.
  const e = error as { code?: string; cause?: { code?: string } } | null;
  if ((e?.code ?? e?.cause?.code) !== '42501') return error;
  return new Error(
    `${(error as Error).message}: this role may not change the schema. Run migrations as the owner: set DATABASE_MIGRATION_URL `
      + 'to a role that is openpolicy_owner (or a member of it, or a superuser), and keep DATABASE_URL for the application role.',
    { cause: error },
  );
}
