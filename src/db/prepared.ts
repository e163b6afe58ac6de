/**
 * Queries built once per shape and run as named prepared statements: drizzle
 * renders a query by walking every chunk of it, and sends whatever it was not
 * asked to name with `prepare: false`, which postgres.js runs as two round trips
 * (describe, then bind) with a parse and a plan each time. A query kept here is
 * rendered once, and each connection parses and plans its statement once.
 *
 * A prepared query is bound to the database it was built on, so it is kept per
 * read target (src/db/replica.ts), not per routing object.
 */
import { fillPlaceholders, is, sql, type Query, type SQL, type SQLWrapper } from 'drizzle-orm';
import { PgDialect, PgSelectBase } from 'drizzle-orm/pg-core';
import { PostgresJsSession } from 'drizzle-orm/postgres-js';
import { LRUCache } from 'lru-cache';
import type { Sql } from 'postgres';
import { resultRows, type Db } from './client.js';
import { readTarget } from './replica.js';
import { bytesFields, rowsDecoder, type RowsDecoder } from './row-decoder.js';
import { placeholderValues, shapeOf, template } from './sql-shape.js';

/** A query drizzle built once; each run fills in its placeholders. */
export interface PreparedQuery<R> {
  execute(values?: Record<string, unknown>): Promise<R>;
}

/** A drizzle query that runs as it is (`execute`) or is kept as a prepared query (`prepare`): a select builder, or `rawQuery`. */
export interface Preparable<R> {
  prepare(name: string): PreparedQuery<R>;
  execute(): Promise<R>;
}

// Shapes are bounded by the code (filters, includes, sorts), but a shape key holds each filter's text: an LRU keeps it finite.
const kept = new WeakMap<Db, LRUCache<string, PreparedQuery<unknown>>>();
let names = 0;

/** The query `key` names, built by `build` on the database a read issued now goes to, the first time it is asked for there. */
export function preparedOn<R>(db: Db, key: string, build: (target: Db) => Preparable<R>): PreparedQuery<R> {
  const target = readTarget(db);
  let byKey = kept.get(target);
  if (!byKey) kept.set(target, (byKey = new LRUCache({ max: 500 })));
  let query = byKey.get(key) as PreparedQuery<R> | undefined;
  if (!query) byKey.set(key, (query = prepare(target, build(target), `q${names++}`)));
  return query;
}

/** What a select builder keeps without declaring it: how it renders, and which of its joined tables may be missing. */
interface SelectInternals {
  config: { fields: Record<string, unknown> };
  dialect: PgDialect;
  joinsNotNullableMap?: Record<string, boolean>;
}

/** `query` prepared as `name`; a select's rows decoded by a function built for its fields (src/db/row-decoder.ts), not by drizzle's per-value mapping. */
function prepare<R>(db: Db, query: Preparable<R>, name: string): PreparedQuery<R> {
  if (!(query instanceof PgSelectBase)) return query.prepare(name);
  const { config, dialect, joinsNotNullableMap } = query as unknown as SelectInternals;
  const decode = rowsDecoder(config.fields, joinsNotNullableMap);
  if (!decode) return query.prepare(name);
  const built = dialect.sqlToQuery(query.getSQL());
  const bytes = bytesFields(config.fields);
  if (bytes.length > 0 && is(db._.session, PostgresJsSession)) return readRaw(db._.session.client, built, bytes, decode);
  // In array mode (`isResponseInArrayMode`) both drivers hand the mapper each row as an array of the fields' values.
  return db._.session.prepareQuery(built, undefined, name, true, (rows) => decode(rows as unknown[][])) as PreparedQuery<R>;
}

interface RawColumn {
  parser?: ((text: string) => unknown) & { array?: boolean };
}

/**
 * A select run by postgres.js in raw mode (every value the Buffer of its bytes), where some fields take their
 * column's bytes (`bytes`, src/db/json-columns.ts): those keep them, and a long JSON text goes into the body without
 * being decoded from UTF-8 and encoded again. Every other value is decoded here as postgres.js decodes it (its
 * column's parser, an array's after its first byte), so the row decoder sees what it sees from `values()`.
 */
function readRaw<R>(client: Sql, query: Query, bytes: number[], decode: RowsDecoder): PreparedQuery<R> {
  const kept = new Set(bytes);
  return {
    async execute(values = {}) {
      const rows = await client.unsafe(query.sql, fillPlaceholders(query.params, values) as never[], { prepare: true }).raw() as unknown as (Buffer | unknown)[][] & { columns: RawColumn[] };
      const { columns } = rows;
      for (let c = 0; c < columns.length; c++) {
        if (kept.has(c)) continue;
        const parse = columns[c]!.parser;
        for (let i = 0; i < rows.length; i++) {
          const value = rows[i]![c] as Buffer | null;
          if (value !== null) rows[i]![c] = parse === undefined ? value.toString('utf8') : parse.array === true ? parse(value.toString('utf8', 1)) : parse(value.toString('utf8'));
        }
      }
      return decode(rows) as R;
    },
  };
}

let queries = 0;

/**
 * A query made from SQL parts (conditions, computed fields): `run(db, ...parts)` builds it
 * once per shape of its parts — the parts with their bound values taken out — and runs it
 * with this call's values. Parts the shape walk does not know make the query built and run
 * as it is, per call. `build` uses its parts only as SQL: on the kept path they hold
 * placeholders.
 */
export function shapedQuery<P extends (SQL | undefined)[], R>(build: (db: Db, ...parts: P) => Preparable<R>): (db: Db, ...parts: P) => Promise<R> {
  const id = `shaped ${queries++}\u0000`;
  return (db, ...parts) => {
    const shape = shapeOf(parts);
    if (!shape) return build(db, ...parts).execute();
    const query = preparedOn(db, id + shape.key, (target) => {
      const next = { n: 0 };
      return build(target, ...(parts.map((part) => template(part, next)) as P));
    });
    return query.execute(placeholderValues(shape.values));
  };
}

const dialect = new PgDialect();

/** Raw SQL as a preparable query of its rows (as `db.execute` returns them, whatever the driver), named by their aliases. */
export function rawQuery<T>(db: Db, query: SQL): Preparable<T[]> {
  return {
    prepare(name) {
      const prepared = db._.session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false);
      return { execute: async (values) => resultRows<T>(await prepared.execute(values)) };
    },
    execute: async () => resultRows<T>(await db.execute(query)),
  };
}

const rawRows = shapedQuery((db, query: SQL) => rawQuery<unknown>(db, query));

/** The rows of raw SQL, on the read target, prepared once per shape of the query. */
export function shapedRows<T>(db: Db, query: SQL): Promise<T[]> {
  return rawRows(db, query) as Promise<T[]>;
}

/** `column = any($n)`: the list bound as one array, so every length of it is one statement. */
export function anyOf(column: SQLWrapper, values: readonly unknown[]): SQL {
  return sql`${column} = any(${sql.param(values)})`;
}
