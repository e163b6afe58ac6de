/**
 * The web site's API types (web/src/lib/api-schema.gen.ts) are generated from the document the
 * platform serves: this fails while they are stale, so a changed field cannot break the site silently
 * (its type-check, `tsc -p web`, then fails where the site reads the field). Fix: `npm run api:types`.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypes } from '../../web/api-types.js';
import { testApi } from '../support/api.js';

// The document describes routes, not data: nothing to import.
const api = testApi(async () => {});

describe('the web site\'s API types', () => {
  it('are what openapi-typescript makes of the served document (else run npm run api:types)', async () => {
    const res = await api.get('/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    const committed = await readFile(API_TYPES_FILE, 'utf8');
    expect(committed === await apiTypes(res.json()), 'web/src/lib/api-schema.gen.ts is stale: run npm run api:types').toBe(true);
  }, 60_000);

  it('tell a changed document apart', async () => {
    const res = await api.get('/api/v1/openapi.json');
    const document = res.json() as { paths: Record<string, unknown> };
    delete document.paths['/api/v1/bills'];
    expect(await apiTypes(document)).not.toBe(await readFile(API_TYPES_FILE, 'utf8'));
  }, 60_000);
});
