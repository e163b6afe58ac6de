/**
 * Response serializers made once per schema and on first use (src/api/serializers.ts): routes that declare
 * the same shape, and the HEAD route beside a GET, share one; nothing is compiled before a response needs it;
 * the JSON is what Fastify's default serializers write.
 */
import Fastify, { type FastifyServerOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { sharedSerializers } from '../../src/api/serializers.js';

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
});
