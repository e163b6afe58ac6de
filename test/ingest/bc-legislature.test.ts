import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billId, personId, provinceJurisdiction, sessionId, voteEventId } from '../../src/domain/ids.js';
import { bcLegislature } from '../../src/ingest/bc-legislature.js';
import { SAMPLE_DATA_DIR } from '../../src/ingest/import-all.js';
import { runImport, type RunReport } from '../../src/ingest/runner.js';
import { SHARED_DATA, testDatabase, type TestDatabase } from '../support/db.js';
import { withoutServerPaths } from '../../src/domain/text.js';

const FOLDER = join(SHARED_DATA, 'bc-legislature-40');
const PATHS = [join(FOLDER, 'mlas.json'), join(FOLDER, 'divisions.json'), join(SHARED_DATA, 'ocd', 'country-ca.csv')];
const BC = provinceJurisdiction('bc');

interface SourceDivision {
  session: number;
  bill: string;
  motion: string;
  yays: ([string, string] | null)[];
  nays: ([string, string] | null)[];
}
const source = JSON.parse(readFileSync(join(FOLDER, 'divisions.json'), 'utf8')) as SourceDivision[];

let database: TestDatabase;
let first: RunReport;

async function count(table: string, where = 'true'): Promise<number> {
  const [row] = await database.rows<{ n: number }>(sql.raw(`select count(*)::int as n from ${table} where ${where}`));
  return row!.n;
}

beforeAll(async () => {
  database = await testDatabase();
  first = await runImport(database, bcLegislature, PATHS);
});
afterAll(async () => database?.drop());

describe('bc-legislature importer', () => {
  it('imports every division, bill, MLA and ballot of the 40th Parliament', async () => {
    expect(source).toHaveLength(91);
    expect(source.reduce((n, d) => n + d.yays.length + d.nays.length, 0)).toBe(6743);

    expect(await count('vote_events', `jurisdiction_id = '${BC}'`)).toBe(91);
    // 40 subjects are voted on; 33 of them are bills, the rest the budget, throne speeches and motions.
    expect(new Set(source.map((d) => d.bill)).size).toBe(40);
    expect(await count('bills', `jurisdiction_id = '${BC}'`)).toBe(33);
    expect(await count('people')).toBe(87);
    expect(await count('memberships')).toBe(87);
    // Two ballots in the file are null: refused with their place, the other 6,741 stored.
    expect(await count('votes')).toBe(6741);
    expect(first.status).toBe('partial');
    expect(first.rejections.map((r) => r.location)).toEqual([
      withoutServerPaths(`${PATHS[1]}#[52].nays[22]`),
      withoutServerPaths(`${PATHS[1]}#[57].nays[15]`),
    ]);
    expect(await database.rows(sql`select identifier, start_date, end_date from legislative_sessions order by identifier`)).toEqual([
      { identifier: '40-1', start_date: '2013-06-26', end_date: '2014-02-11' },
      { identifier: '40-2', start_date: '2014-02-11', end_date: '2014-10-06' },
      { identifier: '40-3', start_date: '2014-10-06', end_date: '2015-02-10' },
      { identifier: '40-4', start_date: '2015-02-10', end_date: '2016-02-09' },
    ]);
    expect(await database.rows(sql`select name from organizations where classification = 'party' order by name`)).toEqual([
      { name: 'BC Liberal Party' }, { name: 'BC New Democratic Party' }, { name: 'Green Party of British Columbia' }, { name: 'Independent' },
    ]);
  });

  it('stores a division with counts equal to its ballots, linked to its bill', async () => {
    // divisions.json[0]: Bill 24, amendment to second reading moved by Mungall, defeated 31–46.
    const division = source[0]!;
    expect(division.motion).toBe('amdt. to Second Reading (moved by Mungall)');
    const id = voteEventId(BC, '40-2', 1);
    const [event] = await database.rows<Record<string, unknown>>(
      sql`select yes_count, no_count, result, bill_id, bill_identifier, motion_text_en, session_id from vote_events where id = ${id}`);
    expect(event).toEqual({
      yes_count: division.yays.length,
      no_count: division.nays.length,
      result: 'fail',
      bill_id: billId(BC, '40-2', '24'),
      bill_identifier: '24',
      motion_text_en: 'Agricultural Land Commission Amendment Act, 2014 (Bill 24) — amdt. to Second Reading (moved by Mungall)',
      session_id: sessionId(BC, '40-2'),
    });
    expect(event!.yes_count).toBe(31);
    expect(event!.no_count).toBe(46);
    expect(await database.rows(sql`select option, count(*)::int as n from votes where vote_event_id = ${id} group by option order by option`))
      .toEqual([{ option: 'no', n: 46 }, { option: 'yes', n: 31 }]);
    expect(await database.rows(sql`select title_en from bills where id = ${billId(BC, '40-2', '24')}`))
      .toEqual([{ title_en: 'Agricultural Land Commission Amendment Act, 2014' }]);

    const mismatched = await database.rows(sql`
      select e.id from vote_events e left join votes v on v.vote_event_id = e.id
      group by e.id, e.yes_count, e.no_count
      having e.yes_count <> count(*) filter (where v.option = 'yes') or e.no_count <> count(*) filter (where v.option = 'no')`);
    expect(mismatched).toEqual([]);
  });

  it('resolves every voter to an MLA and each seat to its electoral district', async () => {
    expect(await count('votes', 'voter_id is null')).toBe(0);
    const deJong = personId('bc-mla', 'michael de jong');
    expect(await database.rows(sql`
      select m.district, m.division_id, p.name as party from memberships m join organizations p on p.id = m.on_behalf_of_id
      where m.person_id = ${deJong}`))
      .toEqual([{ district: 'Abbotsford West', division_id: 'ocd-division/country:ca/province:bc/ed:abw', party: 'BC Liberal Party' }]);
    // The source gives one MLA a Nova Scotia district, which no BC district matches.
    expect(await database.rows(sql`select district from memberships where division_id is null`))
      .toEqual([{ district: 'Waverley-Fall River-Beaver Bank' }]);
  });

  it('changes nothing on a second import, from the bundled sample too', async () => {
    const total = first.inserted + first.updated + first.unchanged;
    const again = await runImport(database, bcLegislature, PATHS);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: total, rejected: 2 });
    const sample = await runImport(database, bcLegislature, bcLegislature.samplePaths(SAMPLE_DATA_DIR));
    expect(sample).toMatchObject({ inserted: 0, updated: 0, unchanged: total, rejected: 2 });
  });

  it('fails a truncated divisions.json with the line and column where it stops', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bc-legislature-'));
    try {
      const text = readFileSync(PATHS[1]!, 'utf8');
      writeFileSync(join(dir, 'divisions.json'), text.slice(0, Math.floor(text.length / 2)));
      writeFileSync(join(dir, 'mlas.json'), readFileSync(PATHS[0]!));
      const report = await runImport(database, bcLegislature, [join(dir, 'mlas.json'), join(dir, 'divisions.json')]);
      expect(report.status).toBe('failed');
      expect(report.error).toMatch(/divisions\.json:\d+:\d+: malformed JSON/);
      expect(await count('vote_events')).toBe(91);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
