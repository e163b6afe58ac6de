import { eq, getTableColumns, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { preparedOn, type Preparable } from '../../src/db/prepared.js';
import { bills, legislativeSessions } from '../../src/db/schema.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { importSteps } from '../support/imports.js';
import { legisinfoBills } from '../../src/ingest/legisinfo-bills.js';
import { legisinfoBillFiles } from '../support/legisinfo.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await testDatabase();
  // Forty of 44-1's bills and their session: enough rows for each case, quick on PGlite.
  await importSteps(database, [[legisinfoBills, legisinfoBillFiles(['44-1']).slice(0, 40)]]);
}, 600_000);
afterAll(() => database.drop());

// A session joined only to some bills: the others' nested session is missing.
const someSessions = () => sql`${bills.sessionId} = ${legislativeSessions.id} and ${bills.identifier} like 'C-1%'`;

describe("a prepared select's rows decoded from the driver's arrays (src/db/row-decoder.ts)", () => {
  const selects: Record<string, (db: Db) => Preparable<unknown[]>> = {
    'columns, nested objects, decoded timestamps and dates, an SQL field': (db) => db.select({
      id: bills.id, title: { en: bills.titleEn, fr: bills.titleFr }, updatedAt: bills.updatedAt,
      session: { id: legislativeSessions.id, start: legislativeSessions.startDate }, n: sql<number>`length(${bills.identifier})::int`,
    }).from(bills).innerJoin(legislativeSessions, eq(bills.sessionId, legislativeSessions.id)).orderBy(bills.id),
    'a left join: the missing table\'s object is null': (db) => db.select({
      id: bills.id, session: { id: legislativeSessions.id, name: legislativeSessions.name, created: legislativeSessions.createdAt },
    }).from(bills).leftJoin(legislativeSessions, someSessions()).orderBy(bills.id),
    'a nested object of two tables is never null': (db) => db.select({
      id: bills.id, mixed: { session: legislativeSessions.id, bill: bills.identifier },
    }).from(bills).leftJoin(legislativeSessions, someSessions()).orderBy(bills.id),
    'whole tables': (db) => db.select({ bill: bills, session: getTableColumns(legislativeSessions) })
      .from(bills).leftJoin(legislativeSessions, someSessions()).orderBy(bills.id),
    'select() of one table': (db) => db.select().from(legislativeSessions).orderBy(legislativeSessions.id),
  };
  for (const [name, select] of Object.entries(selects)) {
    it(`gives drizzle's own rows: ${name}`, async () => {
      const expected = await select(database.db).execute();
      expect(expected.length).toBeGreaterThan(0);
      const rows = await preparedOn(database.db, `row-decoder test ${name}`, (db) => select(db)).execute();
      expect(rows).toEqual(expected);
      // Key order too: a response serializes the row's keys in the order they were made.
      expect(JSON.stringify(rows)).toBe(JSON.stringify(expected));
    });
  }

  it('has rows for both sides of the left join', async () => {
    const name = 'a left join: the missing table\'s object is null';
    const rows = await preparedOn(database.db, `row-decoder test ${name}`, (db) => selects[name]!(db)).execute() as { session: { created: unknown } | null }[];
    expect(rows.some((r) => r.session === null)).toBe(true);
    expect(rows.some((r) => r.session !== null)).toBe(true);
  });
});
