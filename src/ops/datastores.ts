/**
 * What an instance can see of PostgreSQL itself, without an exporter: connections of
 * every client against max_connections, the buffer cache's block counters and the
 * database's size, from the statistics views any role may read. The exporters
 * (deploy/prometheus) see more; this is for the live page of one instance.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';

export type DatabaseUse = {
  connections: number;
  max_connections: number;
  /** Cumulative since the statistics were reset: the sampler turns them into a ratio over its window. */
  blocks_hit: number;
  blocks_read: number;
  size_bytes: number;
};

export async function databaseUse(database: Database): Promise<DatabaseUse | null> {
  try {
    const [row] = await database.rows<DatabaseUse>(sql`
      SELECT (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' OR pid = pg_backend_pid())::int AS connections,
             current_setting('max_connections')::int AS max_connections,
             coalesce(d.blks_hit, 0)::float8 AS blocks_hit,
             coalesce(d.blks_read, 0)::float8 AS blocks_read,
             pg_database_size(current_database())::float8 AS size_bytes
        FROM (SELECT 1) one LEFT JOIN pg_stat_database d ON d.datname = current_database()`);
    return row ?? null;
  } catch {
    // A role without access to the views, or a database that does not answer: the page shows a dash.
    return null;
  }
}
