/**
 * A select's rows decoded from the driver's arrays by a function built once per
 * query: drizzle's `mapResultRow` walks every field of every row with an entity
 * check (`is`), a decoder call even where the column's decoder returns its value
 * as it is, and each nested object by its path (12.9% of Node's self time on
 * bills?per_page=20, r8 profile). The function built here reads each value by
 * its index into an object literal of the fields' shape, and calls a decoder
 * only where the column has one that changes the value.
 *
 * The rows are the objects `mapResultRow` makes, key for key: the same insertion
 * order, and a nested object of a left-joined table is null under drizzle's rule
 * (its first column is null, and every column of it is of that one table).
 */
import { Column, getTableColumns, getTableName, is, SQL, Subquery, Table, type DriverValueDecoder } from 'drizzle-orm';
import { TAKES_BYTES } from './json-columns.js';

/** Decodes one query's rows, as the driver returns them in array mode. */
export type RowsDecoder = (rows: unknown[][]) => Record<string, unknown>[];

type Decoder = DriverValueDecoder<unknown, unknown>;

// Decoders that return the driver's value as it is: a plain column's (text, uuid, boolean, json the driver parsed) and an SQL field's by default.
const IDENTITY = new Set<unknown>([Column.prototype.mapFromDriverValue, (new SQL([]) as unknown as { decoder: Decoder }).decoder.mapFromDriverValue]);

function decoderOf(field: unknown): Decoder {
  if (is(field, Column)) return field;
  if (is(field, SQL)) return (field as unknown as { decoder: Decoder }).decoder;
  if (is(field, Subquery)) return (field._.sql as unknown as { decoder: Decoder }).decoder;
  return (field as { sql: { decoder: Decoder } }).sql.decoder;
}

/** The fields in the order drizzle selects them (its `orderSelectedFields`): a table stands for its columns. */
function leaves(fields: Record<string, unknown>, prefix: string[]): { path: string[]; field: unknown }[] {
  return Object.entries(fields).flatMap(([name, field]) => {
    const path = [...prefix, name];
    if (is(field, Column) || is(field, SQL) || is(field, SQL.Aliased) || is(field, Subquery)) return [{ path, field }];
    return leaves(is(field, Table) ? getTableColumns(field) : field as Record<string, unknown>, path);
  });
}

/** The indexes, in the driver's arrays, of the fields whose decoders take their column's UTF-8 bytes (`takesBytes`). */
export function bytesFields(fields: Record<string, unknown>): number[] {
  return leaves(fields, []).flatMap(({ field }, index) => (TAKES_BYTES in decoderOf(field).mapFromDriverValue ? [index] : []));
}

/** A field's place in the row: a value at an index, or a nested object of them. */
interface Leaf {
  index: number;
  field: unknown;
}
type Node = Map<string, Node | Leaf>;

/**
 * The row function for a select's fields (drizzle's `config.fields`) and its
 * joins' nullability (`joinsNotNullableMap`, table name → never null), or null
 * when a field's name cannot be written as an object literal's key as drizzle
 * assigns it (`__proto__`).
 */
export function rowsDecoder(fields: Record<string, unknown>, notNullable: Record<string, boolean> | undefined): RowsDecoder | null {
  const ordered = leaves(fields, []);
  const root: Node = new Map();
  // The columns whose decoder changes the value, by index: the built function calls `d<index>`.
  const decoders = new Map<number, (value: unknown) => unknown>();
  for (const [index, { path, field }] of ordered.entries()) {
    if (path.includes('__proto__')) return null;
    let node = root;
    for (const name of path.slice(0, -1)) {
      let next = node.get(name);
      if (!next) node.set(name, (next = new Map()));
      node = next as Node;
    }
    node.set(path[path.length - 1]!, { index, field });
    const decoder = decoderOf(field);
    if (!IDENTITY.has(decoder.mapFromDriverValue)) decoders.set(index, decoder.mapFromDriverValue.bind(decoder));
  }
  const value = ({ index }: Leaf) => (decoders.has(index) ? `(r[${index}] === null ? null : d${index}(r[${index}]))` : `r[${index}]`);
  const object = (node: Node): string => `{ ${[...node].map(([name, child]) => `${JSON.stringify(name)}: ${child instanceof Map ? object(child) : value(child)}`).join(', ')} }`;
  const top = [...root].map(([name, child]) => {
    if (!(child instanceof Map)) return `${JSON.stringify(name)}: ${value(child)}`;
    const first = nullWith(child, notNullable);
    return `${JSON.stringify(name)}: ${first === null ? object(child) : `r[${first}] === null ? null : ${object(child)}`}`;
  });
  // Built once per prepared query from field names and indexes alone (the names quoted by JSON.stringify).
  const make = new Function(...[...decoders.keys()].map((index) => `d${index}`), `return (rows) => {
    const out = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      out[i] = { ${top.join(', ')} };
    }
    return out;
  };`) as (...decoders: ((value: unknown) => unknown)[]) => RowsDecoder;
  return make(...decoders.values());
}

/**
 * The index of the column whose null makes a nested object null, under drizzle's
 * rule (mapResultRow): only for a query with joins' nullability, from its
 * columns one level down, when they are all of one table that may be missing.
 */
function nullWith(node: Node, notNullable: Record<string, boolean> | undefined): number | null {
  if (!notNullable) return null;
  const columns = [...node.values()].filter((child): child is Leaf => !(child instanceof Map) && is(child.field, Column));
  if (columns.length === 0) return null;
  const table = getTableName((columns[0]!.field as Column).table);
  if (columns.some((c) => getTableName((c.field as Column).table) !== table)) return null;
  return notNullable[table] ? null : columns[0]!.index;
}
