/** Columns PostgreSQL builds as JSON in the response's shape, so a detail and its items are one statement. */
import { sql, type SQL } from 'drizzle-orm';

/** The JSON array of `element` for each row of `from` that `where` selects, in `order` (empty, not null, when none). */
export function jsonArray<T>(element: SQL, from: SQL, where: SQL, order: SQL): SQL<T[]> {
  return sql<T[]>`(select coalesce(json_agg(${element} order by ${order}), '[]') from ${from} where ${where})`;
}
