/**
 * The response schema the serializer compiles, made from the one a route documents. `Nullable(X)` is
 * `anyOf: [X, {type: 'null'}]` in the contract, and fast-json-stringify serializes an `anyOf` by running
 * an ajv validator on the value for each branch until one matches: every ballot of a division (its voter
 * id, party and district), every bilingual pair of every row. As `X` with `nullable: true` it writes
 * `null` for null and serializes any other value by `X`, the same bytes for every value the contract
 * allows, with no validator call. The OpenAPI document and request validation keep the route's schema.
 */
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { SerializerFactory } from './serializers.js';

export type Schema = Record<string, unknown>;

/** A JSON schema object (not an array, not null). */
export const isObject = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

// The keywords that fast-json-stringify reads before `nullable`: a branch with one of them keeps its `anyOf`.
const BEFORE_NULLABLE = ['$ref', 'allOf', 'anyOf', 'oneOf', 'if', 'const', 'nullable'];
const SINGLE_TYPES = new Set(['string', 'integer', 'number', 'boolean', 'object', 'array']);

/** The non-null branch of `anyOf: [X, {type: 'null'}]` (either order), when `nullable` serializes it alike. */
export function nullableBranch(schema: Schema): Schema | null {
  const branches = schema.anyOf;
  if (!Array.isArray(branches) || branches.length !== 2) return null;
  const nullAt = branches.findIndex((b) => isObject(b) && b.type === 'null' && Object.keys(b).length === 1);
  if (nullAt === -1) return null;
  const other = branches[1 - nullAt] as unknown;
  if (!isObject(other) || !SINGLE_TYPES.has(other.type as string) || BEFORE_NULLABLE.some((k) => k in other)) return null;
  return other;
}

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
