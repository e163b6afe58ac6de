/**
 * The web site's API types, generated from the document the platform serves
 * (/api/v1/openapi.json) by openapi-typescript into web/src/lib/api-schema.gen.ts.
 * `npm run api:types` rewrites the file after a change to the API;
 * test/web/api-types.test.ts fails while it is stale, so the site cannot
 * compile against shapes the API no longer has.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp } from '../src/api/app.js';
import { OPENAPI_PATH } from '../src/api/openapi.js';
import { openDatabase } from '../src/db/client.js';

export const API_TYPES_FILE = fileURLToPath(new URL('src/lib/api-schema.gen.ts', import.meta.url));

const HEADER = `/**
 * Generated from /api/v1/openapi.json by web/api-types.ts (npm run api:types): do not edit.
 * test/web/api-types.test.ts fails when this file no longer matches the served document.
 */
`;

/** The TypeScript module openapi-typescript makes of `document` (an OpenAPI 3.1 object). */
export async function apiTypes(document: object): Promise<string> {
  // openapi-typescript's own type for the document is stricter than JSON; the served object is what it reads.
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0], { alphabetize: false });
  return HEADER + astToString(ast);
}

/** The document as the platform serves it: built on an empty embedded database, nothing served. */
export async function servedDocument(): Promise<object> {
  const database = await openDatabase({});
  try {
    await database.migrate();
    const app = await buildApp({ database });
    try {
      const res = await app.inject({ method: 'GET', url: OPENAPI_PATH });
      if (res.statusCode !== 200) throw new Error(`${OPENAPI_PATH} answered ${res.statusCode}`);
      return res.json() as object;
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(API_TYPES_FILE, await apiTypes(await servedDocument()));
  console.log(`wrote ${API_TYPES_FILE}`);
}
