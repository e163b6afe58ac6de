import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bcLegislature } from '../../src/ingest/bc-legislature.js';
import { hansard } from '../../src/ingest/hansard.js';
import { openparliament } from '../../src/ingest/openparliament.js';
import { testApi } from '../support/api.js';
import { SHARED_DATA } from '../support/db.js';
import { importSteps } from '../support/imports.js';

// openparliament's session fixture, read independently of the importer.
const fixtureSessions = (JSON.parse(readFileSync(join(SHARED_DATA, 'openparliament-fixtures/sessions.json'), 'utf8')) as { pk: string; fields: { start: string; end: string | null } }[]);

const { get } = testApi(async (database) => {
  await importSteps(database, [
    [openparliament, [join(SHARED_DATA, 'openparliament-fixtures')]],
    [hansard, [join(SHARED_DATA, 'hansard/44-1-200-en.xml')]],
    // Two records of the BC file are refused by its importer, so the run is partial.
    [bcLegislature, ['bc-legislature-40/mlas.json', 'bc-legislature-40/divisions.json'].map((p) => join(SHARED_DATA, p)), 'partial'],
  ]);
});
const identifiers = (body: { results: { identifier: string }[] }) => body.results.map((s) => s.identifier);

describe('GET /api/v1/sessions', () => {
  it("lists Parliament's sessions in order: the 13 of openparliament, then 44-1 from Hansard", async () => {
    const body = (await get('/api/v1/sessions?jurisdiction=ca&per_page=100')).json();
    expect(fixtureSessions).toHaveLength(13);
    expect(identifiers(body)).toEqual([...fixtureSessions.map((s) => s.pk).reverse(), '44-1']);
    const first = fixtureSessions.find((s) => s.pk === '35-1')!;
    expect(body.results[0]).toMatchObject({
      id: 'ocd-jurisdiction/country:ca/legislature/35-1', jurisdiction_id: 'ocd-jurisdiction/country:ca/legislature',
      name: '35th Parliament, 1st Session', classification: 'primary', start_date: first.fields.start, end_date: first.fields.end,
    });
    expect(body.results[0].sources[0].source).toBe('openparliament');
    // Hansard knows the session but not its dates.
    expect(body.results[13]).toMatchObject({ identifier: '44-1', name: '44th Parliament, 1st Session', start_date: null, end_date: null });
  });

  it('filters by jurisdiction code or OCD id', async () => {
    const bc = (await get('/api/v1/sessions?jurisdiction=bc')).json();
    expect(bc.results.map((s: { identifier: string; start_date: string; end_date: string }) => [s.identifier, s.start_date, s.end_date])).toEqual([
      ['40-1', '2013-06-26', '2014-02-11'], ['40-2', '2014-02-11', '2014-10-06'], ['40-3', '2014-10-06', '2015-02-10'], ['40-4', '2015-02-10', '2016-02-09'],
    ]);
    const byId = (await get(`/api/v1/sessions?jurisdiction=${encodeURIComponent('ocd-jurisdiction/country:ca/province:bc/legislature')}`)).json();
    expect(byId.results).toEqual(bc.results);
  });

  it('walks all 18 sessions once by cursor and streams CSV', async () => {
    const seen: string[] = [];
    let url: string | null = '/api/v1/sessions?per_page=5';
    while (url) {
      const body = (await get(url)).json() as { results: { id: string }[]; pagination: { next: string | null; total_items: number } };
      expect(body.pagination.total_items).toBe(18);
      seen.push(...body.results.map((s) => s.id));
      url = body.pagination.next;
    }
    expect(new Set(seen).size).toBe(18);
    expect(seen).toHaveLength(18);
    const csv = await get('/api/v1/sessions?jurisdiction=bc&format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.trim().split('\r\n')).toEqual([
      'id,jurisdiction_id,identifier,name,start_date,end_date',
      'ocd-jurisdiction/country:ca/province:bc/legislature/40-1,ocd-jurisdiction/country:ca/province:bc/legislature,40-1,"40th Parliament, 1st Session",2013-06-26,2014-02-11',
      'ocd-jurisdiction/country:ca/province:bc/legislature/40-2,ocd-jurisdiction/country:ca/province:bc/legislature,40-2,"40th Parliament, 2nd Session",2014-02-11,2014-10-06',
      'ocd-jurisdiction/country:ca/province:bc/legislature/40-3,ocd-jurisdiction/country:ca/province:bc/legislature,40-3,"40th Parliament, 3rd Session",2014-10-06,2015-02-10',
      'ocd-jurisdiction/country:ca/province:bc/legislature/40-4,ocd-jurisdiction/country:ca/province:bc/legislature,40-4,"40th Parliament, 4th Session",2015-02-10,2016-02-09',
    ]);
  });

  it('rejects bad parameters with problem+json naming the parameter', async () => {
    for (const [query, parameter] of [['jurisdiction=atlantis', 'jurisdiction'], ['session=44-1', 'session'], ['page=0', 'page']] as const) {
      const res = await get(`/api/v1/sessions?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 400, parameter });
    }
  });
});
