import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { divisions, legislativeSessions, memberships, people } from '../../src/db/schema.js';
import { FEDERAL_JURISDICTION, organizationId, personId, sessionId } from '../../src/domain/ids.js';
import { federalPartyId } from '../../src/domain/parties.js';
import { FIXTURE_FILES, openparliament } from '../../src/ingest/openparliament.js';
import { ourcommonsMembers } from '../../src/ingest/ourcommons-members.js';
import { HOUSE_OF_COMMONS } from '../../src/ingest/reference.js';
import { runImport, type RunReport } from '../../src/ingest/runner.js';
import { SHARED_DATA, testDatabase, type TestDatabase } from '../support/db.js';

const FOLDER = join(SHARED_DATA, 'openparliament-fixtures');
const REGISTRY = join(SHARED_DATA, 'ocd', 'country-ca.csv');
const GUARNIERI = personId('openparliament-politician', 127);

describe('openparliament importer (Django fixtures)', () => {
  let database: TestDatabase;
  let first: RunReport;
  let tmp: string;

  beforeAll(async () => {
    database = await testDatabase();
    tmp = mkdtempSync(join(tmpdir(), 'openparliament-'));
    first = await runImport(database, openparliament, [FOLDER]);
  });
  afterAll(async () => {
    await database.drop();
    rmSync(tmp, { recursive: true, force: true });
  });

  const count = async (query: ReturnType<typeof sql>) => (await database.rows<{ n: number }>(query))[0]!.n;
  const seats = (person: string) => database.db.select().from(memberships)
    .where(and(eq(memberships.personId, person), eq(memberships.organizationId, HOUSE_OF_COMMONS))).orderBy(memberships.startDate);

  it('imports 13 sessions, 40 parties, 179 politicians and their 227 terms', async () => {
    expect(first.status).toBe('succeeded');
    expect(first.rejected).toBe(0);
    expect(await count(sql`select count(*)::int as n from legislative_sessions`)).toBe(13);
    expect(await count(sql`select count(*)::int as n from organizations where classification = 'party'`)).toBe(40);
    expect(await count(sql`select count(*)::int as n from people`)).toBe(179);
    expect(await count(sql`select count(*)::int as n from memberships where organization_id = ${HOUSE_OF_COMMONS}`)).toBe(227);
    expect(await count(sql`select count(*)::int as n from memberships m join organizations o on o.id = m.organization_id where o.classification = 'party'`)).toBe(227);
    // No term is left open: the fixture's open ones ended with the 40th Parliament.
    expect(await count(sql`select count(*)::int as n from memberships where end_date is null`)).toBe(0);
  });

  it('owns the session dates, closing 40-3 at the dissolution of 2011-03-26', async () => {
    const rows = await database.db.select().from(legislativeSessions).orderBy(legislativeSessions.startDate);
    expect(rows.map((s) => s.identifier)).toEqual(['35-1', '35-2', '36-1', '36-2', '37-1', '37-2', '37-3', '38-1', '39-1', '39-2', '40-1', '40-2', '40-3']);
    const [s402] = await database.db.select().from(legislativeSessions).where(eq(legislativeSessions.id, sessionId(FEDERAL_JURISDICTION, '40-2')));
    expect(s402).toMatchObject({ name: '40th Parliament, 2nd Session', startDate: '2009-01-26', endDate: '2009-12-30' });
    expect(rows.at(-1)).toMatchObject({ identifier: '40-3', startDate: '2010-03-03', endDate: '2011-03-26' });
  });

  it('ensures the ridings with an edid as OCD divisions of the order the fixture calls current', async () => {
    // 338 current ridings (2013 order) and 118 older ones (2003 order) carry an edid.
    expect(await count(sql`select count(*)::int as n from divisions where id like '%-2013'`)).toBe(338);
    const [cooksville] = await database.db.select().from(divisions).where(eq(divisions.id, 'ocd-division/country:ca/ed:35059-2013'));
    expect(cooksville).toMatchObject({ name: 'Mississauga East—Cooksville', nameFr: 'Mississauga-Est—Cooksville', classification: 'ed' });
  });

  it('builds Albina Guarnieri with every source id and a seat per term in the district of its day', async () => {
    const [guarnieri] = await database.db.select().from(people).where(eq(people.id, GUARNIERI));
    expect(guarnieri).toMatchObject({
      name: 'Albina Guarnieri',
      givenName: 'Albina',
      familyName: 'Guarnieri',
      gender: 'female',
      image: 'https://openparliament.ca/media/polpics/127.jpg',
      otherIdentifiers: [
        { scheme: 'openparliament-politician', identifier: '127' },
        { scheme: 'parl-affiliation-id', identifier: '128217' },
        { scheme: 'parl-affiliation-id', identifier: '78441' },
        { scheme: 'parlinfo-id', identifier: '41f6486b-f70f-461c-a0bc-599b50e4bbad' },
        { scheme: 'freebase-id', identifier: '/en/albina_guarnieri' },
      ],
    });
    const terms = await seats(GUARNIERI);
    expect(terms.map((t) => [t.district, t.divisionId, t.startDate, t.endDate, t.onBehalfOfId])).toEqual([
      // 1988 boundaries: only the registry's named district exists for them
      ['Mississauga East', 'ocd-division/country:ca/province:on/fed:mississauga_east', '1994-01-17', '2004-05-23', federalPartyId('Liberal')],
      // the riding's edid is of the 2013 order; in 2004 it was the 2003 order's district
      ['Mississauga East—Cooksville', 'ocd-division/country:ca/ed:35048', '2004-10-04', '2011-03-26', federalPartyId('Liberal')],
    ]);
  });

  it('resolves 218 of the 227 terms to an OCD district', async () => {
    expect(await count(sql`select count(division_id)::int as n from memberships where organization_id = ${HOUSE_OF_COMMONS}`)).toBe(218);
  });

  it('changes nothing on a second import', async () => {
    const again = await runImport(database, openparliament, [FOLDER]);
    expect(again).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: first.inserted + first.unchanged });
  });

  it('shares party organizations with ourcommons-members and neither rewrites the other', async () => {
    expect(await count(sql`select count(*)::int as n from organizations where id = ${organizationId(FEDERAL_JURISDICTION, 'party', 'Bloc Québécois')} and name = 'Bloc Québécois'`)).toBe(1);
    const members = await runImport(database, ourcommonsMembers, [join(SHARED_DATA, 'ourcommons-44')]);
    expect(members.status).toBe('succeeded');
    // The six caucuses of the 44th Parliament are parties openparliament already had.
    expect(await count(sql`select count(*)::int as n from organizations where classification = 'party'`)).toBe(40);
    expect(await runImport(database, openparliament, [FOLDER])).toMatchObject({ inserted: 0, updated: 0 });
    expect(await runImport(database, ourcommonsMembers, [join(SHARED_DATA, 'ourcommons-44')])).toMatchObject({ inserted: 0, updated: 0 });
  });

  it('makes a politician with a House PersonId that House person, keeping the name and photo ourcommons-members gives', async () => {
    // Andrew Scheer (politician 256) is PersonId 25454 in the 44th Parliament files.
    for (const file of Object.values(FIXTURE_FILES)) copyFileSync(join(FOLDER, file), join(tmp, file));
    const fixture = JSON.parse(readFileSync(join(FOLDER, FIXTURE_FILES.politicians), 'utf8')) as unknown[];
    fixture.push({ model: 'core.politicianinfo', pk: 999999, fields: { politician: 256, schema: 'parl_mp_id', value: '25454' } });
    writeFileSync(join(tmp, FIXTURE_FILES.politicians), JSON.stringify(fixture));
    const scheer = personId('parl-person-id', 25454);
    const [before] = await database.db.select().from(people).where(eq(people.id, scheer));

    const report = await runImport(database, openparliament, [tmp, REGISTRY]);
    expect(report.status).toBe('succeeded');
    const [after] = await database.db.select().from(people).where(eq(people.id, scheer));
    expect(after).toMatchObject({ name: before!.name, image: before!.image, givenName: before!.givenName });
    expect(after!.otherIdentifiers).toEqual(expect.arrayContaining([
      { scheme: 'parl-person-id', identifier: '25454' },
      { scheme: 'openparliament-politician', identifier: '256' },
    ]));
    expect((await seats(scheer)).map((t) => [t.startDate, t.divisionId])).toEqual([
      ['2004-10-04', 'ocd-division/country:ca/ed:47008'],
      ['2021-09-20', 'ocd-division/country:ca/ed:47008-2013'],
    ]);
  });

  it('fails on truncated JSON, a missing fixture or a path that does not exist', async () => {
    const dir = mkdtempSync(join(tmp, 'truncated-'));
    for (const file of Object.values(FIXTURE_FILES)) copyFileSync(join(FOLDER, file), join(dir, file));
    const text = readFileSync(join(FOLDER, FIXTURE_FILES.politicians), 'utf8');
    writeFileSync(join(dir, FIXTURE_FILES.politicians), text.slice(0, text.length / 2));
    const truncated = await runImport(database, openparliament, [dir, REGISTRY]);
    expect(truncated.status).toBe('failed');
    expect(truncated.error).toContain('malformed JSON');

    const partial = await runImport(database, openparliament, [join(FOLDER, FIXTURE_FILES.politicians), REGISTRY]);
    expect(partial.status).toBe('failed');
    expect(partial.error).toContain(FIXTURE_FILES.sessions);

    const missing = await runImport(database, openparliament, [join(tmp, 'nowhere')]);
    expect(missing.status).toBe('failed');
    expect(missing.error).toContain('no such file or folder');
  });
});
