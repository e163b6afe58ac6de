/**
 * The bills lists' sort expressions: one definition for the orders of the bills route and for the indexes that
 * serve them (schema.ts), since PostgreSQL reads a page from an expression index only when the order's expression
 * is the index's own.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/** A nullable date as a sort key: a cursor cannot hold a NULL, so a missing date sorts as the first day there is. */
export const noDate = (column: SQLWrapper): SQL => sql`coalesce(${column}, '0001-01-01'::date)`;

/**
 * A bill number's order: its session's identifier, its letter prefix (C, S, M, …), then its number as an integer
 * (C-2 before C-10). The identifier is read from the bill's own `session_id`, which is its jurisdiction's id, `/`
 * and the identifier (`sessionId`, src/domain/ids.ts), not from the joined session: an index on bills can then
 * hold the whole order, and the values (so pages and cursors) are the same.
 */
export function billNumberOrder(t: { jurisdictionId: SQLWrapper; sessionId: SQLWrapper; identifier: SQLWrapper }): [session: SQL, prefix: SQL, number: SQL] {
  return [
    sql`substr(${t.sessionId}, length(${t.jurisdictionId}) + 2)`,
    sql`split_part(${t.identifier}, '-', 1)`,
    sql`(coalesce(nullif(regexp_replace(${t.identifier}, '\\D', '', 'g'), ''), '0')::int)`,
  ];
}
