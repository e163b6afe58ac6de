import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { and, eq, sql } from 'drizzle-orm';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billActions, bills, committeeMeetingBills, committeeMeetings, organizations, people, voteEvents } from '../../src/db/schema.js';
import { classifyBillAction, isCommitteeAction } from '../../src/domain/bill-actions.js';
import { htmlToText } from '../../src/domain/html.js';
import { FEDERAL_JURISDICTION, billId, organizationId, personId, voteEventId } from '../../src/domain/ids.js';
import { readTarEntries } from '../../src/ingest/files.js';
import { legisinfoBills, readEntry } from '../../src/ingest/legisinfo-bills.js';
import { HOUSE_OF_COMMONS, SENATE } from '../../src/ingest/reference.js';
import { runImport, type Rejection } from '../../src/ingest/runner.js';
import { SHARED_DATA, testDatabase, type TestDatabase } from '../support/db.js';
import { withoutServerPaths } from '../../src/domain/text.js';

const TARBALL = join(SHARED_DATA, 'legisinfo', 'bills-metadata.tar.gz');
const entry = (session: string, number: string) => `${session}/bills/${number}/metadata.xml`;
const C12 = entry('45-1', 'C-12');
const C21 = entry('44-1', 'C-21');
const OLD_C18 = entry('35-2', 'C-18'); // 35th Parliament: no stage history, only reading dates
const S229 = entry('45-1', 'S-229'); // publishes its introduction twice the same day
const C59 = entry('42-1', 'C-59'); // division 871 published as a tie without totals
const C3 = entry('45-1', 'C-3');
const C2 = entry('45-1', 'C-2');
const C12_ID = billId(FEDERAL_JURISDICTION, '45-1', 'C-12');

async function tarGz(path: string, entries: [string, Buffer][]): Promise<string> {
  const pack = tar.pack();
  for (const [name, content] of entries) pack.entry({ name, size: content.length }, content);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  writeFileSync(path, gzipSync(Buffer.concat(chunks)));
  return path;
}

describe('classifyBillAction', () => {
  it.each([
    ['Introduction and first reading', ['introduction', 'reading-1']],
    ['First reading', ['reading-1']],
    ['Second reading and referral to committee', ['reading-2', 'referral-committee']],
    ['Second reading', ['reading-2']],
    ['Referral to committee before second reading', ['referral-committee']],
    ['Committee report presented with amendments', ['committee-passage']],
    ['Deemed reported without amendment', ['committee-passage']],
    ['Concurrence at report stage with further amendments', ['report-stage']],
    ['Concurrence at report stage and second reading', ['report-stage', 'reading-2']],
    ['Committee report adopted', ['report-stage']],
    ['Third reading', ['reading-3', 'passage']],
    ['Concurrence in the motion respecting Senate amendments', ['amendment-passage']],
    ['Royal assent', ['royal-assent', 'became-law']],
    ['Reinstated from previous session', ['introduction']],
    ['Debate at second reading', []],
    ['Placed in the Order of Precedence', []],
    ['Message sent to the Senate', []],
  ])('%s → %j', (name, classes) => {
    expect(classifyBillAction({ name })).toEqual(classes);
  });

  it('classifies a defeat by its flag whatever the name', () => {
    expect(classifyBillAction({ name: 'Bill defeated at second reading', defeated: true })).toEqual(['failure']);
    expect(classifyBillAction({ name: 'Third reading', defeated: true })).toEqual(['failure']);
  });

  it('attributes referrals, reports and committee stages to the committee', () => {
    expect(isCommitteeAction('Second reading', ['reading-2', 'referral-committee'])).toBe(true);
    expect(isCommitteeAction('Consideration in committee', [])).toBe(true);
    expect(isCommitteeAction('Second reading', [])).toBe(false);
  });
});

describe('htmlToText', () => {
  it('keeps the text and line breaks of a LEGISinfo summary', () => {
    expect(htmlToText('<div>A summary.<br/><br/>On 5&nbsp;April &amp; after:</div>')).toBe('A summary.\nOn 5 April & after:');
    expect(htmlToText('<div> </div>')).toBeNull();
  });
});

describe('legisinfo-bills importer', () => {
  let database: TestDatabase;
  let dir: string;
  const real = new Map<string, Buffer>();
  let sample: string;
  let session451: string;

  beforeAll(async () => {
    database = await testDatabase();
    dir = mkdtempSync(join(tmpdir(), 'legisinfo-bills-'));
    // 35-2, 44-1, 42-1 and 45-1 come first in the tarball: stop reading once 45-1 is complete.
    const wanted = new Set([C21, OLD_C18, C59]);
    for await (const { name, content } of readTarEntries(TARBALL)) {
      if (wanted.has(name) || name.startsWith('45-1/')) real.set(name, content);
      else if (real.has(C12) && !name.startsWith('45-1/') && [...wanted].every((w) => real.has(w))) break;
    }
    sample = await tarGz(join(dir, 'sample.tar.gz'), [C12, C21, OLD_C18, S229].map((n) => [n, real.get(n)!]));
    session451 = await tarGz(join(dir, '45-1.tar.gz'), [...real].filter(([n]) => n.startsWith('45-1/')));
  });

  afterAll(async () => {
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const rows = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => database.rows<T>(query);

  it('imports real bills with their sponsor, timeline, committees, meetings and divisions', async () => {
    const report = await runImport(database, legisinfoBills, [sample]);
    expect(report.error).toBeNull();
    expect(report.status).toBe('succeeded');
    expect(report.inserted).toBeGreaterThan(0);

    const [c12] = await database.db.select().from(bills).where(eq(bills.id, C12_ID));
    expect(c12).toMatchObject({
      identifier: 'C-12',
      sessionId: `${FEDERAL_JURISDICTION}/45-1`,
      titleEn: expect.stringMatching(/^An Act respecting certain measures relating to the security of Canada's borders/),
      shortTitleEn: "Strengthening Canada's Immigration System and Borders Act",
      billType: 'House Government Bill',
      isGovernment: true,
      originatingChamber: 'lower',
      sponsorPersonId: personId('parl-person-id', 89449),
      sponsorName: 'Gary Anandasangaree',
      sponsorTitle: 'Minister of Public Safety',
      statusEn: 'Royal assent received',
      statusFr: 'Sanction royale reçue',
      latestStageEn: 'Royal assent',
      introducedDate: '2025-10-08',
      latestActionDate: '2026-03-26',
      royalAssentDate: '2026-03-26',
      statuteYear: 2026,
      statuteChapter: '4',
      otherIdentifiers: [{ scheme: 'legisinfo-bill-id', identifier: '13632609' }],
    });
    expect(c12!.sources[0]).toMatchObject({ source: 'legisinfo-bills', file: withoutServerPaths(sample), location: C12, url: 'https://www.parl.ca/legisinfo/en/bill/45-1/c-12' });

    const [sponsor] = await database.db.select().from(people).where(eq(people.id, personId('parl-person-id', 89449)));
    expect(sponsor).toMatchObject({
      name: 'Gary Anandasangaree', givenName: 'Gary', familyName: 'Anandasangaree', searchName: 'gary anandasangaree',
      otherIdentifiers: [{ scheme: 'parl-person-id', identifier: '89449' }],
    });

    const actions = await database.db.select().from(billActions).where(eq(billActions.billId, C12_ID)).orderBy(billActions.order);
    expect(actions).toHaveLength(27);
    expect(actions.map((a) => a.date)).toEqual(actions.map((a) => a.date).sort());
    expect(actions[0]).toMatchObject({ date: '2025-10-08', chamber: 'lower', descriptionEn: 'Introduction and first reading', classification: ['introduction', 'reading-1'] });
    expect(actions.at(-1)).toMatchObject({
      date: '2026-03-26', chamber: 'executive', stageEn: 'Royal assent', stageFr: 'Sanction royale',
      descriptionEn: 'Royal assent', descriptionFr: 'Sanction royale', classification: ['royal-assent', 'became-law'],
    });
    // On 2025-12-11 the House concurred at report stage, then debated and passed third reading; the Senate read it first that night.
    expect(actions.filter((a) => a.date === '2025-12-11').map((a) => a.descriptionEn)).toEqual([
      'Debate at report stage', 'Concurrence at report stage', 'Debate at third reading', 'Third reading', 'First reading',
    ]);
    const secu = organizationId(FEDERAL_JURISDICTION, 'committee', 'SECU');
    const secd = organizationId(FEDERAL_JURISDICTION, 'committee', 'SECD');
    expect(actions.find((a) => a.descriptionEn === 'Second reading and referral to committee')).toMatchObject({
      classification: ['reading-2', 'referral-committee'], committeeId: secu,
    });
    expect(actions.find((a) => a.descriptionEn === 'Committee report presented without amendment')).toMatchObject({ chamber: 'upper', committeeId: secd });
    expect(actions.find((a) => a.descriptionEn === 'Third reading')!.committeeId).toBeNull();

    const committees = await database.db.select().from(organizations).where(eq(organizations.classification, 'committee'));
    expect(committees.find((c) => c.id === secu)).toMatchObject({ name: 'Standing Committee on Public Safety and National Security', abbreviation: 'SECU', parentId: HOUSE_OF_COMMONS });
    expect(committees.find((c) => c.id === secd)).toMatchObject({ abbreviation: 'SECD', parentId: SENATE });

    const meetings = await database.db.select({ committeeId: committeeMeetings.committeeId, number: committeeMeetings.number, date: committeeMeetings.date })
      .from(committeeMeetings).innerJoin(committeeMeetingBills, eq(committeeMeetingBills.meetingId, committeeMeetings.id))
      .where(eq(committeeMeetingBills.billId, C12_ID));
    expect(meetings.filter((m) => m.committeeId === secu).map((m) => m.number).sort()).toEqual([11, 12, 13, 14, 15]);
    expect(meetings).toContainEqual({ committeeId: secu, number: 11, date: '2025-11-04' });

    const c12Votes = await database.db.select().from(voteEvents).where(eq(voteEvents.billId, C12_ID)).orderBy(voteEvents.number);
    expect(c12Votes.map((v) => [v.number, v.result, v.yesCount, v.noCount])).toEqual([[56, 'fail', 147, 188], [57, 'fail', 8, 327], [58, 'pass', 327, 8], [59, 'pass', 327, 8]]);
  });

  it('stores House division 332 of 44-1 as listed on Bill C-21', async () => {
    const [division] = await database.db.select().from(voteEvents).where(eq(voteEvents.id, voteEventId(FEDERAL_JURISDICTION, '44-1', 332)));
    expect(division).toMatchObject({
      identifier: '332',
      number: 332,
      sessionId: `${FEDERAL_JURISDICTION}/44-1`,
      organizationId: HOUSE_OF_COMMONS,
      startDate: '2023-05-18',
      motionTextEn: expect.stringMatching(/^Bill C-21, An Act to amend certain Acts .*\(recommittal to a committee\)$/),
      motionTextFr: expect.stringMatching(/^Projet de loi C-21/),
      result: 'fail',
      yesCount: 110,
      noCount: 209,
      pairedCount: 4,
      billId: billId(FEDERAL_JURISDICTION, '44-1', 'C-21'),
      billIdentifier: 'C-21',
    });
  });

  it('builds the timeline of a 35th-Parliament bill from its reading dates, and collapses an event published twice', async () => {
    const old = await database.db.select().from(billActions).where(eq(billActions.billId, billId(FEDERAL_JURISDICTION, '35-2', 'C-18'))).orderBy(billActions.order);
    expect(old.map((a) => [a.date, a.chamber, a.classification])).toEqual([
      ['1996-03-08', 'lower', ['introduction', 'reading-1']],
      ['1996-03-08', 'lower', ['reading-2']],
      ['1996-04-23', 'lower', ['reading-3', 'passage']],
      ['1996-04-24', 'upper', ['reading-1']],
      ['1996-04-30', 'upper', ['reading-2']],
      ['1996-05-09', 'upper', ['reading-3', 'passage']],
      ['1996-05-29', 'executive', ['royal-assent', 'became-law']],
    ]);
    const s229 = await database.db.select().from(billActions).where(eq(billActions.billId, billId(FEDERAL_JURISDICTION, '45-1', 'S-229')));
    expect(s229.filter((a) => a.descriptionEn === 'Introduction and first reading')).toHaveLength(1);
    const [bill] = await database.db.select().from(bills).where(eq(bills.id, billId(FEDERAL_JURISDICTION, '45-1', 'S-229')));
    expect(bill).toMatchObject({ originatingChamber: 'upper', introducedDate: '2025-06-10' });
  });

  it('changes nothing when the same file is imported again', async () => {
    const report = await runImport(database, legisinfoBills, [sample]);
    expect(report).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0 });
    expect(report.unchanged).toBeGreaterThan(100);
  });

  it('imports a single metadata.xml and removes the steps its bill no longer lists', async () => {
    const before = await database.db.select({ n: sql<number>`count(*)::int` }).from(billActions).where(eq(billActions.billId, C12_ID));
    const file = join(dir, 'metadata.xml');
    writeFileSync(file, real.get(C12)!.toString('utf8').replace(/<RoyalAssent>[\s\S]*?<\/RoyalAssent>/, ''));

    const report = await runImport(database, legisinfoBills, [file]);
    expect(report.status).toBe('succeeded');
    expect(report.updated).toBeGreaterThan(0);
    const after = await database.db.select().from(billActions).where(eq(billActions.billId, C12_ID));
    expect(after).toHaveLength(before[0]!.n - 1);
    expect(after.some((a) => a.classification.includes('royal-assent'))).toBe(false);
  });

  it('refuses a truncated or unnumbered metadata.xml with its tar entry and still imports the other bills', async () => {
    const truncated = real.get(C12)!.subarray(0, 40_000);
    const unnumbered = Buffer.from(real.get(C2)!.toString('utf8').replace('<NumberCode>C-2</NumberCode>', '<NumberCode />'));
    const path = await tarGz(join(dir, 'bad.tar.gz'), [[C12, truncated], [C3, real.get(C3)!], [C2, unnumbered]]);
    const report = await runImport(database, legisinfoBills, [path]);
    expect(report.status).toBe('partial');
    expect(report.rejected).toBe(2);
    expect(report.rejections[0]!.location).toMatch(/^45-1\/bills\/C-12\/metadata\.xml:\d+:\d+$/);
    expect(report.rejections[0]!.message).toMatch(/malformed XML/);
    expect(report.rejections[1]).toMatchObject({ location: `${C2}#NumberCode`, message: 'no bill number' });
    const [c3] = await database.db.select().from(bills).where(eq(bills.id, billId(FEDERAL_JURISDICTION, '45-1', 'C-3')));
    expect(c3?.identifier).toBe('C-3');
  });

  it('refuses a division published without its totals, and keeps the bill and its other divisions', async () => {
    const path = await tarGz(join(dir, 'c59.tar.gz'), [[C59, real.get(C59)!]]);
    const report = await runImport(database, legisinfoBills, [path]);
    expect(report.status).toBe('partial');
    expect(report.rejections).toEqual([{ location: `${C59}#HouseVoteDetails[4]`, message: 'division without yeas, nays' }]);
    const divisions = await database.db.select({ number: voteEvents.number }).from(voteEvents)
      .where(eq(voteEvents.billId, billId(FEDERAL_JURISDICTION, '42-1', 'C-59')));
    expect(divisions.map((d) => d.number).sort((a, b) => a! - b!)).toEqual([406, 737, 746, 747, 872, 873, 1350, 1351, 1352]);
  });

  it('fails the run, naming the path, when a file does not exist', async () => {
    const missing = join(dir, 'no-such.tar.gz');
    const report = await runImport(database, legisinfoBills, [missing]);
    expect(report.status).toBe('failed');
    expect(report.error).toBe(withoutServerPaths(`${missing}: no such file`));
  });

  it('imports the whole 45-1 session: 185 bills', async () => {
    const report = await runImport(database, legisinfoBills, [session451]);
    expect(report).toMatchObject({ status: 'succeeded', rejected: 0 });
    const [count] = await rows<{ n: number }>(sql`select count(*)::int as n from bills where session_id = ${`${FEDERAL_JURISDICTION}/45-1`}`);
    expect(count!.n).toBe(185);
    const [c12] = await database.db.select().from(bills).where(eq(bills.id, C12_ID));
    expect(c12).toMatchObject({ royalAssentDate: '2026-03-26', sponsorPersonId: personId('parl-person-id', 89449) });
    const assent = await database.db.select().from(billActions)
      .where(and(eq(billActions.billId, C12_ID), sql`${billActions.classification} @> '["royal-assent"]'::jsonb`));
    expect(assent).toHaveLength(1);
    expect(assent[0]!.date).toBe('2026-03-26');

    const again = await runImport(database, legisinfoBills, [session451]);
    expect(again).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0 });
  });
});

describe('same-day stage order, over every bill of the shared tarball', () => {
  it('never puts a step the source gives no time before a step the bill passed earlier that day, and leaves no markup in titles', async () => {
    const rejected: Rejection[] = [];
    const ctx = { provenance: () => [], reject: (r: Rejection) => rejected.push(r) };
    let read = 0;
    let refused = 0;
    let crossChamberDays = 0;
    const misplaced: string[] = [];
    const marked: string[] = [];
    let c62: string | null = null;
    for await (const { name, content } of readTarEntries(TARBALL)) {
      if (!name.endsWith('/metadata.xml')) continue;
      const record = readEntry(ctx, TARBALL, name, content);
      if (!record) {
        refused++;
        continue;
      }
      read++;
      // The bill's own sequence: the chamber it started in, then the other, then royal assent.
      const first = record.bill.originatingChamber ?? 'lower';
      const rank = (chamber: string | null | undefined) => (chamber === 'executive' ? 2 : chamber === first ? 0 : 1);
      const actions = [...record.actions].sort((a, b) => a.order - b.order);
      const days = new Set<string>();
      actions.forEach((a, i) => actions.slice(i + 1).filter((b) => b.date === a.date).forEach((b) => {
        if (a.chamber !== b.chamber) days.add(a.date!);
        const untimedTooEarly = !a.time && rank(a.chamber) > rank(b.chamber);
        const timesReversed = a.time && b.time && a.time > b.time;
        if (untimedTooEarly || timesReversed) misplaced.push(`${name}: ${a.date} "${a.descriptionEn}" (${a.chamber} ${a.time ?? 'no time'}) before "${b.descriptionEn}" (${b.chamber} ${b.time ?? 'no time'})`);
      }));
      crossChamberDays += days.size;
      const { titleEn, titleFr, shortTitleEn, shortTitleFr } = record.bill;
      for (const title of [titleEn, titleFr, shortTitleEn, shortTitleFr]) if (title && /<\/?[a-z][^>]*>/i.test(title)) marked.push(`${name}: ${title}`);
      if (name === '44-1/bills/C-62/metadata.xml') c62 = titleFr ?? null;
    }
    console.log(`${read} bills read; ${crossChamberDays} days with steps of two chambers checked; ${misplaced.length} misplaced`);
    expect({ read, refused }).toEqual({ read: 6229, refused: 0 });
    expect(crossChamberDays).toBeGreaterThan(170);
    expect(misplaced).toEqual([]);
    // Titles come as text, like summaries: no markup left in any of them.
    expect(marked).toEqual([]);
    expect(c62).toBe('Loi no 2 modifiant la Loi modifiant le Code criminel (aide médicale à mourir)');
  }, 300_000);
});
