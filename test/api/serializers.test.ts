/**
 * Response serializers made once per schema and on first use (src/api/serializers.ts): routes that declare
 * the same shape, and the HEAD route beside a GET, share one; nothing is compiled before a response needs it;
 * the JSON is what Fastify's default serializers write.
 */
import { createRequire } from 'node:module';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { jsonString, sharedSerializers } from '../../src/api/serializers.js';

const fastJson = createRequire(createRequire(import.meta.url).resolve('@fastify/fast-json-stringify-compiler'));
const FastJsonSerializer = fastJson('fast-json-stringify/lib/serializer.js') as {
  escapeStringLoop: (s: string) => string;
  prototype: { asString: unknown };
};

const item = () => ({
  type: 'object',
  required: ['id', 'title'],
  properties: { id: { type: 'string' }, title: { type: 'string' }, count: { type: 'integer' } },
});

describe('shared serializers', () => {
  it('gives routes that declare equal schemas one serializer, whichever object holds them', () => {
    const compile = sharedSerializers()({}, {});
    const a = compile({ schema: item(), method: 'GET', url: '/a', httpStatus: '200' });
    expect(compile({ schema: item(), method: 'HEAD', url: '/a', httpStatus: '200' })).toBe(a);
    expect(compile({ schema: item(), method: 'GET', url: '/b', httpStatus: '201' })).toBe(a);
    expect(compile({ schema: { ...item(), required: ['id'] }, method: 'GET', url: '/c', httpStatus: '200' })).not.toBe(a);
  });

  it('compiles a schema when its first response is written, not when the route is declared', () => {
    const compile = sharedSerializers()({}, {});
    // fast-json-stringify refuses a $ref it cannot resolve: the refusal comes with the first response.
    const broken = compile({ schema: { $ref: 'nowhere#' }, method: 'GET', url: '/', httpStatus: '200' });
    expect(() => broken({})).toThrow();
  });

  it("writes what Fastify's default serializers write", async () => {
    const body = { id: 'x', title: 'Bill C-2 "quoted"', count: 3.0, extra: 'dropped' };
    const serve = (options: FastifyServerOptions) => {
      const app = Fastify(options);
      for (const url of ['/one', '/two']) app.get(url, { schema: { response: { 200: item() } } }, async () => body);
      return app;
    };
    const shared = serve({ schemaController: { compilersFactory: { buildSerializer: sharedSerializers() } } });
    const usual = serve({});
    for (const url of ['/one', '/two']) {
      for (const method of ['GET', 'HEAD'] as const) {
        const [got, want] = await Promise.all([shared.inject({ method, url }), usual.inject({ method, url })]);
        expect(got.body).toBe(want.body);
        expect(got.headers['content-length']).toBe(want.headers['content-length']);
      }
    }
    expect((await shared.inject('/one')).body).toBe('{"id":"x","title":"Bill C-2 \\"quoted\\"","count":3}');
    await Promise.all([shared.close(), usual.close()]);
  });

  it("writes strings as fast-json-stringify's own asString and JSON.stringify write them, for every serializer", () => {
    const strings = [
      '', 'a', 'C-12', 'Projet Montréal - Équipe Valérie Plante', 'Conseiller(ère) d\'arrondissement', '4555, rue de Verdun\nMontréal Québec H4G 1M4',
      'Bill C-2 "quoted"', 'a\\b', '"', '\\', 'tab\there', '\u0000\u001f', 'l’Assemblée — œuvre', '\u2028\u2029', '😀 emoji', 'lone \ud800 high',
      'lone \udc00 low', 'x'.repeat(41) + '"', 'x'.repeat(42), 'y'.repeat(42) + '\n', 'z'.repeat(4999), 'z'.repeat(5000), 'q'.repeat(6000) + '"',
    ];
    for (const s of [...strings, ...strings.map((s) => `${s}${s.length}`), ...strings.map((s) => s.slice(1))]) {
      expect(jsonString(s)).toBe(JSON.stringify(s));
      expect(jsonString(s)).toBe(FastJsonSerializer.escapeStringLoop(s));
    }
    expect(FastJsonSerializer.prototype.asString).toBe(jsonString);
  });
});
