/**
 * The list conventions every collection shares: page/per_page with totals, an
 * opaque keyset cursor for walking a whole collection, and CSV of the same
 * filter streamed page by page.
 */
import { Readable } from 'node:stream';
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TProperties, type TSchema } from 'typebox';
import { badParameter } from './problem.js';
import { toCsvLine } from './csv.js';

export const listParameters = {
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1, description: 'Page number, from 1.' })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Results per page (1-100).' })),
  cursor: Type.Optional(Type.String({ description: 'Opaque cursor from `pagination.next`; walks the whole collection without deep offsets.' })),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { description: '`csv` streams every matching row (also `Accept: text/csv`).' })),
};

/** A list endpoint's query schema: the shared parameters plus the resource's filters; anything else is a 400. */
export function listQuery<T extends TProperties>(filters: T) {
  return Type.Object({ ...listParameters, ...filters }, { additionalProperties: false });
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

/** Where a list's rows come from; the resource builds it from its filters. */
export interface ListSource<Row> {
  count(): Promise<number>;
  /** Rows in the list's order; `after` is the sort key of the last row already seen. */
  rows(args: { limit: number; offset: number; after: unknown[] | null }): Promise<Row[]>;
  /** The sort key of a row; unique (ends with the id) so the cursor never skips or repeats. */
  key(row: Row): unknown[];
}

/** `(a, b) > (x, y)` for ascending keys, `<` for descending; the keyset page condition. */
export function after(columns: SQLWrapper[], values: unknown[] | null, direction: 'asc' | 'desc'): SQL | undefined {
  if (!values) return undefined;
  const left = sql.join(columns.map((c) => sql`${c}`), sql`, `);
  const right = sql.join(values.map((v) => sql`${v}`), sql`, `);
  return direction === 'asc' ? sql`(${left}) > (${right})` : sql`(${left}) < (${right})`;
}

/** A cursor is client input: check that its key has the list's shape before it reaches SQL. */
export function checkedCursor(key: unknown[] | null, valid: (key: unknown[]) => boolean): unknown[] | null {
  if (key && !valid(key)) throw badParameter('cursor', 'The cursor is not one this list issued; start again without it.');
  return key;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `[time, uuid]` key of a list ordered by creation time, then id. */
export const isTimeAndId = (key: unknown[]) =>
  key.length === 2 && typeof key[0] === 'string' && !Number.isNaN(Date.parse(key[0])) && typeof key[1] === 'string' && UUID.test(key[1]);

/**
 * A timestamp column as ISO text to the microsecond, for a sort key: a JS Date
 * keeps milliseconds only, and a cursor cut to them would skip the rows created
 * later within the same millisecond.
 */
export const exactTime = (column: SQLWrapper) => sql<string>`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string): unknown[] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    // A cursor is client input bound into SQL: only the scalars a sort key is made of.
    if (Array.isArray(value) && value.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))) return value;
  } catch {
    // fall through to the 400 below
  }
  throw badParameter('cursor', 'The cursor is not one this API issued; start again without it.');
}

function nextUrl(request: FastifyRequest, cursor: string): string {
  const url = new URL(request.url, 'http://local');
  url.searchParams.delete('page');
  url.searchParams.set('cursor', cursor);
  return `${url.pathname}${url.search}`;
}

export function wantsCsv(request: FastifyRequest, format: string | undefined): boolean {
  if (format) return format === 'csv';
  const accept = request.headers.accept ?? '';
  return accept.includes('text/csv') && !accept.includes('application/json');
}

export interface CsvColumn<T> {
  header: string;
  value: (item: T) => unknown;
}

const CSV_BATCH = 500;

/** Streams every row of the list as CSV, walking it by keyset so memory stays at one batch. */
function streamCsv<Row, Item>(source: ListSource<Row>, present: (row: Row) => Item, columns: CsvColumn<Item>[]): Readable {
  async function* lines() {
    yield toCsvLine(columns.map((c) => c.header));
    let key: unknown[] | null = null;
    for (;;) {
      const batch = await source.rows({ limit: CSV_BATCH, offset: 0, after: key });
      for (const row of batch) {
        const item = present(row);
        yield toCsvLine(columns.map((c) => c.value(item)));
      }
      if (batch.length < CSV_BATCH) return;
      key = source.key(batch[batch.length - 1]!);
    }
  }
  return Readable.from(lines());
}

export interface ListQueryParams {
  page?: number;
  per_page?: number;
  cursor?: string;
  format?: 'json' | 'csv';
}

/** Answers a list request: JSON page (offset or cursor), or the whole filtered list as CSV. */
export async function respondList<Row, Item>(
  request: FastifyRequest,
  reply: FastifyReply,
  query: ListQueryParams,
  source: ListSource<Row>,
  present: (row: Row) => Item,
  csv: { filename: string; columns: CsvColumn<Item>[] },
) {
  if (wantsCsv(request, query.format)) {
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${csv.filename}.csv"`)
      .send(streamCsv(source, present, csv.columns));
  }
  const perPage = query.per_page ?? 20;
  const page = query.cursor ? 1 : query.page ?? 1;
  const afterKey = query.cursor ? decodeCursor(query.cursor) : null;
  const [total, rows] = await Promise.all([
    source.count(),
    source.rows({ limit: perPage + 1, offset: afterKey ? 0 : (page - 1) * perPage, after: afterKey }),
  ]);
  const more = rows.length > perPage;
  const pageRows = more ? rows.slice(0, perPage) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    results: pageRows.map(present),
    pagination: {
      page,
      per_page: perPage,
      max_page: Math.max(1, Math.ceil(total / perPage)),
      total_items: total,
      next: more && last ? nextUrl(request, encodeCursor(source.key(last))) : null,
    },
  };
}

/** `include=a&include=b` or `include=a,b`, validated against the resource's enum. */
export function includes<T extends string>(value: string | string[] | undefined, allowed: readonly T[]): Set<T> {
  const requested = (Array.isArray(value) ? value : value ? [value] : []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  for (const item of requested) {
    if (!allowed.includes(item as T)) {
      throw badParameter('include', `Unknown include "${item}"; allowed: ${allowed.join(', ')}.`);
    }
  }
  return new Set(requested as T[]);
}

export function includeParameter(allowed: readonly string[]) {
  return Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())], { description: `Repeatable or comma-separated: ${allowed.join(', ')}.` }));
}
