/** Lower-case and strip accents so "Québec" matches "quebec" on every database. */
export function searchKey(...names: (string | null | undefined)[]): string {
  return names
    .filter((n): n is string => !!n)
    .map((n) => n.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim())
    .join(' | ');
}

/** Collapse whitespace and trim; empty becomes null. */
export function clean(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value).replace(/\s+/g, ' ').trim();
  return s === '' ? null : s;
}

/** The date part (YYYY-MM-DD) of an ISO-like timestamp as published, without any time-zone shift. */
export function datePart(value: unknown): string | null {
  const s = clean(value);
  if (!s) return null;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(s);
  return m ? m[1]! : null;
}

/** A LIKE pattern matching `value` anywhere, with LIKE's wildcards in it taken literally. */
export function likeContains(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// Titles printed before a name; they are not part of it ("Hon. Hedy Fry", "L'hon. Hedy Fry", "Mr. Speaker").
const TITLES = /^(?:(?:the|right|rt\.?|hon\.?|honourable|l'hon\.?|l’hon\.?|mr\.?|mrs\.?|ms\.?|miss|dr\.?|m\.|mme)\s+)+/i;

/** A person's name for comparison: no title, accents, case or punctuation ("Hon. Bernard Généreux" → "bernard genereux"). */
export function personNameKey(name: string): string {
  return searchKey(name.trim().replace(TITLES, '')).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

// An absolute file path: a "/" that follows no word, dot, colon or slash (so URLs stay whole), then its segments.
const ABSOLUTE_PATH = /(?<![\w.:/])(?:\/[^\s/:#'"`]+)*\/([^\s/:#'"`]+\/[^\s/:#'"`]+)/g;

/**
 * Every absolute path in `text` cut to its source folder and file, as the data
 * folders are laid out ("/srv/op/data/hansard/44-1-200-en.xml" → "hansard/44-1-200-en.xml"):
 * which source a fact came from is public, where the server keeps it is not.
 */
export function withoutServerPaths(text: string): string {
  return text.replace(ABSOLUTE_PATH, '$1');
}
