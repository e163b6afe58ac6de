import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { debates, organizations, speeches, voteEvents, votes } from '../../src/db/schema.js';
import { billId, FEDERAL_JURISDICTION, organizationId, personId, sessionId, voteEventId } from '../../src/domain/ids.js';
import { debateId, hansard } from '../../src/ingest/hansard.js';
import { ourcommonsMembers } from '../../src/ingest/ourcommons-members.js';
import { HOUSE_OF_COMMONS } from '../../src/ingest/reference.js';
import { runImport, type RunReport } from '../../src/ingest/runner.js';
import { SHARED_DATA, testDatabase, type TestDatabase } from '../support/db.js';
import { withoutServerPaths } from '../../src/domain/text.js';

const HANSARD = join(SHARED_DATA, 'hansard');
const SITTING_200 = join(HANSARD, '44-1-200-en.xml');
const SITTING_2 = [join(HANSARD, '42-1-2-en.xml'), join(HANSARD, '42-1-2-fr.xml')];

// House PersonIds of members named in 44-1-200-en.xml (ourcommons-44/members_tenure.csv).
const LAUREL_COLLINS = personId('parl-person-id', 105908); // Victoria
const SONIA_SIDHU = personId('parl-person-id', 88703); // Brampton South
const KEVIN_LAMOUREUX = personId('parl-person-id', 30552); // Winnipeg North

describe('hansard importer (House of Commons Alpheus XML)', () => {
  let database: TestDatabase;
  let tmp: string;
  let first: RunReport;

  beforeAll(async () => {
    database = await testDatabase();
    tmp = mkdtempSync(join(tmpdir(), 'hansard-'));
    // Ballots and speakers resolve against the members sitting on the day: load them first.
    const members = await runImport(database, ourcommonsMembers, [join(SHARED_DATA, 'ourcommons-44')]);
    expect(members.status).toBe('succeeded');
    first = await runImport(database, hansard, [SITTING_200]);
  }, 600_000); // each sitting now also resolves its members as person records: minutes on PGlite on a loaded machine
  afterAll(async () => {
    await database.drop();
    rmSync(tmp, { recursive: true, force: true });
  });

  const ballots = (division: number) =>
    database.db.select().from(votes).where(eq(votes.voteEventId, voteEventId(FEDERAL_JURISDICTION, '44-1', division)));

  it('maps the sitting of 2023-05-18 to one debate with its Hansard id', async () => {
    expect(first.status).toBe('succeeded');
    expect(first.rejected).toBe(0);
    const [debate] = await database.db.select().from(debates).where(eq(debates.id, debateId({ session: '44-1', number: 200, committee: null })));
    expect(debate).toMatchObject({
      jurisdictionId: FEDERAL_JURISDICTION,
      sessionId: sessionId(FEDERAL_JURISDICTION, '44-1'),
      organizationId: HOUSE_OF_COMMONS,
      date: '2023-05-18',
      number: 200,
      title: 'House of Commons Debates, No. 200',
      otherIdentifiers: [{ scheme: 'hansard-document-id', identifier: '12226682' }],
    });
  });

  it('keeps every intervention as a speech with speaker, time, subject, bill and paragraphs', async () => {
    const rows = await database.db.select().from(speeches).orderBy(asc(speeches.sequence));
    expect(rows).toHaveLength(321);
    expect(rows[0]).toMatchObject({
      sequence: 1,
      speakerName: 'Ms. Laurel Collins',
      speakerAffiliation: 'Victoria, NDP',
      personId: LAUREL_COLLINS,
      subjectEn: 'Criminal Code',
      billId: billId(FEDERAL_JURISDICTION, '44-1', 'C-332'),
      otherIdentifiers: [{ scheme: 'hansard-intervention-id', identifier: '12226690' }],
      textFr: null,
    });
    // (1000) on the sitting day, Ottawa summer time.
    expect(rows[0]!.time).toBe('2023-05-18 14:00:00+00');
    expect(rows[0]!.textEn).toMatch(/^moved for leave to introduce Bill C-332, An Act to amend the Criminal Code \(controlling or coercive conduct\)\.\n\nShe said: Mr\. Speaker/);
    expect(rows[0]!.textEn!.split('\n\n')).toHaveLength(5);
    // A petition continues the "Petitions" subject of business under its own qualifier.
    expect(rows[3]).toMatchObject({ speakerName: 'Mrs. Tracy Gray', subjectEn: 'Petitions — Air Transportation', billId: null });
    // "The Speaker" is the Speaker named on the cover.
    const speaker = rows.find((r) => r.speakerName === 'The Speaker');
    expect(speaker?.personId).toBe(personId('parl-person-id', 25452 /* Anthony Rota, Nipissing—Timiskaming */));
    const lamoureux = rows.filter((r) => r.personId === KEVIN_LAMOUREUX);
    expect(lamoureux.length).toBeGreaterThan(5);
    // The Deputy Speaker, whom the heading does not name, is the one the table of contents names: Mr. d'Entremont.
    const deputy = rows.filter((r) => r.speakerName === 'The Deputy Speaker');
    expect(deputy.map((r) => [r.personId, r.speakerRole])).toEqual([[personId('parl-person-id', 49344 /* Chris d'Entremont */), 'presiding_officer']]);
    expect(rows.filter((r) => r.personId === null)).toEqual([]);
    expect(rows.filter((r) => r.speakerRole === 'member').length).toBeGreaterThan(250);
  });

  it('records divisions 332 and 333 on Bill C-21 with every ballot', async () => {
    const events = await database.db.select().from(voteEvents).orderBy(asc(voteEvents.number));
    expect(events.map((e) => e.identifier)).toEqual(['332', '333']);
    const c21 = billId(FEDERAL_JURISDICTION, '44-1', 'C-21');
    expect(events[0]).toMatchObject({
      id: voteEventId(FEDERAL_JURISDICTION, '44-1', 332),
      organizationId: HOUSE_OF_COMMONS,
      startDate: '2023-05-18',
      result: 'fail',
      yesCount: 110,
      noCount: 209,
      pairedCount: 4,
      billId: c21,
      billIdentifier: 'C-21',
    });
    expect(events[0]!.motionTextEn).toMatch(/^Criminal Code \(Bill C-21\. Third reading\)\. The House resumed from May 17 consideration of the motion that Bill C-21.*The House divided on the amendment, which was negatived\.$/);
    expect(events[1]).toMatchObject({ startDate: '2023-05-18', result: 'pass', yesCount: 207, noCount: 113, pairedCount: 4, billId: c21 });

    const cast = await ballots(332);
    expect(cast).toHaveLength(323);
    expect(cast.filter((b) => b.option === 'yes')).toHaveLength(110);
    expect(cast.filter((b) => b.option === 'no')).toHaveLength(209);
    expect(cast.filter((b) => b.option === 'paired').map((b) => b.voterName).sort()).toEqual(['Drouin', 'Généreux', 'Gladu', 'Joly'].sort());
    expect(await ballots(333)).toHaveLength(324);
  });

  it('resolves ballots to the members sitting that day, by riding where the surname is shared', async () => {
    const cast = [...(await ballots(332)), ...(await ballots(333))];
    const resolved = cast.filter((b) => b.voterId !== null).length;
    // Figure reported: 647 of 647 ballots of the 44th Parliament resolve when its members are loaded.
    expect(resolved).toBe(647);
    const byName = new Map(cast.map((b) => [b.voterName, b]));
    expect(byName.get('Collins (Victoria)')).toMatchObject({ voterId: LAUREL_COLLINS, party: 'New Democratic Party' });
    expect(byName.get('Sidhu (Brampton South)')).toMatchObject({ voterId: SONIA_SIDHU, party: 'Liberal Party of Canada' });
    expect(byName.get('Lamoureux')?.voterId).toBe(KEVIN_LAMOUREUX);
    expect(new Set(cast.filter((b) => b.voterName.startsWith('Collins')).map((b) => b.voterId)).size).toBe(2);
  });

  it('changes nothing on a second import', async () => {
    const again = await runImport(database, hansard, [SITTING_200]);
    expect(again.status).toBe('succeeded');
    expect(again).toMatchObject({ inserted: 0, updated: 0 });
    expect(again.unchanged).toBe(first.inserted + first.updated + first.unchanged);
  });

  it('fills one debate and one set of speeches from the English and French files of a sitting', async () => {
    const report = await runImport(database, hansard, SITTING_2);
    expect(report.status).toBe('succeeded');
    const id = debateId({ session: '42-1', number: 2, committee: null });
    expect(await database.db.select({ id: debates.id }).from(debates).where(eq(debates.date, '2015-12-04'))).toEqual([{ id }]);
    const rows = await database.db.select().from(speeches).where(eq(speeches.debateId, id)).orderBy(asc(speeches.sequence));
    expect(rows).toHaveLength(42);
    expect(rows.every((r) => r.textEn && r.textFr)).toBe(true);
    // The English file owns the printed heading; each language its subject and text.
    expect(rows[1]).toMatchObject({
      speakerName: 'Right Hon. Justin Trudeau',
      speakerAffiliation: 'Prime Minister, Lib.',
      subjectEn: 'Oaths of Office',
      subjectFr: "Les serments d'office",
      billId: billId(FEDERAL_JURISDICTION, '42-1', 'C-1'),
    });
    expect(rows[1]!.textFr).toMatch(/^demande à présenter le projet de loi C-1/);

    const again = await runImport(database, hansard, SITTING_2);
    expect(again).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0 });
  });

  it('imports every .xml file of a folder, committee evidence under its committee', async () => {
    const dir = mkdtempSync(join(tmp, 'evidence-'));
    copyFileSync(join(HANSARD, '6265357-en.xml'), join(dir, '6265357-en.xml'));
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    const report = await runImport(database, hansard, [dir]);
    expect(report.status).toBe('succeeded');
    const committee = organizationId(FEDERAL_JURISDICTION, 'committee', 'ACVA');
    const [meeting] = await database.db.select().from(debates).where(eq(debates.organizationId, committee));
    expect(meeting).toMatchObject({ date: '2013-10-24', number: 1, sessionId: sessionId(FEDERAL_JURISDICTION, '41-2'), title: 'Standing Committee on Veterans Affairs, No. 1' });
    const [org] = await database.db.select().from(organizations).where(eq(organizations.id, committee));
    expect(org).toMatchObject({ classification: 'committee', abbreviation: 'ACVA', parentId: HOUSE_OF_COMMONS });
    const [n] = await database.rows<{ n: number }>(sql`select count(*)::int as n from speeches where debate_id = ${meeting!.id}`);
    expect(n!.n).toBe(20);
  });

  it('fails a truncated file with its line and writes nothing from it', async () => {
    const source = readFileSync(join(HANSARD, '44-1-5-en.xml'));
    const broken = join(tmp, '44-1-5-en.xml');
    writeFileSync(broken, source.subarray(0, Math.floor(source.length / 2)));
    const report = await runImport(database, hansard, [broken]);
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/44-1-5-en\.xml:\d+:\d+: malformed XML/);
    const written = await database.db.select().from(debates)
      .where(and(eq(debates.sessionId, sessionId(FEDERAL_JURISDICTION, '44-1')), eq(debates.number, 5)));
    expect(written).toEqual([]);
  });

  it('fails a path that does not exist with the reason', async () => {
    const missing = join(tmp, 'no-such-hansard.xml');
    const report = await runImport(database, hansard, [missing]);
    expect(report.status).toBe('failed');
    expect(report.error).toBe(withoutServerPaths(`${missing}: no such file`));
  });
});
