import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { municipal } from '../../src/ingest/municipal.js';
import { ocdDivisions } from '../../src/ingest/ocd-divisions.js';
import { ourcommonsMembers } from '../../src/ingest/ourcommons-members.js';
import { testApi } from '../support/api.js';
import { SHARED_DATA } from '../support/db.js';
import { importSteps } from '../support/imports.js';

// The OCD registry, read independently of the importer to check the API's figures.
const registry = (parse(readFileSync(join(SHARED_DATA, 'ocd/country-ca.csv')), { columns: true }) as { id: string; name: string; name_fr: string }[]);
const federalRidings = registry.filter((d) => /^ocd-division\/country:ca\/ed:[^/]+$/.test(d.id));
const torontoWards = registry.filter((d) => d.id.startsWith('ocd-division/country:ca/csd:3520005/'));
const danforth = registry.filter((d) => `${d.name} ${d.name_fr}`.toLowerCase().includes('danforth'));

const TORONTO = 'ocd-division/country:ca/csd:3520005';

const { get } = testApi(async (database) => {
  await importSteps(database, [
    [ocdDivisions, [join(SHARED_DATA, 'ocd/country-ca.csv')]],
    [ourcommonsMembers, [join(SHARED_DATA, 'ourcommons-44')]],
    [municipal, [join(SHARED_DATA, 'municipal/toronto.csv')]],
  ]);
});
const ids = (body: { results: { id: string }[] }) => body.results.map((d) => d.id);

describe('GET /api/v1/divisions', () => {
  it('filters by classification: the 989 federal ridings of the registry, past and present', async () => {
    const body = (await get('/api/v1/divisions?classification=ed&per_page=5')).json();
    expect(federalRidings).toHaveLength(989);
    expect(body.pagination).toMatchObject({ total_items: 989, max_page: 198 });
    expect(body.results[0]).toMatchObject({ classification: 'ed', parent_id: 'ocd-division/country:ca' });
  });

  it('filters by parent and walks the 69 Toronto wards by cursor, each once', async () => {
    expect(torontoWards).toHaveLength(69);
    const seen = new Set<string>();
    let url: string | null = `/api/v1/divisions?parent=${encodeURIComponent(TORONTO)}&per_page=20`;
    let pages = 0;
    while (url) {
      const body = (await get(url)).json() as { results: { id: string; parent_id: string }[]; pagination: { next: string | null } };
      for (const d of body.results) {
        expect(seen.has(d.id)).toBe(false);
        expect(d.parent_id).toBe(TORONTO);
        seen.add(d.id);
      }
      url = body.pagination.next;
      pages++;
    }
    expect(seen).toEqual(new Set(torontoWards.map((d) => d.id)));
    expect(pages).toBe(4);
  });

  it('finds part of an English or French name, ignoring case', async () => {
    const body = (await get('/api/v1/divisions?name=DANFORTH&per_page=100')).json();
    expect(ids(body).sort()).toEqual(danforth.map((d) => d.id).sort());
    const riding = body.results.find((d: { id: string }) => d.id === 'ocd-division/country:ca/ed:35110-2023');
    expect(riding).toMatchObject({ name: { en: 'Toronto—Danforth', fr: 'Toronto—Danforth' }, valid_from: '2024-04-23', valid_through: null });
    // LIKE wildcards in the input are taken literally.
    expect((await get('/api/v1/divisions?name=_')).json().pagination.total_items).toBe(0);
  });

  it('streams CSV of the same filter', async () => {
    const res = await get(`/api/v1/divisions?parent=${encodeURIComponent(TORONTO)}`, { accept: 'text/csv' });
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('id,name_en,name_fr,classification,parent_id,sgc,valid_from,valid_through');
    expect(lines).toHaveLength(70);
  });

  it('rejects bad parameters with problem+json naming the parameter', async () => {
    for (const [query, parameter] of [['classification=ED!', 'classification'], ['level=federal', 'level'], ['per_page=500', 'per_page']] as const) {
      const res = await get(`/api/v1/divisions?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 400, parameter });
    }
  });
});

describe('GET /api/v1/divisions/{ocd-division id}', () => {
  it('shows Toronto with Olivia Chow as its mayor', async () => {
    const res = await get(`/api/v1/divisions/${TORONTO}`);
    expect(res.statusCode).toBe(200);
    const toronto = res.json();
    expect(toronto).toMatchObject({ id: TORONTO, name: { en: 'Toronto' }, classification: 'csd', sgc: '3520005', url: `/api/v1/divisions/${TORONTO}` });
    expect(toronto.representatives).toHaveLength(1);
    expect(toronto.representatives[0]).toMatchObject({
      name: 'Olivia Chow',
      email: 'mayor_chow@toronto.ca',
      current_role: { title: 'Mayor', org_classification: 'council', division_id: TORONTO, jurisdiction_id: 'ocd-jurisdiction/country:ca/csd:3520005/council' },
      memberships: [{ organization: { name: { en: 'Toronto City Council', fr: null }, classification: 'council' }, role: 'mayor' }],
    });
  });

  it('shows a ward with its councillor and a 44th-Parliament riding with its last MP, not current', async () => {
    const ward = (await get(`/api/v1/divisions/${TORONTO}/ward:9-2018`)).json();
    expect(ward.name.en).toBe('Davenport');
    expect(ward.representatives.map((p: { name: string }) => p.name)).toEqual(['Alejandra Bravo']);
    expect(ward.representatives_current).toBe(true);
    const riding = (await get('/api/v1/divisions/ocd-division/country:ca/ed:35097-2013')).json();
    expect(riding).toMatchObject({ name: { en: 'Scarborough—Rouge Park' }, valid_from: '2015-10-19', valid_through: '2024-04-23' });
    // The 44th Parliament was dissolved on 2025-03-23 and the data holds no member of the 45th.
    expect(riding.representatives_current).toBe(false);
    expect(riding.representatives).toHaveLength(1);
    expect(riding.representatives[0]).toMatchObject({
      name: 'Gary Anandasangaree', party: null, current_role: null, latest_seat: { party: { en: 'Liberal Party of Canada' }, end_date: '2025-03-23' },
      memberships: [{ organization: { name: { en: 'House of Commons', fr: 'Chambre des communes' }, classification: 'lower' }, role: 'member', start_date: '2021-09-20', end_date: '2025-03-23' }],
    });
    // The riding as redrawn in 2023 has no MP in the 44th-Parliament data.
    expect((await get('/api/v1/divisions/ocd-division/country:ca/ed:35097-2023')).json().representatives).toEqual([]);
  });

  it('accepts the id percent-encoded and 404s an unknown division', async () => {
    const encoded = await get(`/api/v1/divisions/${encodeURIComponent(TORONTO)}`);
    expect(encoded.statusCode).toBe(200);
    expect(encoded.json().id).toBe(TORONTO);
    const missing = await get('/api/v1/divisions/ocd-division/country:ca/ed:99999');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json().detail).toContain('ocd-division/country:ca/ed:99999');
  });
});
