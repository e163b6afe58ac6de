/** The embedded database (PGlite in a data folder, or in memory for tests), loaded only when no PostgreSQL URL is set. */
import { mkdirSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { ACCESS_CONTROL_SQL } from './access-control.js';
import { migrationsFolder, type Database, type Db, type OpenOptions } from './client.js';
import { lockDataDir } from './data-dir-lock.js';
import { dataDirTemplate } from './pglite-template.js';
import { instrumentPglite, QueryObserver } from './instrument.js';
import * as schema from './schema.js';

/**
 * PostgreSQL settings for the embedded database. Its shared buffers live in PGlite's WASM heap, which
 * grows and never shrinks: at the template's 128 MB they filled during the first import and took the
 * heap from 128 to 226 MB (first start's sample import peaked at 621 MB; at 16 MB the heap stays at its
 * initial 128 MB and the peak is 482 MB, in the same time). Pages they do not hold come from the
 * operating system's file cache, a copy away. Sessions in UTC, as on PostgreSQL (src/db/client.ts).
 */
const START_SETTINGS = ['shared_buffers=16MB', 'TimeZone=UTC'];

export async function openEmbedded(options: OpenOptions): Promise<Database> {
  // V8 runs PGlite's WASM on its baseline compiler (Liftoff) only and never tiers its hot functions up to
  // TurboFan, whose compile zones (malloc'ed on background threads, then kept by glibc's thread arenas) were
  // 55-75 MB of the peak RSS on first start and on the full import, for the same import times and reads
  // (docs/notes/2026-12-06-issue-12g-r6.md). The flag is process-wide and read when WASM is compiled, so it
  // is set before PGlite compiles; NODE_OPTIONS does not take it, and a server on PostgreSQL never gets here.
  setFlagsFromString('--liftoff-only');
  let unlock = () => {};
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    unlock = lockDataDir(options.dataDir, options.purpose ?? `openpolicy ${process.argv.slice(2).join(' ')}`.trim());
  }
  const observer = new QueryObserver();
  let pglite: PGlite;
  try {
    // unaccent: the search configurations fold accents with it (migration 0002); pg_trgm indexes names (0007).
    const pgdata = options.dataDir ? `${options.dataDir}/pgdata` : undefined;
    const template = pgdata ? dataDirTemplate(pgdata) : undefined;
    pglite = new PGlite({
      ...(pgdata ? { dataDir: pgdata } : {}), ...(template ? { loadDataDir: template } : {}), extensions: { unaccent, pg_trgm },
      startParams: [...PGlite.defaultStartParams, ...START_SETTINGS.flatMap((setting) => ['-c', setting])],
    });
    await pglite.waitReady;
  } catch (e) {
    unlock();
    throw e;
  }
  const client = instrumentPglite(pglite, observer);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pool: () => ({ active: observer.active, max: 1 }),
    onQuery: (listener) => observer.listen(listener),
    rows: async <T>(query: SQL) => ((await db.execute(query)) as unknown as { rows: T[] }).rows,
    async migrate() {
      await migratePglite(drizzlePglite(client), { migrationsFolder });
      await client.transaction((tx) => tx.exec(ACCESS_CONTROL_SQL));
    },
    async close() {
      try {
        await client.close();
      } finally {
        unlock();
      }
    },
  };
}
