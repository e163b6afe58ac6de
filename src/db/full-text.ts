/**
 * Full-text search, written once: how a row's text and a client's words become
 * English and French vectors and queries, which rows match them, and how a match
 * is ranked. Every list that takes `q` and the search endpoint go through here,
 * so a change to how words are normalized reaches all of them.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/**
 * The text search configurations (migration 0002): PostgreSQL's English and French with
 * accents folded (`unaccent`) before stemming, so Québec and Quebec are one word, and a
 * headline cut with the same configuration marks either spelling.
 */
export const TEXT_CONFIG = {
  en: sql.raw(`'public.openpolicy_english'::regconfig`),
  fr: sql.raw(`'public.openpolicy_french'::regconfig`),
};

// Hansard prints "C‑13" with a non-breaking hyphen (U+2011) and French amounts with no-break spaces; the
// parser splits words on characters it does not know, before any dictionary sees them, so these become
// the ASCII hyphen and space in the text itself, and invisible joiners and soft hyphens go. The em dash
// stays: the sources use it as punctuation ("the bill—which"), never inside a number or a word.
const HYPHENS = '\u2010\u2011\u2012\u2013\u2212\uFE63\uFF0D';
const SPACES = '\u00A0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000';
const INVISIBLE = '\u00AD\u200B\u200C\u200D\u2060\uFEFF';

/** A PostgreSQL literal spelling every character as a code point (U&'\2011'), so the SQL shows what it replaces. */
function codePoints(chars: string): string {
  return `U&'${[...chars].map((c) => (c === '-' || c === ' ' ? c : `\\${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`)).join('')}'`;
}

const TRANSLATE_FROM = sql.raw(codePoints(HYPHENS + SPACES + INVISIBLE));
const TRANSLATE_TO = sql.raw(codePoints('-'.repeat(HYPHENS.length) + ' '.repeat(SPACES.length)));

/** Text with its hyphens and spaces in one form (translate drops the characters it has no replacement for). */
export function searchText(text: SQLWrapper | string): SQL {
  return sql`translate(${text}, ${TRANSLATE_FROM}, ${TRANSLATE_TO})`;
}

const TRANSLATED = sql.raw(codePoints(`[${HYPHENS}${SPACES}${INVISIBLE}]`));

/**
 * `searchText` of a text read at query time, translated only when it holds a character translate() changes: translate
 * compares every character with each of the 28 it replaces (~110 ns a character), a regular expression finds none in
 * ~3 ns (backend CPU over the speeches' English texts, 2.3 M characters: 253 → 7 ms). Most texts hold none.
 */
function searchTextWhereNeeded(text: SQL): SQL {
  return sql`case when ${text} ~ ${TRANSLATED} then ${searchText(text)} else ${text} end`;
}

/** A number as typed, in the form `sameNumber` compares: upper case, hyphens and spaces read as in text. */
export function typedNumber(typed: string | SQLWrapper): SQL {
  return sql`upper(${searchText(typed)})`;
}

/**
 * A number as stored (a bill's "C-13") equals one as typed, hyphens and spaces read as in text: "C‑13" with U+2011 is C-13.
 * `typed` may be a `typedNumber` already (computed once in a subquery, where a generic plan would compute it per row).
 */
export function sameNumber(column: SQLWrapper, typed: string | SQL): SQL {
  return sql`upper(${column}) = ${typeof typed === 'string' ? typedNumber(typed) : typed}`;
}

/** The vector of a row's text (the generated columns of src/db/schema.ts). */
export function textVector(language: keyof typeof TEXT_CONFIG, text: SQL): SQL {
  return sql`to_tsvector(${TEXT_CONFIG[language]}, ${searchText(text)})`;
}

/** A row's precomputed vectors (generated columns, indexed with GIN). */
export interface Vectors {
  en: SQLWrapper;
  fr: SQLWrapper;
}

export interface TextQuery {
  en: SQL;
  fr: SQL;
}

/** The query for a client's words, or for a column that holds them (a saved search's `q`), normalized as the rows are. */
export function textQuery(q: string | SQLWrapper): TextQuery {
  return {
    en: sql`websearch_to_tsquery(${TEXT_CONFIG.en}, ${searchText(q)})`,
    fr: sql`websearch_to_tsquery(${TEXT_CONFIG.fr}, ${searchText(q)})`,
  };
}

/**
 * The query computed once per execution (a subquery each), for a statement that keeps a generic plan: there the
 * planner folds nothing, and websearch_to_tsquery would parse the words again for every row it ranks or marks.
 */
export function onceEach(query: TextQuery): TextQuery {
  return { en: sql`(select ${query.en})`, fr: sql`(select ${query.fr})` };
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

/** How far before the first matching word a snippet's window starts, and how long it is (characters). */
const WINDOW_BEFORE = sql.raw('80');
const WINDOW_LENGTH = sql.raw('360');

/**
 * ts_headline of a text. Parsing is what a headline costs, and a bill's summary or a speech runs
 * to thousands of characters, so it reads a window cut at word boundaries from just before the
 * first place one of the query's stems appears. When the window shows no match (a stem spelled
 * unlike the text: the configuration folds accents, the stemmer rewrites endings), it reads the whole text: a hit never
 * loses its marks. The text is normalized as the vectors are (`searchText`) only where it is read: translate()
 * costs per character of the whole text. `mark` is the StartSel that `options` set.
 */
export function textHeadline(config: SQL, text: SQL, query: SQL, options: string, mark: string): SQL<string> {
  const first = sql`(select min(nullif(strpos(lower(doc.text), m[1]), 0)) from regexp_matches(${query}::text, '''([^'']+)''', 'g') m)`;
  // A word the window cuts at either end is dropped (strpos and reverse: a regular expression would backtrack).
  const from = sql`case when x.start > 1 then strpos(x.part, ' ') + 1 else 1 end`;
  const to = sql`case when length(x.part) = ${WINDOW_LENGTH} then length(x.part) - strpos(reverse(x.part), ' ') else length(x.part) end`;
  return sql<string>`(select case when strpos(w.h, ${mark}) > 0 then w.h else ts_headline(${config}, ${searchTextWhereNeeded(sql`doc.text`)}, ${query}, ${options}) end
    from (select ${text} as text offset 0) doc,
      lateral (select s.start, substr(doc.text, s.start, ${WINDOW_LENGTH}) as part
        from (select greatest(coalesce(${first}, 1) - ${WINDOW_BEFORE}, 1) as start offset 0) s offset 0) x,
      lateral (select ts_headline(${config}, ${searchTextWhereNeeded(sql`y.part`)}, ${query}, ${options}) as h
        from (select substr(x.part, ${from}, ${to} - ${from} + 1) as part offset 0) y offset 0) w)`;
}
