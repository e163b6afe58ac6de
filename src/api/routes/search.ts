/**
 * One search box over bills, people, votes and speeches. Hits are ranked in tiers:
 * an exact bill number or person name first, then people whose name has a word
 * starting with the query and votes on the bill numbered so, then full-text hits
 * by ts_rank; newer first within a rank.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql, type SQL } from 'drizzle-orm';
import { Type, type Static } from 'typebox';
import type { Database } from '../../db/client.js';
import { bills, debates, legislativeSessions, people, speeches, voteEvents } from '../../db/schema.js';
import { searchKey } from '../../domain/text.js';
import { after, listQuery, listResponse, respondList, type ListSource } from '../lists.js';
import { Nullable, StringEnum } from '../resources.js';
import { billUrl } from './bills.js';
import { speechUrl } from './debates.js';
import { voteUrl } from './votes.js';

// ── schema ────────────────────────────────────────────────────────────────
const TYPES = ['bill', 'person', 'vote', 'speech'] as const;
type HitType = (typeof TYPES)[number];

const SearchQuery = listQuery({
  q: Type.String({ minLength: 1, maxLength: 200, description: 'Words to find, English or French (web-search syntax: "quoted phrase", -not, or); a bill number such as C-12 finds that bill first.' }),
  type: Type.Optional(StringEnum(TYPES, { description: 'Only hits of this type.' })),
});

const Hit = Type.Object({
  type: StringEnum(TYPES),
  id: Type.String(),
  title: Type.String(),
  url: Type.String(),
  date: Nullable(Type.String()),
  snippet: Type.String({ description: 'HTML: the matching passage, escaped, with the matched words in <mark> tags.' }),
});

// ── query ─────────────────────────────────────────────────────────────────
// Private-use characters mark the matches inside ts_headline; they become <mark> only after the text is HTML-escaped.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const HEADLINE_OPTIONS = `StartSel=${OPEN}, StopSel=${CLOSE}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
const NO_DATE = '0001-01-01';

interface HitRow extends Record<string, unknown> {
  type: HitType;
  id: string;
  title: string;
  tier: number;
  rank: string;
  date: string;
  jurisdiction_id: string | null;
  session: string | null;
  identifier: string | null;
  snippet: string | null;
}

/** One branch of the union; every branch names the same columns, so any one can stand alone (type=). */
function branch(type: HitType, c: { id: SQL; title: SQL; tier: SQL; rank: SQL; date: SQL; lang: SQL; url?: [SQL, SQL, SQL] }, from: SQL): SQL {
  const [jurisdiction, session, identifier] = c.url ?? [sql`null`, sql`null`, sql`null`];
  return sql`select ${type}::text as type, ${c.id} as id, ${c.title} as title, ${c.tier}::int as tier, ${c.rank}::numeric as rank,
    ${c.date}::date as date, ${c.lang}::text as lang,
    ${jurisdiction}::text as jurisdiction_id, ${session}::text as session, ${identifier}::text as identifier
    ${from}`;
}

/** The language whose vector matched, so the snippet is cut from that text. */
const matchedLanguage = (en: SQL, fr: SQL) => sql`case when ${fr} and not ${en} then 'fr' else 'en' end`;

function branches(q: string, only: HitType | undefined): SQL[] {
  const en = sql`websearch_to_tsquery('english', ${q})`;
  const fr = sql`websearch_to_tsquery('french', ${q})`;
  const key = searchKey(q).replace(/[\\%_]/g, (c) => `\\${c}`);
  const exactBill = sql`upper(${bills.identifier}) = upper(${q})`;
  const parts: Record<HitType, () => SQL> = {
    bill: () => branch('bill', {
      id: sql`${bills.id}`,
      title: sql`${bills.identifier} || ' — ' || coalesce(${bills.shortTitleEn}, ${bills.titleEn})`,
      tier: sql`case when ${exactBill} then 2 else 0 end`,
      // Exact numbers tie on rank so the newest session's bill of that number leads.
      rank: sql`case when ${exactBill} then 0 else round(ts_rank(${bills.searchEn}, ${en})::numeric + ts_rank(${bills.searchFr}, ${fr})::numeric, 6) end`,
      date: sql`coalesce(${bills.introducedDate}, ${NO_DATE}::date)`,
      lang: matchedLanguage(sql`${bills.searchEn} @@ ${en}`, sql`${bills.searchFr} @@ ${fr}`),
      url: [sql`${bills.jurisdictionId}`, sql`${legislativeSessions.identifier}`, sql`${bills.identifier}`],
    }, sql`from ${bills} join ${legislativeSessions} on ${legislativeSessions.id} = ${bills.sessionId}
      where ${bills.searchEn} @@ ${en} or ${bills.searchFr} @@ ${fr} or ${exactBill}`),
    // search_name is the accent-free, lower-case name and other names joined by " | ".
    person: () => branch('person', {
      id: sql`${people.id}`,
      title: sql`${people.name}`,
      tier: sql`case when ' | ' || ${people.searchName} || ' | ' like ${`%| ${key} |%`} then 2 else 1 end`,
      rank: sql`round(${key.length}::numeric / greatest(length(${people.searchName}), 1), 6)`,
      date: sql`${NO_DATE}`,
      lang: sql`'en'`,
    }, sql`from ${people} where ' ' || ${people.searchName} like ${`% ${key}%`}`),
    vote: () => branch('vote', {
      id: sql`${voteEvents.id}`,
      title: sql`'Vote ' || ${voteEvents.identifier} || ' (' || ${legislativeSessions.identifier} || '): ' || ${voteEvents.motionTextEn}`,
      tier: sql`case when upper(${voteEvents.billIdentifier}) = upper(${q}) then 1 else 0 end`,
      rank: sql`round(ts_rank(${voteEvents.searchEn}, ${en})::numeric + ts_rank(${voteEvents.searchFr}, ${fr})::numeric, 6)`,
      date: sql`${voteEvents.startDate}`,
      lang: matchedLanguage(sql`${voteEvents.searchEn} @@ ${en}`, sql`${voteEvents.searchFr} @@ ${fr}`),
      url: [sql`${voteEvents.jurisdictionId}`, sql`${legislativeSessions.identifier}`, sql`${voteEvents.identifier}`],
    }, sql`from ${voteEvents} join ${legislativeSessions} on ${legislativeSessions.id} = ${voteEvents.sessionId}
      where ${voteEvents.searchEn} @@ ${en} or ${voteEvents.searchFr} @@ ${fr} or upper(${voteEvents.billIdentifier}) = upper(${q})`),
    speech: () => branch('speech', {
      id: sql`${speeches.id}`,
      title: sql`${speeches.speakerName} || coalesce(' — ' || coalesce(${speeches.subjectEn}, ${speeches.subjectFr}), '')`,
      tier: sql`0`,
      rank: sql`round(ts_rank(${speeches.searchEn}, ${en})::numeric + ts_rank(${speeches.searchFr}, ${fr})::numeric, 6)`,
      date: sql`${debates.date}`,
      lang: matchedLanguage(sql`${speeches.searchEn} @@ ${en}`, sql`${speeches.searchFr} @@ ${fr}`),
    }, sql`from ${speeches} join ${debates} on ${debates.id} = ${speeches.debateId}
      where ${speeches.searchEn} @@ ${en} or ${speeches.searchFr} @@ ${fr}`),
  };
  return (only ? [only] : TYPES).map((t) => parts[t]());
}

/** ts_headline over the same text the row's vector indexes, in the language that matched; only for the page's rows. */
function snippets(q: string): SQL {
  const headline = (en: SQL, fr: SQL) => sql`case when hit.lang = 'fr'
    then ts_headline('french', ${fr}, websearch_to_tsquery('french', ${q}), ${HEADLINE_OPTIONS})
    else ts_headline('english', ${en}, websearch_to_tsquery('english', ${q}), ${HEADLINE_OPTIONS}) end`;
  return sql`case hit.type
    when 'bill' then (select ${headline(
      sql`coalesce(identifier,'') || ' ' || coalesce(short_title_en,'') || ' ' || coalesce(title_en,'') || ' ' || coalesce(summary_en,'')`,
      sql`coalesce(identifier,'') || ' ' || coalesce(short_title_fr,'') || ' ' || coalesce(title_fr,'') || ' ' || coalesce(summary_fr,'')`,
    )} from ${bills} where ${bills.id} = hit.id)
    when 'vote' then (select ${headline(sql`coalesce(motion_text_en,'')`, sql`coalesce(motion_text_fr,'')`)} from ${voteEvents} where ${voteEvents.id} = hit.id)
    when 'speech' then (select ${headline(
      sql`coalesce(subject_en,'') || ' ' || coalesce(text_en,'')`,
      sql`coalesce(subject_fr,'') || ' ' || coalesce(text_fr,'')`,
    )} from ${speeches} where ${speeches.id} = hit.id)
  end`;
}

function searchSource(database: Database, query: Static<typeof SearchQuery>): ListSource<HitRow> {
  const union = sql.join(branches(query.q, query.type).map((b) => sql`(${b})`), sql` union all `);
  const keys = [sql`tier`, sql`rank`, sql`date`, sql`id`];
  return {
    async count() {
      const [row] = await database.rows<{ n: number }>(sql`select count(*)::int as n from (${union}) hits`);
      return row?.n ?? 0;
    },
    rows: ({ limit, offset, after: afterKey }) => database.rows<HitRow>(sql`
      select hit.type, hit.id, hit.title, hit.tier, hit.rank::text as rank, hit.date::text as date,
        hit.jurisdiction_id, hit.session, hit.identifier, ${snippets(query.q)} as snippet
      from (
        select * from (${union}) hits
        where ${after(keys, afterKey, 'desc') ?? sql`true`}
        order by tier desc, rank desc, date desc, id desc
        limit ${limit} offset ${offset}
      ) hit
      order by hit.tier desc, hit.rank desc, hit.date desc, hit.id desc`),
    key: (row) => [row.tier, row.rank, row.date, row.id],
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

function presentHit(q: string) {
  return (row: HitRow): Static<typeof Hit> => ({
    type: row.type,
    id: row.id,
    title: row.title,
    url: hitUrl(row),
    date: row.date === NO_DATE ? null : row.date,
    snippet: row.type === 'person' ? markName(row.title, q) : markHeadline(row.snippet ?? ''),
  });
}

export const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/search', { schema: { tags: ['search'], summary: 'Search bills, people, votes and speeches', querystring: SearchQuery, response: { 200: listResponse(Hit) } } },
    async (request, reply) => respondList(request, reply, request.query, searchSource(app.database, request.query), presentHit(request.query.q), {
      filename: 'search',
      columns: [
        { header: 'type', value: (h) => h.type }, { header: 'id', value: (h) => h.id }, { header: 'title', value: (h) => h.title },
        { header: 'url', value: (h) => h.url }, { header: 'date', value: (h) => h.date }, { header: 'snippet', value: (h) => h.snippet },
      ],
    }));
};
