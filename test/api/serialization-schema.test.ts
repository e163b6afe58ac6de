/**
 * The app's serializers (src/api/serialization-schema.ts's schema, written piece by piece by
 * src/api/piecewise-serializer.ts) write the bytes the contract's schema writes: every response schema the API's schema
 * modules export (their queries aside), serialized both ways over values made from the schema, with null and non-null
 * taken at each nullable place and optional properties present or absent.
 */
import { readdirSync } from 'node:fs';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import { describe, expect, it } from 'vitest';
import { nullablesAsKeyword, serializationSchema } from '../../src/api/serialization-schema.js';
import { piecewiseSerializers } from '../../src/api/piecewise-serializer.js';
import { Nullable } from '../../src/api/schemas/shared.js';
import { listResponse } from '../../src/api/schemas/lists.js';
import { Type } from 'typebox';

type Schema = Record<string, unknown>;

const SCHEMAS = new URL('../../src/api/schemas/', import.meta.url);
const modules: Record<string, Record<string, unknown>> = Object.fromEntries(await Promise.all(readdirSync(SCHEMAS).filter((f) => f.endsWith('.ts'))
  .map(async (f) => [f, await import(new URL(f, SCHEMAS).href) as Record<string, unknown>] as const)));

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && ('type' in value || 'anyOf' in value || 'allOf' in value);

// A valid string of each format the schemas use: the contract's union checks them.
const FORMATTED: Record<string, string> = {
  date: '2024-06-19', 'date-time': '2024-06-19T14:05:00.000Z', email: 'a@example.org', uri: 'https://example.org/a?b=c',
  'uri-reference': '/api/v1/bills?page=2', uuid: '0b5e4c1e-3f7a-4c44-9a55-0f0e8f1d2c3b', binary: 'x',
};

/** A value the schema allows, `pick` choosing the branch of each union; strings that need escaping included. */
function valueOf(schema: Schema, pick: () => number, depth = 0): unknown {
  if (Array.isArray(schema.anyOf)) return valueOf(schema.anyOf[pick() % schema.anyOf.length] as Schema, pick, depth);
  if (Array.isArray(schema.allOf)) return Object.assign({}, ...schema.allOf.map((s) => valueOf(s as Schema, pick, depth)));
  if (Array.isArray(schema.enum)) return schema.enum[pick() % schema.enum.length];
  switch (schema.type) {
    case 'null': return null;
    case 'string': return typeof schema.format === 'string' ? FORMATTED[schema.format] : ['C-12', 'Loi modifiant la « Loi » — 2e', 'a "quoted"\\ line\n', ''][pick() % 4];
    case 'integer': return pick() % 1000;
    case 'number': return (pick() % 1000) / 7;
    case 'boolean': return pick() % 2 === 0;
    case 'array': return depth > 4 ? [] : [0, 1, 2].map(() => valueOf(schema.items as Schema, pick, depth + 1));
    case 'object': {
      const required = new Set((schema.required ?? []) as string[]);
      return Object.fromEntries(Object.entries((schema.properties ?? {}) as Record<string, Schema>)
        .filter(([k]) => required.has(k) || pick() % 3 !== 0).map(([k, s]) => [k, valueOf(s, pick, depth + 1)]));
    }
    default: return null;
  }
}

// Fastify's own serializer compiler (its default) and the app's (a string or, piece by piece, bytes).
const fastifyDefault = SerializerSelector()({}, {});
const app = piecewiseSerializers(nullablesAsKeyword())({}, {});
const ours = (route: Parameters<typeof app>[0]) => {
  const serialize = app(route) as (doc: unknown) => string | Buffer;
  return (doc: unknown) => {
    const body = serialize(doc);
    return Buffer.isBuffer(body) ? body.toString() : body;
  };
};

describe('the response serializer\'s schema', () => {
  const schemas = Object.entries(modules).flatMap(([file, exports]) => Object.entries(exports)
    .filter(([name, value]) => isSchema(value) && !name.endsWith('Query')).map(([name, value]) => [`${file} ${name}`, value as Schema] as const));

  it('finds the schema modules\' response schemas', () => {
    expect(schemas.length).toBeGreaterThan(30);
  });

  it('writes nullable unions as nullable, and leaves the contract\'s schema as it was', () => {
    const contract = Type.Object({ a: Nullable(Type.String({ description: 'd' })), b: Nullable(Type.Union([Type.String(), Type.Integer()])) });
    const before = JSON.stringify(contract);
    expect(serializationSchema(contract)).toEqual({
      type: 'object', required: ['a', 'b'],
      properties: { a: { type: 'string', description: 'd', nullable: true }, b: contract.properties.b },
    });
    expect(JSON.stringify(contract)).toBe(before);
  });

  for (const [name, schema] of schemas) {
    it(`serializes ${name} to the same bytes`, () => {
      const wrapped = listResponse(schema as never) as unknown as Schema;
      for (const s of [schema, wrapped]) {
        const route = { schema: s, method: 'GET', url: '/', httpStatus: '200' };
        const contract = fastifyDefault(route);
        const served = ours(route);
        for (let seed = 1; seed <= 40; seed++) {
          let state = seed;
          const pick = () => (state = (state * 1103515245 + 12345) % 2147483648) >> 8;
          const value = valueOf(s, pick);
          expect(served(value)).toBe(contract(value));
        }
      }
    });
  }
});
