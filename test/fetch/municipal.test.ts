/** Fetching the municipal councils from a local mirror serving each city's shared file under its portal's host and path. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type FetchConfig } from '../../src/config.js';
import { runFetch } from '../../src/fetch/fetch-run.js';
import { CITY_FILES, cityFileUrl, municipalFetcher } from '../../src/fetch/municipal.js';
import { SHARED_DATA, testDatabase, type TestDatabase } from '../support/db.js';
import { publisherServer, type PublisherServer } from '../support/publisher-server.js';

describe('fetching the municipal councils', () => {
  let server: PublisherServer;
  let database: TestDatabase;
  let settings: FetchConfig;
  const target = (file: string) => { const u = new URL(cityFileUrl(settings, file)); return `${u.pathname}${u.search}`; };
  const count = async (query: ReturnType<typeof sql>) => (await database.rows<{ n: number }>(query))[0]!.n;

  beforeAll(async () => {
    server = await publisherServer();
    settings = loadConfig({ FETCH_CONTACT: 'data@openpolicy.test', FETCH_MUNICIPAL_MIRROR: server.url, FETCH_HOST_INTERVAL_MS: '0', FETCH_RETRIES: '1', FETCH_BACKOFF_MS: '1' }).fetch;
    for (const file of Object.keys(CITY_FILES)) server.documents.set(target(file), readFileSync(join(SHARED_DATA, 'municipal', file)));
    database = await testDatabase();
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('fetches each city\'s file from its portal\'s path and imports every council, naming the file\'s URL', async () => {
    expect(target('moncton.geojson')).toBe('/services1.arcgis.com/E26PuSoie2Y7bbyI/arcgis/rest/services/Elected_Officials/FeatureServer/0/query?outFields=*&where=1%3D1&f=geojson');
    const first = await runFetch(database, municipalFetcher, settings);
    expect(first).toMatchObject({ source: 'municipal', status: 'succeeded', rejected: 0, error: null });
    expect(server.requests.filter((r) => r.status === 200)).toHaveLength(13);
    expect(await count(sql`SELECT count(*)::int AS n FROM jurisdictions WHERE level = 'municipal'`)).toBe(13);
    // Current members of the 13 councils, as the file import of the same files gives (test/ingest/municipal.test.ts).
    expect(await count(sql`SELECT count(DISTINCT m.person_id)::int AS n FROM memberships m JOIN organizations o ON o.id = m.organization_id
      JOIN jurisdictions j ON j.id = o.jurisdiction_id WHERE j.level = 'municipal' AND m.end_date IS NULL`)).toBe(288);
    const [toronto] = await database.rows<{ sources: { url: string }[] }>(sql`
      SELECT p.sources FROM people p WHERE p.sources::text LIKE '%prod-toronto%' LIMIT 1`);
    expect(toronto!.sources).toContainEqual(expect.objectContaining({ source: 'municipal', url: cityFileUrl(settings, 'toronto.csv') }));
  });

  it('a second fetch gets 304s and writes nothing; a city whose server fails is retried and reported, the others still checked', async () => {
    const documents = await count(sql`SELECT count(*)::int AS n FROM fetched_documents`);
    const seen = server.requests.length;
    server.failing.set(target('guelph.csv'), 500);
    const second = await runFetch(database, municipalFetcher, settings);
    server.failing.clear();
    expect(second).toMatchObject({ status: 'partial', inserted: 0, updated: 0, unchanged: 0, rejected: 1 });
    expect(second.rejections[0]!.message).toBe(`GET ${cityFileUrl(settings, 'guelph.csv')} failed after 2 attempts: HTTP 500 Internal Server Error`);
    const statuses = server.requests.slice(seen).map((r) => r.status);
    expect(statuses.filter((s) => s === 304)).toHaveLength(12);
    expect(statuses.filter((s) => s === 500)).toHaveLength(2);
    expect(await count(sql`SELECT count(*)::int AS n FROM fetched_documents`)).toBe(documents);
  });
});
