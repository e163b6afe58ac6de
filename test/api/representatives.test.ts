/**
 * Find my representative (src/api/routes/representatives.ts) on real House members and real municipal
 * councils: suggestions as one types a riding, a municipality or a name, and the answer for a place at
 * each level the data holds.
 */
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { legislatureOn } from '../../src/domain/legislatures.js';
import { municipal } from '../../src/ingest/municipal.js';
import { ourcommonsMembers } from '../../src/ingest/ourcommons-members.js';
import { testApi } from '../support/api.js';
import { SHARED_DATA } from '../support/db.js';
import { importSteps } from '../support/imports.js';

// Counts how often the routes date a seat by its legislature.
vi.mock('../../src/domain/legislatures.js', async (actual) => {
  const real = await actual<typeof import('../../src/domain/legislatures.js')>();
  return { ...real, legislatureOn: vi.fn(real.legislatureOn) };
});

const api = testApi(async (database) => {
  await importSteps(database, [
    [ourcommonsMembers, [join(SHARED_DATA, 'ourcommons-44')]],
    [municipal, [join(SHARED_DATA, 'municipal/toronto.csv'), join(SHARED_DATA, 'municipal/guelph.csv'), join(SHARED_DATA, 'municipal/montreal.csv')]],
  ]);
});
const { get } = api;

interface Suggestion { kind: string; name: string; level: string | null; detail: { en: string | null; fr: string | null } | null; person_id: string | null }
interface Answer {
  place: string;
  levels: { level: string; jurisdiction: { id: string; name: { en: string | null; fr: string | null } }; district: string | null; current: boolean; representatives: { id: string; name: string }[] }[];
}

const suggest = async (q: string) => ((await get(`/api/v1/places?q=${encodeURIComponent(q)}`)).json() as { results: Suggestion[] }).results;
const answer = async (place: string) => (await get(`/api/v1/representatives?place=${encodeURIComponent(place)}`)).json() as Answer;

describe('GET /api/v1/places', () => {
  it('suggests the riding as one types its first letters, with the legislature it belongs to', async () => {
    const results = await suggest('carle');
    expect(results[0]).toMatchObject({ kind: 'district', name: 'Carleton', level: 'federal', person_id: null });
    expect(results[0]!.detail).toEqual({ en: 'Parliament of Canada', fr: 'Parlement du Canada' });
  });

  it('suggests a municipality, and people by name, ignoring case and accents', async () => {
    expect(await suggest('GUELPH')).toContainEqual(expect.objectContaining({ kind: 'municipality', name: 'Guelph', level: 'municipal' }));
    const byName = await suggest('poilievre');
    expect(byName).toContainEqual(expect.objectContaining({ kind: 'person', name: expect.stringMatching(/Poilievre/) }));
    expect(byName.find((s) => s.kind === 'person')!.person_id).toMatch(/^ocd-person\//);
    expect((await suggest('zzzzzz'))).toEqual([]);
    expect((await suggest('quebec')).map((s) => s.name).join(' ')).toMatch(/Québec|Quebec/);
  });

  it('dates each riding of each legislature once while choosing the seats it suggests', async () => {
    const [seats] = await api.database.rows<{ n: number }>(sql`select count(distinct (m.district, o.jurisdiction_id))::int as n
      from memberships m inner join organizations o on o.id = m.organization_id
      where o.classification in ('lower', 'upper', 'legislature', 'council') and m.district is not null`);
    vi.mocked(legislatureOn).mockClear();
    expect((await suggest('zzzzzz'))).toEqual([]);
    expect(seats!.n).toBeGreaterThan(300);
    expect(vi.mocked(legislatureOn)).toHaveBeenCalledTimes(seats!.n);
  });

  it('answers at most ten, and refuses text with nothing to search for', async () => {
    expect((await suggest('a')).length).toBeLessThanOrEqual(10);
    expect((await get('/api/v1/places?q=%25%25')).statusCode).toBe(400);
    expect((await get('/api/v1/places')).statusCode).toBe(400);
  });
});

describe('GET /api/v1/representatives', () => {
  it('answers a riding with its last member of Parliament, saying the 44th Parliament has ended and the 45th is not in the data', async () => {
    const { levels } = await answer('carleton');
    expect(levels).toHaveLength(1);
    expect(levels[0]).toMatchObject({
      level: 'federal', district: 'Carleton', current: false,
      legislature: { number: 44, name: { en: '44th Parliament', fr: '44e législature' }, start_date: '2021-09-20', end_date: '2025-03-23' },
      next_legislature: { number: 45, name: { en: '45th Parliament', fr: '45e législature' }, end_date: null },
    });
    expect(levels[0]!.representatives.map((p) => p.name)).toEqual([expect.stringMatching(/Poilievre/)]);
    expect(levels[0]!.representatives[0]).toMatchObject({ current_role: null, latest_seat: { title: 'MP for Carleton', end_date: '2025-03-23', current: false } });
  });

  it('answers a place named after a municipality with its MP and the municipal council', async () => {
    const { levels } = await answer('Toronto Centre');
    expect(levels.map((l) => l.level)).toEqual(expect.arrayContaining(['federal', 'municipal']));
    expect(levels[0]!.level).toBe('federal');
    expect(levels[0]).toMatchObject({ current: false, legislature: { number: 44 } });
    const council = levels.find((l) => l.level === 'municipal' && l.district === null)!;
    expect(council.jurisdiction.name.en).toMatch(/Toronto/);
    expect(council).toMatchObject({ current: true, legislature: null, next_legislature: null });
    // Toronto's council: the mayor and 25 councillors (one may be shown for their ward instead).
    const ward = levels.find((l) => l.level === 'municipal' && l.district !== null);
    expect(council.representatives.length + (ward?.representatives.length ?? 0)).toBeGreaterThanOrEqual(20);
  });

  it('takes a riding\'s dash as a city\'s hyphen, and answers a ward with its councillor and the council it sits on', async () => {
    const { levels } = await answer('Scarborough–Agincourt');
    expect(levels.map((l) => [l.level, l.district === null ? null : 'district'])).toEqual([['federal', 'district'], ['municipal', 'district'], ['municipal', null]]);
    expect(levels[1]!.jurisdiction.name.en).toMatch(/Toronto/);
    expect(levels[1]!.representatives).toHaveLength(1);
    expect(levels.map((l) => l.current)).toEqual([false, true, true]);
    expect(levels[2]!.representatives.map((p) => p.id)).not.toContain(levels[1]!.representatives[0]!.id);
  });

  it('names the council and its jurisdiction in both languages where the source gives both (Montréal), in English alone where it does not (Guelph)', async () => {
    const montreal = (await answer('Montréal')).levels.find((l) => l.level === 'municipal' && l.district === null)!;
    expect(montreal.jurisdiction.name).toEqual({ en: 'City of Montréal', fr: 'Ville de Montréal' });
    const councils = (montreal.representatives as unknown as { memberships: { organization: { name: unknown } }[] }[])
      .flatMap((p) => p.memberships.map((m) => m.organization.name));
    // The city council and the borough councils its members also sit on: each named in both languages.
    expect(councils).toContainEqual({ en: 'Montréal City Council', fr: 'Conseil municipal de Montréal' });
    expect(councils).toContainEqual({ en: 'Anjou Borough Council', fr: 'Conseil d\'arrondissement (Anjou)' });
    expect((await suggest('montr')).find((s) => s.kind === 'municipality')!.detail).toEqual({ en: 'City of Montréal', fr: 'Ville de Montréal' });
    expect((await answer('guelph')).levels.find((l) => l.district === null)!.jurisdiction.name).toEqual({ en: 'City of Guelph', fr: null });
  });

  it('answers a municipality with its council, and a place with no one with no level', async () => {
    const guelph = await answer('guelph');
    expect(guelph.levels.map((l) => [l.level, l.district])).toContainEqual(['municipal', null]);
    expect((await answer('Nowhere at all')).levels).toEqual([]);
  });
});
