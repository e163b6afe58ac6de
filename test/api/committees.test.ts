import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { legisinfoBills } from '../../src/ingest/legisinfo-bills.js';
import { runImport } from '../../src/ingest/runner.js';
import { testApi } from '../support/api.js';
import { legisinfoBillFiles } from '../support/legisinfo.js';

let c21Meetings: Map<string, number>;

const { get } = testApi(async (database) => {
  // The 8 bills of 44-1 that went to the House or Senate public-safety committee (SECU, SECD): all of those
  // committees' meetings, and the other committees (HESA, LCJC) these bills met.
  const files = legisinfoBillFiles(['44-1']).filter((f) => /<CommitteeAcronym>SEC[UD]<\/CommitteeAcronym>/.test(readFileSync(f, 'utf8')));
  expect(files).toHaveLength(8);
  // The committee meetings LEGISinfo lists on C-21, by committee acronym, read straight from its XML.
  const c21 = readFileSync(files.find((f) => f.includes('/C-21/'))!, 'utf8');
  c21Meetings = new Map();
  for (const [, acronym] of c21.matchAll(/<CommitteeMeetings>[\s\S]*?<CommitteeAcronym>(\w+)<\/CommitteeAcronym>[\s\S]*?<\/CommitteeMeetings>/g)) {
    c21Meetings.set(acronym!, (c21Meetings.get(acronym!) ?? 0) + 1);
  }
  // Two bills of 37-2 that went to HEAL, the House's health committee until 2004, named as HESA is now.
  const heal = legisinfoBillFiles(['37-2']).filter((f) => /\/C-(260|420)\//.test(f));
  expect(heal.map((f) => readFileSync(f, 'utf8')).every((xml) => xml.includes('<CommitteeAcronym>HEAL</CommitteeAcronym>'))).toBe(true);
  const report = await runImport(database, legisinfoBills, [...files, ...heal]);
  expect(report.status).toBe('succeeded');
});

interface CommitteeBody {
  id: string; name: { en: string; fr: string | null }; abbreviation: string | null; chamber: string | null; url: string;
  first_active: string | null; last_active: string | null; superseded_by: string | null;
}
interface MeetingBody { id: string; number: number | null; date: string | null; session: string | null; bills: { identifier: string; session: string; url: string }[] }
interface Page<T> { results: T[]; pagination: { total_items: number; max_page: number; next: string | null } }

async function committee(abbreviation: string): Promise<CommitteeBody> {
  const body = (await get(`/api/v1/committees?name=${abbreviation}`)).json() as Page<CommitteeBody>;
  const found = body.results.find((c) => c.abbreviation === abbreviation);
  expect(found, abbreviation).toBeDefined();
  return found!;
}

describe('GET /api/v1/committees', () => {
  it('lists the committees those bills went to, by name, with their chamber', async () => {
    const res = await get('/api/v1/committees?per_page=100');
    expect(res.statusCode).toBe(200);
    const body = res.json() as Page<CommitteeBody>;
    expect(body.results.map((c) => [c.abbreviation, c.chamber])).toEqual([
      ['HEAL', 'lower'], ['HESA', 'lower'], ['SECU', 'lower'], ['LCJC', 'upper'], ['SECD', 'upper'],
    ]);
    expect(body.results.map((c) => c.name.en)).toEqual([
      'Standing Committee on Health', 'Standing Committee on Health', 'Standing Committee on Public Safety and National Security',
      'Standing Senate Committee on Legal and Constitutional Affairs', 'Standing Senate Committee on National Security, Defence and Veterans Affairs',
    ]);
    const secu = body.results.find((c) => c.abbreviation === 'SECU')!;
    expect(secu).toMatchObject({
      name: { en: 'Standing Committee on Public Safety and National Security', fr: 'Comité permanent de la sécurité publique et nationale' },
      chamber: 'lower', classification: 'committee', jurisdiction_id: 'ocd-jurisdiction/country:ca/legislature',
    });
    expect(secu.id).toMatch(/^ocd-organization\//);
  });

  it('says which of two committees of one name is current: the one last active, by its meetings and the bill stages it held', async () => {
    const heal = await committee('HEAL');
    const hesa = await committee('HESA');
    expect(heal.name.en).toBe(hesa.name.en);
    // HEAL's last stage in these bills is in 37-2 (2002–2004), HESA's first in 44-1 (2021 on).
    expect(heal.last_active! < '2005-01-01').toBe(true);
    expect(hesa.first_active! > '2021-01-01').toBe(true);
    expect(heal.superseded_by).toBe(hesa.id);
    expect(hesa.superseded_by).toBeNull();
    // A committee whose name no other has is nobody's former one.
    expect((await committee('SECU')).superseded_by).toBeNull();
    const detail = (await get(`/api/v1/committees/${heal.id}`)).json() as CommitteeBody;
    expect(detail).toMatchObject({ superseded_by: hesa.id, first_active: heal.first_active, last_active: heal.last_active });
    const csv = (await get('/api/v1/committees?format=csv&name=health')).body.trim().split('\r\n');
    expect(csv[0]).toMatch(/,first_active,last_active,superseded_by$/);
    expect(csv.find((line) => line.includes(',HEAL,'))).toContain(`,${hesa.id}`);
  });

  it('filters by chamber, jurisdiction and part of the name in either language', async () => {
    const lower = (await get('/api/v1/committees?chamber=lower&per_page=100')).json() as Page<CommitteeBody>;
    const upper = (await get('/api/v1/committees?chamber=upper&per_page=100')).json() as Page<CommitteeBody>;
    expect(lower.results.every((c) => c.chamber === 'lower')).toBe(true);
    expect(upper.results.every((c) => c.chamber === 'upper' && /Senate|Sénat/i.test(`${c.name.en} ${c.name.fr}`))).toBe(true);
    expect(lower.results.map((c) => c.abbreviation)).toEqual(['HEAL', 'HESA', 'SECU']);
    expect(upper.results.map((c) => c.abbreviation)).toEqual(['LCJC', 'SECD']);
    expect((await get('/api/v1/committees?chamber=joint')).json().pagination.total_items).toBe(0);
    expect((await get('/api/v1/committees?jurisdiction=ca')).json().pagination.total_items).toBe(5);
    expect((await get('/api/v1/committees?jurisdiction=bc')).json().pagination.total_items).toBe(0);
    const fr = (await get(`/api/v1/committees?name=${encodeURIComponent('sécurité publique')}`)).json() as Page<CommitteeBody>;
    expect(fr.results.map((c) => c.abbreviation)).toEqual(['SECU']);
    // LIKE wildcards in the name are taken literally
    expect((await get('/api/v1/committees?name=%25')).json().pagination.total_items).toBe(0);
  });

  it('walks every committee once by cursor and streams CSV', async () => {
    const seen = new Set<string>();
    let url: string | null = '/api/v1/committees?per_page=3';
    while (url) {
      const body = (await get(url)).json() as Page<CommitteeBody>;
      for (const c of body.results) {
        expect(seen.has(c.id)).toBe(false);
        seen.add(c.id);
      }
      url = body.pagination.next;
    }
    expect(seen.size).toBe(5);
    const csv = await get('/api/v1/committees', { accept: 'text/csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('id,jurisdiction_id,name_en,name_fr,abbreviation,chamber,parent_id,updated_at,first_active,last_active,superseded_by');
    expect(lines).toHaveLength(6);
  });

  it('rejects bad parameters with problem+json naming the parameter', async () => {
    for (const [query, parameter] of [['chamber=attic', 'chamber'], ['jurisdiction=atlantis', 'jurisdiction'], ['name=', 'name'], ['classification=party', 'classification']] as const) {
      const res = await get(`/api/v1/committees?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 400, parameter });
    }
  });
});

describe('GET /api/v1/committees/ocd-organization/{uuid}', () => {
  it('returns SECU with the span of its meetings', async () => {
    const secu = await committee('SECU');
    const res = await get(secu.url);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ id: secu.id, abbreviation: 'SECU', meetings_url: `${secu.url}/meetings` });
    expect(body.meeting_count).toBe(49);
    expect(body.first_meeting_date).toBe('2022-10-04');
    expect(body.sources[0].source).toBe('legisinfo-bills');
  });

  it('404s unknown committees and organizations that are not committees', async () => {
    const missing = await get('/api/v1/committees/ocd-organization/00000000-0000-0000-0000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect((await get('/api/v1/committees/ocd-organization/00000000-0000-0000-0000-000000000000/meetings')).statusCode).toBe(404);
    // the House of Commons is an organization, not a committee
    const house = (await get('/api/v1/committees?per_page=1')).json().results[0].parent_id as string;
    expect((await get(`/api/v1/committees/${house}`)).statusCode).toBe(404);
  });
});

describe('GET /api/v1/committees/ocd-organization/{uuid}/meetings', () => {
  it("lists SECU's meetings newest first, each with the bills it studied", async () => {
    const secu = await committee('SECU');
    const body = (await get(`${secu.url}/meetings?per_page=100`)).json() as Page<MeetingBody>;
    expect(body.pagination.total_items).toBe(49);
    const dates = body.results.map((m) => m.date!);
    expect(dates).toEqual([...dates].sort().reverse());
    const first = body.results.at(-1)!;
    expect(first).toMatchObject({ number: 36, date: '2022-10-04', session: '44-1' });
    expect(first.bills.map((b) => b.identifier)).toEqual(['C-21']);
    expect(first.bills[0]).toMatchObject({ session: '44-1', url: '/api/v1/bills/ca/44-1/C-21' });
    expect(body.results.filter((m) => m.bills.some((b) => b.identifier === 'C-21'))).toHaveLength(c21Meetings.get('SECU')!);
    const senate = await committee('SECD');
    const secd = (await get(`${senate.url}/meetings?per_page=100`)).json() as Page<MeetingBody>;
    expect(secd.results.filter((m) => m.bills.some((b) => b.identifier === 'C-21'))).toHaveLength(c21Meetings.get('SECD')!);
  });

  it('filters meetings by date and session, walks them by cursor, and streams CSV', async () => {
    const secu = await committee('SECU');
    const autumn = (await get(`${secu.url}/meetings?since=2022-10-01&before=2022-11-01`)).json() as Page<MeetingBody>;
    expect(autumn.results.length).toBeGreaterThan(0);
    expect(autumn.results.every((m) => m.date! >= '2022-10-01' && m.date! < '2022-11-01')).toBe(true);
    expect((await get(`${secu.url}/meetings?session=45-1`)).json().pagination.total_items).toBe(0);
    const seen = new Set<string>();
    let url: string | null = `${secu.url}/meetings?per_page=10`;
    while (url) {
      const page = (await get(url)).json() as Page<MeetingBody>;
      for (const m of page.results) {
        expect(seen.has(m.id)).toBe(false);
        seen.add(m.id);
      }
      url = page.pagination.next;
    }
    expect(seen.size).toBe(49);
    const csv = await get(`${secu.url}/meetings?format=csv`);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('id,committee_id,session,number,date,title,bills,url');
    expect(lines).toHaveLength(50);
    expect(lines.at(-1)).toMatch(/,44-1,36,2022-10-04,,C-21,/);
    expect((await get(`${secu.url}/meetings?since=later`)).json()).toMatchObject({ status: 400, parameter: 'since' });
  });
});
