/**
 * One search box over bills, people, votes and speeches. Hits are ranked in tiers:
 * an exact bill number or person name first, then people whose name has a word
 * starting with the query and votes on the bill numbered so, then full-text hits
 * by ts_rank; newer first within a rank.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { SelectedFields } from 'drizzle-orm/pg-core';
import { type Static } from 'typebox';
import type { SelectResultFields } from 'drizzle-orm/query-builders/select.types';
import type { Db } from '../../db/client.js';
import { bills, debates, legislativeSessions, people, speeches, voteEvents } from '../../db/schema.js';
import { searchKey } from '../../domain/text.js';
import { matchedLanguage, onceEach, sameNumber, TEXT_CONFIG, textHeadline, textMatches, textQuery, textRank, typedNumber, type TextQuery } from '../../db/full-text.js';
import { by, keysetList, respondList, sortBy, type ListSource, type Orders, type Sort } from '../lists.js';
import { preparedOn, rawQuery } from '../../db/prepared.js';
import { listResponse } from '../schemas/lists.js';
import type { KeptOrder, ListTotals } from '../list-totals.js';
import { isoTime } from '../resources.js';
import { billUrl } from './bills.js';
import { speechUrl } from './debates.js';
import { voteUrl } from './votes.js';
import { Hit, SearchQuery, TYPES, type HitType } from '../schemas/search.js';

// ── query ─────────────────────────────────────────────────────────────────
// Private-use characters mark the matches inside ts_headline; they become <mark> only after the text is HTML-escaped.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const HEADLINE_OPTIONS = `StartSel=${OPEN}, StopSel=${CLOSE}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
const NO_DATE = '0001-01-01';

/** What a hit of one type shows: where its row and columns come from. */
interface Kind {
  from: SQL;
  id: SQL;
  titleEn: SQL;
  titleFr: SQL;
  date: SQL;
  updated: SQL;
  url?: [SQL, SQL, SQL];
  status?: [SQL, SQL];
}

/** Which rows of a type a query finds, and how they rank: the tier, then the rank. */
interface Ranking {
  match: SQL;
  tier: SQL;
  rank: SQL;
}

const KINDS: Record<HitType, Kind> = {
  bill: {
    from: sql`from ${bills} join ${legislativeSessions} on ${legislativeSessions.id} = ${bills.sessionId}`,
    id: sql`${bills.id}`,
    titleEn: sql`${bills.identifier} || ' — ' || coalesce(${bills.shortTitleEn}, ${bills.titleEn})`,
    titleFr: sql`${bills.identifier} || ' — ' || coalesce(${bills.shortTitleFr}, ${bills.titleFr})`,
    date: sql`coalesce(${bills.introducedDate}, ${NO_DATE}::date)`,
    updated: sql`${bills.updatedAt}`,
    url: [sql`${bills.jurisdictionId}`, sql`${legislativeSessions.identifier}`, sql`${bills.identifier}`],
    status: [sql`${bills.statusEn}`, sql`${bills.statusFr}`],
  },
  person: {
    from: sql`from ${people}`,
    id: sql`${people.id}`,
    // A name is the same in either language.
    titleEn: sql`${people.name}`,
    titleFr: sql`${people.name}`,
    date: sql`${NO_DATE}`,
    updated: sql`${people.updatedAt}`,
  },
  vote: {
    from: sql`from ${voteEvents} join ${legislativeSessions} on ${legislativeSessions.id} = ${voteEvents.sessionId}`,
    id: sql`${voteEvents.id}`,
    titleEn: sql`'Vote ' || ${voteEvents.identifier} || ' (' || ${legislativeSessions.identifier} || '): ' || ${voteEvents.motionTextEn}`,
    titleFr: sql`'Vote nº ' || ${voteEvents.identifier} || ' (' || ${legislativeSessions.identifier} || ') : ' || ${voteEvents.motionTextFr}`,
    date: sql`${voteEvents.startDate}`,
    updated: sql`${voteEvents.updatedAt}`,
    url: [sql`${voteEvents.jurisdictionId}`, sql`${legislativeSessions.identifier}`, sql`${voteEvents.identifier}`],
  },
  speech: {
    from: sql`from ${speeches} join ${debates} on ${debates.id} = ${speeches.debateId}`,
    id: sql`${speeches.id}`,
    // The speaker and the subject in that language; the speaker alone where the speech has no subject in either.
    titleEn: sql`case when ${speeches.subjectEn} is not null or ${speeches.subjectFr} is null then ${speeches.speakerName} || coalesce(' — ' || ${speeches.subjectEn}, '') end`,
    titleFr: sql`case when ${speeches.subjectFr} is not null or ${speeches.subjectEn} is null then ${speeches.speakerName} || coalesce(' — ' || ${speeches.subjectFr}, '') end`,
    date: sql`${debates.date}`,
    updated: sql`${speeches.updatedAt}`,
  },
};

/**
 * How each type's hits rank. Every value made from the words is a subquery (`once`), computed once per execution:
 * the ranking statement is one for every query and keeps a generic plan, where PostgreSQL planned it afresh for each
 * query's values (reading the vectors' statistics: ~1.5 ms of backend CPU per first read of a query).
 */
function rankings(q: string): Record<HitType, Ranking> {
  const billVectors = { en: bills.searchEn, fr: bills.searchFr };
  const voteVectors = { en: voteEvents.searchEn, fr: voteEvents.searchFr };
  const speechVectors = { en: speeches.searchEn, fr: speeches.searchFr };
  const once = (value: SQLWrapper) => sql`(select ${value})`;
  const words = once(sql`${q}::text`);
  const query = onceEach(textQuery(words));
  const key = searchKey(q).replace(/[\\%_]/g, (c) => `\\${c}`);
  const like = (pattern: string) => once(sql`${pattern}::text`);
  const number = once(typedNumber(words));
  const exactBill = sameNumber(bills.identifier, number);
  const onBill = sameNumber(voteEvents.billIdentifier, number);
  return {
    bill: {
      match: sql`${textMatches(billVectors, query)} or ${exactBill}`,
      tier: sql`case when ${exactBill} then 2 else 0 end`,
      // Exact numbers tie on rank so the newest session's bill of that number leads.
      rank: sql`case when ${exactBill} then 0 else ${textRank(billVectors, query)} end`,
    },
    // search_name is the accent-free, lower-case name and other names joined by " | ".
    person: {
      // The plain LIKE is what the name's trigram index answers; the spaced one keeps only matches at a word's start.
      match: sql`${people.searchName} like ${like(`%${key}%`)} and ' ' || ${people.searchName} like ${like(`% ${key}%`)}`,
      tier: sql`case when ' | ' || ${people.searchName} || ' | ' like ${like(`%| ${key} |%`)} then 2 else 1 end`,
      rank: sql`round(${once(sql`${key.length}::numeric`)} / greatest(length(${people.searchName}), 1), 6)`,
    },
    vote: {
      match: sql`${textMatches(voteVectors, query)} or ${onBill}`,
      tier: sql`case when ${onBill} then 1 else 0 end`,
      rank: textRank(voteVectors, query),
    },
    speech: {
      match: textMatches(speechVectors, query),
      tier: sql`0`,
      rank: textRank(speechVectors, query),
    },
  };
}

/** One branch of the union; every branch names the same columns, so any one can stand alone (type=). Only a ranked branch has a tier and rank. */
function branch(type: HitType, c: Kind, ranked: Ranking | null, where: SQL): SQL {
  const [jurisdiction, session, identifier] = c.url ?? [sql`null`, sql`null`, sql`null`];
  const [statusEn, statusFr] = c.status ?? [sql`null`, sql`null`];
  const order = ranked ? sql`${ranked.tier}::int as tier, ${ranked.rank}::numeric as rank,` : sql``;
  return sql`select ${type}::text as type, ${c.id} as id, ${c.titleEn}::text as title_en, ${c.titleFr}::text as title_fr, ${order}
    ${c.date}::date as date, ${c.updated} as updated_at,
    ${jurisdiction}::text as jurisdiction_id, ${session}::text as session, ${identifier}::text as identifier,
    ${statusEn}::text as status_en, ${statusFr}::text as status_fr
    ${c.from} where ${where}`;
}

/** Every hit of the query, ranked. */
function matching(q: string, only: HitType | undefined): SQL {
  const ranked = rankings(q);
  return sql.join((only ? [only] : TYPES).map((t) => sql`(${branch(t, KINDS[t], ranked[t], ranked[t].match)})`), sql` union all `);
}

/**
 * A headline of the text the row's vector indexes, in the language that matched ('fr' only when French matched and
 * English did not). A subquery per row is costly enough that PostgreSQL computes it after the sort and limit: only
 * for the page. Which language matched is worked out here, for a snippet not kept, not for every hit the page shows:
 * it reads both of the row's vectors.
 */
function snippet(query: TextQuery): SQL<string | null> {
  const matched = (en: SQL, fr: SQL) => sql`case when matched.lang = 'fr' then ${fr} else ${en} end`;
  const headline = (table: SQL, en: SQL, fr: SQL) => sql`(select ${textHeadline(
    matched(TEXT_CONFIG.en, TEXT_CONFIG.fr), matched(en, fr), matched(query.en, query.fr), HEADLINE_OPTIONS, OPEN,
  )} from ${table}, lateral (select ${matchedLanguage({ en: sql`search_en`, fr: sql`search_fr` }, query)} as lang offset 0) matched where id = hit.id)`;
  return sql<string | null>`case hit.type
    when 'bill' then ${headline(
      sql`${bills}`,
      sql`coalesce(identifier,'') || ' ' || coalesce(short_title_en,'') || ' ' || coalesce(title_en,'') || ' ' || coalesce(summary_en,'')`,
      sql`coalesce(identifier,'') || ' ' || coalesce(short_title_fr,'') || ' ' || coalesce(title_fr,'') || ' ' || coalesce(summary_fr,'')`,
    )}
    when 'vote' then ${headline(sql`${voteEvents}`, sql`coalesce(motion_text_en,'')`, sql`coalesce(motion_text_fr,'')`)}
    when 'speech' then ${headline(
      sql`${speeches}`,
      sql`coalesce(subject_en,'') || ' ' || coalesce(text_en,'')`,
      sql`coalesce(subject_fr,'') || ' ' || coalesce(text_fr,'')`,
    )}
  end`;
}

/** The key of a hit among a query's kept snippets. */
const hitKey = (row: { type: HitType; id: string }) => `${row.type} ${row.id}`;

/** The union's columns a hit shows; its snippet only where the query's snippet of that hit is not kept (`keptKeys`: their keys as a JSON array). */
function hitFields(query: TextQuery, keptKeys: string | SQLWrapper) {
  return {
    type: sql<HitType>`hit.type`, id: sql<string>`hit.id`, title_en: sql<string | null>`hit.title_en`, title_fr: sql<string | null>`hit.title_fr`, date: sql<string>`hit.date::text`,
    updated_at: sql<Date | string>`hit.updated_at`,
    status_en: sql<string | null>`hit.status_en`, status_fr: sql<string | null>`hit.status_fr`,
    jurisdiction_id: sql<string | null>`hit.jurisdiction_id`, session: sql<string | null>`hit.session`, identifier: sql<string | null>`hit.identifier`,
    // The keys go as text: a jsonb parameter is encoded as JSON again by postgres.js without drizzle (the bench's database limit).
    snippet: sql<string | null>`case when hit.type || ' ' || hit.id in (select jsonb_array_elements_text(${keptKeys}::text::jsonb)) then null else ${snippet(query)} end`,
  };
}
type HitRow = SelectResultFields<ReturnType<typeof hitFields>>;

/** Where a query's snippets are kept until the data changes: a headline costs more than finding and ranking the hit. */
interface KeptSnippets {
  known: ReadonlyMap<string, string>;
  keep(snippets: [string, string][]): void;
}

function keptSnippets(totals: ListTotals, q: string): KeptSnippets {
  const key = `search-snippets\u0000${q}`;
  return { known: totals.itemTexts(key), keep: (snippets) => totals.keepItemTexts(key, snippets) };
}

/** The page's snippets as HTML: kept ones filled in, new ones marked and kept. People's are their marked names. */
function withSnippets(q: string, kept: KeptSnippets) {
  return async <T extends HitRow>(rows: T[]): Promise<T[]> => {
    const fresh: [string, string][] = [];
    for (const row of rows) {
      if (row.type === 'person') {
        row.snippet = markName(row.title_en!, q);
      } else if (row.snippet === null) {
        row.snippet = kept.known.get(hitKey(row)) ?? '';
      } else {
        row.snippet = markHeadline(row.snippet);
        fresh.push([hitKey(row), row.snippet]);
      }
    }
    kept.keep(fresh);
    return rows;
  };
}

// The orders of `matching`'s hits (the derived table `hit`): they hold no value, so they are built once.
const hitOrders: Orders<'date'> = { date: [by(sql`hit.date`, 'date'), by(sql`hit.id`, 'text')] };
const byRelevance: Sort = { keys: [by(sql`hit.tier`, 'int'), by(sql`hit.rank`, 'number'), by(sql`hit.date`, 'date'), by(sql`hit.id`, 'text')], direction: 'desc' };

function searchSort(sort: Static<typeof SearchQuery>['sort']): Sort {
  return sort && sort !== 'relevance' ? sortBy(sort, hitOrders) : byRelevance;
}

/**
 * How many of a query's ranked hits are kept until the data changes (its first ten pages of 20, as its snippets):
 * finding and ranking every hit is most of a search's cost, and a page of kept hits is read by primary key.
 */
const KEPT_HITS = 200;

interface RankedHit {
  type: HitType;
  id: string;
  key: unknown[];
}

type SearchRow = HitRow & { rankKey: unknown[] };

const PAGE = { q: sql.placeholder('q'), kept: sql.placeholder('kept'), ids: { bill: sql.placeholder('bill'), person: sql.placeholder('person'), vote: sql.placeholder('vote'), speech: sql.placeholder('speech') } };

/**
 * Hits by id (a JSON array of ids per type), with what they show: one statement for every query, prepared once per
 * database. The words and ids reach it through subqueries, not as bare parameters: with no value to fold in,
 * PostgreSQL's custom plans cost what its generic one does and it keeps the generic one, where it planned this
 * statement afresh on every execution (4.7 → 0.7 ms of backend CPU per page on the full data). The words are bound
 * once and made a query once, in a row of their own the snippets read: written into each snippet they were 89
 * parameters to encode and bind on every request, and as many queries parsed.
 */
function pageQuery(db: Db) {
  const query = { en: sql`query.en`, fr: sql`query.fr` };
  const words = textQuery(sql`words.q`);
  const union = sql.join(TYPES.map((t) => sql`(${branch(t, KINDS[t], null, sql`${KINDS[t].id} = any(array(select jsonb_array_elements_text(${PAGE.ids[t]}::text::jsonb)))`)})`), sql` union all `);
  // The driver's rows as they come, named by the fields: drizzle mapped each value through its field, on every request.
  const fields = sql.join(Object.entries(hitFields(query, PAGE.kept)).map(([name, field]) => sql`${field} as ${sql.identifier(name)}`), sql`, `);
  return rawQuery<HitRow>(db, sql`select ${fields} from (${union}) hit,
    (select ${words.en} as en, ${words.fr} as fr from (select ${PAGE.q}::text as q) words offset 0) query`);
}

const sameKey = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * A query's hits: its first KEPT_HITS ranked once per data version (type, id and sort key), and each page of
 * them read by id; pages past them, and a cursor not among them, run the whole query.
 */
function searchSource(db: Db, totals: ListTotals, query: Static<typeof SearchQuery>): ListSource<SearchRow> {
  const kept = keptSnippets(totals, query.q);
  const sort = searchSort(query.sort);
  const attach = withSnippets(query.q, kept);
  const hits = <F extends SelectedFields>(fields: F) => keysetList(db, {
    from: sql`(${matching(query.q, query.type)}) hit`, fields, where: [], sort, changedSince: { column: sql`hit.updated_at`, since: query.updated_since },
  });
  let whole: ListSource<HitRow> | undefined;
  const everything = () => (whole ??= hits(hitFields(onceEach(textQuery(query.q)), JSON.stringify([...kept.known.keys()]))));

  const orderKey = `search-order\u0000${query.type ?? ''}\u0000${query.sort ?? ''}\u0000${query.updated_since ?? ''}\u0000${query.q}`;
  let ranked: Promise<KeptOrder<RankedHit>> | undefined;
  const order = () => (ranked ??= (async () => {
    const known = totals.order<RankedHit>(orderKey);
    if (known) return known;
    // The total comes with the ranking: every hit is found and ranked for the top ones anyway, where counting them was
    // a second statement finding them all again (a query of more than KEPT_HITS hits).
    const ranking = hits({ type: sql<HitType>`hit.type`, id: sql<string>`hit.id`, total: sql<number>`(count(*) over ())::int` });
    const rows = await ranking.rows({ limit: KEPT_HITS, offset: 0, after: null });
    const made = { items: rows.map((r) => ({ type: r.type, id: r.id, key: ranking.key(r) })), total: rows[0]?.total ?? 0 };
    totals.keepOrder(orderKey, made);
    return made;
  })());

  async function pageOf(page: RankedHit[]): Promise<SearchRow[]> {
    const ids = Object.fromEntries(TYPES.map((t) => [t, [] as string[]])) as Record<HitType, string[]>;
    for (const hit of page) ids[hit.type].push(hit.id);
    const rows = await preparedOn(db, 'search-page', pageQuery).execute({
      q: query.q, kept: JSON.stringify(page.map(hitKey).filter((k) => kept.known.has(k))), ...Object.fromEntries(TYPES.map((t) => [t, JSON.stringify(ids[t])])),
    }) as SearchRow[];
    const byKey = new Map(rows.map((row) => [hitKey(row), row]));
    return attach(page.flatMap((hit) => {
      const row = byKey.get(hitKey(hit));
      if (!row) return [];
      row.rankKey = hit.key;
      return [row];
    }));
  }

  return {
    count: async () => (await order()).total,
    rows: async (args) => {
      const known = await order();
      const at = args.after ? known.items.findIndex((hit) => sameKey(hit.key, args.after!)) : args.offset - 1;
      const start = at + 1;
      if ((args.after && at < 0) || (known.total > known.items.length && start + args.limit > known.items.length)) {
        const all = everything();
        // Onto the rows this request's query made: a copy as `{ ...row, rankKey }` takes V8's slow path (~1.7 us a row).
        return attach((await all.rows(args)).map((row) => Object.assign(row, { rankKey: all.key(row) })));
      }
      const page = known.items.slice(start, start + args.limit);
      // A first page always asks, even of no hits: it is where a missing database shows.
      return page.length || start === 0 ? pageOf(page) : [];
    },
    key: (row) => row.rankKey,
    keyTypes: sort.keys.map((k) => k.type),
  };
}

// ── response ──────────────────────────────────────────────────────────────
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
}

function markHeadline(headline: string): string {
  // The parser splits "C-21" into two tokens, each marked: join marks that touch.
  return escapeHtml(headline.replaceAll(CLOSE + OPEN, '')).replaceAll(OPEN, '<mark>').replaceAll(CLOSE, '</mark>');
}

/** Marks the first word-start match of the accent-free query in a name, mapping back to the name as written. */
function markName(name: string, q: string): string {
  const key = searchKey(q);
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < name.length; i++) {
    const f = searchKey(name[i]!) || (/\s/.test(name[i]!) ? ' ' : '');
    folded += f;
    for (let j = 0; j < f.length; j++) origin.push(i);
  }
  const at = ` ${folded}`.indexOf(` ${key}`);
  if (!key || at < 0) return escapeHtml(name);
  const start = origin[at]!;
  const end = origin[at + key.length - 1]! + 1;
  return `${escapeHtml(name.slice(0, start))}<mark>${escapeHtml(name.slice(start, end))}</mark>${escapeHtml(name.slice(end))}`;
}

function hitUrl(row: HitRow): string {
  switch (row.type) {
    case 'bill': return billUrl(row.jurisdiction_id!, row.session!, row.identifier!);
    case 'vote': return voteUrl(row.jurisdiction_id!, row.session!, row.identifier!);
    case 'person': return `/api/v1/people/${row.id}`;
    case 'speech': return speechUrl(row.id);
  }
}

function presentHit(row: HitRow): Static<typeof Hit> {
  return {
    type: row.type,
    id: row.id,
    title: { en: row.title_en, fr: row.title_fr },
    url: hitUrl(row),
    session: row.session,
    status: row.type === 'bill' ? { en: row.status_en, fr: row.status_fr } : null,
    date: row.date === NO_DATE ? null : row.date,
    snippet: row.snippet ?? '',
    updated_at: isoTime(row.updated_at)!,
  };
}

export const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/search', { schema: { tags: ['search'], summary: 'Search bills, people, votes and speeches', querystring: SearchQuery, response: { 200: listResponse(Hit) } } },
    async (request, reply) => respondList(request, reply, request.query, searchSource(app.database.db, app.listTotals, request.query), presentHit, {
      filename: 'search',
      columns: [
        // `title` was the English title, or the French where a record had no English.
        { header: 'type', value: (h) => h.type }, { header: 'id', value: (h) => h.id }, { header: 'title', value: (h) => h.title.en ?? h.title.fr },
        { header: 'url', value: (h) => h.url }, { header: 'date', value: (h) => h.date }, { header: 'snippet', value: (h) => h.snippet },
        // Added later: after the first columns, so readers of the first columns by position keep working.
        { header: 'title_fr', value: (h) => h.title.fr }, { header: 'session', value: (h) => h.session },
        { header: 'status_en', value: (h) => h.status?.en }, { header: 'status_fr', value: (h) => h.status?.fr },
      ],
    }));
};
