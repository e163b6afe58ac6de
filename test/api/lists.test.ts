/**
 * Every public list, through its cursor: in every sort (relevance included) each
 * item comes exactly once, the walk counts `total_items` and pages by number hold
 * the same items in the same order; forged, foreign and
 * mismatched cursors and pages past any offset are 400s naming the parameter,
 * never 5xx; and each list and detail endpoint issues a fixed number of SQL
 * statements, so the lean path cannot quietly grow.
 */
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { billSource } from '../../src/api/routes/bills.js';
import { MAX_PAGE } from '../../src/api/schemas/lists.js';
import { openDatabase } from '../../src/db/client.js';
import { announceDataChange } from '../../src/store/data-changed.js';
import type { QueryEvent } from '../../src/db/instrument.js';
import { testApi } from '../support/api.js';
import { pagePlan } from '../support/plans.js';
import { federal44_1, importSteps } from '../support/imports.js';

const api = testApi(async (database) => {
  await importSteps(database, federal44_1());
  // Thousands of anonymous requests: the quota is not what these tests are about.
}, { security: { tiers: { anonymous: [{ limit: 1_000_000, windowMs: 60_000 }] } } });

interface Page {
  results: Record<string, unknown>[];
  pagination: { page: number; per_page: number; max_page: number; total_items: number; next: string | null };
}

async function page(url: string): Promise<Page> {
  const res = await api.get(url);
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return res.json() as Page;
}

const itemId = (item: Record<string, unknown>) =>
  item.vote_event ? (item.vote_event as { id: string }).id : item.type ? `${String(item.type)} ${String(item.id)}` : String(item.id ?? item.source);

/** Every public list and sort, with ids of real records for the nested lists. */
let lists: string[];

beforeAll(async () => {
  const first = async (url: string) => (await page(url)).results[0]!;
  const person = String((await first('/api/v1/people?name=poilievre&current=false')).id);
  const debate = String((await first('/api/v1/debates')).id);
  const committee = String((await first('/api/v1/committees?name=public%20safety')).url).replace('/api/v1/committees/', '');
  lists = [
    ...['updated_desc', 'introduced_desc', 'latest_action_desc', 'number_asc'].map((s) => `/api/v1/bills?sort=${s}`),
    '/api/v1/bills?q=amendment', '/api/v1/bills?q=C-21', '/api/v1/bills?session=44-1&government=true&sort=number_asc',
    '/api/v1/votes', '/api/v1/votes?sort=date_asc', '/api/v1/votes?session=44-1&result=fail',
    // No one is current (the 44th Parliament has ended and these data hold no council): everyone is walked.
    '/api/v1/people?current=false', '/api/v1/people?current=false&sort=updated_desc', '/api/v1/people?current=false&jurisdiction=ca&org_classification=lower',
    '/api/v1/people?current=false&party=Conservative%20Party%20of%20Canada',
    `/api/v1/people/${person}/votes`, `/api/v1/people/${person}/votes?option=no`, `/api/v1/people/${person}/bills`, `/api/v1/people/${person}/speeches`,
    '/api/v1/debates', '/api/v1/debates?sort=date_asc', `/api/v1/debates/${encodeURIComponent(debate)}/speeches`,
    '/api/v1/speeches', '/api/v1/speeches?sort=date_asc', '/api/v1/speeches?q=carbon%20tax', '/api/v1/speeches?q=carbon%20tax&sort=date_desc',
    '/api/v1/committees', `/api/v1/committees/${committee}/meetings`,
    '/api/v1/search?q=firearms', '/api/v1/search?q=pierre', '/api/v1/search?q=C-21&type=vote',
    '/api/v1/divisions', '/api/v1/divisions?name=a', '/api/v1/jurisdictions', '/api/v1/sessions', '/api/v1/sources',
  ];
});

const withQuery = (url: string, query: string) => `${url}${url.includes('?') ? '&' : '?'}${query}`;

describe('walking every public list by cursor', () => {
  it('returns each item exactly once, in every sort, and as many as total_items', async () => {
    for (const list of lists) {
      const { pagination } = await page(withQuery(list, 'per_page=1'));
      expect(pagination.total_items, `${list} has items to walk`).toBeGreaterThan(0);
      // About six pages whatever the size, so every walk crosses page boundaries.
      const perPage = Math.min(100, Math.max(1, Math.ceil(pagination.total_items / 6)));
      const seen = new Set<string>();
      let url: string | null = withQuery(list, `per_page=${perPage}`);
      while (url) {
        const body = await page(url);
        expect(body.pagination.total_items, url).toBe(pagination.total_items);
        for (const item of body.results) {
          const id = itemId(item);
          expect(seen.has(id), `${list}: ${id} twice`).toBe(false);
          seen.add(id);
        }
        url = body.pagination.next;
      }
      expect(seen.size, list).toBe(pagination.total_items);
      // Pages by number hold the walk's items, in its order: from page 4, read directly, on to the pages four or more
      // pages deep, which find their rows by their keys first (the earlier ones as page 4; fewer requests on PGlite).
      // Read from the last back, no page has one read before it; read again in order, each page but page 4 starts
      // after the last row of the page before it (the keys kept in list-totals).
      await announceDataChange(api.app.store);
      const pages = Math.ceil(pagination.total_items / perPage) + 1;
      const backwards: string[][] = [];
      // (Another order of the parameters: not the response cache's key of the pages read in order below.)
      for (let n = pages; n >= 4; n--) backwards.unshift((await page(withQuery(list, `page=${n}&per_page=${perPage}`))).results.map(itemId));
      expect(backwards.flat(), `${list}, last page first`).toEqual([...seen].slice(3 * perPage));
      const paged: string[] = [];
      for (let n = 4; n <= pages; n++) {
        paged.push(...(await page(withQuery(list, `per_page=${perPage}&page=${n}`))).results.map(itemId));
      }
      expect(paged, list).toEqual([...seen].slice(3 * perPage));
    }
  });

  it('walks a relevance sort with undated bills through to the end', async () => {
    const undated = await page('/api/v1/bills?q=amendment&per_page=100');
    expect(undated.pagination.total_items).toBeGreaterThan(100);
    let url: string | null = '/api/v1/bills?q=amendment&per_page=100';
    let walked = 0;
    while (url) {
      const body = await page(url);
      walked += body.results.length;
      url = body.pagination.next;
    }
    expect(walked).toBe(undated.pagination.total_items);
  });
});

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A real cursor of each list, decoded: the shapes a client could borrow from one list for another. */
async function realKeys(): Promise<Map<string, unknown[]>> {
  const keys = new Map<string, unknown[]>();
  for (const list of lists) {
    const next = (await page(withQuery(list, 'per_page=1'))).pagination.next;
    if (next) keys.set(list, JSON.parse(Buffer.from(new URL(next, 'http://x').searchParams.get('cursor')!, 'base64url').toString()) as unknown[]);
  }
  return keys;
}

/** Values of every wrong kind for a key: each replaces one part of a real key in turn. */
const ODD_VALUES: unknown[] = [null, true, 'x', 'a\u0000b', 2 ** 31, 1e308, 0.5, '0000-01-01', '2024-02-30', {}];

/** What the cursor check tells apart in a key: each value's JSON type, and for strings whether it reads as a date or a time. */
const kind = (v: unknown) => (typeof v !== 'string' ? typeof v : /^\d{4}-\d{2}-\d{2}$/.test(v) ? 'date' : /^\d{4}-\d{2}-\d{2}[T ]/.test(v) ? 'time' : 'text');

/**
 * Real cursors of the other lists, one of each shape: two keys of one shape meet the
 * check and the SQL alike (the walk above reaches every list's SQL with its own keys).
 * Every other list's cursor (35 a list) made the test run past vitest's RPC timeout on PGlite under load.
 */
function foreignKeys(keys: Map<string, unknown[]>, list: string): unknown[][] {
  const byShape = new Map<string, unknown[]>();
  for (const [other, key] of keys) if (other !== list && !byShape.has(key.map(kind).join())) byShape.set(key.map(kind).join(), key);
  return [...byShape.values()];
}

describe('forged cursors and deep pages', () => {
  it('answers 400 naming the parameter, or a page, to every forgery on every list; never 5xx', async () => {
    const keys = await realKeys();
    expect(keys.size).toBeGreaterThan(lists.length - 8);
    const refused = new Map<string, number>();
    for (const list of lists) {
      const own = keys.get(list) ?? ['x'];
      const cursors = [
        'WyJ4Il0', '%%%', 'x'.repeat(5000), encode('not an array'), encode({ a: 1 }), Buffer.from('[1,').toString('base64url'),
        encode([]), encode([...own, 'extra']), encode(own.slice(0, -1)),
        ...own.flatMap((_, i) => ODD_VALUES.map((odd) => encode(own.map((v, j) => (j === i ? odd : v))))),
        ...foreignKeys(keys, list).map(encode),
      ];
      for (const cursor of cursors) {
        const res = await api.get(withQuery(list, `cursor=${encodeURIComponent(cursor)}`));
        expect(res.statusCode, `${list} cursor=${cursor.slice(0, 60)}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
        if (res.statusCode === 400) {
          expect(res.json()).toMatchObject({ status: 400, parameter: 'cursor' });
          refused.set(list, (refused.get(list) ?? 0) + 1);
        } else {
          expect(res.statusCode).toBe(200);
        }
      }
      for (const deep of ['99999999999999999999', String(2 ** 53), String(MAX_PAGE + 1), '1e308']) {
        const res = await api.get(withQuery(list, `page=${deep}`));
        expect(res.statusCode, `${list} page=${deep}`).toBe(400);
        expect(res.json()).toMatchObject({ parameter: 'page' });
      }
      // Before the list's total is known, so the page's SQL runs with its offset (a known total answers it without SQL).
      await announceDataChange(api.app.store);
      const last = await api.get(withQuery(list, `page=${MAX_PAGE}&per_page=100`));
      expect(last.statusCode, `${list} page=${MAX_PAGE}`).toBe(200);
      expect(last.json().results).toEqual([]);
    }
    // The first cursor, ["x"], fits only lists sorted by one text key; every list refuses most forgeries.
    for (const list of lists) expect(refused.get(list) ?? 0, list).toBeGreaterThan(8);
  });
});

describe('list SQL built once per shape', () => {
  it('renders no SQL for a list whose filter and sort were asked before with other values, and answers for the new values', async () => {
    await announceDataChange(api.app.store);
    // The shapes: a first page, and a page after a cursor, of one size (a page is planned for its number of rows).
    const firearms = await page('/api/v1/bills?q=firearms&per_page=1');
    await page(firearms.pagination.next!);
    const render = vi.spyOn(PgDialect.prototype, 'sqlToQuery');
    try {
      const amendment = await page('/api/v1/bills?q=amendment&per_page=1');
      const next = await page(amendment.pagination.next!);
      expect(render).not.toHaveBeenCalled();
      // The amendment bills, not the firearms ones the query was built for (the walk above checks every page of each).
      expect(amendment.pagination.total_items).toBeGreaterThan(100);
      expect(firearms.pagination.total_items).toBeLessThan(amendment.pagination.total_items);
      expect(amendment.results).toHaveLength(1);
      expect(next.results.map(itemId)).not.toContain(itemId(amendment.results[0]!));
    } finally {
      render.mockRestore();
    }
  });
});

describe('detail SQL built once per shape', () => {
  /** The detail URLs of a list's first two items: one asked first, the other asked next. */
  async function twoOf(list: string): Promise<[string, string]> {
    const { results } = await page(list);
    expect(results.length, list).toBeGreaterThanOrEqual(2);
    return [String(results[0]!.url), String(results[1]!.url)];
  }

  it('renders no SQL for a detail, its includes and a page\'s extra statements asked before with other values, and answers for the new values', async () => {
    // A bill, then C-21, whose stages and divisions these data hold.
    const billA = String((await page('/api/v1/bills?session=44-1&sort=number_asc&per_page=1')).results[0]!.url);
    const billB = '/api/v1/bills/ca/44-1/C-21';
    // Someone, then Pierre Poilievre, whose ballots these data hold; two divisions he voted in.
    const personA = String((await page('/api/v1/people?current=false&per_page=1')).results[0]!.url);
    const personB = String((await page('/api/v1/people?name=poilievre&current=false')).results[0]!.url);
    const [voteA, voteB] = (await page(`${personB}/votes?per_page=2`)).results.map((b) => (b.vote_event as { url: string }).url) as [string, string];
    const [committeeA, committeeB] = await twoOf('/api/v1/committees?per_page=2');
    const debate = String((await page('/api/v1/debates')).results[0]!.url);
    const asked = (url: string) => [url, `${url}?include=actions,votes,texts,committee_meetings`];
    // Nothing kept from the look-ups above (totals, summaries, cached responses): every statement below runs.
    await announceDataChange(api.app.store);
    // The shapes, asked once with the first values: each detail and include, a person's ballots, pages of people and committees.
    for (const url of [...asked(billA), voteA, personA, `${personA}/votes`, committeeA, `${debate}?include=speeches`, '/api/v1/people?current=false&per_page=4&page=2', '/api/v1/committees?per_page=4&page=2']) {
      await page(url);
    }
    const render = vi.spyOn(PgDialect.prototype, 'sqlToQuery');
    try {
      const bill = await api.get(asked(billB)[1]!);
      const vote = await api.get(voteB);
      const person = await api.get(personB);
      const ballots = await api.get(`${personB}/votes`);
      const committee = await api.get(committeeB);
      const noDebate = await api.get('/api/v1/debates/no-such-sitting?include=speeches');
      // Another page, with another number of people and committees (of the same planned rows, `plannedFor`): their standings and activity are one statement for any number.
      const people = await api.get('/api/v1/people?current=false&per_page=3&page=2');
      const committees = await api.get('/api/v1/committees?per_page=3&page=2');
      expect(render.mock.results.map((r) => (r.value as { sql: string }).sql)).toEqual([]);
      for (const [res, url] of [[bill, billB], [vote, voteB], [person, personB], [committee, committeeB]] as const) {
        expect(res.statusCode, url).toBe(200);
        expect(res.json().url, url).toBe(url);
      }
      expect(bill.json().actions.length).toBeGreaterThan(0);
      expect(bill.json().votes.length).toBeGreaterThan(0);
      expect(vote.json().votes.length).toBeGreaterThan(0);
      expect(person.json().memberships.length).toBeGreaterThan(0);
      expect(ballots.statusCode).toBe(200);
      expect(ballots.json().results.length).toBeGreaterThan(0);
      for (const ballot of ballots.json().results) expect(ballot.voter_name).toMatch(/Poilievre/);
      expect(noDebate.statusCode).toBe(404);
      for (const list of [people, committees]) {
        expect(list.statusCode).toBe(200);
        expect(list.json().results).toHaveLength(3);
      }
      expect(people.json().results.every((p: { latest_seat: unknown }) => p.latest_seat !== null)).toBe(true);
      expect(committees.json().results.some((c: { last_active: unknown }) => c.last_active !== null)).toBe(true);
    } finally {
      render.mockRestore();
    }
  });
});

describe('SQL statements per request', () => {
  async function statements(url: string, headers: Record<string, string> = {}): Promise<number> {
    const events: QueryEvent[] = [];
    const stop = api.database.onQuery((e) => events.push(e));
    try {
      const res = await api.get(url, headers);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
    } finally {
      stop();
    }
    return events.length;
  }

  it('stays at the fixed count for each list (the total counted once per filter) and each detail', async () => {
    const person = String((await page('/api/v1/people?name=poilievre&current=false')).results[0]!.id);
    const debate = encodeURIComponent(String((await page('/api/v1/debates')).results[0]!.id));
    const committee = String((await page('/api/v1/committees?name=public%20safety')).results[0]!.url).replace('/api/v1/committees/', '');
    // [url, statements the first time, statements for the next page of the same filter]
    const expected: [string, number, number][] = [
      ['/api/v1/bills?session=44-1', 2, 1],
      ['/api/v1/bills?q=firearms', 2, 1],
      ['/api/v1/votes?session=44-1', 2, 1],
      ['/api/v1/people?current=false', 3, 1], // + the organizations the page's memberships name (kept until the data changes): the memberships are a JSON column of the page
      ['/api/v1/people?current=false&party=Conservative%20Party%20of%20Canada', 4, 2], // + the party's organization ids
      [`/api/v1/people/${person}/votes`, 6, 2], // the person, the page, the federal parties' French names, the total, the summary's two counts; then the names, the total and the summary are known
      [`/api/v1/people/${person}/bills`, 3, 1], // one bill: page 2 is past the known total, so only the person is read
      ['/api/v1/debates', 2, 0], // one sitting: page 2 is past the known total, no statement
      [`/api/v1/debates/${debate}/speeches`, 3, 2],
      ['/api/v1/speeches?q=carbon', 2, 1],
      ['/api/v1/committees', 3, 2], // the page, the total, the activity of the page's committees (and of others of their names)
      [`/api/v1/committees/${committee}/meetings`, 4, 3], // the committee, the page, the bills each meeting studied
      ['/api/v1/search?q=firearms', 2, 1],
      ['/api/v1/search?q=act', 2, 1], // more hits than the 200 kept ranked: the total comes with the ranking, not from a second statement finding them all
      ['/api/v1/divisions', 2, 1],
      ['/api/v1/jurisdictions', 2, 0], // Parliament only
      ['/api/v1/sessions', 2, 1],
    ];
    const measured: [string, number, number][] = [];
    for (const [url] of expected) {
      // Totals are kept per filter until the data changes: announce a change, so this filter is counted afresh.
      await announceDataChange(api.app.store);
      measured.push([url, await statements(withQuery(url, 'per_page=1')), await statements(withQuery(url, 'per_page=1&page=2'))]);
    }
    expect(measured).toEqual(expected);
    // [url, statements the first time after a data change, statements asked again]
    const details: [string, number, number][] = [
      ['/api/v1/bills/ca/44-1/C-21', 1, 1],
      ['/api/v1/bills/ca/44-1/C-21?include=actions,votes', 1, 1], // the bill with its actions and divisions as JSON columns
      ['/api/v1/votes/ca/44-1/332', 2, 1], // the division with its ballots as a JSON column, the federal parties' French names (kept until the data changes)
      [`/api/v1/people/${person}`, 2, 1], // the person with their memberships and their seats' sessions (as JSON columns); the organizations, kept until the data changes
      [`/api/v1/debates/${debate}`, 2, 2], // the sitting, its table of contents by subject
      [`/api/v1/debates/${debate}?include=speeches`, 3, 3],
      [`/api/v1/committees/${committee}`, 3, 3], // the committee, its activity, its meetings' count and span
      ['/api/v1/jurisdictions/ca?include=sessions', 2, 2],
    ];
    const measuredDetails: [string, number, number][] = [];
    for (const [url] of details) {
      await announceDataChange(api.app.store);
      measuredDetails.push([url, await statements(url), await statements(url)]);
    }
    expect(measuredDetails).toEqual(details);
  });
});

describe('a page by number after the page before it', () => {
  async function pageStatement(url: string): Promise<[Page, string]> {
    const texts: string[] = [];
    const stop = api.database.onQuery((e) => { if (e.text?.includes(' limit ')) texts.push(e.text); });
    try {
      const body = await page(url);
      expect(texts, url).toHaveLength(1);
      return [body, texts[0]!];
    } finally {
      stop();
    }
  }

  it('starts after that page\'s last row, skipping none, and holds the rows the offset names', async () => {
    for (const list of ['/api/v1/bills?sort=number_asc', '/api/v1/bills?session=44-1&sort=introduced_desc', '/api/v1/votes']) {
      await announceDataChange(api.app.store);
      // Page 8 of 5 skips 35 rows found by their keys first; page 9 after it skips none, as a cursor's page does.
      const [eighth, deep] = await pageStatement(withQuery(list, 'per_page=5&page=8'));
      expect(deep, list).toMatch(/ offset /);
      const [ninth, next] = await pageStatement(withQuery(list, 'per_page=5&page=9'));
      expect(next, list).not.toMatch(/ offset /);
      const byCursor = await page(eighth.pagination.next!);
      expect(ninth.results, list).toEqual(byCursor.results);
      // Page 11 after page 9: the ten rows of page 10 skipped by offset, after page 9's last.
      const [eleventh, near] = await pageStatement(withQuery(list, 'per_page=5&page=11'));
      expect(near, list).toMatch(/ offset /);
      await announceDataChange(api.app.store);
      const [fresh] = await pageStatement(withQuery(list, 'page=11&per_page=5'));
      expect(eleventh, list).toEqual(fresh);
    }
  });
});

describe('a page planned once', () => {
  // PostgreSQL's plan cache: a connection keeps a prepared statement's generic plan, or plans it again on every execution.
  it.skipIf(!process.env.DATABASE_URL)('keeps the generic plan of a first page, a cursor\'s page and a page after an offset, filtered or not', async () => {
    const own = await openDatabase({ url: api.database.url!, max: 1 });
    try {
      for (const q of [{}, { session: '44-1' }]) {
        const bills = billSource(own.db, q);
        const first = await bills.rows({ limit: 21, offset: 0, after: null });
        const after = bills.key(first[20]!);
        // The first five executions are planned for their values; from the sixth the generic plan is kept if it costs no more.
        for (let i = 0; i < 8; i++) await bills.rows({ limit: 21, offset: 0, after: null });
        for (let i = 0; i < 8; i++) await bills.rows({ limit: 21, offset: 0, after });
        // Pages after an offset, read directly and found by their keys first: planned once too (12p-r8 note).
        for (let i = 0; i < 8; i++) await bills.rows({ limit: 21, offset: 21, after: null });
        for (let i = 0; i < 8; i++) await bills.rows({ limit: 21, offset: 105, after: null });
      }
      const pages = (await own.rows<{ statement: string; generic_plans: number; custom_plans: number }>(
        sql`select statement, generic_plans::int, custom_plans::int from pg_prepared_statements where statement like '%from "bills"%limit%'`,
      )).map((s) => ({ generic: s.generic_plans, custom: s.custom_plans, end: s.statement.slice(-100) }));
      expect(pages).toHaveLength(8);
      for (const page of pages) expect(page.generic, JSON.stringify(page)).toBeGreaterThan(0);
    } finally {
      await own.close();
    }
  });
});

describe('a page read in its order from an index', () => {
  // Without an index holding an order's keys, PostgreSQL reads every matching row and sorts them for one page (bills?sort=number
  // on the full data: 1,036 buffers; with its index, 25). With sorting disabled, a plan that still sorts has no index to read.
  it('plans no sort for a page of each bills and divisions order, of a session, a jurisdiction or of all', async () => {
    const scopes: [string, string][] = [['', ''], ['session=44-1&', 'ocd-jurisdiction/country:ca/legislature/44-1'], ['jurisdiction=ca&', 'ocd-jurisdiction/country:ca/legislature']];
    const urls: [string, string][] = [
      ...['number', 'introduced', 'latest_action', 'updated'].flatMap((s) => ['asc', 'desc'].flatMap((d) => scopes.map(([q, id]): [string, string] => [`/api/v1/bills?${q}sort=${s}_${d}`, id]))),
      ['/api/v1/divisions?sort=updated_asc', ''], ['/api/v1/divisions?sort=updated_desc', ''],
    ];
    const sorted: string[] = [];
    for (const [url, scope] of urls) {
      const plan = await pagePlan(api, url, scope);
      if (/Sort/.test(plan)) sorted.push(`${url}\n${plan}`);
    }
    expect(sorted).toEqual([]);
  });
});

describe('a deep page\'s skipped rows read from an index alone', () => {
  // The rows before a deep page are found by their sort keys first: from the index alone when it holds the columns the
  // keys read (migration 0012), not from each row's heap page (bills?sort=introduced_desc page 150 on the full data: 3,155 buffers against 136).
  it('plans an index-only scan for the skip of each bills order, of a session, a jurisdiction or of all', async () => {
    const scopes: [string, string][] = [['', ''], ['session=44-1&', 'ocd-jurisdiction/country:ca/legislature/44-1'], ['jurisdiction=ca&', 'ocd-jurisdiction/country:ca/legislature']];
    const heap: string[] = [];
    for (const s of ['number', 'introduced', 'latest_action', 'updated']) {
      for (const [q, scope] of scopes) {
        const url = `/api/v1/bills?${q}sort=${s}_desc&per_page=4&page=9`;
        // Nothing kept from the tests above (a cached page, a kept key before this one): the page skips its 32 rows.
        await announceDataChange(api.app.store);
        const plan = await pagePlan(api, url, scope);
        if (!/Index Only Scan/.test(plan)) heap.push(`${url}\n${plan}`);
      }
    }
    expect(heap).toEqual([]);
  });
});
