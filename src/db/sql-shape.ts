/**
 * A drizzle SQL fragment split into its shape (everything but the values bound
 * into it) and its values, so a query built and prepared for one request serves
 * every later request of the same shape: drizzle renders a query by walking
 * every chunk of every column with entity checks, and did that two or three
 * times per list request (the count's key, the count, the page).
 *
 * Only what the walk knows is shaped: anything else (a subquery object, an
 * alias, inlined parameters) makes the fragment unshapeable, and the caller
 * builds it the ordinary way.
 */
import { Column, Name, Param, SQL, sql, StringChunk, Table, type DriverValueDecoder } from 'drizzle-orm';

/** What drizzle keeps on an SQL object without declaring it: how a field's value is read, and whether its values are written inline. */
interface SqlInternals {
  decoder: DriverValueDecoder<unknown, unknown>;
  shouldInlineParams: boolean;
}
const internals = (chunk: SQL) => chunk as unknown as SqlInternals;

/** The shape's key (SQL text with markers for tables, columns and values) and its values in walk order. */
export interface Shape {
  key: string;
  values: unknown[];
}

const ids = new WeakMap<object, number>();
let nextId = 0;

/** A stable number for a table or column object: two columns of one name in two tables render differently. */
function idOf(entity: object): number {
  let id = ids.get(entity);
  if (id === undefined) ids.set(entity, (id = nextId++));
  return id;
}

const isValue = (chunk: unknown) => chunk === null || ['string', 'number', 'boolean', 'bigint'].includes(typeof chunk) || chunk instanceof Date;
// A parameter may hold a list of values (`= any($1)`): one statement text for every length of the list.
const isParameter = (value: unknown) => isValue(value) || (Array.isArray(value) && value.every(isValue));

/** Appends the shape of `chunk` to `out`; false when the chunk holds something this walk does not know. */
function walk(chunk: unknown, out: Shape): boolean {
  if (chunk instanceof StringChunk) {
    out.key += chunk.value.join('');
    return true;
  }
  if (chunk instanceof SQL) {
    if (internals(chunk).shouldInlineParams) return false;
    out.key += '\u0001(';
    for (const inner of chunk.queryChunks) if (!walk(inner, out)) return false;
    out.key += '\u0001)';
    return true;
  }
  if (chunk instanceof Column || chunk instanceof Table) {
    out.key += `\u0002${idOf(chunk)}\u0002`;
    return true;
  }
  if (chunk instanceof Param) {
    const value = chunk.value === null ? null : chunk.encoder.mapToDriverValue(chunk.value);
    if (!isParameter(value)) return false;
    out.key += '\u0003';
    out.values.push(value);
    return true;
  }
  if (chunk instanceof Name) {
    out.key += `\u0004${chunk.value}\u0004`;
    return true;
  }
  if (Array.isArray(chunk)) {
    out.key += `\u0005${chunk.length}`;
    return chunk.every((inner) => walk(inner, out));
  }
  if (chunk === undefined) return true;
  if (isValue(chunk)) {
    out.key += '\u0003';
    out.values.push(chunk);
    return true;
  }
  return false;
}

/** The shape of fragments taken in order, or null when one cannot be shaped. */
export function shapeOf(chunks: unknown[]): Shape | null {
  const out: Shape = { key: '', values: [] };
  for (const chunk of chunks) {
    if (!walk(chunk, out)) return null;
    out.key += '\u0006';
  }
  return out;
}

/**
 * A shape kept by the object it is read from, when that object holds no value: a route's table, joins, orders and
 * fields are module constants, so a list request walks only its filters (its values) and not what stays the same.
 * Fragments are not changed once built, so an object's shape never changes.
 */
export function constantShapes<O extends object>(shape: (owner: O) => Shape | null): (owner: O) => Shape | null {
  const known = new WeakMap<O, Shape>();
  return (owner) => {
    const kept = known.get(owner);
    if (kept) return kept;
    const made = shape(owner);
    if (made && made.values.length === 0) known.set(owner, made);
    return made;
  };
}

/** Shapes taken in order as one: their keys joined, their values in order; null when one is. */
export function joinShapes(shapes: (Shape | null)[]): Shape | null {
  let key = '';
  let values: unknown[] = [];
  for (const shape of shapes) {
    if (!shape) return null;
    key += shape.key;
    if (shape.values.length > 0) values = values.length === 0 ? shape.values : [...values, ...shape.values];
  }
  return { key, values };
}

/** A select's fields (columns, SQL, nested objects of them) as one shape: their names, in order, and what each reads. */
export const fieldsShape = constantShapes((fields: Record<string, unknown>) => walkFields(fields, { key: '', values: [] }));

function walkFields(fields: Record<string, unknown>, out: Shape): Shape | null {
  for (const [name, field] of Object.entries(fields)) {
    out.key += `\u0007${name}:`;
    // A table selects all its columns (`{ debate: debates }`): its identity is its shape.
    if (field instanceof Column || field instanceof SQL || field instanceof Table) {
      if (!walk(field, out)) return null;
    } else if (field !== null && typeof field === 'object' && Object.getPrototypeOf(field) === Object.prototype) {
      if (!walkFields(field as Record<string, unknown>, out)) return null;
    } else {
      return null;
    }
  }
  return out;
}

/** `fields` with their values replaced by placeholders, numbered on from `next.n` in `fieldsShape`'s order. */
export function templateFields<F extends Record<string, unknown>>(fields: F, next: { n: number }): F {
  return Object.fromEntries(Object.entries(fields).map(([name, field]) => [
    name, field instanceof Column || field instanceof SQL || field instanceof Table ? template(field, next) : templateFields(field as Record<string, unknown>, next),
  ])) as F;
}

/**
 * `chunk` with each value replaced by the placeholder `v<n>`, numbered from
 * `next.n` in the order `shapeOf` lists the values; fragments without values
 * are returned as they are (a field keeps its decoder).
 */
export function template<T>(chunk: T, next: { n: number }): T {
  if (chunk instanceof SQL) {
    const before = next.n;
    const inner = chunk.queryChunks.map((c) => template(c, next));
    if (next.n === before) return chunk;
    return new SQL(inner).mapWith(internals(chunk).decoder) as T;
  }
  if (Array.isArray(chunk)) return chunk.map((c) => template(c, next)) as T;
  if (chunk instanceof Param || (chunk !== undefined && isValue(chunk))) return sql.placeholder(`v${next.n++}`) as T;
  return chunk;
}

/** The placeholder values `template` names, for a prepared query's execute. */
export function placeholderValues(values: unknown[], into: Record<string, unknown> = {}): Record<string, unknown> {
  for (let i = 0; i < values.length; i++) into[`v${i}`] = values[i];
  return into;
}

/** Whether a fragment may read `table`: a column of it, or something this walk does not know (a subquery, say). */
export function reads(chunk: unknown, table: Table): boolean {
  if (chunk instanceof SQL) return chunk.queryChunks.some((inner) => reads(inner, table));
  if (Array.isArray(chunk)) return chunk.some((inner) => reads(inner, table));
  if (chunk instanceof Column) return chunk.table === table;
  if (chunk instanceof Table) return chunk === table;
  return !(chunk instanceof StringChunk || chunk instanceof Param || chunk instanceof Name || chunk === undefined || isValue(chunk));
}
