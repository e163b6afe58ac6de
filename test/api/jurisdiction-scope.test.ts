import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEDERAL_JURISDICTION, provinceJurisdiction } from '../../src/domain/ids.js';
import { bcLegislature } from '../../src/ingest/bc-legislature.js';
import { legisinfoBills } from '../../src/ingest/legisinfo-bills.js';
import { ourcommonsMembers } from '../../src/ingest/ourcommons-members.js';
import { testApi } from '../support/api.js';
import { SHARED_DATA } from '../support/db.js';
import { importSteps } from '../support/imports.js';
import { pagePlan } from '../support/plans.js';
import { legisinfoBillFiles } from '../support/legisinfo.js';

const BC = provinceJurisdiction('bc');

const api = testApi(async (database) => {
  await importSteps(database, [
    [ourcommonsMembers, [join(SHARED_DATA, 'ourcommons-44')]],
    [legisinfoBills, legisinfoBillFiles(['40-2'])],
    // Two ballots in the file are null: refused, the rest imported.
    [bcLegislature, [join(SHARED_DATA, 'bc-legislature-40/mlas.json'), join(SHARED_DATA, 'bc-legislature-40/divisions.json')], 'partial'],
  ]);
});

const { get } = api;

interface Page<T> { results: T[]; pagination: { total_items: number } }
interface Seated {
  name: string;
  current_role: unknown;
  latest_seat: { district: string | null; end_date: string | null; current: boolean; legislature: { number: number; end_date: string | null } | null } | null;
}
interface Answer { levels: { level: string; district: string | null; current: boolean; representatives: Seated[] }[] }

describe('terms end with their legislature', () => {
  it('has no MLA of the 40th BC Parliament (2013–2017) among current people, and keeps all 87 among everyone', async () => {
    expect((await get('/api/v1/people?jurisdiction=bc')).json().pagination.total_items).toBe(0);
    const everyone = (await get('/api/v1/people?jurisdiction=bc&current=false&per_page=100')).json() as Page<{ roles?: unknown }>;
    expect(everyone.pagination.total_items).toBe(87);
  });

  it('has no member of the 44th Parliament among current people: it was dissolved on 2025-03-23, though the export prints no end for 332 of them', async () => {
    expect((await get('/api/v1/people')).json().pagination.total_items).toBe(0);
    expect((await get('/api/v1/people?jurisdiction=ca')).json().pagination.total_items).toBe(0);
    const members = (await get('/api/v1/people?jurisdiction=ca&org_classification=lower&current=false&per_page=100')).json() as Page<Seated>;
    expect(members.pagination.total_items).toBeGreaterThanOrEqual(332);
    for (const p of members.results) {
      expect(p.current_role, p.name).toBeNull();
      expect(p.latest_seat, p.name).toMatchObject({ current: false, legislature: { number: 44, end_date: '2025-03-23' } });
      expect(p.latest_seat!.end_date! <= '2025-03-23', p.name).toBe(true);
    }
  });

  it('answers a riding of an ended legislature with its last member, the end of their term, and the legislature the data lacks', async () => {
    const federal = (await get(`/api/v1/representatives?place=${encodeURIComponent('Scarborough—Rouge Park')}`)).json() as Answer;
    expect(federal.levels).toHaveLength(1);
    expect(federal.levels[0]).toMatchObject({
      level: 'federal', district: 'Scarborough—Rouge Park', current: false,
      legislature: { number: 44, name: { en: '44th Parliament', fr: '44e législature' }, end_date: '2025-03-23' },
      next_legislature: { number: 45, name: { en: '45th Parliament', fr: '45e législature' }, start_date: '2025-04-28', end_date: null },
    });
    expect(federal.levels[0]!.representatives.map((p) => [p.name, p.latest_seat!.end_date])).toEqual([['Gary Anandasangaree', '2025-03-23']]);
    const mla = (await get('/api/v1/people?jurisdiction=bc&current=false&per_page=1')).json() as Page<Seated>;
    const district = mla.results[0]!.latest_seat!.district!;
    const bc = (await get(`/api/v1/representatives?place=${encodeURIComponent(district)}`)).json() as Answer;
    expect(bc.levels.find((l) => l.level === 'provincial')).toMatchObject({
      current: false, legislature: { number: 40, end_date: '2017-03-16' }, next_legislature: { number: 41, name: { en: '41st Parliament' } },
    });
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

describe('a jurisdiction\'s bills', () => {
  // Through an order's own index, `bills?jurisdiction=bc&sort=updated_asc` passed over every federal bill on the full data
  // (6,182 buffers) to find BC's: each order has an index after jurisdiction_id (migration 0011), and a page reads it, unsorted.
  it('reads a page of each order from the index of that order after jurisdiction_id', async () => {
    const unindexed: string[] = [];
    for (const url of ['number', 'introduced', 'latest_action', 'updated'].flatMap((s) => ['asc', 'desc'].map((d) => `/api/v1/bills?jurisdiction=bc&sort=${s}_${d}`))) {
      const plan = await pagePlan(api, url, BC);
      if (/Sort/.test(plan) || !/Index Cond: \(jurisdiction_id = /.test(plan)) unindexed.push(`${url}\n${plan}`);
    }
    expect(unindexed).toEqual([]);
  });
});
