/**
 * Response bodies serialized as UTF-8 bytes, property by property and item by item, where the schema is an object
 * of properties. fast-json-stringify writes a whole body as one string by `+=`, and the ETag hook then encodes it:
 * a body past 64 K characters (division 332: 69 K, two-byte for the em dashes of its ridings) became a large object when it was flattened
 * to be encoded, its fresh pages costing more than the serializing (src/api/utf8-writer.ts). Here each top-level
 * property is serialized by a serializer compiled from its own schema, an array of objects (a list's results, a
 * division's ballots) one item at a time, and the pieces written as bytes: the same bytes, in the order and with the
 * checks fast-json-stringify's object code has (required properties first, a missing required one an error).
 * Schemas this does not cover (no properties, a default, additional or pattern properties, a union or nullable at
 * the top) keep the whole serializer.
 *
 * A top-level property's value may be its JSON text as PostgreSQL wrote it from the property's schema (a `JsonText`,
 * src/db/json-columns.ts: a bill's actions): it is written as it is, once that schema is found to be the one the
 * response declares for the property; as the bytes postgres.js received when the statement was read raw.
 */
import { mergeSchemas } from '@fastify/merge-json-schemas';
import { JsonText } from '../db/json-columns.js';
import { isObject, type Schema } from '../db/json-schema.js';
import type { SerializerFactory } from './serializers.js';
import { Utf8Writer } from './utf8-writer.js';

type Serialize = (value: unknown) => string;

// Keywords at the top that change how fast-json-stringify writes an object beyond its properties.
const WHOLE_ONLY = ['$ref', 'anyOf', 'oneOf', 'if', 'nullable', 'patternProperties', 'const', 'enum'];

interface Property {
  /** `"name":`, after `{` or `,`. */
  key: string;
  name: string;
  required: boolean;
  serialize: Serialize;
  /** For an array of objects: each item's serializer. */
  item?: Serialize;
  /** The schema the response declares for it, and the schemas of texts found to be the same. */
  schema: Schema;
  texts: WeakSet<object>;
}

/** `text`'s JSON, once its schema is found to be the one the response declares for `p`: SQL built it for this property. */
function checkedText(p: Property, text: JsonText): string | Uint8Array {
  if (!p.texts.has(text.schema)) {
    if (JSON.stringify(text.schema) !== JSON.stringify(p.schema)) throw new Error(`${JSON.stringify(p.name)} is JSON text of another schema`);
    p.texts.add(text.schema);
  }
  return text.text;
}

/** The schema's object with `allOf` merged as fast-json-stringify merges it, or null if it is not one this writes. */
function objectOf(schema: unknown): Schema | null {
  if (!isObject(schema)) return null;
  let object = schema;
  if (Array.isArray(schema.allOf)) {
    const { allOf, ...rest } = schema;
    try {
      object = mergeSchemas([rest, ...allOf] as Schema[]) as Schema;
    } catch {
      return null;
    }
  }
  if (object.type !== 'object' || !isObject(object.properties) || WHOLE_ONLY.some((k) => k in object)) return null;
  if (object.additionalProperties !== undefined && object.additionalProperties !== false) return null;
  const properties = Object.values(object.properties);
  if (properties.some((p) => !isObject(p) || '$ref' in p || 'default' in p)) return null;
  return object;
}

/** The properties in fast-json-stringify's order (required first, each group as declared), or null if none is required first. */
function plan(object: Schema, compile: (schema: unknown) => Serialize): Property[] | null {
  const required = new Set(Array.isArray(object.required) ? (object.required as string[]) : []);
  const schemas = object.properties as Record<string, Schema>;
  const names = Object.keys(schemas).sort((a, b) => Number(required.has(b)) - Number(required.has(a)));
  // A required name the properties lack would need its own check; the first property opens the object.
  if (names.length === 0 || !required.has(names[0]!) || [...required].some((r) => !(r in schemas))) return null;
  return names.map((name) => {
    const schema = schemas[name]!;
    const items = schema.type === 'array' && !('nullable' in schema) && isObject(schema.items) ? schema.items : undefined;
    const splits = items !== undefined && (items.type === 'object' || 'allOf' in items);
    return {
      key: `${JSON.stringify(name)}:`, name, required: required.has(name), serialize: compile(schema), schema, texts: new WeakSet(), ...(splits ? { item: compile(items) } : {}),
    };
  });
}

function write(properties: Property[], doc: Record<string, unknown>): Buffer {
  const writer = new Utf8Writer();
  for (let i = 0; i < properties.length; i++) {
    const p = properties[i]!;
    const value = doc[p.name];
    if (value === undefined) {
      if (p.required) throw new Error(`${JSON.stringify(p.name)} is required!`);
      continue;
    }
    writer.add(i === 0 ? '{' : ',');
    writer.add(p.key);
    if (value instanceof JsonText) {
      const text = checkedText(p, value);
      if (typeof text === 'string') writer.add(text);
      else writer.addBytes(text);
    } else if (p.item && Array.isArray(value)) {
      writer.add('[');
      for (let j = 0; j < value.length; j++) {
        if (j > 0) writer.add(',');
        writer.add(p.item(value[j]));
      }
      writer.add(']');
    } else {
      writer.add(p.serialize(value));
    }
  }
  writer.add('}');
  return writer.bytes();
}

/** A serializer factory (fastify's default unless given) whose object schemas are written piece by piece, as bytes. */
export function piecewiseSerializers(compilerFactory: SerializerFactory): SerializerFactory {
  return (externalSchemas, options) => {
    const compile = compilerFactory(externalSchemas, options);
    return (route) => {
      const object = objectOf(route.schema);
      const properties = object && plan(object, (schema) => compile({ ...route, schema: schema as typeof route.schema }));
      if (!properties) return compile(route);
      // Fastify writes a Buffer as it is; the /api/v1 hooks (ETag, cache, compression) take one as they take a string.
      return ((doc: Record<string, unknown>) => write(properties, doc)) as unknown as (doc: unknown) => string;
    };
  };
}
