import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { voteEvents } from '../../src/db/schema.js';
import { billId, FEDERAL_JURISDICTION, sessionId, voteEventId } from '../../src/domain/ids.js';
import { ourcommonsDivisions } from '../../src/ingest/ourcommons-divisions.js';
import { HOUSE_OF_COMMONS } from '../../src/ingest/reference.js';
import { runImport, type RunReport } from '../../src/ingest/runner.js';
import { SHARED_DATA, testDatabase, type TestDatabase } from '../support/db.js';
import { withoutServerPaths } from '../../src/domain/text.js';

const FOLDER = join(SHARED_DATA, 'ourcommons-44');
const FILE = join(FOLDER, 'divisions-44-1.csv');
const LINES = readFileSync(FILE, 'utf8').split('\n');
const DIVISION_332 = voteEventId(FEDERAL_JURISDICTION, '44-1', 332);

describe('ourcommons-divisions importer (divisions-44-1.csv)', () => {
  let database: TestDatabase;
  let first: RunReport;
  let tmp: string;

  beforeAll(async () => {
    database = await testDatabase();
    tmp = mkdtempSync(join(tmpdir(), 'divisions-'));
    first = await runImport(database, ourcommonsDivisions, [FILE]);
  });
  afterAll(async () => {
    await database.drop();
    rmSync(tmp, { recursive: true, force: true });
  });

  const count = async (query: ReturnType<typeof sql>) => (await database.rows<{ n: number }>(query))[0]!.n;
  const division332 = async () => (await database.db.select().from(voteEvents).where(eq(voteEvents.id, DIVISION_332)))[0]!;

  it('imports all 408 divisions of session 44-1 in the House of Commons', async () => {
    expect(first).toMatchObject({ status: 'succeeded', inserted: 408, rejected: 0 });
    expect(await count(sql`select count(*)::int as n from vote_events
      where session_id = ${sessionId(FEDERAL_JURISDICTION, '44-1')} and organization_id = ${HOUSE_OF_COMMONS}`)).toBe(408);
    expect(await count(sql`select count(*)::int as n from vote_events where result = 'pass'`)).toBe(295);
    expect(await count(sql`select count(*)::int as n from vote_events where result = 'fail'`)).toBe(113);
    expect(await count(sql`select count(*)::int as n from vote_events where bill_identifier is not null`)).toBe(237);
    expect(await count(sql`select min(number)::int * 1000 + max(number)::int as n from vote_events`)).toBe(1 * 1000 + 408);
  });

  it('records division 332 of 2023-05-18 on Bill C-21: 110 yeas, 209 nays, 4 paired', async () => {
    const division = await division332();
    expect(division).toMatchObject({
      identifier: '332',
      number: 332,
      startDate: '2023-05-18',
      result: 'fail',
      yesCount: 110,
      noCount: 209,
      pairedCount: 4,
      billIdentifier: 'C-21',
      billId: billId(FEDERAL_JURISDICTION, '44-1', 'C-21'),
    });
    expect(division.motionTextEn).toMatch(/^Bill C-21, An Act to amend certain Acts .*\(recommittal to a committee\)$/);
    expect(division.sources[0]).toMatchObject({ source: 'ourcommons-divisions', file: 'ourcommons-44/divisions-44-1.csv', url: 'https://www.ourcommons.ca/Members/en/votes/44/1/332' });
  });

  it('changes nothing on a second import, from the file or its folder', async () => {
    expect(await runImport(database, ourcommonsDivisions, [FILE])).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: 408 });
    expect(await runImport(database, ourcommonsDivisions, [FOLDER])).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: 408 });
  });

  it('only ensures: a division another source wrote keeps its content', async () => {
    await database.db.update(voteEvents).set({ motionTextEn: 'as LEGISinfo has it' }).where(eq(voteEvents.id, DIVISION_332));
    expect(await runImport(database, ourcommonsDivisions, [FILE])).toMatchObject({ inserted: 0, updated: 0, unchanged: 408 });
    expect((await division332()).motionTextEn).toBe('as LEGISinfo has it');
  });

  it('rejects a row with a bad division number or date at its line and keeps the others', async () => {
    // Line 2 is division 408, line 3 division 407 (1-based, header on line 1).
    const broken = [...LINES];
    broken[1] = broken[1]!.replace(',408,', ',four hundred eight,');
    broken[2] = broken[2]!.replace('2023-06-22 00:05:00', '2023-02-30 00:05:00');
    const file = join(tmp, 'divisions-44-1.csv');
    writeFileSync(file, broken.join('\n'));
    const report = await runImport(database, ourcommonsDivisions, [file]);
    expect(report).toMatchObject({ status: 'partial', rejected: 2, inserted: 0, unchanged: 406 });
    expect(report.rejections.map((r) => [r.location, r.message])).toEqual([
      [withoutServerPaths(`${file}:2`), 'malformed division number "four hundred eight"'],
      [withoutServerPaths(`${file}:3`), 'malformed date "2023-02-30 00:05:00"'],
    ]);
  });

  it('fails naming the column when a required one is missing', async () => {
    const header = LINES[0]!.split(',');
    const drop = header.indexOf('"DecisionDivisionNumber"');
    const file = join(tmp, 'no-number.csv');
    writeFileSync(file, LINES.map((l) => l.split(',').filter((_, i) => i !== drop).join(',')).join('\n'));
    const report = await runImport(database, ourcommonsDivisions, [file]);
    expect(report.status).toBe('failed');
    expect(report.error).toContain('missing column "DecisionDivisionNumber"');
  });

  it('fails on a path that does not exist', async () => {
    const report = await runImport(database, ourcommonsDivisions, [join(tmp, 'divisions-99-9.csv')]);
    expect(report.status).toBe('failed');
    expect(report.error).toContain('no such file');
  });
});
