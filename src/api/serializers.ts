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
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import { sha256 } from '../auth/tokens.js';

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
