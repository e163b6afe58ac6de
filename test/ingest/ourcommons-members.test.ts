import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships, people } from '../../src/db/schema.js';
import { personId } from '../../src/domain/ids.js';
import { federalPartyId } from '../../src/domain/parties.js';
import { decodeText } from '../../src/ingest/files.js';
import { MEMBER_FILES, ourcommonsMembers, splitName, withoutHonorific } from '../../src/ingest/ourcommons-members.js';
import { HOUSE_OF_COMMONS } from '../../src/ingest/reference.js';
import { runImport, type RunReport } from '../../src/ingest/runner.js';
import { SHARED_DATA, testDatabase, type TestDatabase } from '../support/db.js';

const FOLDER = join(SHARED_DATA, 'ourcommons-44');
const REGISTRY = join(SHARED_DATA, 'ocd', 'country-ca.csv');

describe('ourcommons-members importer (members_*.csv)', () => {
  let database: TestDatabase;
  let first: RunReport;
  let tmp: string;

  beforeAll(async () => {
    database = await testDatabase();
    tmp = mkdtempSync(join(tmpdir(), 'members-'));
    first = await runImport(database, ourcommonsMembers, [FOLDER]);
  });
  afterAll(async () => {
    await database.drop();
    rmSync(tmp, { recursive: true, force: true });
  });

  const count = async (query: ReturnType<typeof sql>) => (await database.rows<{ n: number }>(query))[0]!.n;
  const person = async (id: string) => (await database.db.select().from(people).where(eq(people.id, personId('parl-person-id', id))))[0];
  const seat = async (id: string) => (await database.db.select().from(memberships)
    .where(and(eq(memberships.personId, personId('parl-person-id', id)), eq(memberships.organizationId, HOUSE_OF_COMMONS))))[0];

  it('imports the 339 members of the 44th Parliament with a seat each and their 341 caucus memberships', async () => {
    expect(first.status).toBe('succeeded');
    expect(first.rejected).toBe(0);
    expect(await count(sql`select count(*)::int as n from people`)).toBe(339);
    expect(await count(sql`select count(*)::int as n from memberships where organization_id = ${HOUSE_OF_COMMONS}`)).toBe(339);
    expect(await count(sql`select count(*)::int as n from memberships m join organizations o on o.id = m.organization_id where o.classification = 'party'`)).toBe(341);
    // Liberal, Conservative, Bloc Québécois, NDP, Green Party, Independent
    expect(await count(sql`select count(*)::int as n from organizations where classification = 'party'`)).toBe(6);
    // 6 parties + 338 ridings (two members share one) + 339 people + 339 seats + 341 caucus memberships
    expect(first.inserted).toBe(6 + 338 + 339 + 339 + 341);
  });

  it('resolves every riding to its OCD district of the 2013 representation order', async () => {
    const resolved = await count(sql`select count(*)::int as n from memberships where organization_id = ${HOUSE_OF_COMMONS} and division_id like 'ocd-division/country:ca/ed:%-2013'`);
    expect(resolved).toBe(339);
    expect(await count(sql`select count(*)::int as n from divisions where id like '%-2013'`)).toBe(338);
  });

  it('builds Gary Anandasangaree (PersonId 89449), MP for Scarborough—Rouge Park', async () => {
    expect(await person('89449')).toMatchObject({
      name: 'Gary Anandasangaree',
      givenName: 'Gary',
      familyName: 'Anandasangaree',
      sortName: 'Anandasangaree, Gary',
      searchName: 'gary anandasangaree',
      image: 'https://raw.githubusercontent.com/dgrant59/ParliamentVotes/main/Members/Photos/89449.jpg',
      otherIdentifiers: [{ scheme: 'parl-person-id', identifier: '89449' }],
    });
    expect(await seat('89449')).toMatchObject({
      role: 'member',
      label: 'MP for Scarborough—Rouge Park',
      district: 'Scarborough—Rouge Park',
      divisionId: 'ocd-division/country:ca/ed:35097-2013',
      onBehalfOfId: federalPartyId('Liberal'),
      startDate: '2021-09-20',
      // The export prints EndDate NA: he sat until the 44th Parliament was dissolved.
      endDate: '2025-03-23',
    });
  });

  it('ends every seat and caucus the export leaves open (EndDate NA) at the 44th Parliament\'s dissolution, and keeps the ends it prints', async () => {
    const open = (file: string) => (parse(readFileSync(join(FOLDER, file)), { columns: true }) as Record<string, string>[]).filter((r) => r.EndDate === 'NA' || r.EndDate === '');
    expect(open(MEMBER_FILES.tenure)).toHaveLength(332);
    expect(await count(sql`select count(*)::int as n from memberships where end_date is null`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from memberships where organization_id = ${HOUSE_OF_COMMONS} and end_date = '2025-03-23'`)).toBe(332);
    expect(await count(sql`select count(*)::int as n from memberships where organization_id <> ${HOUSE_OF_COMMONS} and end_date = '2025-03-23'`))
      .toBe(open(MEMBER_FILES.caucus).length);
    expect(await count(sql`select count(*)::int as n from memberships where end_date > '2025-03-23'`)).toBe(0);
  });

  it('decodes the Windows-1252 seating file: Québec names keep their accents, honorifics are dropped', async () => {
    const seating = readFileSync(join(FOLDER, MEMBER_FILES.seating));
    expect(decodeText(seating).encoding).toBe('windows-1252');
    expect(await person('104669')).toMatchObject({ name: 'Yves-François Blanchet', searchName: 'yves-francois blanchet' });
    const [champagne] = await database.db.select().from(people).where(eq(people.familyName, 'Champagne'));
    expect(champagne!.name).toBe('François-Philippe Champagne');
    expect(await count(sql`select count(*)::int as n from people where name ~ '(Hon\\.|\uFFFD|Ã)'`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from people where name ~ '[éèçëÉî]'`)).toBeGreaterThan(20);
  });

  it('keeps caucus changes as dated party memberships and seats the member for the last one', async () => {
    // Alain Rayes left the Conservative caucus on 2022-09-13.
    const parties = await database.db.select().from(memberships)
      .where(and(eq(memberships.personId, personId('parl-person-id', '88600')), sql`${memberships.organizationId} <> ${HOUSE_OF_COMMONS}`))
      .orderBy(memberships.startDate);
    expect(parties.map((m) => [m.organizationId, m.startDate, m.endDate])).toEqual([
      [federalPartyId('Conservative'), '2021-09-20', '2022-09-13'],
      [federalPartyId('Independent'), '2022-09-13', '2025-03-23'],
    ]);
    expect((await seat('88600'))!.onBehalfOfId).toBe(federalPartyId('Independent'));
  });

  it('tells apart the two members for Mississauga—Lakeshore, where a by-election was held', async () => {
    // Sven Spengemann resigned in 2022 (LEGISinfo names PersonId 88852 as him); Charles Sousa won the by-election.
    expect((await person('88852'))!.name).toBe('Sven Spengemann');
    expect(await seat('88852')).toMatchObject({ startDate: '2021-09-20', endDate: '2022-05-27' });
    expect((await person('114349'))!.name).toBe('Charles Sousa');
    expect(await seat('114349')).toMatchObject({ startDate: '2022-12-12', endDate: '2025-03-23', divisionId: 'ocd-division/country:ca/ed:35061-2013' });
  });

  it('splits names so compound surnames stay whole', () => {
    expect(withoutHonorific('Right Hon. Justin Trudeau')).toBe('Justin Trudeau');
    expect(splitName('Soraya Martinez Ferrada')).toEqual({ given: 'Soraya', family: 'Martinez Ferrada' });
    expect(splitName('Robert J. Morrissey')).toEqual({ given: 'Robert J.', family: 'Morrissey' });
  });

  it('changes nothing on a second import, from the folder or from the files one by one', async () => {
    const again = await runImport(database, ourcommonsMembers, [FOLDER]);
    expect(again).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: first.inserted });
    const files = await runImport(database, ourcommonsMembers, [...Object.values(MEMBER_FILES).map((f) => join(FOLDER, f)), REGISTRY]);
    expect(files).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: first.inserted });
  });

  it('fails naming the column when a file lacks a required one', async () => {
    for (const file of Object.values(MEMBER_FILES)) copyFileSync(join(FOLDER, file), join(tmp, file));
    const tenure = readFileSync(join(FOLDER, MEMBER_FILES.tenure), 'utf8').split('\n')
      .map((line) => line.split(',').filter((_, i) => i !== 1).join(','));
    writeFileSync(join(tmp, MEMBER_FILES.tenure), tenure.join('\n'));
    const report = await runImport(database, ourcommonsMembers, [tmp, REGISTRY]);
    expect(report.status).toBe('failed');
    expect(report.error).toContain(MEMBER_FILES.tenure);
    expect(report.error).toContain('missing column "PersonId"');
  });

  it('fails on a path that does not exist, a missing member file or no OCD registry', async () => {
    const missing = await runImport(database, ourcommonsMembers, [join(tmp, 'no-such-folder')]);
    expect(missing.status).toBe('failed');
    expect(missing.error).toContain('no such file or folder');

    const partial = await runImport(database, ourcommonsMembers, [join(FOLDER, MEMBER_FILES.caucus), REGISTRY]);
    expect(partial.status).toBe('failed');
    expect(partial.error).toContain(MEMBER_FILES.constituency);

    // A copy of the real folder with no ocd/ folder beside it.
    const alone = mkdtempSync(join(tmp, 'alone-'));
    for (const file of Object.values(MEMBER_FILES)) copyFileSync(join(FOLDER, file), join(alone, file));
    const noRegistry = await runImport(database, ourcommonsMembers, [alone]);
    expect(noRegistry.status).toBe('failed');
    expect(noRegistry.error).toContain('country-ca.csv');
  });
});
