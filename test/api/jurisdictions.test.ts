import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bcLegislature } from '../../src/ingest/bc-legislature.js';
import { municipal } from '../../src/ingest/municipal.js';
import { openparliament } from '../../src/ingest/openparliament.js';
import { ourcommonsMembers } from '../../src/ingest/ourcommons-members.js';
import { runImport } from '../../src/ingest/runner.js';
import { testApi } from '../support/api.js';
import { SHARED_DATA } from '../support/db.js';

const MUNICIPAL = join(SHARED_DATA, 'municipal');
const cityFiles = readdirSync(MUNICIPAL).filter((f) => f !== 'SOURCES.txt');

const { get } = testApi(async (database) => {
  for (const [importer, paths] of [
    [ourcommonsMembers, ['ourcommons-44']],
    [openparliament, ['openparliament-fixtures']],
    [municipal, ['municipal']],
    [bcLegislature, ['bc-legislature-40/mlas.json', 'bc-legislature-40/divisions.json']],
  ] as const) {
    const report = await runImport(database, importer, paths.map((p) => join(SHARED_DATA, p)));
    // The BC file has two records its importer refuses (kept as rejections); the run is partial.
    expect(report.status, importer.source).toBe(importer === bcLegislature ? 'partial' : 'succeeded');
  }
});

describe('GET /api/v1/jurisdictions', () => {
  it('lists Parliament, British Columbia and one council per city file', async () => {
    const all = (await get('/api/v1/jurisdictions?per_page=100')).json();
    expect(cityFiles).toHaveLength(13);
    expect(all.pagination.total_items).toBe(2 + cityFiles.length);
    const municipalities = (await get('/api/v1/jurisdictions?level=municipal&per_page=100')).json();
    expect(municipalities.pagination.total_items).toBe(13);
    expect(municipalities.results.every((j: { classification: string }) => j.classification === 'council')).toBe(true);
    const provincial = (await get('/api/v1/jurisdictions?level=provincial')).json();
    expect(provincial.results).toEqual([expect.objectContaining({
      id: 'ocd-jurisdiction/country:ca/province:bc/legislature', code: 'bc',
      name: { en: 'Legislative Assembly of British Columbia', fr: 'Assemblée législative de la Colombie-Britannique' },
      classification: 'legislature', division_id: 'ocd-division/country:ca/province:bc',
    })]);
    const federal = (await get('/api/v1/jurisdictions?level=federal')).json();
    expect(federal.results).toEqual([expect.objectContaining({ id: 'ocd-jurisdiction/country:ca/legislature', code: 'ca', name: { en: 'Parliament of Canada', fr: 'Parlement du Canada' } })]);
  });

  it('walks every jurisdiction once by cursor and streams CSV', async () => {
    const seen = new Set<string>();
    let url: string | null = '/api/v1/jurisdictions?per_page=4';
    while (url) {
      const body = (await get(url)).json() as { results: { id: string }[]; pagination: { next: string | null } };
      for (const j of body.results) {
        expect(seen.has(j.id)).toBe(false);
        seen.add(j.id);
      }
      url = body.pagination.next;
    }
    expect(seen.size).toBe(15);
    const csv = await get('/api/v1/jurisdictions?level=municipal&format=csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('id,code,name_en,name_fr,classification,level,division_id,url');
    expect(lines).toHaveLength(14);
    expect(lines).toContain('ocd-jurisdiction/country:ca/cd:3526/council,cd:3526,Regional Municipality of Niagara,,council,municipal,ocd-division/country:ca/cd:3526,');
  });

  it('rejects bad parameters with problem+json naming the parameter', async () => {
    for (const [query, parameter] of [['level=national', 'level'], ['include=sessions', 'include'], ['classification=Council!', 'classification']] as const) {
      const res = await get(`/api/v1/jurisdictions?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 400, parameter });
    }
  });
});

describe('GET /api/v1/jurisdictions/{id or code}', () => {
  it('answers the same for the short code and the OCD id, with sessions in order and organizations', async () => {
    const byCode = (await get('/api/v1/jurisdictions/ca?include=sessions,organizations')).json();
    const byId = (await get('/api/v1/jurisdictions/ocd-jurisdiction/country:ca/legislature?include=sessions&include=organizations')).json();
    expect(byId).toEqual(byCode);
    expect(byCode.sessions.map((s: { identifier: string }) => s.identifier)).toEqual([
      '35-1', '35-2', '36-1', '36-2', '37-1', '37-2', '37-3', '38-1', '39-1', '39-2', '40-1', '40-2', '40-3',
    ]);
    expect(byCode.sessions[0]).toMatchObject({ name: '35th Parliament, 1st Session', start_date: '1994-01-17', end_date: '1996-02-02' });
    const organizations = byCode.organizations as { name: { en: string; fr: string | null }; classification: string }[];
    expect(organizations.filter((o) => o.classification !== 'party').map((o) => [o.classification, o.name.en]).sort()).toEqual([
      ['legislature', 'Parliament of Canada'], ['lower', 'House of Commons'], ['upper', 'Senate'],
    ]);
    expect(organizations).toContainEqual(expect.objectContaining({ classification: 'party', name: { en: 'Bloc Québécois', fr: 'Bloc Québécois' } }));
    const plain = (await get('/api/v1/jurisdictions/ca')).json();
    expect(plain.sessions).toBeUndefined();
    expect(plain.organizations).toBeUndefined();
  });

  it('resolves provincial and municipal codes', async () => {
    const bc = (await get('/api/v1/jurisdictions/bc?include=sessions')).json();
    expect(bc.sessions.map((s: { identifier: string; start_date: string }) => [s.identifier, s.start_date])).toEqual([
      ['40-1', '2013-06-26'], ['40-2', '2014-02-11'], ['40-3', '2014-10-06'], ['40-4', '2015-02-10'],
    ]);
    const toronto = (await get('/api/v1/jurisdictions/csd:3520005?include=organizations')).json();
    expect(toronto).toMatchObject({ id: 'ocd-jurisdiction/country:ca/csd:3520005/council', name: { en: 'City of Toronto' }, level: 'municipal' });
    expect(toronto.organizations.map((o: { name: { en: string } }) => o.name.en)).toEqual(['Toronto City Council']);
    expect((await get('/api/v1/jurisdictions/cd:3526')).json().name.en).toBe('Regional Municipality of Niagara');
  });

  it('404s unknown jurisdictions and 400s unknown includes', async () => {
    for (const id of ['atlantis', 'on', 'ocd-jurisdiction/country:ca/province:zz/legislature']) {
      const res = await get(`/api/v1/jurisdictions/${id}`);
      expect(res.statusCode, id).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const bad = await get('/api/v1/jurisdictions/ca?include=bills');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().parameter).toBe('include');
  });
});
