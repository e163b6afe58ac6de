import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { personId } from '../../src/domain/ids.js';
import { hansard } from '../../src/ingest/hansard.js';
import { legisinfoBills } from '../../src/ingest/legisinfo-bills.js';
import { municipal } from '../../src/ingest/municipal.js';
import { openparliament } from '../../src/ingest/openparliament.js';
import { ourcommonsMembers } from '../../src/ingest/ourcommons-members.js';
import { testApi } from '../support/api.js';
import { SHARED_DATA } from '../support/db.js';
import { legisinfoBillFiles } from '../support/legisinfo.js';
import { importSteps } from '../support/imports.js';
import { announceDataChange } from '../../src/store/data-changed.js';

// The House's own member export, read independently of the importer to check the API's figures.
const readCsv = (file: string) => parse(readFileSync(join(SHARED_DATA, 'ourcommons-44', file)), { columns: true }) as Record<string, string>[];
const sitting = (row: Record<string, string>) => row.EndDate === 'NA' || row.EndDate === '';
const currentMembers = readCsv('members_tenure.csv').filter(sitting);
const currentCaucus = (name: string) => readCsv('members_caucus.csv').filter((r) => sitting(r) && r.CaucusShortName === name);

const path = (parlId: number) => `/api/v1/people/${personId('parl-person-id', parlId)}`;
const ANANDASANGAREE = path(89449); // Scarborough—Rouge Park; sponsor of C-12 (45-1)
const HANLEY = path(111109); // Yukon; voted against his party on division 333
const THERIAULT = path(88552); // Montcalm; voted on 333 only
const TRUDEAU = path(58733); // no ballot in either division of 2023-05-18

const api = testApi(async (database) => {
  await importSteps(database, [
    [ourcommonsMembers, [join(SHARED_DATA, 'ourcommons-44')]],
    [legisinfoBills, legisinfoBillFiles(['45-1'])],
    [hansard, [join(SHARED_DATA, 'hansard/44-1-200-en.xml')]],
    [municipal, [join(SHARED_DATA, 'municipal/toronto.csv')]],
    [openparliament, [join(SHARED_DATA, 'openparliament-fixtures')]],
  ]);
  // The lists are walked page by page: more anonymous requests than the default quota allows.
}, { security: { tiers: { anonymous: [{ limit: 1_000_000, windowMs: 60_000 }] } } });
const { get } = api;
const names = (body: { results: { name: string }[] }) => body.results.map((p) => p.name);

interface Listed {
  name: string;
  current_role: unknown;
  latest_seat: { org_classification: string; end_date: string | null; current: boolean; party: { en: string | null } | null; legislature: { number: number } | null } | null;
}
/** Every person of a list, page after page. */
async function everyPage(url: string): Promise<Listed[]> {
  const all: Listed[] = [];
  for (let next: string | null = url; next;) {
    const body = (await get(next)).json() as { results: Listed[]; pagination: { next: string | null } };
    all.push(...body.results);
    next = body.pagination.next;
  }
  return all;
}

describe('GET /api/v1/people', () => {
  it('lists no MP as current: the 44th Parliament ended on 2025-03-23, and its 332 members still sitting then show it as their latest seat', async () => {
    // The export was taken while the 44th sat (EndDate NA); the data holds no member of the 45th.
    expect(currentMembers).toHaveLength(332);
    expect((await get('/api/v1/people?jurisdiction=ca&org_classification=lower')).json().pagination.total_items).toBe(0);
    const members = await everyPage('/api/v1/people?jurisdiction=ca&org_classification=lower&current=false&per_page=100');
    expect(members.every((p) => p.current_role === null)).toBe(true);
    const atDissolution = members.filter((p) => p.latest_seat?.end_date === '2025-03-23');
    expect(atDissolution).toHaveLength(332);
    expect(atDissolution.every((p) => p.latest_seat!.org_classification === 'lower' && p.latest_seat!.current === false && p.latest_seat!.legislature?.number === 44)).toBe(true);
    const [gary] = (await get('/api/v1/people?name=anandasangaree&current=false')).json().results;
    expect(gary).toMatchObject({
      id: personId('parl-person-id', 89449),
      given_name: 'Gary',
      family_name: 'Anandasangaree',
      party: null,
      current_role: null,
      latest_seat: {
        title: 'MP for Scarborough—Rouge Park', org_classification: 'lower', district: 'Scarborough—Rouge Park',
        division_id: 'ocd-division/country:ca/ed:35097-2013', jurisdiction_id: 'ocd-jurisdiction/country:ca/legislature',
        party: { en: 'Liberal Party of Canada', fr: 'Parti libéral du Canada' }, start_date: '2021-09-20', end_date: '2025-03-23', current: false,
        legislature: { number: 44, name: { en: '44th Parliament', fr: '44e législature' }, start_date: '2021-09-20', end_date: '2025-03-23' },
      },
      // His House PersonId, and the affiliation id the Hansard sitting of 2023-05-18 prints beside his name.
      other_identifiers: [{ scheme: 'parl-person-id', identifier: '89449' }, { scheme: 'parl-affiliation-id', identifier: '278190' }],
      url: ANANDASANGAREE,
    });
    expect(gary.sources[0].source).toBe('ourcommons-members');
  });

  it('names organizations as the data stands after each data change: they are kept in memory until then', async () => {
    const party = (url: string) => get(url).then((r) => r.json().results[0].latest_seat.party);
    const url = '/api/v1/people?name=anandasangaree&current=false';
    expect(await party(url)).toEqual({ en: 'Liberal Party of Canada', fr: 'Parti libéral du Canada' });
    const rename = async (fr: string) => {
      await api.database.db.execute(sql`update organizations set name_fr = ${fr} where name = 'Liberal Party of Canada'`);
      await announceDataChange(api.app.store);
    };
    await rename('Parti libéral (renommé)');
    try {
      expect(await party(url)).toEqual({ en: 'Liberal Party of Canada', fr: 'Parti libéral (renommé)' });
      expect((await get(ANANDASANGAREE)).json().latest_seat.party.fr).toBe('Parti libéral (renommé)');
    } finally {
      await rename('Parti libéral du Canada');
    }
    expect(await party(url)).toEqual({ en: 'Liberal Party of Canada', fr: 'Parti libéral du Canada' });
  });

  it('finds names without caring about accents or case', async () => {
    for (const name of ['theriault', 'THÉRIAULT', 'Thériault', 'luc th']) {
      expect(names((await get(`/api/v1/people?name=${encodeURIComponent(name)}&current=false`)).json()), name).toEqual(['Luc Thériault']);
    }
    expect(names((await get(`/api/v1/people?name=${encodeURIComponent('rheal eloi')}&current=false`)).json())).toEqual(['Rhéal Éloi Fortin']);
    // LIKE wildcards in the input are taken literally.
    expect((await get('/api/v1/people?name=%25')).json().pagination.total_items).toBe(0);
  });

  it('filters by party name, abbreviation or id', async () => {
    const bloc = await everyPage(`/api/v1/people?party=${encodeURIComponent('Bloc Québécois')}&current=false&per_page=100`);
    // Every Bloc member of any Parliament; those sitting at the 44th's dissolution are the export's 32.
    const blocAtDissolution = bloc.filter((p) => p.latest_seat?.end_date === '2025-03-23' && p.latest_seat.party?.en === 'Bloc Québécois');
    expect(blocAtDissolution).toHaveLength(currentCaucus('Bloc Québécois').length);
    expect(blocAtDissolution).toHaveLength(32);
    expect((await get('/api/v1/people?party=bq&current=false')).json().pagination.total_items).toBe(bloc.length);
    expect((await get(`/api/v1/people?party=${encodeURIComponent('Bloc Québécois')}`)).json().pagination.total_items).toBe(0);
    const liberal = (await get('/api/v1/people?party=liberal%20party%20of%20canada&current=false&district=Scarborough%E2%80%94Rouge%20Park')).json();
    expect(names(liberal)).toEqual(['Gary Anandasangaree']);
    const detail = (await get(ANANDASANGAREE)).json();
    const partyId = detail.memberships.find((m: { organization: { classification: string } }) => m.organization.classification === 'party').organization.id;
    const liberals = await everyPage(`/api/v1/people?party=${encodeURIComponent(partyId)}&current=false&per_page=100`);
    expect(liberals.filter((p) => p.latest_seat?.end_date === '2025-03-23' && p.latest_seat.party?.en === 'Liberal Party of Canada')).toHaveLength(currentCaucus('Liberal').length);
  });

  it('filters by district name or division id, and by municipal jurisdiction', async () => {
    const byDivision = (await get('/api/v1/people?district=ocd-division/country:ca/ed:35097-2013&current=false')).json();
    expect(names(byDivision)).toEqual(['Gary Anandasangaree']);
    expect((await get('/api/v1/people?district=ocd-division/country:ca/ed:35097-2013')).json().pagination.total_items).toBe(0);
    const toronto = (await get('/api/v1/people?jurisdiction=csd:3520005&per_page=100')).json();
    // 26 rows in toronto.csv, one of them the vacant Scarborough-Rouge Park seat.
    expect(toronto.pagination.total_items).toBe(25);
    const chow = toronto.results.find((p: { name: string }) => p.name === 'Olivia Chow');
    expect(chow.current_role).toMatchObject({ title: 'Mayor', org_classification: 'council', division_id: 'ocd-division/country:ca/csd:3520005' });
    const ward = (await get('/api/v1/people?district=Davenport&org_classification=council')).json();
    expect(names(ward)).toEqual(['Alejandra Bravo']);
  });

  it('current=false adds people with no current membership (sponsors, members who left)', async () => {
    const current = (await get('/api/v1/people')).json().pagination.total_items;
    const everyone = (await get('/api/v1/people?current=false')).json().pagination.total_items;
    const [row] = await api.database.rows<{ n: number }>(sql`select count(*)::int as n from people`);
    expect(everyone).toBe(row!.n);
    expect(everyone).toBeGreaterThan(current);
    // Toronto's council only: the 44th Parliament has ended.
    expect(current).toBe(25);
  });

  it('walks every person exactly once by cursor', async () => {
    const seen = new Set<string>();
    let url: string | null = '/api/v1/people?current=false&per_page=100';
    let total = 0;
    while (url) {
      const body = (await get(url)).json() as { results: { id: string }[]; pagination: { next: string | null; total_items: number } };
      total = body.pagination.total_items;
      for (const p of body.results) {
        expect(seen.has(p.id)).toBe(false);
        seen.add(p.id);
      }
      url = body.pagination.next;
    }
    expect(seen.size).toBe(total);
  });

  it('streams CSV of the same filter', async () => {
    const filter = `party=${encodeURIComponent('Bloc Québécois')}&current=false`;
    const res = await get(`/api/v1/people?${filter}&format=csv`);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('id,name,given_name,family_name,party,party_fr,role,org_classification,district,division_id,jurisdiction_id,latest_seat,latest_seat_end_date,email,image,updated_at');
    expect(lines).toHaveLength(1 + (await get(`/api/v1/people?${filter}`)).json().pagination.total_items);
    expect(lines.length).toBeGreaterThan(33);
    // A Bloc member at the 44th Parliament's dissolution: no current party or role, their last seat and its end.
    expect(lines.find((l) => l.includes('Yves-François Blanchet'))).toMatch(/,,,,,,MP for Beloeil—Chambly,2025-03-23,/);
  });

  it('rejects bad parameters with problem+json naming the parameter', async () => {
    for (const [query, parameter] of [
      ['org_classification=senate', 'org_classification'], ['current=maybe', 'current'], ['jurisdiction=atlantis', 'jurisdiction'],
      ['party=Whig', 'party'], ['sort=age', 'sort'], ['colour=blue', 'colour'], ['name=', 'name'],
    ] as const) {
      const res = await get(`/api/v1/people?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json(), query).toMatchObject({ status: 400, parameter });
    }
  });
});

describe('GET /api/v1/people/ocd-person/{uuid}', () => {
  it('returns memberships and the seat term with the sessions it spans', async () => {
    const res = await get(ANANDASANGAREE);
    expect(res.statusCode).toBe(200);
    const person = res.json();
    expect(person.name).toBe('Gary Anandasangaree');
    expect(person.memberships).toHaveLength(2);
    expect(person.memberships).toEqual(expect.arrayContaining([
      // Seat and caucus end with the 44th Parliament: the export prints EndDate NA for both.
      expect.objectContaining({
        organization: expect.objectContaining({ name: { en: 'Liberal Party of Canada', fr: 'Parti libéral du Canada' }, classification: 'party' }), start_date: '2021-09-20', end_date: '2025-03-23', current: false,
      }),
      expect.objectContaining({
        organization: expect.objectContaining({ name: { en: 'House of Commons', fr: 'Chambre des communes' }, classification: 'lower' }), role: 'member', district: 'Scarborough—Rouge Park',
        division_id: 'ocd-division/country:ca/ed:35097-2013', party: expect.objectContaining({ name: { en: 'Liberal Party of Canada', fr: 'Parti libéral du Canada' } }), start_date: '2021-09-20',
        end_date: '2025-03-23', current: false,
      }),
    ]));
    // 44-1 carries no dates; its division of 2023-05-18 places it within the term. 45-1 (its bills' divisions, from 2025-05) is after it.
    expect(person.terms).toEqual([expect.objectContaining({
      organization: expect.objectContaining({ name: { en: 'House of Commons', fr: 'Chambre des communes' } }), district: 'Scarborough—Rouge Park',
      party: { en: 'Liberal Party of Canada', fr: 'Parti libéral du Canada' }, start_date: '2021-09-20', end_date: '2025-03-23', sessions: ['44-1'],
    })]);
  });

  it("gives a historical MP's seat terms with party and the dated sessions each spans", async () => {
    const found = (await get('/api/v1/people?name=ablonczy&current=false')).json();
    expect(found.results).toHaveLength(1);
    expect((await get('/api/v1/people?name=ablonczy')).json().results).toEqual([]);
    const person = (await get(found.results[0].url)).json();
    expect(person).toMatchObject({ name: 'Diane Ablonczy', party: null, current_role: null });
    // Her last seat ran from the 38th Parliament to the 40th's dissolution: it ended in the 40th.
    expect(person.latest_seat).toMatchObject({ district: 'Calgary Nose Hill', end_date: '2011-03-26', current: false, legislature: { number: 40, end_date: '2011-03-26' } });
    expect(person.memberships).toHaveLength(8);
    expect(person.terms.map((t: { district: string; party: { en: string }; start_date: string; end_date: string; sessions: string[] }) =>
      [t.district, t.party.en, t.start_date, t.end_date, t.sessions])).toEqual([
      ['Calgary North', 'Reform Party of Canada', '1994-01-17', '1997-04-27', ['35-1', '35-2']],
      ['Calgary Nose Hill', 'Reform Party of Canada', '1997-09-22', '2000-10-22', ['36-1', '36-2']],
      ['Calgary Nose Hill', 'Canadian Alliance', '2001-01-29', '2004-05-23', ['37-1', '37-2', '37-3']],
      ['Calgary Nose Hill', 'Conservative Party of Canada', '2004-10-04', '2011-03-26', ['38-1', '39-1', '39-2', '40-1', '40-2', '40-3']],
    ]);
  });

  it('404s an unknown person on every sub-resource', async () => {
    for (const suffix of ['', '/votes', '/bills', '/speeches']) {
      const res = await get(`/api/v1/people/ocd-person/00000000-0000-0000-0000-000000000000${suffix}`);
      expect(res.statusCode, suffix).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe('GET /api/v1/people/ocd-person/{uuid}/votes', () => {
  it("lists an MP's ballots on divisions 333 and 332 of 2023-05-18, with full attendance", async () => {
    const body = (await get(`${ANANDASANGAREE}/votes`)).json();
    expect(body.results.map((b: { vote_event: { identifier: string }; option: string }) => [b.vote_event.identifier, b.option])).toEqual([['333', 'yes'], ['332', 'no']]);
    expect(body.results[1]).toMatchObject({
      vote_event: { session: '44-1', start_date: '2023-05-18', result: 'fail', bill: { identifier: 'C-21' }, url: '/api/v1/votes/ca/44-1/332' },
      voter_name: 'Anandasangaree', party: { en: 'Liberal Party of Canada', fr: 'Parti libéral du Canada' },
    });
    // His seat ran from 2021-09-20 to the 44th Parliament's dissolution (2025-03-23): 2023-05-18's two divisions were held while he
    // sat; the 45-1 divisions LEGISinfo lists (from 2025-05) were not.
    const held = (await get('/api/v1/votes?jurisdiction=ca&before=2025-03-24&per_page=1')).json().pagination.total_items;
    expect(held).toBe(2);
    expect((await get('/api/v1/votes?jurisdiction=ca&since=2025-03-24&per_page=1')).json().pagination.total_items).toBeGreaterThan(0);
    expect(body.summary).toEqual({
      divisions: 2, divisions_held: held, attended: 2, absent: 0, attendance_rate: 1, counts: [{ option: 'yes', value: 1 }, { option: 'no', value: 1 }],
      party_line_ballots: 2, dissents: 0, dissent_rate: 0,
    });
  });

  it('filters by option, bill and date; the summary follows the division filters only', async () => {
    const no = (await get(`${ANANDASANGAREE}/votes?option=no`)).json();
    expect(no.results.map((b: { vote_event: { identifier: string } }) => b.vote_event.identifier)).toEqual(['332']);
    expect(no.summary.divisions).toBe(2);
    expect((await get(`${ANANDASANGAREE}/votes?bill=C-21&session=44-1`)).json().pagination.total_items).toBe(2);
    expect((await get(`${ANANDASANGAREE}/votes?bill=C%E2%80%9121&session=44-1`)).json().pagination.total_items).toBe(2);
    const later = (await get(`${ANANDASANGAREE}/votes?since=2023-05-19`)).json();
    expect(later.results).toEqual([]);
    expect(later.summary).toMatchObject({ divisions: 0, attendance_rate: null, dissent_rate: null });
  });

  it('counts a vote against the party majority as dissent', async () => {
    // Two of the 149 Liberals who took part in division 333 voted no; Hanley was one.
    const summary = (await get(`${HANLEY}/votes`)).json().summary;
    expect(summary).toMatchObject({ divisions: 2, attended: 2, party_line_ballots: 2, dissents: 1, dissent_rate: 0.5 });
  });

  it('counts the divisions a sitting member missed as absences', async () => {
    const theriault = (await get(`${THERIAULT}/votes`)).json();
    expect(theriault.pagination.total_items).toBe(1);
    expect(theriault.summary).toMatchObject({ divisions: 2, attended: 1, absent: 1, attendance_rate: 0.5 });
    const trudeau = (await get(`${TRUDEAU}/votes`)).json();
    expect(trudeau.results).toEqual([]);
    expect(trudeau.summary).toMatchObject({ divisions: 2, attended: 0, absent: 2, attendance_rate: 0, party_line_ballots: 0, dissent_rate: null });
  });

  it('streams the ballots as CSV and rejects an unknown option', async () => {
    const csv = await get(`${ANANDASANGAREE}/votes?format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('vote_event_id,session,identifier,start_date,bill_identifier,motion_text_en,result,option,party,party_fr');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/,yes,Liberal Party of Canada,Parti libéral du Canada$/);
    const bad = await get(`${ANANDASANGAREE}/votes?option=maybe`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().parameter).toBe('option');
  });
});

describe('GET /api/v1/people/ocd-person/{uuid}/bills and /speeches', () => {
  it('lists the four 45-1 bills the MP sponsored, C-12 among them', async () => {
    const body = (await get(`${ANANDASANGAREE}/bills?sort=number_asc`)).json();
    expect(body.results.map((b: { identifier: string }) => b.identifier)).toEqual(['C-2', 'C-8', 'C-12', 'C-22']);
    expect(body.results[2]).toMatchObject({ session: '45-1', royal_assent_date: '2026-03-26', sponsor: { id: personId('parl-person-id', 89449) } });
    const csv = await get(`${ANANDASANGAREE}/bills?format=csv`);
    expect(csv.body.trim().split('\r\n')).toHaveLength(5);
    expect((await get(`${ANANDASANGAREE}/bills?session=44-1`)).json().pagination.total_items).toBe(0);
  });

  it("lists the MP's speech of 2023-05-18", async () => {
    const body = (await get(`${ANANDASANGAREE}/speeches`)).json();
    expect(body.pagination.total_items).toBe(1);
    expect(body.results[0]).toMatchObject({ date: '2023-05-18', subject: { en: 'Tamil Genocide Remembrance Day' }, speaker: { person_id: personId('parl-person-id', 89449) } });
    expect((await get(`${ANANDASANGAREE}/speeches?q=genocide`)).json().pagination.total_items).toBe(1);
    expect((await get(`${ANANDASANGAREE}/speeches?person=x`)).statusCode).toBe(400);
  });
});
