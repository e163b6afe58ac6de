import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personId } from '../../src/domain/ids.js';
import { personNameKey } from '../../src/domain/text.js';
import { districtKey } from '../../src/ingest/federal-districts.js';
import { recordKey, resolveRecords } from '../../src/ingest/identity.js';
import { hansard } from '../../src/ingest/hansard.js';
import { legisinfoBills } from '../../src/ingest/legisinfo-bills.js';
import { openparliament } from '../../src/ingest/openparliament.js';
import { ourcommonsMembers } from '../../src/ingest/ourcommons-members.js';
import { HOUSE_OF_COMMONS } from '../../src/ingest/reference.js';
import { runImport } from '../../src/ingest/runner.js';
import { peopleStatus } from '../../src/ingest/status.js';
import { SHARED_DATA, testDatabase, type TestDatabase } from '../support/db.js';
import { importSteps, type ImportStep } from '../support/imports.js';
import { legisinfoBillFiles } from '../support/legisinfo.js';

const OPENPARLIAMENT: ImportStep = [openparliament, [join(SHARED_DATA, 'openparliament-fixtures')]];
const MEMBERS: ImportStep = [ourcommonsMembers, [join(SHARED_DATA, 'ourcommons-44')]];
// One 42-1 division is published without its totals: the run is partial for that, not for people.
const ALL_BILLS: ImportStep = [legisinfoBills, [join(SHARED_DATA, 'legisinfo', 'bills-metadata.tar.gz')], 'partial'];
const HANSARD: ImportStep = [hansard, [join(SHARED_DATA, 'hansard')]];

// The whole tarball: minutes on the embedded database.
const WHOLE_TARBALL_MS = 600_000;

interface RecordRow { source: string; source_key: string; person_id: string; name: string; other_identifiers: { scheme: string; identifier: string }[]; seats: { organization: string; district: string }[] }

describe('one person, one record across openparliament, ourcommons-members and LEGISinfo', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await testDatabase();
    await importSteps(database, [OPENPARLIAMENT, MEMBERS, ALL_BILLS, HANSARD]);
  }, WHOLE_TARBALL_MS);
  afterAll(async () => {
    await database.drop();
  });

  const records = () => database.rows<RecordRow & Record<string, unknown>>(sql`
    SELECT source, source_key, person_id, name, other_identifiers, seats FROM person_records`);

  it('gives no two people the same House PersonId or openparliament id', async () => {
    const shared = await database.rows(sql`
      SELECT i->>'scheme' AS scheme, i->>'identifier' AS identifier, count(DISTINCT p.id)::int AS people
      FROM people p, jsonb_array_elements(p.other_identifiers) i
      WHERE i->>'scheme' IN ('parl-person-id', 'openparliament-politician')
      GROUP BY 1, 2 HAVING count(DISTINCT p.id) > 1`);
    expect(shared).toEqual([]);
    // The 44th Parliament's members from the House files and the openparliament politicians are partly the same people.
    const [both] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM people
      WHERE other_identifiers @> '[{"scheme": "parl-person-id"}]' AND other_identifiers @> '[{"scheme": "openparliament-politician"}]'`);
    console.log(`people known both by a House PersonId and an openparliament id: ${both!.n}`);
    expect(both!.n).toBeGreaterThan(19);
  });

  it('gives no two people the same name, riding and overlapping House term', async () => {
    const seats = await database.rows<{ person_id: string; name: string; district: string; start_date: string; end_date: string | null }>(sql`
      SELECT m.person_id, p.name, m.district, m.start_date::text, m.end_date::text
      FROM memberships m JOIN people p ON p.id = m.person_id WHERE m.organization_id = ${HOUSE_OF_COMMONS}`);
    const bySeat = new Map<string, typeof seats>();
    for (const s of seats) {
      const key = `${personNameKey(s.name)}|${districtKey(s.district)}`;
      bySeat.set(key, [...(bySeat.get(key) ?? []), s]);
    }
    const clashes = [...bySeat.values()].flatMap((same) => same.flatMap((a) => same.filter((b) => a.person_id < b.person_id
      && a.start_date <= (b.end_date ?? '9999') && b.start_date <= (a.end_date ?? '9999'))));
    expect(clashes).toEqual([]);
  });

  const house = (id: string) => database.rows<{ start_date: string; end_date: string | null; district: string }>(sql`
    SELECT start_date::text, end_date::text, district FROM memberships
    WHERE person_id = ${id} AND organization_id = ${HOUSE_OF_COMMONS} ORDER BY start_date`);
  const sponsored = async (id: string) => (await database.rows<{ b: string }>(sql`
    SELECT s.identifier || ' ' || b.identifier AS b FROM bills b JOIN legislative_sessions s ON s.id = b.session_id
    WHERE b.sponsor_person_id = ${id} ORDER BY 1`)).map((r) => r.b);

  it('makes Hedy Fry one record with her openparliament and 44th Parliament terms and her bills', async () => {
    const fry = await database.rows<{ id: string }>(sql`SELECT id FROM people WHERE name = 'Hedy Fry'`);
    expect(fry).toEqual([{ id: personId('parl-person-id', 1589) }]);
    expect(await house(fry[0]!.id)).toEqual([
      { start_date: '1994-01-17', end_date: '2011-03-26', district: 'Vancouver Centre' },
      { start_date: '2021-09-20', end_date: '2025-03-23', district: 'Vancouver Centre' },
    ]);
    expect(await sponsored(fry[0]!.id)).toEqual(expect.arrayContaining(['39-1 C-412', '40-3 C-289']));
  });

  it('makes Bernard Généreux one record with both his terms for Montmagny—L\'Islet—Kamouraska—Rivière-du-Loup', async () => {
    const genereux = await database.rows<{ id: string }>(sql`SELECT id FROM people WHERE search_name LIKE 'bernard genereux%'`);
    expect(genereux).toEqual([{ id: personId('parl-person-id', 63908) }]);
    expect((await house(genereux[0]!.id)).map((t) => t.start_date)).toEqual(['2009-11-10', '2021-09-20']);
    expect(await sponsored(genereux[0]!.id)).toContain('44-1 C-351');
  });

  it('makes Michael D. Chong (the House list) and Michael Chong (openparliament, Hansard) of Wellington—Halton Hills one record', async () => {
    const chong = await database.rows<{ id: string }>(sql`SELECT id FROM people WHERE search_name LIKE '%chong%'`);
    expect(chong).toEqual([{ id: personId('parl-person-id', 25488) }]);
    expect((await house(chong[0]!.id)).map((t) => t.start_date)).toEqual(['2004-10-04', '2021-09-20']);
  });

  it('makes Megan Anissa Leslie (LEGISinfo) and Megan Leslie (Hansard) of Halifax one record, with her speeches', async () => {
    const leslie = await database.rows<{ source: string; person_id: string }>(sql`
      SELECT DISTINCT source, person_id FROM person_records WHERE name IN ('Megan Anissa Leslie', 'Megan Leslie') ORDER BY source`);
    expect(leslie.map((r) => r.source)).toEqual(['hansard', 'legisinfo-bills']);
    expect(new Set(leslie.map((r) => r.person_id))).toEqual(new Set([personId('parl-person-id', 58550)]));
    const [speeches] = await database.rows<{ printed: number; hers: number }>(sql`SELECT count(*)::int AS printed,
      count(*) FILTER (WHERE person_id = ${personId('parl-person-id', 58550)})::int AS hers FROM speeches WHERE speaker_name LIKE '%Megan Leslie%'`);
    expect(speeches!.printed).toBeGreaterThan(0);
    expect(speeches!.hers).toBe(speeches!.printed);
  });

  it('resolves every LEGISinfo sponsor that another source knows to that person', async () => {
    const all = await records();
    const others = all.filter((r) => r.source !== 'legisinfo-bills');
    const candidates = new Set((await database.rows<{ person_id: string; other_person_id: string }>(sql`
      SELECT person_id, other_person_id FROM person_candidates`)).flatMap((c) => [`${c.person_id}|${c.other_person_id}`, `${c.other_person_id}|${c.person_id}`]));
    const byId = new Map<string, RecordRow[]>();
    const bySeat = new Map<string, RecordRow[]>();
    for (const r of others) {
      for (const i of r.other_identifiers) if (i.scheme === 'parl-person-id') byId.set(i.identifier, [...(byId.get(i.identifier) ?? []), r]);
      for (const s of r.seats) {
        const key = `${personNameKey(r.name)}|${districtKey(s.district)}`;
        bySeat.set(key, [...(bySeat.get(key) ?? []), r]);
      }
    }
    const sponsors = all.filter((r) => r.source === 'legisinfo-bills');
    let known = 0;
    const elsewhere: string[] = [];
    for (const sponsor of sponsors) {
      const matches = [
        ...sponsor.other_identifiers.flatMap((i) => byId.get(i.identifier) ?? []),
        ...sponsor.seats.flatMap((s) => bySeat.get(`${personNameKey(sponsor.name)}|${districtKey(s.district)}`) ?? []),
      ].filter((m) => !candidates.has(`${m.person_id}|${sponsor.person_id}`));
      if (matches.length > 0) known++;
      for (const m of matches) if (m.person_id !== sponsor.person_id) elsewhere.push(`${sponsor.source_key} → ${m.source} ${m.source_key}`);
    }
    console.log(`LEGISinfo sponsor records: ${sponsors.length}, known to another source: ${known}`);
    expect(known).toBeGreaterThan(200);
    expect(elsewhere).toEqual([]);
    // Every bill's sponsor is a person, never a placeholder beside them.
    const [dangling] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM bills b
      WHERE b.sponsor_name IS NOT NULL AND NOT EXISTS (SELECT 1 FROM people p WHERE p.id = b.sponsor_person_id)`);
    expect(dangling!.n).toBe(0);
  });

  it('links at least 95% of the member interventions of every shared Hansard sitting to a person', async () => {
    const sittings = await database.rows<{ date: string; title: string; file: string; spoken: number; linked: number }>(sql`
      SELECT d.date::text, d.title, min(s.sources->0->>'file') AS file,
        count(*) FILTER (WHERE s.speaker_role IN ('member', 'presiding_officer'))::int AS spoken,
        count(s.person_id) FILTER (WHERE s.speaker_role IN ('member', 'presiding_officer'))::int AS linked
      FROM debates d JOIN speeches s ON s.debate_id = d.id GROUP BY d.id ORDER BY d.date, d.title`);
    console.log(sittings.map((r) => `${r.date} ${r.title} (${r.file}): ${r.linked}/${r.spoken} = ${(100 * r.linked / r.spoken).toFixed(1)}%`).join('\n'));
    expect(sittings.length).toBeGreaterThanOrEqual(10);
    for (const r of sittings) expect(r.linked / r.spoken, `${r.date} ${r.title}`).toBeGreaterThanOrEqual(0.95);
  });

  it('resolves the chair by its occupant on the date, and leaves witnesses unlinked but labelled', async () => {
    const chair = await database.rows<{ date: string; speaker_name: string; name: string }>(sql`
      SELECT DISTINCT d.date::text, s.speaker_name, p.name FROM speeches s JOIN debates d ON d.id = s.debate_id JOIN people p ON p.id = s.person_id
      WHERE s.speaker_role = 'presiding_officer' AND s.speaker_name IN ('The Deputy Speaker', 'The Deputy Chair', 'The Assistant Deputy Chair')
      ORDER BY 1, 2, 3`);
    expect(chair).toEqual([
      { date: '2014-05-14', speaker_name: 'The Assistant Deputy Chair', name: 'Bruce Stanton' },
      { date: '2014-05-14', speaker_name: 'The Deputy Chair', name: 'Barry Devolin' },
      { date: '2014-05-14', speaker_name: 'The Deputy Speaker', name: 'Joe Comartin' },
      { date: '2014-06-12', speaker_name: 'The Deputy Speaker', name: 'Joe Comartin' },
      { date: '2021-11-26', speaker_name: 'The Deputy Speaker', name: "Chris d'Entremont" },
      { date: '2023-05-18', speaker_name: 'The Deputy Speaker', name: "Chris d'Entremont" },
    ]);
    const witnesses = await database.rows<{ n: number; linked: number }>(sql`
      SELECT count(*)::int AS n, count(person_id)::int AS linked FROM speeches WHERE speaker_role = 'witness'`);
    expect(witnesses[0]!.n).toBeGreaterThan(50);
    expect(witnesses[0]!.linked).toBe(0);
  });

  it('lists people who may be one but share no identifier or riding, instead of merging them', async () => {
    const rows = await database.rows<{ name: string; reason: string }>(sql`SELECT name, reason FROM person_candidates ORDER BY name`);
    console.log('candidates:', rows.map((r) => `${r.name} (${r.reason})`).join('; '));
    // Sylvie Boucher sat for Beauport—Limoilou (openparliament) and later for Beauport—Côte-de-Beaupré—… (LEGISinfo): no source ties them.
    expect(rows).toContainEqual({ name: 'sylvie boucher', reason: 'same name, no shared identifier or riding' });
    const status = await peopleStatus(database);
    const [noTerm] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM people p
      WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = p.id)`);
    expect(status).toEqual({ people: expect.any(Number), without_term: noTerm!.n, candidates: rows.length });
    expect(status.without_term).toBeGreaterThan(0);
  });

});

describe('person resolution is independent of import order', () => {
  const bills: ImportStep = [legisinfoBills, legisinfoBillFiles(['39-1', '40-3', '44-1'])];
  const orders: ImportStep[][] = [[OPENPARLIAMENT, MEMBERS, bills], [bills, MEMBERS, OPENPARLIAMENT]];

  it('gives the same people, memberships and sponsors whichever source comes first', async () => {
    const snapshots: unknown[] = [];
    for (const order of orders) {
      const database = await testDatabase();
      try {
        await importSteps(database, order);
        // A second import of any source changes nothing, whoever it resolved its people to.
        for (const [importer, paths] of order) {
          expect(await runImport(database, importer, [...paths]), importer.source).toMatchObject({ inserted: 0, updated: 0 });
        }
        snapshots.push({
          people: await database.rows(sql`SELECT id, name, image, search_name,
            (SELECT jsonb_agg(i ORDER BY i::text) FROM jsonb_array_elements(other_identifiers) i) AS ids FROM people ORDER BY id`),
          memberships: await database.rows(sql`SELECT id, person_id FROM memberships ORDER BY id`),
          sponsors: await database.rows(sql`SELECT id, sponsor_person_id FROM bills ORDER BY id`),
          candidates: await database.rows(sql`SELECT person_id, other_person_id, reason FROM person_candidates ORDER BY 1, 2`),
        });
      } finally {
        await database.drop();
      }
    }
    expect(snapshots[1]).toEqual(snapshots[0]);
  }, WHOLE_TARBALL_MS);

  it('groups records the same way whatever order they are given in', () => {
    const seat = (district: string) => ({ organization: HOUSE_OF_COMMONS, district });
    const given = [
      { source: 'openparliament', sourceKey: 'op:1', personId: null, name: 'Ann Example', otherNames: [], otherIdentifiers: [{ scheme: 'openparliament-politician', identifier: '1' }], seats: [seat('Here—There')] },
      { source: 'legisinfo-bills', sourceKey: 'a', personId: null, name: 'Hon. Ann Example', otherNames: [], otherIdentifiers: [{ scheme: 'parl-person-id', identifier: '7' }], seats: [seat('Here--There')] },
      { source: 'ourcommons-members', sourceKey: 'b', personId: null, name: 'Ann Example', otherNames: [], otherIdentifiers: [{ scheme: 'parl-person-id', identifier: '7' }], seats: [seat('Elsewhere')] },
      // Same name and riding, another PersonId: a candidate, not a merge.
      { source: 'legisinfo-bills', sourceKey: 'c', personId: null, name: 'Ann Example', otherNames: [], otherIdentifiers: [{ scheme: 'parl-person-id', identifier: '8' }], seats: [seat('Here—There')] },
    ];
    const forward = resolveRecords(given);
    const backward = resolveRecords([...given].reverse());
    expect([...backward.personOf].sort()).toEqual([...forward.personOf].sort());
    expect(new Set(given.slice(0, 3).map((r) => forward.personOf.get(recordKey(r))))).toEqual(new Set([personId('parl-person-id', 7)]));
    expect(forward.personOf.get(recordKey(given[3]!))).toBe(personId('parl-person-id', 8));
    expect(forward.candidates).toEqual([{
      personId: [personId('parl-person-id', 7), personId('parl-person-id', 8)].sort()[0],
      otherPersonId: [personId('parl-person-id', 7), personId('parl-person-id', 8)].sort()[1],
      name: 'ann example',
      reason: 'same name and riding (herethere), different parl-person-id',
    }]);
  });
});
