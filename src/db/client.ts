import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { ACCESS_CONTROL_SQL, explainMigrationError } from './access-control.js';
import { instrumentPostgres, QueryObserver, type QueryListener } from './instrument.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** The database as every module above the driver sees it: the same for PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** The rows of `db.execute` inside a transaction, whichever driver answered (postgres.js: an array; PGlite: `{ rows }`). */
export function resultRows<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Runs a raw query and returns its rows, whatever the driver's result shape. */
  rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]>;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Connections running a query or transaction now (beyond `max`, the rest wait), and the pool size. */
  pool(): { active: number; max: number };
  /** Hears every finished query and transaction (metrics, slow-query log); returns the function that stops it. */
  onQuery(listener: QueryListener): () => void;
}

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export interface OpenOptions {
  /** PostgreSQL URL; absent → PGlite. */
  url?: string | undefined;
  /** PostgreSQL URL of the schema owner, used by migrate() only; absent → `url`. */
  migrationUrl?: string | undefined;
  /** PGlite data folder; absent → in memory (tests). Opening it takes the folder for this process (src/db/data-dir-lock.ts). */
  dataDir?: string | undefined;
  /** What this process does with the folder, shown to a second process that finds it taken. */
  purpose?: string;
  /** Connection pool size for PostgreSQL. */
  max?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) {
    // Named prepared statements: a list's statement text is the same for every filter value, so each
    // connection parses it once and PostgreSQL keeps its plan (planning took longer than running a page:
    // 0.4-0.7 ms vs 0.1-0.3 ms). Measured on the full data set, c=10 (npm run bench statements replayed):
    // bills?per_page=20 888-1318 -> 1763-2004 req/s, votes?session=44-1 521-555 -> 1173-1712 req/s.
    // A transaction-mode pooler (pgbouncer < 1.21) would need `prepare: false` again.
    const max = options.max ?? 10;
    const observer = new QueryObserver();
    const client = instrumentPostgres(postgres(options.url, {
      max,
      prepare: true,
      onnotice: () => {},
      // Timestamps arrive as PostgreSQL's text in the session's zone; in UTC the API's ISO string is a
      // rewrite of that text (isoTime, src/api/resources.ts) whatever zone the server defaults to.
      connection: { TimeZone: 'UTC' },
      // A database that does not answer a connect within 2 s is treated as down (503, src/db/outage.ts).
      connect_timeout: 2,
      // postgres.js waits up to 20 s between reconnects after a few failed ones, which keeps reads down long
      // after the database is back; requests stay off a down database anyway (src/db/outage.ts), so retry within 1 s.
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
    }), observer);
    const db = drizzlePostgres(client, { schema }) as unknown as Db;
    return {
      kind: 'postgres',
      db,
      pool: () => ({ active: observer.active, max }),
      onQuery: (listener) => observer.listen(listener),
      rows: async <T>(query: SQL) => (await db.execute(query)) as unknown as T[],
      async migrate() {
        const owner = options.migrationUrl ? postgres(options.migrationUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 }) : client;
        try {
          await migratePostgres(drizzlePostgres(owner), { migrationsFolder });
          await owner.begin((tx) => tx.unsafe(ACCESS_CONTROL_SQL).simple());
        } catch (e) {
          throw explainMigrationError(e);
        } finally {
          if (owner !== client) await owner.end({ timeout: 5 });
        }
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  // PGlite's module alone holds ~44 MB: a server on PostgreSQL never loads it.
  return (await import('./embedded.js')).openEmbedded(options);
}

/** True when the database answers; used by health checks. */
export async function ping(database: Database): Promise<void> {
  await database.rows(sql`select 1 as ok`);
}

/** How many migrations of `migrationsFolder` the database has not applied (drizzle records each by its folder timestamp). */
export async function pendingMigrations(database: Database): Promise<number> {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as { entries: { when: number }[] };
  const [table] = await database.rows<{ present: boolean }>(sql`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`);
  if (!table?.present) return journal.entries.length;
  const [row] = await database.rows<{ last: string | null }>(sql`SELECT max(created_at)::text AS last FROM drizzle.__drizzle_migrations`);
  const last = Number(row?.last ?? 0);
  return journal.entries.filter((entry) => entry.when > last).length;
}
