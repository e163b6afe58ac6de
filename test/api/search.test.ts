import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { hansard } from '../../src/ingest/hansard.js';
import { legisinfoBills } from '../../src/ingest/legisinfo-bills.js';
import { ourcommonsMembers } from '../../src/ingest/ourcommons-members.js';
import { announceDataChange } from '../../src/store/data-changed.js';
import { testApi } from '../support/api.js';
import { SHARED_DATA } from '../support/db.js';
import { legisinfoBillFiles } from '../support/legisinfo.js';
import { importSteps } from '../support/imports.js';

const api = testApi(async (database) => {
  // Bills of 45-1 (with the divisions LEGISinfo lists on them), the 44th Parliament's members, and one sitting of speeches.
  await importSteps(database, [
    [legisinfoBills, legisinfoBillFiles(['45-1'])],
    [ourcommonsMembers, [join(SHARED_DATA, 'ourcommons-44')]],
    [hansard, [join(SHARED_DATA, 'hansard/44-1-200-en.xml')]],
  ]);
  // Walks of several hundred hits: the quota is not what these tests are about.
}, { security: { tiers: { anonymous: [{ limit: 1_000_000, windowMs: 60_000 }] } } });
const { get } = api;
const search = async (query: string) => {
  const res = await get(`/api/v1/search?${query}`);
  expect(res.statusCode, query).toBe(200);
  return res.json() as { results: Hit[]; pagination: { total_items: number; next: string | null } };
};

interface Hit { type: string; id: string; title: { en: string | null; fr: string | null }; url: string; session: string | null; status: { en: string | null; fr: string | null } | null; date: string | null; snippet: string }

/** The snippet is safe HTML: nothing but <mark> tags, every other special character escaped. */
function expectSafeSnippet(snippet: string) {
  const unmarked = snippet.replace(/<\/?mark>/g, '');
  expect(unmarked).not.toMatch(/[<>"']/);
  expect(unmarked).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
}

describe('GET /api/v1/search', () => {
  it('puts bill C-12 first for "C-12", with its URL and a highlighted snippet', async () => {
    const body = await search('q=C-12');
    const [first] = body.results;
    expect(first).toMatchObject({ type: 'bill', url: '/api/v1/bills/ca/45-1/C-12' });
    expect(first!.id).toMatch(/^ocd-bill\//);
    expect(first!.title.en).toMatch(/^C-12 — /);
    // French pages show the French title, and a bill hit says which session and how far it got.
    const bill0 = (await get(first!.url)).json() as { short_title: { fr: string | null }; title: { fr: string }; status: { en: string; fr: string } };
    expect(first!.title.fr).toBe(`C-12 — ${bill0.short_title.fr ?? bill0.title.fr}`);
    expect(first).toMatchObject({ session: '45-1', status: bill0.status });
    const vote = body.results.find((h) => h.type === 'vote')!;
    expect(vote.title.en).toMatch(/^Vote \d+ \(45-1\): /);
    expect(vote.title.fr).toMatch(/^Vote nº \d+ \(45-1\) : /);
    expect(vote.status).toBeNull();
    expect(first!.snippet).toContain('<mark>C-12</mark>');
    const bill = (await get(first!.url)).json();
    expect(bill).toMatchObject({ id: first!.id, identifier: 'C-12', royal_assent_date: '2026-03-26' });
    // the divisions held on C-12 come next, before mere mentions
    const votes = body.results.filter((h) => h.type === 'vote');
    expect(votes.length).toBeGreaterThan(0);
    expect(body.results.findIndex((h) => h.type === 'vote')).toBe(1);
    for (const hit of body.results) expectSafeSnippet(hit.snippet);
  });

  it('finds a bill by its number typed with a non-breaking or other hyphen as it does with the ASCII one', async () => {
    // S-4's words rank C-4 above S-4 (the senate bill's summary says less), so only the exact number puts S-4 first.
    for (const number of ['C-13', 'S-4']) {
      const ascii = await search(`q=${number}&per_page=50`);
      expect(ascii.results[0], number).toMatchObject({ type: 'bill', url: `/api/v1/bills/ca/45-1/${number}` });
      const asciiList = (await get(`/api/v1/bills?q=${number}&per_page=50`)).json() as { results: { identifier: string }[]; pagination: { total_items: number } };
      expect(asciiList.results[0]!.identifier, number).toBe(number);
      // U+2011 as Hansard prints it, U+2010, the en dash and the minus sign: the same hits in the same order.
      for (const hyphen of ['\u2011', '\u2010', '\u2013', '\u2212']) {
        const typed = encodeURIComponent(number.replace('-', hyphen));
        const found = await search(`q=${typed}&per_page=50`);
        expect(found.pagination.total_items, typed).toBe(ascii.pagination.total_items);
        expect(found.results.map((h) => [h.type, h.id]), typed).toEqual(ascii.results.map((h) => [h.type, h.id]));
        const list = (await get(`/api/v1/bills?q=${typed}&per_page=50`)).json() as typeof asciiList;
        expect(list.pagination.total_items, typed).toBe(asciiList.pagination.total_items);
        expect(list.results.map((b) => b.identifier), typed).toEqual(asciiList.results.map((b) => b.identifier));
      }
    }
  });

  it('finds people by name without accents, marking the name as written', async () => {
    const plain = await search('q=mendes');
    const person = plain.results.find((h) => h.type === 'person');
    expect(person).toMatchObject({ title: { en: 'Alexandra Mendès', fr: 'Alexandra Mendès' }, session: null, snippet: 'Alexandra <mark>Mendès</mark>', date: null });
    expect(person!.url).toBe(`/api/v1/people/${person!.id}`);
    const accented = await search(`q=${encodeURIComponent('MENDÈS')}`);
    expect(accented.results[0]).toMatchObject({ type: 'person', id: person!.id });
    const full = await search('q=Pierre%20Poilievre');
    expect(full.results[0]).toMatchObject({ type: 'person', title: { en: 'Pierre Poilievre' }, snippet: '<mark>Pierre Poilievre</mark>' });
  });

  it('finds speeches and votes by full text, English and French, with escaped snippets', async () => {
    const cannabis = await search(`q=${encodeURIComponent('"medical cannabis"')}&type=speech`);
    expect(cannabis.pagination.total_items).toBe(1);
    expect(cannabis.results[0]).toMatchObject({ type: 'speech', date: '2023-05-18' });
    expect(cannabis.results[0]!.title.en).toMatch(/^Mr\. Brad Vis — /);
    expect(cannabis.results[0]!.snippet).toContain('<mark>medical</mark> <mark>cannabis</mark>');
    expect((await get(cannabis.results[0]!.url)).json()).toMatchObject({ speaker: { name: 'Mr. Brad Vis' } });

    const fr = await search(`q=${encodeURIComponent("frontière")}&type=bill`);
    expect(fr.results.map((h) => h.url)).toContain('/api/v1/bills/ca/45-1/C-12');
    const marked = fr.results.find((h) => h.snippet.includes("<mark>"))!;
    expect(marked.snippet).toMatch(/<mark>frontière/i);
    // French text is full of apostrophes: they come back as entities
    expect(fr.results.some((h) => h.snippet.includes('&#39;'))).toBe(true);
    for (const hit of fr.results) expectSafeSnippet(hit.snippet);
  });

  it('marks the match in every snippet: deep in a long speech, and where the stem is not spelled as the text is', async () => {
    const unescape = (html: string) => html.replace(/<\/?mark>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
    // "policy" stems to "polici", which a text saying only "policy" does not contain.
    for (const q of ['policy', 'carbon', 'Canada', 'frontière']) {
      const body = await search(`q=${encodeURIComponent(q)}&per_page=100`);
      expect(body.results.length, q).toBeGreaterThan(0);
      for (const hit of body.results) expect(hit.snippet, `${q}: ${hit.url}`).toContain('<mark>');
    }
    const inWord = (a: string | undefined, b: string | undefined) => /[\p{L}\p{N}]/u.test(a ?? '') && /[\p{L}\p{N}]/u.test(b ?? '');
    const hits = (await search('q=interest&type=speech&per_page=100')).results;
    const speeches = (await get('/api/v1/speeches?q=interest&per_page=100')).json() as { results: { id: string; subject: { en: string | null }; text: { en: string | null } }[] };
    expect(speeches.results.length).toBe(hits.length);
    let deep = 0;
    for (const hit of hits) {
      const speech = speeches.results.find((s) => s.id === hit.id)!;
      const text = `${speech.subject.en ?? ''} ${speech.text.en ?? ''}`;
      for (const fragment of unescape(hit.snippet).split(' … ')) {
        const at = text.indexOf(fragment);
        expect(at, fragment).toBeGreaterThanOrEqual(0);
        // whole words: no fragment starts or ends inside a word of the text
        expect(inWord(text[at - 1], fragment[0]), fragment).toBe(false);
        expect(inWord(fragment.at(-1), text[at + fragment.length]), fragment).toBe(false);
        if (at > 1000) deep++;
      }
    }
    expect(deep).toBeGreaterThan(0);
  });

  it('filters by type and pages through every hit once', async () => {
    const votes = await search('q=reading&type=vote&per_page=100');
    expect(votes.pagination.total_items).toBeGreaterThan(0);
    expect(votes.results.every((h) => h.type === 'vote' && /^\/api\/v1\/votes\/ca\/4[45]-1\/\d+$/.test(h.url))).toBe(true);

    const everything = await search('q=Canada&per_page=100');
    const seen = new Set<string>();
    let url: string | null = '/api/v1/search?q=Canada&per_page=25';
    while (url) {
      const body = (await get(url)).json() as { results: Hit[]; pagination: { next: string | null } };
      for (const hit of body.results) {
        expect(seen.has(hit.id), hit.id).toBe(false);
        seen.add(hit.id);
      }
      url = body.pagination.next;
    }
    expect(seen.size).toBe(everything.pagination.total_items);
    expect(new Set(everything.results.map((h) => h.type)).size).toBeGreaterThan(1);
  });

  it('walks past the hits it keeps ranked exactly as the whole query orders them', async () => {
    // More hits than the first 200 a query keeps ranked: pages inside them are read by id, the rest by the whole query.
    const q = 'q=act';
    const total = (await search(`${q}&per_page=1`)).pagination.total_items;
    expect(total).toBeGreaterThan(200);
    // 30 a page: page 7 holds hits 181-210, across the boundary.
    const walked: string[] = [];
    let url: string | null = `/api/v1/search?${q}&per_page=30`;
    while (url) {
      const body = await search(url.slice('/api/v1/search?'.length));
      walked.push(...body.results.map((h) => h.id));
      url = body.pagination.next;
    }
    expect(new Set(walked).size).toBe(walked.length);
    expect(walked.length).toBe(total);
    const paged: string[] = [];
    for (let n = 1; n <= Math.ceil(total / 30); n++) paged.push(...(await search(`${q}&per_page=30&page=${n}`)).results.map((h) => h.id));
    expect(paged).toEqual(walked);
    // And as the whole query ranks them when nothing is kept: a different spelling of the same words is a new query.
    const fresh: string[] = [];
    for (let n = 1; n <= Math.ceil(total / 100); n++) fresh.push(...(await search(`q=ACT&per_page=100&page=${n}`)).results.map((h) => h.id));
    expect(fresh).toEqual(walked);
  });

  it('keeps a query\'s snippets until the data changes, each with its own hit', async () => {
    // In date order, so a changed text does not move its speech.
    const url = (perPage: number, page = 1) => `q=minister&type=speech&sort=date_desc&per_page=${perPage}&page=${page}`;
    const first = await search(url(10));
    const [changed] = first.results;
    // Hits 6-10 again (kept with the first page): the same snippet for the same hit.
    const again = await search(url(5, 2));
    expect(again.results.map((h) => [h.id, h.snippet])).toEqual(first.results.slice(5, 10).map((h) => [h.id, h.snippet]));
    const [before] = await api.database.rows<{ text: string }>(sql`select text_en as text from speeches where id = ${changed!.id}`);
    try {
      // An import that has not announced its change yet: the kept snippet is still the one shown.
      await api.database.rows(sql`update speeches set text_en = 'The minister has changed this text.' where id = ${changed!.id}`);
      expect((await search(url(5))).results[0]).toMatchObject({ id: changed!.id, snippet: changed!.snippet });
      // Once it has, the snippet is made again from the new text.
      await announceDataChange(api.app.store);
      let perPage = 1;
      await vi.waitFor(async () => expect((await search(url(perPage++))).results[0]!.snippet).toContain('The <mark>minister</mark> has changed this text'));
    } finally {
      await api.database.rows(sql`update speeches set text_en = ${before!.text} where id = ${changed!.id}`);
      await announceDataChange(api.app.store);
    }
  });

  it('streams CSV', async () => {
    const res = await get('/api/v1/search?q=C-12&format=csv');
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('type,id,title,url,date,snippet,title_fr,session,status_en,status_fr');
    expect(lines[1]).toMatch(/^bill,ocd-bill\/.*\/api\/v1\/bills\/ca\/45-1\/C-12,/);
  });

  it('rejects bad parameters with problem+json naming the parameter', async () => {
    for (const [query, parameter] of [['', 'q'], ['q=', 'q'], ['q=tax&type=committee', 'type'], ['q=tax&per_page=0', 'per_page'], ['q=tax&sort=date', 'sort']] as const) {
      const res = await get(`/api/v1/search?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 400, parameter });
    }
  });
});
