import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEDERAL_JURISDICTION, provinceJurisdiction } from '../../src/domain/ids.js';
import { bcLegislature } from '../../src/ingest/bc-legislature.js';
import { legisinfoBills } from '../../src/ingest/legisinfo-bills.js';
import { ourcommonsMembers } from '../../src/ingest/ourcommons-members.js';
import { testApi } from '../support/api.js';
import { SHARED_DATA } from '../support/db.js';
import { importSteps } from '../support/imports.js';
import { legisinfoBillFiles } from '../support/legisinfo.js';

const BC = provinceJurisdiction('bc');

const { get } = testApi(async (database) => {
  await importSteps(database, [
    [ourcommonsMembers, [join(SHARED_DATA, 'ourcommons-44')]],
    [legisinfoBills, legisinfoBillFiles(['40-2'])],
    // Two ballots in the file are null: refused, the rest imported.
    [bcLegislature, [join(SHARED_DATA, 'bc-legislature-40/mlas.json'), join(SHARED_DATA, 'bc-legislature-40/divisions.json')], 'partial'],
  ]);
});

interface Page<T> { results: T[]; pagination: { total_items: number } }

describe('terms end with their legislature', () => {
  it('has no MLA of the 40th BC Parliament (2013–2017) among current people, and keeps all 87 among everyone', async () => {
    expect((await get('/api/v1/people?jurisdiction=bc')).json().pagination.total_items).toBe(0);
    const everyone = (await get('/api/v1/people?jurisdiction=bc&current=false&per_page=100')).json() as Page<{ roles?: unknown }>;
    expect(everyone.pagination.total_items).toBe(87);
    const current = (await get('/api/v1/people?per_page=100')).json() as Page<{ id: string }>;
    const mlas = new Set((everyone.results as unknown as { id: string }[]).map((p) => p.id));
    expect(current.results.filter((p) => mlas.has(p.id))).toEqual([]);
    // Everyone current sits in the House: the 44th Parliament's members still in their seat.
    expect(current.pagination.total_items).toBe((await get('/api/v1/people?jurisdiction=ca')).json().pagination.total_items);
    expect(current.pagination.total_items).toBeGreaterThan(300);
  });
});

describe('a session filter stays in one jurisdiction', () => {
  it('reads session 40-2 as the federal Parliament\'s unless the jurisdiction says otherwise', async () => {
    const bare = (await get('/api/v1/bills?session=40-2&per_page=100')).json() as Page<{ jurisdiction_id: string }>;
    const federal = (await get('/api/v1/bills?session=40-2&jurisdiction=ca&per_page=100')).json() as Page<{ jurisdiction_id: string }>;
    const bc = (await get('/api/v1/bills?session=40-2&jurisdiction=bc&per_page=100')).json() as Page<{ jurisdiction_id: string }>;
    expect(bare.pagination.total_items).toBe(federal.pagination.total_items);
    expect(new Set(bare.results.map((b) => b.jurisdiction_id))).toEqual(new Set([FEDERAL_JURISDICTION]));
    expect(bc.pagination.total_items).toBeGreaterThan(0);
    expect(new Set(bc.results.map((b) => b.jurisdiction_id))).toEqual(new Set([BC]));
    const votes = (await get('/api/v1/votes?session=40-2&per_page=100')).json() as Page<{ url: string }>;
    expect(votes.results.every((v) => v.url.startsWith('/api/v1/votes/ca/'))).toBe(true);
    const bcVotes = (await get('/api/v1/votes?session=40-2&jurisdiction=bc&per_page=100')).json() as Page<{ url: string }>;
    expect(bcVotes.pagination.total_items).toBeGreaterThan(0);
    expect(bcVotes.results.every((v) => v.url.startsWith('/api/v1/votes/bc/'))).toBe(true);
  });
});
