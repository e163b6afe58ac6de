/**
 * The response schema the serializer compiles, made from the one a route documents. `Nullable(X)` is
 * `anyOf: [X, {type: 'null'}]` in the contract, and fast-json-stringify serializes an `anyOf` by running
 * an ajv validator on the value for each branch until one matches: every ballot of a division (its voter
 * id, party and district), every bilingual pair of every row. As `X` with `nullable: true` it writes
 * `null` for null and serializes any other value by `X`, the same bytes for every value the contract
 * allows, with no validator call. The OpenAPI document and request validation keep the route's schema.
 */
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import { isObject, nullableBranch, type Schema } from '../db/json-schema.js';
import type { SerializerFactory } from './serializers.js';

/** A copy of `schema` with each nullable union of one single-typed branch written as that branch, `nullable`. */
export function serializationSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(serializationSchema);
  if (!isObject(schema)) return schema;
  const branch = nullableBranch(schema);
  if (branch) {
    const { anyOf: _union, ...siblings } = schema;
    return serializationSchema({ ...siblings, ...branch, nullable: true });
  }
  const copy: Schema = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = serializationSchema(value);
  return copy;
}

/** A serializer factory (fastify's default unless given) compiling each response schema as `serializationSchema` writes it. */
export function nullablesAsKeyword(compilerFactory: SerializerFactory = SerializerSelector()): SerializerFactory {
  return (externalSchemas, options) => {
    const compile = compilerFactory(externalSchemas, options);
    return (route) => compile({ ...route, schema: serializationSchema(route.schema) as typeof route.schema });
  };
}
