/**
 * Columns PostgreSQL builds as JSON in the response's shape, so a detail and its items are one statement; and the
 * same columns as the response's own JSON text, which the serializer writes into the body as it is
 * (src/api/piecewise-serializer.ts), so Node neither parses them (postgres.js's JSON.parse) nor serializes them again.
 *
 * PostgreSQL's JSON text is not the API's: `json_build_object` writes `{"a" : 1}`, jsonb `["a", "b"]`. The API's bytes
 * are fast-json-stringify's with the response schema: no spaces, required properties first then the optional ones,
 * each group in the schema's order, a null where the schema wants a string written `""` (an integer `0`). So the text
 * is written here from the response schema, value by value, a string's by `to_json` (PostgreSQL's `escape_json`: the
 * same characters as JSON.stringify), in one `concat` per item (a chain of `||` makes a string per step: +30 % of the
 * backend's CPU on a bill's actions, where this takes 20 % less than `json_build_object`). A jsonb value the schema does
 * not describe as it stands (a number among strings) makes the column carry PostgreSQL's JSON of the items after a `!`
 * instead: it is parsed and serialized as before, so its bytes stay the serializer's.
 *
 * The jsonb columns a response echoes as they are (a bill's `sources`, `other_identifiers`) stay parsed: their text
 * built here costs the backend 1-13 µs a row more than sending the jsonb, where Node's parse and serialize of it
 * save ~1 µs (note docs/notes/2026-12-07-issue-12j-r12.md).
 */
import { Column, is, SQL, sql } from 'drizzle-orm';
import { nullableBranch, type Schema } from './json-schema.js';

/**
 * The JSON of a response field as the response writes it, built by PostgreSQL from `schema` (the field's own): as a
 * string, or as the UTF-8 bytes the driver received when the statement was read raw (src/db/prepared.ts), which the
 * serializer copies into the body without decoding and encoding them again.
 */
export class JsonText<T = unknown> {
  declare private readonly value?: T;
  constructor(readonly text: string | Uint8Array, readonly schema: object) {}
}

/** Marks a column decoder that takes the column's UTF-8 bytes (a Buffer) as well as its text: such a column may be read raw. */
export const TAKES_BYTES = Symbol('takes bytes');

/** `decode` marked as taking a column's bytes as well as its text. */
export function takesBytes<F extends (value: unknown) => unknown>(decode: F): F {
  return Object.assign(decode, { [TAKES_BYTES]: true });
}

/** A field the response may carry as its JSON text. */
export type MaybeText<T> = T | JsonText<T>;

/**
 * `value` typed as the value it stands for: the response's serializer writes a `JsonText` as the JSON it is
 * (src/api/piecewise-serializer.ts), so a presenter hands it on as its schema's type; nothing else reads it.
 */
export const asJson = <T>(value: MaybeText<T>): T => value as T;

/** The JSON array of `element` for each row of `from` that `where` selects, in `order` (empty, not null, when none). */
export function jsonArray<T>(element: SQL, from: SQL, where: SQL, order: SQL): SQL<T[]> {
  return sql<T[]>`(select coalesce(json_agg(${element} order by ${order}), '[]') from ${from} where ${where})`;
}

/** What a field of the response holds: a column or SQL value, an object's values by name, or an array's items. */
export type Values = SQL | Column | { [name: string]: Values } | Values[];

/** An item's text: SQL strings in order, and the conditions under which they are the schema's JSON of the item. */
interface Text {
  pieces: SQL[];
  checks: SQL[];
}

const literal = (text: string) => sql.raw(`'${text.replaceAll("'", "''")}'`);

/**
 * An object schema's properties, every one required, as declared: the order fast-json-stringify writes them in
 * (required ones first). An optional property may be absent, which this does not write.
 */
function ordered(schema: Schema): { name: string; schema: Schema }[] {
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const properties = Object.entries(schema.properties as Record<string, Schema>);
  if (properties.some(([name]) => !required.has(name))) throw new Error('JSON text: optional properties are not written here');
  return properties.map(([name, s]) => ({ name, schema: s }));
}

/** Writes `value` (columns and expressions of SQL types) as `schema` says into `text`. */
function write(schema: Schema, value: Values, text: Text): void {
  const branch = nullableBranch(schema);
  const [inner, orNull] = branch ? [branch, true] : [schema, false];
  const single = is(value, SQL) || is(value, Column);
  if (single && inner.type === 'array' && (inner.items as Schema).type === 'string' && !orNull) {
    // jsonb of strings alone: its text with jsonb's ", " between items made ",". Within a string every `"` is
    // escaped, so `", "` is between two items, unless its first quote is escaped and its last closes a string ending
    // in `", ` (`["a\", ", "b"]`), which would lose its space: text with `\", "` takes the parsed way instead.
    text.checks.push(sql`(jsonb_typeof(${value}) = 'array' and not ${value} @? '$[*] ? (@.type() != "string")'
      and strpos(${value}::text, ${literal('\\", "')}) = 0)`);
    text.pieces.push(sql`replace(${value}::text, '", "', '","')`);
    return;
  }
  // fast-json-stringify writes a null where its schema wants a string as "", an integer as 0.
  if (single && inner.type === 'string') text.pieces.push(sql`coalesce(to_json(${value})::text, ${orNull ? sql`'null'` : sql`'""'`})`);
  else if (single && inner.type === 'integer') text.pieces.push(sql`coalesce((${value})::bigint::text, ${orNull ? sql`'null'` : sql`'0'`})`);
  else if (!single && !orNull && inner.type === 'object' && !Array.isArray(value)) {
    ordered(inner).forEach(({ name, schema: s }, i) => {
      text.pieces.push(literal(`${i === 0 ? '{' : ','}${JSON.stringify(name)}:`));
      write(s, (value as Record<string, Values>)[name]!, text);
    });
    text.pieces.push(sql`'}'`);
  } else if (!orNull && inner.type === 'array' && Array.isArray(value)) {
    text.pieces.push(sql`'['`);
    value.forEach((item, i) => {
      if (i > 0) text.pieces.push(sql`','`);
      write(inner.items as Schema, item, text);
    });
    text.pieces.push(sql`']'`);
  } else {
    throw new Error(`JSON text: ${orNull ? 'a nullable ' : ''}${String(inner.type)} from ${single ? 'one SQL value' : 'values'} is not written here`);
  }
}

/** PostgreSQL's JSON of `values`. */
function jsonOf(values: Values): SQL {
  if (Array.isArray(values)) return sql`json_build_array(${sql.join(values.map(jsonOf), sql`, `)})`;
  if (is(values, SQL) || is(values, Column)) return sql`${values}`;
  return sql`json_build_object(${sql.join(Object.entries(values).map(([name, v]) => sql`${literal(name)}, ${jsonOf(v)}`), sql`, `)})`;
}

/** Decodes the column, its text or its bytes: the text PostgreSQL built, or the value it wrote after `!`, parsed. */
function textOrValue<T>(schema: object) {
  return takesBytes((text: unknown): MaybeText<T> => {
    if (typeof text === 'string') return text.charCodeAt(0) === 0x21 ? JSON.parse(text.slice(1)) as T : new JsonText<T>(text, schema);
    const bytes = text as Buffer;
    return bytes[0] === 0x21 ? JSON.parse(bytes.toString('utf8', 1)) as T : new JsonText<T>(bytes, schema);
  });
}

/**
 * `jsonArray` of `item`'s values (named as the properties of the items of `schema`, the array's) as the response's
 * JSON text; PostgreSQL's JSON of them (`jsonArray`), to be parsed, where a value is not what the schema describes.
 */
export function jsonArrayText<T>(schema: object, item: Values, from: SQL, where: SQL, order: SQL): SQL<MaybeText<T[]>> {
  const text: Text = { pieces: [], checks: [] };
  write((schema as Schema).items as Schema, item, text);
  const items = sql`coalesce('[' || string_agg(concat(${sql.join(text.pieces, sql`, `)}), ',' order by ${order}) || ']', '[]')`;
  const written = text.checks.length === 0 ? items : sql`case when bool_and(${sql.join(text.checks, sql` and `)}) is not false then ${items} end`;
  return sql`coalesce((select ${written} from ${from} where ${where}), '!' || ${jsonArray(jsonOf(item), from, where, order)}::text)`.mapWith(textOrValue<T[]>(schema));
}
