/**
 * The contract every list shares: page/per_page or a cursor, the format, a sort
 * per order in both directions, `updated_since`, and the page with its pagination.
 */
import { Type, type TProperties, type TSchema } from 'typebox';
import { DateString, StringEnum } from './shared.js';

/** The deepest page: its offset still fits a JavaScript integer and PostgreSQL's bigint OFFSET. */
export const MAX_PAGE = Math.floor(Number.MAX_SAFE_INTEGER / 100);

export const listParameters = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1, description: 'Page number, from 1.' })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Results per page (1-100).' })),
  cursor: Type.Optional(Type.String({ description: 'Opaque cursor from `pagination.next`; walks the whole collection without deep offsets.' })),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { description: '`csv` streams every matching row (also `Accept: text/csv`).' })),
};

/** A list endpoint's query schema: the shared parameters plus the resource's filters and sort; anything else is a 400. */
export function listQuery<T extends TProperties>(filters: T) {
  return Type.Object({ ...listParameters, ...filters }, { additionalProperties: false });
}

/**
 * The filter every list of public records takes: records changed at or after
 * the moment given (their `updated_at`), so a client keeps a copy current.
 */
export const updatedSince = { updated_since: sinceParameter('records whose `updated_at` is') };

/** A moment, as a date-time or a date; `what` says what is at or after it. */
export function sinceParameter(what: string) {
  return Type.Optional(Type.Union([DateString, Type.String({ format: 'date-time' })], {
    description: `Only ${what} at or after this moment: an RFC 3339 date-time (\`2026-12-01T12:00:00Z\`), or a date (\`2026-12-01\`), which means from the start of that day, UTC.`,
  }));
}

export type Direction = 'asc' | 'desc';
/** A sort value: one of the list's orders, ascending or descending. */
export type SortValue<N extends string> = `${N}_${Direction}`;

/**
 * A list's `sort` parameter: each of its orders ascending (`<order>_asc`) and
 * descending (`<order>_desc`), plus orders with one sensible direction (relevance).
 */
export function sortParameter<const N extends string, const X extends string = never>(
  orders: readonly N[], options: { default?: SortValue<N> | X; extra?: readonly X[]; description?: string },
) {
  const values = [...orders.flatMap((o) => [`${o}_asc`, `${o}_desc`] as SortValue<N>[]), ...(options.extra ?? [])];
  return Type.Optional(StringEnum(values, {
    ...(options.default ? { default: options.default } : {}),
    ...(options.description ? { description: options.description } : {}),
  }));
}

export const Pagination = Type.Object({
  page: Type.Integer(),
  per_page: Type.Integer(),
  max_page: Type.Integer(),
  total_items: Type.Integer(),
  next: Type.Union([Type.String(), Type.Null()], { description: 'URL of the next page (cursor-based), or null at the end.' }),
});

export function listResponse<T extends TSchema>(item: T) {
  return Type.Object({ results: Type.Array(item), pagination: Pagination });
}

export function includeParameter(allowed: readonly string[]) {
  return Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())], { description: `Repeatable or comma-separated: ${allowed.join(', ')}.` }));
}
