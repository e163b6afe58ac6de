import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { municipal } from '../../src/ingest/municipal.js';
import { openparliament } from '../../src/ingest/openparliament.js';
import { testApi } from '../support/api.js';
import { SHARED_DATA } from '../support/db.js';
import { importSteps } from '../support/imports.js';

const api = testApi(async (database) => {
  await importSteps(database, [
    [openparliament, [join(SHARED_DATA, 'openparliament-fixtures')]],
    [municipal, [join(SHARED_DATA, 'municipal/toronto.csv')]],
  ]);
});

/** People whose held_until is not the end of their last membership ('infinity' while one is open, null with none). */
const wrong = () => api.database.rows<{ id: string }>(sql`select p.id from people p
  where p.held_until is distinct from (select max(coalesce(m.end_date, 'infinity'::date)) from memberships m where m.person_id = p.id)`);
const heldUntil = async (id: string) => (await api.database.rows<{ d: string | null }>(sql`select held_until::text as d from people where id = ${id}`))[0]!.d;
const onePerson = async (name: string) => (await api.database.rows<{ id: string }>(sql`select id from people where name = ${name}`))[0]!.id;

describe("people's held_until (what people?current=true reads)", () => {
  it('lists as current exactly the people with a membership that has not ended', async () => {
    const [held] = await api.database.rows<{ n: number }>(sql`select count(*)::int as n from people p
      where exists (select 1 from memberships m where m.person_id = p.id and (m.end_date is null or m.end_date >= current_date))`);
    expect((await api.get('/api/v1/people?current=true')).json().pagination.total_items).toBe(held!.n);
    expect(held!.n).toBe(25);
    expect(await wrong()).toEqual([]);
  });

  it('follows every write of memberships: an end date set and cleared, a merge moving them, a delete, an insert, a truncate', async () => {
    const chow = await onePerson('Olivia Chow');
    const bravo = await onePerson('Alejandra Bravo');
    expect(await heldUntil(chow)).toBe('infinity');
    await api.database.rows(sql`update memberships set end_date = date '2026-01-31' where person_id = ${chow}`);
    expect(await heldUntil(chow)).toBe('2026-01-31');
    await api.database.rows(sql`update memberships set end_date = null where person_id = ${chow}`);
    expect(await heldUntil(chow)).toBe('infinity');
    // A merge re-points the merged-away person's memberships: both people are set again.
    const [{ id }] = await api.database.rows<{ id: string }>(sql`update memberships set person_id = ${bravo}, end_date = date '2020-01-01'
      where person_id = ${chow} returning id`) as [{ id: string }];
    expect([await heldUntil(chow), await heldUntil(bravo)]).toEqual([null, 'infinity']);
    await api.database.rows(sql`delete from memberships where person_id = ${bravo} and end_date is null`);
    expect(await heldUntil(bravo)).toBe('2020-01-01');
    await api.database.rows(sql`insert into memberships (id, person_id, organization_id, role)
      select ${`${id}-again`}, ${chow}, organization_id, role from memberships where id = ${id}`);
    expect(await heldUntil(chow)).toBe('infinity');
    expect(await wrong()).toEqual([]);
    await api.database.rows(sql`truncate memberships`);
    expect(await api.database.rows(sql`select id from people where held_until is not null`)).toEqual([]);
  });
});
