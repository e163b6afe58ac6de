/**
 * A fresh, migrated database per test file: a new PostgreSQL database when
 * DATABASE_URL is set (the CI's real server), else an in-memory PGlite.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database } from '../../src/db/client.js';

export const SHARED_DATA = new URL('../../../shared/data/', import.meta.url).pathname;

export interface TestDatabase extends Database {
  /** The PostgreSQL URL of this database; undefined for PGlite. */
  url: string | undefined;
  drop(): Promise<void>;
}

/** `migrate: false` leaves a PostgreSQL database empty, for a server to migrate itself. */
export async function testDatabase({ migrate = true } = {}): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({});
    if (migrate) await database.migrate();
    return { ...database, url: undefined, drop: () => database.close() };
  }
  const name = `op_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const database = await openDatabase({ url: testUrl.toString(), max: 4 });
  if (migrate) await database.migrate();
  return {
    ...database,
    url: testUrl.toString(),
    async drop() {
      await database.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
