/**
 * Fastify's response serializers (fast-json-stringify), each made once and when first used. Fastify
 * compiles every response schema of every route at start, again for the HEAD route it adds beside each
 * GET, and again for each route that declares the same shape (a list of bills under /bills and under
 * /people/{id}/bills): 134 functions of 53 schemas, each holding its generated source (~1-100 KB) and code
 * for the life of the process, most for routes a given instance never serves (the admin's, the account's).
 * Serializers are kept by a digest of the schema's JSON, so one schema is one function; each is compiled on the first
 * response it writes, so an instance holds those of the routes it serves. The validators need neither:
 * Ajv keeps each schema object's validator already.
 */
import { createRequire } from 'node:module';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import { sha256 } from '../auth/tokens.js';

// The characters a JSON string escapes (and surrogates, which JSON.stringify escapes when alone): fast-json-stringify's own.
const STR_ESCAPE = /[\u0000-\u001f\u0022\u005c\ud800-\udfff]/;

/**
 * A string's JSON, the same text as `JSON.stringify(str)` and as fast-json-stringify's `asString`. Its `asString`
 * (Node 20: V8 11.3) walks a string under 42 characters with `str.charCodeAt(i)`; it is one function for every
 * serializer of the process, so it sees strings of every kind V8 has (sequential, cons, sliced, internalized, one- and
 * two-byte), and once it has seen more than four its loads of `length` and `charCodeAt` are megamorphic: a stub-cache
 * lookup per character. That was 6.8 % of a keyed page of people (~47 µs of ~700), whose short strings (names,
 * phone numbers, roles) come from JSON.parse, postgres.js and template literals; in isolation 136-232 ns a string
 * against 52-61 for the regular expression it already used past 41 characters.
 */
export function jsonString(str: string): string {
  return str.length < 5000 && !STR_ESCAPE.test(str) ? '"' + str + '"' : JSON.stringify(str);
}

/** fast-json-stringify's Serializer, as its compiled functions take `asString` from it (they destructure it when built). */
const fastJsonStringify = createRequire(createRequire(import.meta.url).resolve('@fastify/fast-json-stringify-compiler'));
const FastJsonSerializer = fastJsonStringify('fast-json-stringify/lib/serializer.js') as { prototype: { asString?: unknown } };
if (typeof FastJsonSerializer.prototype.asString !== 'function') throw new Error('fast-json-stringify\'s Serializer has no asString to replace: another version?');
FastJsonSerializer.prototype.asString = jsonString;

/** Fastify's `buildSerializer` factory, which each of the app's serializer layers takes and returns. */
export type SerializerFactory = ReturnType<typeof SerializerSelector>;
type Serializer = (doc: unknown) => string;

/** Fastify's `schemaController.compilersFactory.buildSerializer`: `compilerFactory` (its default), made lazy and shared. */
export function sharedSerializers(compilerFactory: SerializerFactory = SerializerSelector()): SerializerFactory {
  const serializers = new Map<string, Serializer>();
  return (externalSchemas, options) => {
    const compile = compilerFactory(externalSchemas, options);
    const scope = JSON.stringify([externalSchemas, options]);
    return (route) => {
      const key = sha256(scope + JSON.stringify(route.schema));
      let serializer = serializers.get(key);
      if (!serializer) {
        let compiled: Serializer | undefined;
        serializer = (doc) => (compiled ??= compile(route))(doc);
        serializers.set(key, serializer);
      }
      return serializer;
    };
  };
}
