/**
 * Timestamps reach the API as strings rewritten from PostgreSQL's text (isoTime), never through a Date:
 * each shape of that text must give PostgreSQL's own ISO rendering of the instant, on both databases.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoTime } from '../../src/api/resources.js';
import { resultRows } from '../../src/db/client.js';
import { testDatabase, type TestDatabase } from '../support/db.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await testDatabase({ migrate: false });
});
afterAll(() => database.drop());

/** No fraction, 1 to 6 fraction digits (PostgreSQL drops trailing zeros), sub-millisecond ones, around the epoch, years 1 to 9999. */
const INSTANTS = [
  '2021-11-22 15:00:00Z', '2021-11-22 15:00:00.1Z', '2021-11-22 15:00:00.12Z', '2021-11-22 15:00:00.123Z',
  '2021-11-22 15:00:00.1234Z', '2021-11-22 15:00:00.12345Z', '2021-11-22 15:00:00.123456Z', '2021-11-22 15:00:00.000999Z',
  '2021-11-22 15:00:00.9999Z', '1969-12-31 23:59:59.999999Z', '1970-01-01 00:00:00Z', '2024-02-29 23:59:59.5Z',
  '1000-01-01 00:00:00Z', '9999-12-31 23:59:59.999999Z', '0999-06-30 12:00:00Z', '0050-01-01 00:00:00Z', '0001-01-01 00:00:00Z',
];

/** What the driver hands over for each instant, and PostgreSQL's ISO string of it (milliseconds cut, as the API shows them). */
const asRead = (instant: string) => sql`select ${instant}::timestamptz as text,
  to_char(${instant}::timestamptz at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as iso`;

describe('timestamps from the database to the API', () => {
  it('reads every session in UTC, so the fast rewrite applies', async () => {
    expect(await database.rows(sql`select current_setting('TimeZone') as zone`)).toEqual([{ zone: 'UTC' }]);
  });

  it('rewrites each shape of the text to the ISO string of its instant', async () => {
    for (const instant of INSTANTS) {
      const [row] = await database.rows<{ text: string; iso: string }>(asRead(instant));
      expect(typeof row!.text).toBe('string');
      expect(row!.text.endsWith('+00')).toBe(true);
      expect(isoTime(row!.text)).toBe(row!.iso);
    }
  });

  it('gives the same string for text in another zone (a session whose zone was changed)', async () => {
    for (const instant of INSTANTS.slice(0, 12)) {
      const row = await database.db.transaction(async (tx) => {
        await tx.execute(sql`set local TimeZone = 'America/St_Johns'`);
        return resultRows<{ text: string; iso: string }>(await tx.execute(asRead(instant)))[0]!;
      });
      expect(row.text).toMatch(/-0[23]:30$/);
      expect(isoTime(row.text)).toBe(row.iso);
    }
  });
});
