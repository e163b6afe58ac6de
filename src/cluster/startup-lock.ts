/**
 * Instances started together on one PostgreSQL: migrations are applied by one
 * at a time (the others wait, then find nothing left to apply), and the
 * first-start sample import runs in one instance only. Both use PostgreSQL
 * advisory locks held by a transaction, so a crashed instance releases them;
 * PGlite belongs to a single process and needs neither.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';

// Arbitrary application-wide keys ("opmi", "opsa").
const MIGRATION_LOCK = 0x6f706d69;
const SAMPLE_IMPORT_LOCK = 0x6f707361;

export async function migrateExclusively(database: Database): Promise<void> {
  if (database.kind !== 'postgres') return database.migrate();
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await database.migrate();
  });
}

/** Runs `work` while holding the sample-import lock; false without running it when another instance holds it. */
export async function whileNoOtherInstanceImports(database: Database, work: () => Promise<void>): Promise<boolean> {
  if (database.kind !== 'postgres') {
    await work();
    return true;
  }
  return database.db.transaction(async (tx) => {
    const [row] = (await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${SAMPLE_IMPORT_LOCK}) AS locked`)) as unknown as { locked: boolean }[];
    if (!row?.locked) return false;
    await work();
    return true;
  });
}
