/**
 * One search box over bills, people, votes and speeches. Hits are ranked in tiers:
 * an exact bill number or person name first, then people whose name has a word
 * starting with the query and votes on the bill numbered so, then full-text hits
 * by ts_rank; newer first within a rank.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql, type SQL } from 'drizzle-orm';
import { type Static } from 'typebox';
import type { SelectResultFields } from 'drizzle-orm/query-builders/select.types';
import type { Db } from '../../db/client.js';
import { bills, debates, legislativeSessions, people, speeches, voteEvents } from '../../db/schema.js';
import { searchKey } from '../../domain/text.js';
import { matchedLanguage, sameNumber, TEXT_CONFIG, textHeadline, textMatches, textQuery, textRank } from '../../db/full-text.js';
import { by, keysetList, respondList, sortBy, type Sort } from '../lists.js';
import { listResponse } from '../schemas/lists.js';
import type { ListTotals } from '../list-totals.js';
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

/** One branch of the union; every branch names the same columns, so any one can stand alone (type=). */
function branch(type: HitType, c: { id: SQL; titleEn: SQL; titleFr: SQL; tier: SQL; rank: SQL; date: SQL; updated: SQL; lang: SQL; url?: [SQL, SQL, SQL]; status?: [SQL, SQL] }, from: SQL): SQL {
  const [jurisdiction, session, identifier] = c.url ?? [sql`null`, sql`null`, sql`null`];
  const [statusEn, statusFr] = c.status ?? [sql`null`, sql`null`];
  return sql`select ${type}::text as type, ${c.id} as id, ${c.titleEn}::text as title_en, ${c.titleFr}::text as title_fr, ${c.tier}::int as tier, ${c.rank}::numeric as rank,
    ${c.date}::date as date, ${c.updated} as updated_at, ${c.lang}::text as lang,
    ${jurisdiction}::text as jurisdiction_id, ${session}::text as session, ${identifier}::text as identifier,
    ${statusEn}::text as status_en, ${statusFr}::text as status_fr
    ${from}`;
}

function branches(q: string, only: HitType | undefined): SQL[] {
  const query = textQuery(q);
  const billVectors = { en: bills.searchEn, fr: bills.searchFr };
  const voteVectors = { en: voteEvents.searchEn, fr: voteEvents.searchFr };
  const speechVectors = { en: speeches.searchEn, fr: speeches.searchFr };
  const key = searchKey(q).replace(/[\\%_]/g, (c) => `\\${c}`);
  const exactBill = sameNumber(bills.identifier, q);
  const onBill = sameNumber(voteEvents.billIdentifier, q);
  const parts: Record<HitType, () => SQL> = {
    bill: () => branch('bill', {
      id: sql`${bills.id}`,
      titleEn: sql`${bills.identifier} || ' — ' || coalesce(${bills.shortTitleEn}, ${bills.titleEn})`,
      titleFr: sql`${bills.identifier} || ' — ' || coalesce(${bills.shortTitleFr}, ${bills.titleFr})`,
      tier: sql`case when ${exactBill} then 2 else 0 end`,
      // Exact numbers tie on rank so the newest session's bill of that number leads.
      rank: sql`case when ${exactBill} then 0 else ${textRank(billVectors, query)} end`,
      date: sql`coalesce(${bills.introducedDate}, ${NO_DATE}::date)`,
      updated: sql`${bills.updatedAt}`,
      lang: matchedLanguage(billVectors, query),
      url: [sql`${bills.jurisdictionId}`, sql`${legislativeSessions.identifier}`, sql`${bills.identifier}`],
      status: [sql`${bills.statusEn}`, sql`${bills.statusFr}`],
    }, sql`from ${bills} join ${legislativeSessions} on ${legislativeSessions.id} = ${bills.sessionId}
      where ${textMatches(billVectors, query)} or ${exactBill}`),
    // search_name is the accent-free, lower-case name and other names joined by " | ".
    person: () => branch('person', {
      id: sql`${people.id}`,
      // A name is the same in either language.
      titleEn: sql`${people.name}`,
      titleFr: sql`${people.name}`,
      tier: sql`case when ' | ' || ${people.searchName} || ' | ' like ${`%| ${key} |%`} then 2 else 1 end`,
      rank: sql`round(${key.length}::numeric / greatest(length(${people.searchName}), 1), 6)`,
      date: sql`${NO_DATE}`,
      updated: sql`${people.updatedAt}`,
      lang: sql`'en'`,
    // The plain LIKE is what the name's trigram index answers; the spaced one keeps only matches at a word's start.
    }, sql`from ${people} where ${people.searchName} like ${`%${key}%`} and ' ' || ${people.searchName} like ${`% ${key}%`}`),
    vote: () => branch('vote', {
      id: sql`${voteEvents.id}`,
      titleEn: sql`'Vote ' || ${voteEvents.identifier} || ' (' || ${legislativeSessions.identifier} || '): ' || ${voteEvents.motionTextEn}`,
      titleFr: sql`'Vote nº ' || ${voteEvents.identifier} || ' (' || ${legislativeSessions.identifier} || ') : ' || ${voteEvents.motionTextFr}`,
      tier: sql`case when ${onBill} then 1 else 0 end`,
      rank: textRank(voteVectors, query),
      date: sql`${voteEvents.startDate}`,
      updated: sql`${voteEvents.updatedAt}`,
      lang: matchedLanguage(voteVectors, query),
      url: [sql`${voteEvents.jurisdictionId}`, sql`${legislativeSessions.identifier}`, sql`${voteEvents.identifier}`],
    }, sql`from ${voteEvents} join ${legislativeSessions} on ${legislativeSessions.id} = ${voteEvents.sessionId}
      where ${textMatches(voteVectors, query)} or ${onBill}`),
    speech: () => branch('speech', {
      id: sql`${speeches.id}`,
      // The speaker and the subject in that language; the speaker alone where the speech has no subject in either.
      titleEn: sql`case when ${speeches.subjectEn} is not null or ${speeches.subjectFr} is null then ${speeches.speakerName} || coalesce(' — ' || ${speeches.subjectEn}, '') end`,
      titleFr: sql`case when ${speeches.subjectFr} is not null or ${speeches.subjectEn} is null then ${speeches.speakerName} || coalesce(' — ' || ${speeches.subjectFr}, '') end`,
      tier: sql`0`,
      rank: textRank(speechVectors, query),
      date: sql`${debates.date}`,
      updated: sql`${speeches.updatedAt}`,
      lang: matchedLanguage(speechVectors, query),
    }, sql`from ${speeches} join ${debates} on ${debates.id} = ${speeches.debateId}
      where ${textMatches(speechVectors, query)}`),
  };
  return (only ? [only] : TYPES).map((t) => parts[t]());
}

/**
 * A headline of the text the row's vector indexes, in the language that matched. A subquery per
 * row is costly enough that PostgreSQL computes it after the sort and limit: only for the page.
 */
function snippet(q: string): SQL<string | null> {
  const query = textQuery(q);
  const matched = (en: SQL, fr: SQL) => sql`case when hit.lang = 'fr' then ${fr} else ${en} end`;
  const headline = (table: SQL, en: SQL, fr: SQL) => sql`(select ${textHeadline(
    matched(TEXT_CONFIG.en, TEXT_CONFIG.fr), matched(en, fr), matched(query.en, query.fr), HEADLINE_OPTIONS, OPEN,
  )} from ${table} where id = hit.id)`;
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

/** The union's columns a hit shows; its snippet only for the page, and only where the query's snippet of that hit is not kept. */
function hitFields(q: string, kept: ReadonlyMap<string, string>) {
  const keptKeys = JSON.stringify([...kept.keys()]);
  return {
    type: sql<HitType>`hit.type`, id: sql<string>`hit.id`, title_en: sql<string | null>`hit.title_en`, title_fr: sql<string | null>`hit.title_fr`, date: sql<string>`hit.date::text`,
    updated_at: sql<Date | string>`hit.updated_at`,
    status_en: sql<string | null>`hit.status_en`, status_fr: sql<string | null>`hit.status_fr`,
    jurisdiction_id: sql<string | null>`hit.jurisdiction_id`, session: sql<string | null>`hit.session`, identifier: sql<string | null>`hit.identifier`,
    // The keys go as text: a jsonb parameter is encoded as JSON again by postgres.js without drizzle (the bench's database limit).
    snippet: sql<string | null>`case when hit.type || ' ' || hit.id in (select jsonb_array_elements_text(${keptKeys}::text::jsonb)) then null else ${snippet(q)} end`,
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

function searchSource(db: Db, query: Static<typeof SearchQuery>, kept: KeptSnippets) {
  const union = sql.join(branches(query.q, query.type).map((b) => sql`(${b})`), sql` union all `);
  const sort: Sort = query.sort && query.sort !== 'relevance'
    ? sortBy(query.sort, { date: [by(sql`hit.date`, 'date'), by(sql`hit.id`, 'text')] })
    : { keys: [by(sql`hit.tier`, 'int'), by(sql`hit.rank`, 'number'), by(sql`hit.date`, 'date'), by(sql`hit.id`, 'text')], direction: 'desc' };
  return keysetList(db, {
    from: sql`(${union}) hit`, fields: hitFields(query.q, kept.known), where: [], sort, changedSince: { column: sql`hit.updated_at`, since: query.updated_since },
    attach: withSnippets(query.q, kept),
  });
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
    async (request, reply) => respondList(request, reply, request.query, searchSource(app.database.db, request.query, keptSnippets(app.listTotals, request.query.q)), presentHit, {
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
