/**
 * Objects written piece by piece as bytes (src/api/piecewise-serializer.ts): what fast-json-stringify writes for the
 * whole schema, past the writer's scratch too, and the same errors. Every response schema of the API over generated
 * values: test/api/serialization-schema.test.ts.
 */
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { piecewiseSerializers } from '../../src/api/piecewise-serializer.js';
import { VoteEventDetail } from '../../src/api/schemas/votes.js';

const whole = SerializerSelector()({}, {});
const piecewise = piecewiseSerializers(SerializerSelector())({}, {});
const route = (schema: unknown) => ({ schema, method: 'GET', url: '/', httpStatus: '200' }) as Parameters<typeof whole>[0];

const Item = Type.Object({ name: Type.String(), note: Type.Optional(Type.String()) });
const List = Type.Object({ results: Type.Array(Item), total: Type.Integer(), next: Type.Optional(Type.String()) });

describe('an object written piece by piece', () => {
  it('writes bytes, item by item, the same as the whole schema', () => {
    const doc = { total: 2, results: [{ name: 'Ève — « 2e »', note: 'a "q"\n' }, { name: '🗳️' }], extra: 1 };
    const bytes = piecewise(route(List))(doc) as unknown as Buffer;
    expect(Buffer.isBuffer(bytes)).toBe(true);
    expect(bytes.equals(Buffer.from(whole(route(List))(doc)))).toBe(true);
  });

  it('writes a body past its 256 KB scratch (a division of 4,000 two-byte ballots)', () => {
    const ballot = { option: 'yes', voter_name: 'Ève — Poilievre', voter_id: null, party: { en: 'Conservative', fr: 'Conservateur' }, district: null };
    const doc = {
      id: 'ocd-vote/x', identifier: '332', jurisdiction_id: 'ca', session: '44-1', start_date: '2024-06-19', motion_text: { en: 'C‑21', fr: 'C‑21' },
      result: 'pass', organization: null, bill: null, counts: [{ option: 'yes', value: 4000 }],
      ballot_coverage: { recorded: true, ballots: 4000, division_total: 4000 }, sources: [], url: '/api/v1/votes/ca/44-1/332', updated_at: '2024-06-19T00:00:00.000Z',
      votes: Array.from({ length: 4000 }, () => ballot), parties: [], dissenters: [{ ...ballot, party_majority: 'no' }],
    };
    const bytes = piecewise(route(VoteEventDetail))(doc) as unknown as Buffer;
    expect(bytes.length).toBeGreaterThan(256 * 1024);
    expect(bytes.equals(Buffer.from(whole(route(VoteEventDetail))(doc)))).toBe(true);
  });

  it('fails as the whole schema fails on a missing required property, and keeps its other answers', () => {
    expect(() => whole(route(List))({ results: [] })).toThrow('"total" is required!');
    expect(() => piecewise(route(List))({ results: [] })).toThrow('"total" is required!');
    for (const doc of [{ results: null, total: 0 }, { results: [], total: 1, next: undefined }]) {
      expect((piecewise(route(List))(doc) as unknown as Buffer).toString()).toBe(whole(route(List))(doc));
    }
  });

  it('leaves a schema it does not cover to the whole serializer', () => {
    const open = Type.Object({ a: Type.String() }, { additionalProperties: Type.String() });
    const cases = [[open, { a: 'x', b: 'y' }], [Type.Array(Item), []], [Type.Union([Item, Type.Null()]), null], [Type.Object({ a: Type.Optional(Type.String()) }), {}]] as const;
    for (const [schema, doc] of cases) {
      const body = piecewise(route(schema))(doc);
      expect(typeof body).toBe('string');
      expect(body).toBe(whole(route(schema))(doc));
    }
  });
});
