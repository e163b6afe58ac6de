import { sql } from 'drizzle-orm';
import type { Database } from './client.js';

/**
 * Readies the tables for reads after an import changed rows. ANALYZE: without
 * fresh statistics PostgreSQL plans a newly imported session's 412 bills as 6.
 * VACUUM: it also merges the GIN indexes' pending lists, which a bulk import
 * leaves hundreds of pages long; until then every full-text search scans them
 * (17 ms for one word over the bills) and the planner prefers reading every row.
 * A role that does not own a table gets a warning for it, not an error. Below
 * `MIN_CHANGED_ROWS` the statistics are near enough and the pass (about half a
 * second on PGlite) is skipped.
 */
export async function refreshPlannerStatistics(database: Database, changedRows: number): Promise<void> {
  if (changedRows >= MIN_CHANGED_ROWS) await database.rows(sql`VACUUM (ANALYZE)`);
}

const MIN_CHANGED_ROWS = 100;
