/**
 * Full-text search, written once: how a client's words become an English and a
 * French query, which rows match them, and how a match is ranked. Every list
 * that takes `q` and the search endpoint go through here, so a change to how
 * words are normalized reaches all of them.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/** A row's precomputed vectors (generated columns, indexed with GIN). */
export interface Vectors {
  en: SQLWrapper;
  fr: SQLWrapper;
}

export interface TextQuery {
  en: SQL;
  fr: SQL;
}

/** The query for a client's words, or for a column that holds them (a saved search's `q`). */
export function textQuery(q: string | SQLWrapper): TextQuery {
  return { en: sql`websearch_to_tsquery('english', ${q})`, fr: sql`websearch_to_tsquery('french', ${q})` };
}

/** The row matches in either language. */
export function textMatches(v: Vectors, query: TextQuery): SQL {
  return sql`(${v.en} @@ ${query.en} or ${v.fr} @@ ${query.fr})`;
}

/** Which language matched ('fr' only when French matched and English did not), so a snippet is cut from that text. */
export function matchedLanguage(v: Vectors, query: TextQuery): SQL {
  return sql`case when ${v.fr} @@ ${query.fr} and not ${v.en} @@ ${query.en} then 'fr' else 'en' end`;
}

/** Rank of a match: the sum over both languages, rounded so it survives a cursor's round trip through JSON exactly. */
export function textRank(v: Vectors, query: TextQuery): SQL<number> {
  return sql<number>`round(ts_rank(${v.en}, ${query.en})::numeric + ts_rank(${v.fr}, ${query.fr})::numeric, 6)`;
}
