/**
 * JSON text that PostgreSQL writes in a response's shape, byte for byte as the response schema's serializer
 * (fast-json-stringify) would: keys in the schema's order, no spaces, strings escaped as `JSON.stringify` does
 * (`to_json` escapes the same characters the same way), dates and timestamps as the presenters wrote them.
 * A list's rows are then spliced into its body unparsed: Node neither maps, presents nor serializes them.
 * `json_build_object` is not used: it prints spaces around its colons.
 */
import { SQL, sql, type SQLWrapper } from 'drizzle-orm';

/** JSON text a fragment of this module built: spliced as it is, never converted again. */
const built = new WeakSet<SQL>();

const KEY = /^[a-z_]+$/;

function keyText(key: string, first: boolean): SQL {
  if (!KEY.test(key)) throw new Error(`JSON key ${key} is not a plain name`);
  return sql.raw(`'${first ? '' : ','}"${key}":'`);
}

/** The JSON text of a value: a fragment built here as it is, any other expression through `to_json` (SQL NULL is `null`). */
function valueText(value: SQLWrapper): SQL {
  return value instanceof SQL && built.has(value) ? value : sql`coalesce(to_json(${value})::text, 'null')`;
}

const mark = (text: SQL): SQL<string> => {
  built.add(text);
  return text as SQL<string>;
};

/** A JSON object of these keys in this order; the type parameter is the response item it must match. */
export function jsonText<T>(shape: { [K in keyof T]-?: SQLWrapper }): SQL<string> {
  const parts = Object.entries<SQLWrapper>(shape).map(([key, value], i) => sql`${keyText(key, i === 0)} || ${valueText(value)}`);
  return mark(sql`('{' || ${sql.join(parts, sql` || `)} || '}')`);
}

/** `object` where `present` holds, else `null`. */
export function jsonWhen(present: SQLWrapper, object: SQL<string>): SQL<string> {
  return mark(sql`(case when ${present} then ${object} else 'null' end)`);
}

/**
 * A jsonb array of objects written with the keys the schema names, in the serializer's order (its required keys,
 * then its optional ones, each in the schema's order): a required key always (a missing one as `""`, where the
 * serializer refuses the response), an optional one when present; values as strings, as the schema types them
 * (a JSON null as `""`, as the serializer writes a null string).
 */
export function jsonbObjectsText(column: SQLWrapper, required: [string, ...string[]], optional: string[] = []): SQL<string> {
  const pair = (key: string, first: boolean) => sql`${keyText(key, first)} || coalesce(to_json(e ->> ${sql.raw(`'${key}'`)})::text, '""')`;
  const element = sql.join([
    ...required.map((key, i) => pair(key, i === 0)),
    ...optional.map((key) => sql`(case when e ? ${sql.raw(`'${key}'`)} then ${pair(key, false)} else '' end)`),
  ], sql` || `);
  return mark(sql`('[' || coalesce((select string_agg('{' || ${element} || '}', ',' order by n) from jsonb_array_elements(${column}) with ordinality as x(e, n)), '') || ']')`);
}

export const bilingualText = (en: SQLWrapper, fr: SQLWrapper) => jsonText<{ en: unknown; fr: unknown }>({ en, fr });

/** A timestamp as `isoTime` writes it: UTC, milliseconds cut (not rounded) as a `Date` cuts microseconds, `Z`. */
export const isoTimeText = (column: SQLWrapper) => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
