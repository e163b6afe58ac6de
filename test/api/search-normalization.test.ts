/**
 * Search reads words the way the sources print them: Hansard's bill numbers with a non-breaking
 * hyphen (U+2011) are found by the ASCII spelling and the other way round, and an accent does not
 * change what is found (Québec = Quebec). Every expectation is counted from the stored speech texts.
 */
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { hansard } from '../../src/ingest/hansard.js';
import { testApi } from '../support/api.js';
import { SHARED_DATA } from '../support/db.js';
import { importSteps } from '../support/imports.js';

// Three sittings: 2024-04-19 and 2021-11-26 print bill numbers with U+2011, the French one of 2011-11-25 C-13
// with an ASCII hyphen; Quebec is spelled both ways across them. The import outlasts the default hook timeout on PGlite.
vi.setConfig({ hookTimeout: 600_000 });
const SITTINGS = ['44-1-303-en.xml', '44-1-5-en.xml', '41-1-54-fr.xml'].map((file) => join(SHARED_DATA, 'hansard', file));
const api = testApi(async (database) => importSteps(database, [[hansard, SITTINGS]]));
const { get } = api;

interface Page { results: { id: string; url: string }[]; pagination: { total_items: number; next: string | null } }

/** Every hit of a list, all pages. */
async function everyHit(path: string): Promise<{ ids: Set<string>; total: number }> {
  const ids = new Set<string>();
  let url: string | null = path;
  let total = 0;
  while (url) {
    const res = await get(url);
    expect(res.statusCode, url).toBe(200);
    const page = res.json() as Page;
    total = page.pagination.total_items;
    for (const hit of page.results) ids.add(hit.id);
    url = page.pagination.next;
  }
  return { ids, total };
}

const speechesFor = (q: string) => everyHit(`/api/v1/speeches?per_page=100&q=${encodeURIComponent(q)}`);

/** Ids of the speeches whose stored subject or text matches `pattern` (a PostgreSQL regular expression). */
async function speechesPrinting(pattern: string): Promise<Set<string>> {
  const rows = await api.database.rows<{ id: string }>(sql`select id from speeches
    where concat_ws(' ', subject_en, text_en, subject_fr, text_fr) ~* ${pattern}`);
  return new Set(rows.map((r) => r.id));
}

describe('search normalization on the shared Hansard sittings', () => {
  it('q=C-234 and q=C-2 find the speeches that print the bill number only with a non-breaking hyphen', async () => {
    for (const [bill, sitting] of [['234', '2024-04-19'], ['2', '2021-11-26']] as const) {
      const nonBreaking = await speechesPrinting(`\\mC\u2011${bill}\\M`);
      const ascii = await speechesPrinting(`\\mC-${bill}\\M`);
      // The sittings print both spellings; these speeches only the one a search without folding misses.
      const onlyNonBreaking = [...nonBreaking].filter((id) => !ascii.has(id));
      expect(onlyNonBreaking.length, sitting).toBeGreaterThan(0);
      const found = await speechesFor(`C-${bill}`);
      expect(onlyNonBreaking.filter((id) => !found.ids.has(id)), sitting).toEqual([]);
      expect([...ascii].filter((id) => !found.ids.has(id)), sitting).toEqual([]);
      // Typed with the non-breaking hyphen, the query finds the same speeches.
      expect([...(await speechesFor(`C\u2011${bill}`)).ids].sort(), sitting).toEqual([...found.ids].sort());
    }
  });

  it('q=C‑13 typed with U+2011 finds the French speeches that print C-13 with an ASCII hyphen', async () => {
    const printed = await speechesPrinting('\\mC-13\\M');
    expect(printed.size).toBeGreaterThan(0);
    const found = await speechesFor('C\u201113');
    expect([...printed].filter((id) => !found.ids.has(id))).toEqual([]);
  });

  it('Québec and Quebec find the same speeches: every one that prints either spelling as a word', async () => {
    const accented = await speechesFor('Québec');
    const plain = await speechesFor('Quebec');
    console.log(`speeches found: Québec ${accented.total}, Quebec ${plain.total}`);
    expect(accented.total).toBe(plain.total);
    expect([...accented.ids].sort()).toEqual([...plain.ids].sort());
    // Both spellings occur in the sittings, so the test would see a search that keeps the accent.
    expect((await speechesPrinting('\\mQuébec\\M')).size).toBeGreaterThan(0);
    expect((await speechesPrinting('\\mQuebec\\M')).size).toBeGreaterThan(0);
    const printed = await speechesPrinting('\\mQu[eé]bec\\M');
    expect([...printed].filter((id) => !plain.ids.has(id))).toEqual([]);
    // A hit prints the word or a form the stemmer reduces to it (Quebec's, Quebecers).
    const stems = await speechesPrinting('\\mQu[eé]bec');
    expect([...plain.ids].filter((id) => !stems.has(id))).toEqual([]);
  });

  it('the search endpoint counts the same speeches for either spelling', async () => {
    const count = async (q: string) => ((await get(`/api/v1/search?type=speech&q=${encodeURIComponent(q)}`)).json() as Page).pagination.total_items;
    const [accented, plain] = [await count('Québec'), await count('Quebec')];
    expect(accented).toBe(plain);
    expect(plain).toBe((await speechesFor('Quebec')).total);
  });
});
