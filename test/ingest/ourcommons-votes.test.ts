import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { voteEvents, votes } from '../../src/db/schema.js';
import { billId, FEDERAL_JURISDICTION, voteEventId } from '../../src/domain/ids.js';
import { hansard } from '../../src/ingest/hansard.js';
import { ourcommonsMembers } from '../../src/ingest/ourcommons-members.js';
import { ourcommonsVotes } from '../../src/ingest/ourcommons-votes.js';
import { runImport, type RunReport } from '../../src/ingest/runner.js';
import { SHARED_DATA, testDatabase, type TestDatabase } from '../support/db.js';
import { byVoter, divisionListXml, storedBallots, voteParticipantsXml, type StoredBallot } from '../support/division-fixtures.js';
import { importSteps } from '../support/imports.js';
import { withoutServerPaths } from '../../src/domain/text.js';

const MEMBERS = join(SHARED_DATA, 'ourcommons-44');
// Two databases loaded with the members and a Hansard sitting: minutes on a busy shared machine.
const SETUP_MS = 600_000;


describe('ourcommons-votes importer (ourcommons.ca division list and VoteParticipant XML)', () => {
  let fromHansard: TestDatabase;
  let database: TestDatabase;
  let tmp: string;
  let list: string;
  const participants: Record<number, string> = {};
  const hansardBallots: Record<number, StoredBallot[]> = {};
  let first: RunReport;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'ourcommons-votes-'));
    // The fixtures are the ballots Hansard printed for divisions 332 and 333 (sitting 200 of 44-1), nothing else.
    fromHansard = await testDatabase();
    await importSteps(fromHansard, [[ourcommonsMembers, [MEMBERS]], [hansard, [join(SHARED_DATA, 'hansard', '44-1-200-en.xml')]]]);
    list = join(tmp, 'votes-en.xml');
    writeFileSync(list, await divisionListXml([332, 333]));
    for (const number of [332, 333]) {
      hansardBallots[number] = await storedBallots(fromHansard, number);
      participants[number] = join(tmp, `44-1-${number}.xml`);
      writeFileSync(participants[number]!, await voteParticipantsXml(fromHansard, number));
    }

    database = await testDatabase();
    await importSteps(database, [[ourcommonsMembers, [MEMBERS]]]);
    first = await runImport(database, ourcommonsVotes, [list, participants[332]!, participants[333]!]);
  }, SETUP_MS);
  afterAll(async () => {
    await fromHansard?.drop();
    await database?.drop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('records every ballot of divisions 332 and 333 as the Hansard of the sitting does: member, option, party', async () => {
    expect(first).toMatchObject({ status: 'succeeded', rejected: 0, inserted: 2 + 323 + 324 });
    expect(hansardBallots[332]).toHaveLength(323);
    expect(hansardBallots[333]).toHaveLength(324);
    for (const number of [332, 333]) expect(byVoter(await storedBallots(database, number))).toEqual(byVoter(hansardBallots[number]!));
  });

  it('prints voters by surname, with the riding where two voting members share it, as Hansard does', async () => {
    const names = (await storedBallots(database, 332)).map((b) => b.voter_name);
    expect(names).toEqual(expect.arrayContaining(['Aboultaif', "d'Entremont", 'Falk (Battlefords—Lloydminster)', 'Falk (Provencher)']));
    // Hansard also qualifies look-alike surnames (McKinnon beside MacKinnon); those are the only differences.
    const hansardNames = new Set(hansardBallots[332]!.map((b) => b.voter_name));
    const different = names.filter((n) => !hansardNames.has(n));
    expect(different.length).toBeLessThan(20);
    for (const name of different) expect([...hansardNames].some((h) => h.startsWith(`${name} (`))).toBe(true);
  });

  it('adds nothing to the ballots Hansard stored: the same members keep Hansard\'s names', async () => {
    const report = await runImport(fromHansard, ourcommonsVotes, [list, participants[332]!, participants[333]!]);
    expect(report).toMatchObject({ status: 'succeeded', rejected: 0, inserted: 0, updated: 0 });
    for (const number of [332, 333]) expect(await storedBallots(fromHansard, number)).toEqual(hansardBallots[number]);
  });

  it('stores each division of the list with its published totals, subject, bill and the URL-less provenance of its file', async () => {
    const [division] = await database.db.select().from(voteEvents).where(eq(voteEvents.id, voteEventId(FEDERAL_JURISDICTION, '44-1', 332)));
    expect(division).toMatchObject({
      number: 332, startDate: '2023-05-18', result: 'fail', yesCount: 110, noCount: 209, pairedCount: 4,
      billIdentifier: 'C-21', billId: billId(FEDERAL_JURISDICTION, '44-1', 'C-21'),
    });
    expect(division!.motionTextEn).toMatch(/^Bill C-21, An Act to amend certain Acts/);
    expect(division!.sources[0]).toMatchObject({ source: 'ourcommons-votes', file: withoutServerPaths(list), location: 'Vote[2]' });
  });

  it('imports the same files a second time as unchanged', async () => {
    const again = await runImport(database, ourcommonsVotes, [list, participants[332]!, participants[333]!]);
    expect(again).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: 2 + 323 + 324 });
  });

  it('checks ballots without a list against the totals already stored', async () => {
    const alone = await runImport(database, ourcommonsVotes, [participants[333]!]);
    expect(alone).toMatchObject({ status: 'succeeded', rejected: 0, unchanged: 324 });
  });

  it('rejects a division whose ballots do not add up to its published totals, and keeps the ballots it had', async () => {
    const tampered = join(tmp, 'tampered-332.xml');
    const xml = (await voteParticipantsXml(fromHansard, 332)).replace('<IsVoteYea>true</IsVoteYea>\n    <IsVoteNay>false</IsVoteNay>',
      '<IsVoteYea>false</IsVoteYea>\n    <IsVoteNay>true</IsVoteNay>');
    writeFileSync(tampered, xml);
    const report = await runImport(database, ourcommonsVotes, [list, tampered]);
    expect(report).toMatchObject({ status: 'partial', rejected: 1 });
    expect(report.rejections[0]).toEqual({
      location: withoutServerPaths(`${tampered}#ArrayOfVoteParticipant`),
      message: 'the ballots (109 yea, 210 nay, 4 paired) do not add up to the published totals of division 44-1 No. 332 (110 yea, 209 nay, 4 paired); none recorded',
    });
    expect(byVoter(await storedBallots(database, 332))).toEqual(byVoter(hansardBallots[332]!));
  });

  it('keeps each division\'s stored ballot count exact through every write: imports, a re-import, a delete', async () => {
    const id = voteEventId(FEDERAL_JURISDICTION, '44-1', 332);
    const stored = async () => (await database.db.select({ n: voteEvents.ballotCount }).from(voteEvents).where(eq(voteEvents.id, id)))[0]!.n;
    /** Divisions whose stored count differs from their ballots, and how many ballots are counted in all. */
    const audit = async (db: TestDatabase) => db.rows<{ wrong: string[] | null; counted: number }>(sql`select
      array_agg(e.id) filter (where e.ballot_count <> (select count(*) from votes v where v.vote_event_id = e.id)) as wrong,
      sum(e.ballot_count)::int as counted from vote_events e`);
    // Hansard's ballots (the other database), then these files' over them.
    expect(await audit(fromHansard)).toEqual([{ wrong: null, counted: 323 + 324 }]);
    expect(await audit(database)).toEqual([{ wrong: null, counted: 323 + 324 }]);
    await database.db.delete(votes).where(and(eq(votes.voteEventId, id), eq(votes.option, 'paired')));
    expect(await stored()).toBe(323 - 4);
    const again = await runImport(database, ourcommonsVotes, [list, participants[332]!]);
    expect(again).toMatchObject({ status: 'succeeded', inserted: 4 });
    expect(await stored()).toBe(323);
    expect(await audit(database)).toEqual([{ wrong: null, counted: 323 + 324 }]);
  });

  it('rejects ballots of a division with no published totals, and malformed XML with its line', async () => {
    const empty = await testDatabase();
    try {
      const malformed = join(tmp, 'malformed.xml');
      writeFileSync(malformed, '<ArrayOfVoteParticipant>\n  <VoteParticipant>\n</ArrayOfVoteParticipant>\n');
      const unknown = await runImport(empty, ourcommonsVotes, [participants[332]!]);
      // Every record refused: nothing imported is a failed run (src/ingest/runner.ts), named by its first rejection.
      expect(unknown).toMatchObject({ status: 'failed', rejected: 1, inserted: 0 });
      expect(unknown.error).toMatch(/^nothing imported: .*its totals are unknown/);
      expect(unknown.rejections[0]!.message).toBe('division 44-1 No. 332 is in no list given and not stored: its totals are unknown, so its ballots cannot be checked');
      const broken = await runImport(empty, ourcommonsVotes, [malformed]);
      expect(broken.status).toBe('failed');
      expect(broken.error).toMatch(new RegExp(`^${withoutServerPaths(malformed)}:3:\\d+: malformed XML`));
    } finally {
      await empty.drop();
    }
  });
});
