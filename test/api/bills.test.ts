import { describe, expect, it } from 'vitest';
import { legisinfoBills } from '../../src/ingest/legisinfo-bills.js';
import { runImport } from '../../src/ingest/runner.js';
import { testApi } from '../support/api.js';
import { legisinfoBillFiles } from '../support/legisinfo.js';

const { get } = testApi(async (database) => {
  const report = await runImport(database, legisinfoBills, legisinfoBillFiles(['45-1']));
  expect(report.status).toBe('succeeded');
});

describe('GET /api/v1/bills', () => {
  it('lists the 185 bills of 45-1 with page metadata', async () => {
    const res = await get('/api/v1/bills?session=45-1&per_page=50');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.pagination).toMatchObject({ page: 1, per_page: 50, max_page: 4, total_items: 185 });
    expect(body.results).toHaveLength(50);
    expect(body.pagination.next).toMatch(/cursor=/);
  });

  it('walks the whole collection by cursor, each bill exactly once', async () => {
    const seen = new Set<string>();
    let url: string | null = '/api/v1/bills?session=45-1&per_page=100&sort=number_asc';
    let pages = 0;
    while (url) {
      const body = (await get(url)).json() as { results: { id: string }[]; pagination: { next: string | null } };
      for (const b of body.results) {
        expect(seen.has(b.id)).toBe(false);
        seen.add(b.id);
      }
      url = body.pagination.next;
      pages++;
    }
    expect(seen.size).toBe(185);
    expect(pages).toBe(2);
  });

  it('ranks the exact bill number first in full-text search', async () => {
    const body = (await get('/api/v1/bills?q=C-12')).json();
    expect(body.results[0]).toMatchObject({ identifier: 'C-12', session: '45-1' });
  });

  it('searches English and French text', async () => {
    const en = (await get('/api/v1/bills?q=immigration%20borders')).json();
    expect(en.results.map((b: { identifier: string }) => b.identifier)).toContain('C-12');
    const fr = (await get(`/api/v1/bills?q=${encodeURIComponent('frontière immigration')}`)).json();
    expect(fr.results.map((b: { identifier: string }) => b.identifier)).toContain('C-12');
  });

  it('filters by government bills and status', async () => {
    const gov = (await get('/api/v1/bills?session=45-1&government=true&per_page=100')).json();
    expect(gov.results.every((b: { is_government: boolean }) => b.is_government)).toBe(true);
    const assent = (await get('/api/v1/bills?session=45-1&status=Royal%20assent%20received&per_page=100')).json();
    expect(assent.results.map((b: { identifier: string }) => b.identifier)).toContain('C-12');
    expect(assent.results.every((b: { status: { en: string } }) => b.status.en === 'Royal assent received')).toBe(true);
  });

  it('rejects bad parameters with problem+json naming the parameter', async () => {
    for (const [query, parameter] of [['per_page=0', 'per_page'], ['per_page=101', 'per_page'], ['page=abc', 'page'], ['sort=random', 'sort'], ['colour=blue', 'colour'], ['jurisdiction=atlantis', 'jurisdiction'], ['cursor=%%%', 'cursor']] as const) {
      const res = await get(`/api/v1/bills?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 400, title: 'Bad Request', parameter });
    }
  });

  it('streams CSV of the same filter across all pages', async () => {
    const res = await get('/api/v1/bills?session=45-1&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,session,identifier,/);
    expect(lines).toHaveLength(186);
    const viaAccept = await get('/api/v1/bills?session=45-1', { accept: 'text/csv' });
    expect(viaAccept.body).toBe(res.body);
  });
});

describe('GET /api/v1/bills/{jurisdiction}/{session}/{number}', () => {
  it('returns C-12 with royal assent, its sponsor and its stage timeline', async () => {
    const res = await get('/api/v1/bills/ca/45-1/C-12?include=actions,sponsors');
    expect(res.statusCode).toBe(200);
    const bill = res.json();
    expect(bill).toMatchObject({ identifier: 'C-12', session: '45-1', royal_assent_date: '2026-03-26', is_government: true });
    expect(bill.sponsor.name).toBe('Gary Anandasangaree');
    expect(bill.other_identifiers).toEqual(expect.arrayContaining([expect.objectContaining({ scheme: 'legisinfo-bill-id' })]));
    expect(bill.sources[0].source).toBe('legisinfo-bills');
    const classes = bill.actions.flatMap((a: { classification: string[] }) => a.classification);
    expect(classes).toEqual(expect.arrayContaining(['introduction', 'reading-1', 'reading-2', 'reading-3']));
    expect(classes.some((c: string) => c === 'royal-assent' || c === 'became-law')).toBe(true);
    const byId = await get(`/api/v1/bills/${bill.id}`);
    expect(byId.json().identifier).toBe('C-12');
  });

  it('names the committees that met on C-12 in both languages, as LEGISinfo does', async () => {
    const bill = (await get('/api/v1/bills/ca/45-1/C-12?include=committee_meetings')).json();
    const committees = new Map<string, unknown>(bill.committee_meetings.map((m: { committee: { abbreviation: string; name: unknown } }) => [m.committee.abbreviation, m.committee.name]));
    expect(committees.get('SECU')).toEqual({ en: 'Standing Committee on Public Safety and National Security', fr: 'Comité permanent de la sécurité publique et nationale' });
    expect(committees.get('SECD')).toEqual({
      en: 'Standing Senate Committee on National Security, Defence and Veterans Affairs',
      fr: 'Comité sénatorial permanent de la sécurité nationale, de la défense et des anciens combattants',
    });
  });

  it('answers 304 to a matching If-None-Match and sets public caching', async () => {
    const first = await get('/api/v1/bills/ca/45-1/C-12');
    expect(first.headers.etag).toBeTruthy();
    expect(first.headers['cache-control']).toContain('public');
    const second = await get('/api/v1/bills/ca/45-1/C-12', { 'if-none-match': String(first.headers.etag) });
    expect(second.statusCode).toBe(304);
  });

  it('404s unknown bills and 400s unknown includes', async () => {
    const missing = await get('/api/v1/bills/ca/45-1/C-9999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ status: 404, title: 'Not Found' });
    const badInclude = await get('/api/v1/bills/ca/45-1/C-12?include=everything');
    expect(badInclude.statusCode).toBe(400);
    expect(badInclude.json().parameter).toBe('include');
    expect((await get('/api/v1/bills/ocd-bill/00000000-0000-0000-0000-000000000000')).statusCode).toBe(404);
  });
});
