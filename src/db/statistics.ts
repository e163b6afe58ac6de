import { sql } from 'drizzle-orm';
import type { Database } from './client.js';

/**
 * Refreshes the planner's statistics after an import changed rows. Without them
 * PostgreSQL plans a freshly imported session's 412 bills as 6 and picks plans
 * for the wrong size until autovacuum gets to it. A role that does not own a
 * table gets a warning for it, not an error.
 */
export async function refreshPlannerStatistics(database: Database): Promise<void> {
  await database.rows(sql`ANALYZE`);
}
