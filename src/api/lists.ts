/**
 * The list machinery every collection shares (its contract is schemas/lists.ts):
 * the page by offset or an opaque keyset cursor, totals, and CSV of the same
 * filter streamed page by page; and the one keyset-list builder every list's
 * rows come from.
 */
import { Readable } from 'node:stream';
import { and, asc, Column, desc, getTableColumns, is, sql, Table, type Placeholder, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { PgTable, SelectedFields } from 'drizzle-orm/pg-core';
import type { SelectResultFields } from 'drizzle-orm/query-builders/select.types';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import { constantShapes, fieldsShape, joinShapes, placeholderValues, reads, shapeOf, template, templateFields } from '../db/sql-shape.js';
import { preparedOn } from '../db/prepared.js';
import { badParameter } from '../errors/problem.js';
import { toCsvLine } from './csv.js';
import { prefersCsv } from './negotiation.js';
import { uriReference } from './problem-reply.js';
import type { Direction, SortValue } from './schemas/lists.js';

/** The instant `updated_since` names, as PostgreSQL reads it: a date is the start of that day in UTC. */
export function sinceMoment(since: string): string {
  return since.length === 10 ? `${since}T00:00:00Z` : since;
}

/** The JSON type a sort key's cursor value has, checked before the value reaches SQL. */
export type KeyType = 'text' | 'uuid' | 'date' | 'time' | 'int' | 'bigint' | 'number';

/**
 * One part of a list's order. The expression is never NULL: a row comparison with
 * a NULL matches nothing, so a walk would stop at the first NULL (coalesce a
 * nullable column to a sentinel).
 */
export interface SortKey {
  expr: SQLWrapper;
  type: KeyType;
}

/** A list's order: keys ending with a unique one (the id), so a cursor never skips or repeats. */
export interface Sort {
  keys: SortKey[];
  direction: 'asc' | 'desc';
}

/**
 * The keys of each order of a list, ending with a unique one; an order whose
 * keys differ by direction (speeches stay in sitting order both ways) is a function.
 * A route's orders (and its joins) are module constants: `keysetList` keeps their
 * shape by identity, so an order built per request is walked again on every request.
 */
export type Orders<N extends string> = Record<N, SortKey[] | ((direction: Direction) => SortKey[])>;

// An order whose keys differ by direction is built once for each, so each request gives the same keys (walked once, `keysShape`).
const directedKeys = new WeakMap<(direction: Direction) => SortKey[], Map<Direction, SortKey[]>>();

function keysFor(keys: (direction: Direction) => SortKey[], direction: Direction): SortKey[] {
  let built = directedKeys.get(keys);
  if (!built) directedKeys.set(keys, (built = new Map()));
  let made = built.get(direction);
  if (!made) built.set(direction, (made = keys(direction)));
  return made;
}

/** The `Sort` a sort value names. */
export function sortBy<N extends string>(value: SortValue<N>, orders: Orders<N>): Sort {
  const cut = value.lastIndexOf('_');
  const direction = value.slice(cut + 1) as Direction;
  const keys = orders[value.slice(0, cut) as N];
  return { keys: typeof keys === 'function' ? keysFor(keys, direction) : keys, direction };
}

export const by = (expr: SQLWrapper, type: KeyType): SortKey => {
  if (is(expr, Column) && !expr.notNull) throw new Error(`sort key ${expr.name} is nullable: coalesce it`);
  return { expr, type };
};

/** Where a list's rows come from; `keysetList` builds it for a table, `respondList` answers with it. */
export interface ListSource<Row> {
  count(): Promise<number>;
  /** Rows in the list's order; `after` is the sort key of the last row already seen, already checked against `keyTypes`. */
  rows(args: { limit: number; offset: number; after: unknown[] | null }): Promise<Row[]>;
  /** The sort key of a row. */
  key(row: Row): unknown[];
  /** The type of each part of the sort key: a cursor of another shape is refused before any SQL. */
  keyTypes: KeyType[];
  /** Names the count's SQL and parameters when the total may be kept until the data changes; absent → counted every time. */
  countKey?: string;
  /**
   * Names the rows in their order (the count's key and the sort) when the sort keys of rows read may be kept until the
   * data changes and stand for an offset: a page by number then starts after the key of a row an earlier page read.
   */
  orderKey?: string;
}

/** A table's columns but the ones no response shows (search vectors), for a list's `fields`. */
export function columnsWithout<T extends PgTable, K extends keyof T['_']['columns'] & string>(table: T, omit: K[]): Omit<T['_']['columns'], K> {
  const columns: Record<string, unknown> = { ...getTableColumns(table) };
  for (const name of omit) delete columns[name];
  return columns as Omit<T['_']['columns'], K>;
}

const CURSOR_KEY = '__cursor';
type Keyed<R> = R & { [CURSOR_KEY]: unknown[] };

export interface KeysetJoin {
  table: PgTable;
  on: SQL;
  left?: boolean;
  /**
   * Each row of `from` has exactly one row here (a not-null foreign key to its
   * primary key): the rows a deep page skips are found without it unless the
   * filter or the order reads it.
   */
  exactlyOne?: boolean;
}

export interface KeysetSpec<F extends SelectedFields, R> {
  /** A table: a page after an offset finds its rows by their keys alone first (see `pageQuery`). */
  from: PgTable | SQL;
  joins?: KeysetJoin[];
  /** The columns the response shows, and nothing else. */
  fields: F;
  where: (SQL | undefined)[];
  sort: Sort;
  /** What the page's rows need from other tables (one query for the whole page); the rows it returns keep their cursor keys. */
  attach?: (rows: Keyed<SelectResultFields<F>>[]) => Promise<Keyed<R>[]>;
  /** Runs each query, e.g. in a transaction row-level security scopes; on `db` directly by default. */
  within?: <T>(work: (db: Db) => Promise<T>) => Promise<T>;
  /** The rows change without a `data-changed` announcement (accounts, audit): count them on every request. */
  live?: boolean;
  /** `updated_since`: the rows' change time, and the moment asked for (a date or an RFC 3339 date-time), if any. */
  changedSince?: { column: SQLWrapper; since: string | undefined };
}

/** `updated_since` as SQL, whatever the session's time zone. */
function changedSince(filter: KeysetSpec<SelectedFields, unknown>['changedSince']): SQL | undefined {
  return filter?.since ? sql`${filter.column} >= ${sinceMoment(filter.since)}::timestamptz` : undefined;
}

/** From how many pages' worth of skipped rows a page finds its rows by their keys first (`pageQuery`). */
const DEFER_AFTER_PAGES = 4;

const CSV_BATCH = 500;

/** The row counts a page is planned for: a 1-2-5 series of page sizes and the row that tells whether there is more, and the CSV batch. */
const PLANNED_ROWS = [...[1, 2, 5, 10, 20, 50, 100].map((perPage) => perPage + 1), CSV_BATCH];

/** The planned row count of a page of `limit` rows: one statement per list shape and count on each connection. */
const plannedRows = (limit: number) => PLANNED_ROWS.find((n) => n >= limit) ?? limit;

/**
 * A page (the first, a cursor's, a CSV batch, one after an offset, the keys a deep page skips to) as
 * `select * from (<page> limit $n) page limit <rows>`, so the plan cache keeps one plan for it. A bound limit (or any offset) makes PostgreSQL
 * cost a generic plan for 10% of the rows it estimates (preprocess_limit), never cheaper than a custom plan
 * for a page of a long list, so the page was planned again on every request: 0.14-0.94 ms for 0.07-0.39 ms
 * of execution on the full data. A limit written in alone is costed as that many of the generic estimate's
 * rows, which loses to the custom plan where that estimate is low (a session's divisions, a cursor's rest).
 * Written around a bound one, the inner query is planned for `rows` rows and costed for the fewer of the two
 * (12p-r6 note: which statements end on the generic plan). After an offset, the offset is a one-time
 * subquery (`opaque`): a custom plan costs the offset it knows, a generic one 10% of the rows, and the custom
 * one won on every request (12p-r8 note). Drizzle binds `limit` and `offset`, so the SQL is written where the
 * builder renders it.
 */
function plannedFor<Q extends { getSQL(): SQL }>(query: Q, limit: number | Placeholder, offset: number | Placeholder | null, rows: number): Q {
  const inner = query.getSQL.bind(query);
  const skip = offset === null ? sql`` : sql` offset ${opaqueOffset(offset)}`;
  return Object.assign(query, { getSQL: () => sql`select * from (${inner()} limit ${limit}${skip}) page limit ${sql.raw(String(rows))}` });
}

/** The SQL type of each cursor value's type, as the sort keys compare it. */
const SQL_TYPES: Record<KeyType, string> = { text: 'text', uuid: 'uuid', date: 'date', time: 'timestamptz', int: 'int4', bigint: 'int8', number: 'numeric' };

/**
 * Values as a one-time subquery, `(select $1::t, …)`: PostgreSQL runs it once per execution (an initplan)
 * and an index still reads from its result, but no plan sees the values, so a custom plan costs what the
 * generic one does and the plan cache keeps the generic one (a custom plan's estimate for a cursor's
 * `(keys) < ($1, $2)` or an offset differs from the generic one's, and won on every request).
 */
function opaque(values: unknown[], types: KeyType[]): SQL {
  return sql`(select ${sql.join(values.map((v, i) => sql`${v}::${sql.raw(SQL_TYPES[types[i]!])}`), sql`, `)})`;
}

/**
 * An offset as `opaque` binds it: int8, the type OFFSET takes. It is no sort key; only its SQL type is read from
 * the keys' table, and as int4 a page past 2^31 rows was a 500 (a12b5c4).
 */
function opaqueOffset(offset: number | Placeholder): SQL {
  return opaque([offset], ['bigint']);
}

/** What a page skips: nothing, a few rows by offset, or many rows found by their keys first (`pageQuery`). */
type Skip = 'none' | 'offset' | 'keys';

/** The parts of a list query that hold its filter values, in the order `shapeOf` and `template` number them. */
interface Parts<F> {
  from: PgTable | SQL;
  ons: SQL[];
  where: (SQL | undefined)[];
  keys: SQLWrapper[];
  fields: F;
}

const NO_JOINS: KeysetJoin[] = [];

// A list's table, joins and orders are its route's module constants: walked once, where a request walks only its filters.
const fromShape = constantShapes((from: PgTable | SQL) => shapeOf([from]));
const joinsShape = constantShapes((joins: KeysetJoin[]) => shapeOf(joins.flatMap((j) => [j.table, sql.raw(j.left ? 'left' : j.exactlyOne ? 'one' : 'inner'), j.on])));
const keysShape = constantShapes((keys: SortKey[]) => shapeOf(keys.map((k) => k.expr)));

/**
 * The one keyset list: the count, the page (by offset or after a cursor), the
 * sort key of each row and the `after` condition, from one description of the
 * list. Every list of the API, public and admin, is one of these. Lists read
 * outside a transaction run prepared queries, built once per shape.
 */
export function keysetList<F extends SelectedFields, R = SelectResultFields<F>>(db: Db, spec: KeysetSpec<F, R>): ListSource<Keyed<R>> {
  const run = spec.within ?? ((work) => work(db));
  const joins = spec.joins ?? NO_JOINS;
  const parts: Parts<F> = {
    from: spec.from, ons: joins.map((j) => j.on), where: [...spec.where, changedSince(spec.changedSince)], keys: spec.sort.keys.map((k) => k.expr), fields: spec.fields,
  };
  const dir = spec.sort.direction === 'asc' ? asc : desc;
  const keyTypes = spec.sort.keys.map((k) => k.type);
  // The joins the skipped rows of a deep page are found without (PostgreSQL 15 keeps an unread left join's key column
  // needed, so no index-only scan): walked only when a query is built, not on every request of a prepared one.
  let unread: boolean[] | undefined;
  const unreadJoins = () => (unread ??= joins.map((join) => join.exactlyOne === true && !reads([parts.where, parts.keys], join.table)));
  function select<S extends SelectedFields>(tx: Db, p: Parts<F>, fields: S, keysOnly = false) {
    let query = tx.select(fields).from(p.from as PgTable).$dynamic();
    const skipped = keysOnly ? unreadJoins() : null;
    joins.forEach((join, i) => {
      if (skipped?.[i]) return;
      query = (join.left ? query.leftJoin(join.table, p.ons[i]!) : query.innerJoin(join.table, p.ons[i]!)) as typeof query;
    });
    return query;
  }
  const countQuery = (tx: Db, p: Parts<F>) => select(tx, p, { n: sql<number>`count(*)::int` }).where(and(...p.where));
  /**
   * The page's rows. After an offset on a table, the skipped rows are passed over
   * by their sort keys alone (an index-only scan where an index has them), and
   * only the page's rows are read whole, joined and projected: `page=` deep in a
   * list cost as much as reading every row before it (EXPLAIN in the 12p-r4 note).
   * The keys end with a unique one, so the page is exactly the rows the offset names.
   */
  const pageQuery = (tx: Db, p: Parts<F>, afterKey: unknown[] | null, limit: number | Placeholder, offset: number | Placeholder, skip: Skip, rowsPlanned: number) => {
    const where = and(...p.where, after(p.keys, afterKey, keyTypes, spec.sort.direction));
    const order = p.keys.map((k) => dir(k));
    const rows = select(tx, p, { ...p.fields, [CURSOR_KEY]: sql<unknown[]>`json_build_array(${sql.join(p.keys, sql`, `)})` });
    if (skip !== 'keys') return plannedFor(rows.where(where).orderBy(...order), limit, skip === 'none' ? null : offset, rowsPlanned);
    const keys = sql.join(p.keys.map((k) => sql`${k}`), sql`, `);
    const skipped = plannedFor(select(tx, p, { keys: sql`${keys}` }, true).where(where).orderBy(...order), limit, offset, rowsPlanned);
    return rows.where(and(where, sql`(${keys}) in ${skipped}`)).orderBy(...order);
  };
  // Only a table is read twice cheaply: a derived `from` (search's union) would be computed again. Finding each
  // page row again by its keys costs about three index pages a row, so a shallow offset reads its rows directly
  // (bills?per_page=20&page=2: 40 buffers directly, 108 deferred; per_page=2&page=3000: 6,062 directly, 90 deferred).
  const skipOf = (offset: number, limit: number): Skip => (offset === 0 ? 'none' : offset >= DEFER_AFTER_PAGES * limit && is(spec.from, Table) ? 'keys' : 'offset');

  // A list in a transaction (row-level security) runs on that transaction's connection: built per request.
  const source = spec.within ? null : joinShapes([fromShape(spec.from), joinsShape(joins), shapeOf(parts.where)]);
  const ordered = source && keysShape(spec.sort.keys);
  const fields = ordered && fieldsShape(spec.fields);
  // The values in `template`'s order: filter, then sort keys, then fields.
  const templated = () => {
    const next = { n: 0 };
    return {
      from: template(spec.from, next), ons: parts.ons.map((on) => template(on, next)), where: parts.where.map((w) => template(w, next)),
      keys: parts.keys.map((k) => template(k, next)), fields: templateFields(spec.fields, next),
    };
  };
  const countKey = source && !spec.live ? `${source.key}\u0000${JSON.stringify(source.values)}` : undefined;
  // A 'number' key (a rank) is a float compared as numeric: its cursor value may not find its row again exactly.
  const orderKey = countKey && ordered && !keyTypes.includes('number')
    ? `${countKey}\u0000${spec.sort.direction}\u0000${ordered.key}\u0000${JSON.stringify(ordered.values)}` : undefined;
  return {
    count: () => (source
      ? preparedOn(db, `count\u0000${source.key}`, (target) => countQuery(target, templated()))
        .execute(placeholderValues(source.values)).then((rows) => rows[0]?.n ?? 0)
      : run(async (tx) => (await countQuery(tx, parts))[0]?.n ?? 0)),
    rows: ({ limit, offset, after: afterKey }) => {
      const attach = (rows: Keyed<SelectResultFields<F>>[]) => (spec.attach ? spec.attach(rows) : rows) as Promise<Keyed<R>[]> | Keyed<R>[];
      const skip = skipOf(offset, limit);
      const rowsPlanned = plannedRows(limit);
      if (!source || !ordered || !fields) {
        return run(async (tx) => attach(await pageQuery(tx, parts, afterKey, limit, offset, skip, rowsPlanned) as unknown as Keyed<SelectResultFields<F>>[]));
      }
      const shape = `rows\u0000${spec.sort.direction}\u0000${afterKey?.length ?? 0}\u0000${skip}${rowsPlanned}\u0000${source.key}\u0000${ordered.key}\u0000${fields.key}`;
      const query = preparedOn(db, shape, (target) => pageQuery(
        target, templated(), afterKey && afterKey.map((_, i) => sql.placeholder(`a${i}`)), sql.placeholder('limit'), sql.placeholder('offset'), skip, rowsPlanned,
      ));
      const values = placeholderValues([...source.values, ...ordered.values, ...fields.values], { limit, offset });
      afterKey?.forEach((v, i) => { values[`a${i}`] = v; });
      return query.execute(values).then((rows) => attach(rows as unknown as Keyed<SelectResultFields<F>>[]));
    },
    key: (row) => row[CURSOR_KEY],
    keyTypes,
    ...(countKey ? { countKey } : {}),
    ...(orderKey ? { orderKey } : {}),
  };
}

/** `(a, b) > (x, y)` for ascending keys, `<` for descending; the keyset page condition, its values `opaque`. */
function after(columns: SQLWrapper[], values: unknown[] | null, types: KeyType[], direction: 'asc' | 'desc'): SQL | undefined {
  if (!values) return undefined;
  const left = sql.join(columns.map((c) => sql`${c}`), sql`, `);
  return direction === 'asc' ? sql`(${left}) > ${opaque(values, types)}` : sql`(${left}) < ${opaque(values, types)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/;
const INT4 = 2 ** 31 - 1;

/** A calendar date PostgreSQL accepts: years 1 to 9999, real months and days. */
function isDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m || m[1] === '0000') return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

/** Whether a cursor value can stand where a sort key of this type is compared. */
function fits(value: unknown, type: KeyType): boolean {
  switch (type) {
    case 'text': return typeof value === 'string' && !value.includes('\u0000');
    case 'uuid': return typeof value === 'string' && UUID.test(value);
    case 'date': return typeof value === 'string' && isDate(value);
    case 'time': {
      const m = typeof value === 'string' ? TIME.exec(value) : null;
      return m !== null && isDate(m[1]!) && !Number.isNaN(Date.parse(value as string));
    }
    case 'int': return Number.isInteger(value) && Math.abs(value as number) <= INT4;
    case 'bigint': return Number.isSafeInteger(value);
    case 'number': return typeof value === 'number' && Number.isFinite(value);
  }
}

const MAX_CURSOR_LENGTH = 2048;
const FOREIGN_CURSOR = 'The cursor is not one this list issued (for this sort); start again without it.';

export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** A cursor is client input bound into SQL: it must be a sort key of this list's shape, value by value. */
export function decodeCursor(cursor: string, types: KeyType[]): unknown[] {
  let value: unknown;
  try {
    if (cursor.length <= MAX_CURSOR_LENGTH) value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // refused below
  }
  if (!Array.isArray(value) || value.length !== types.length || !value.every((v, i) => fits(v, types[i]!))) {
    throw badParameter('cursor', FOREIGN_CURSOR);
  }
  return value;
}

/** The request's URL after this page: parsed once, in the form `problemInstance` gives a URL (2.7 % of a list's CPU profile when it parsed it again). */
function nextUrl(request: FastifyRequest, cursor: string): string {
  const url = new URL(request.url, 'http://local');
  const params = new URLSearchParams(url.search);
  params.delete('page');
  params.set('cursor', cursor);
  // A key sent as ?apikey= is never echoed: links get copied, logged and shared; the caller sends its key again.
  return uriReference(url.pathname, params);
}

export function wantsCsv(request: FastifyRequest, format: string | undefined): boolean {
  return format ? format === 'csv' : prefersCsv(request.headers.accept);
}

export interface CsvColumn<T> {
  header: string;
  value: (item: T) => unknown;
}

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
  const afterKey = query.cursor ? decodeCursor(query.cursor, source.keyTypes) : null;
  const offset = afterKey ? 0 : (page - 1) * perPage;
  const totals = request.server.listTotals;
  const known = source.countKey === undefined ? undefined : totals.get(source.countKey);
  // A page by number starts after the nearest row an earlier page read (the last page's `next` when walked in order):
  // the database skips the rows between, not all the rows before, and the rows are the ones the offset names.
  const order = afterKey ? undefined : source.orderKey;
  const generation = totals.generation;
  const before = order !== undefined && offset > 0 ? totals.keyBefore(order, offset) : undefined;
  const [total, rows] = await Promise.all([
    known ?? source.count().then((n) => (source.countKey === undefined ? n : totals.set(source.countKey, n))),
    // A later page past the known end needs no query (the first always asks: it is where a missing database shows).
    known !== undefined && offset > 0 && offset >= known ? []
      : before ? source.rows({ limit: perPage + 1, offset: offset - before.position - 1, after: before.key })
        : source.rows({ limit: perPage + 1, offset, after: afterKey }),
  ]);
  const more = rows.length > perPage;
  const pageRows = more ? rows.slice(0, perPage) : rows;
  const last = pageRows[pageRows.length - 1];
  if (order !== undefined && more && last) totals.keepKey(order, offset + perPage - 1, source.key(last), generation);
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
