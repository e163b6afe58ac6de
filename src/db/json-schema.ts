/**
 * The JSON-schema vocabulary shared by the two writers of a response's JSON: the serializer (src/api) and
 * the SQL that has PostgreSQL write an include as the response's own text (json-columns). It lives below
 * the API so that the database layer can read a schema without importing the HTTP layer.
 */
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
