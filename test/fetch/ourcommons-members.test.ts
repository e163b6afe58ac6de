/** Fetching the House members' exports from a local server that serves the shared member files under the publisher's layout. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type FetchConfig } from '../../src/config.js';
import { runFetch } from '../../src/fetch/fetch-run.js';
import { memberFileUrl, ourcommonsMembersFetcher } from '../../src/fetch/ourcommons-members.js';
import { MEMBER_FILES } from '../../src/ingest/ourcommons-members.js';
import { HOUSE_OF_COMMONS } from '../../src/ingest/reference.js';
import { SHARED_DATA, testDatabase, type TestDatabase } from '../support/db.js';
import { publisherServer, type PublisherServer } from '../support/publisher-server.js';

const PREFIX = '/dgrant59/ParliamentVotes/main';

describe('fetching the House members', () => {
  let server: PublisherServer;
  let database: TestDatabase;
  let settings: FetchConfig;
  const count = async (query: ReturnType<typeof sql>) => (await database.rows<{ n: number }>(query))[0]!.n;

  beforeAll(async () => {
    server = await publisherServer();
    settings = loadConfig({ FETCH_CONTACT: 'data@openpolicy.test', FETCH_MEMBERS_URL: `${server.url}${PREFIX}`, FETCH_HOST_INTERVAL_MS: '0', FETCH_RETRIES: '2', FETCH_BACKOFF_MS: '1' }).fetch;
    for (const file of Object.values(MEMBER_FILES)) server.documents.set(`${PREFIX}/${file}`, readFileSync(join(SHARED_DATA, 'ourcommons-44', file)));
    database = await testDatabase();
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('is published at the file names the importer reads, under the configured base', () => {
    expect(loadConfig({}).fetch.membersUrl).toBe('https://raw.githubusercontent.com/dgrant59/ParliamentVotes/main');
    expect(memberFileUrl(settings, MEMBER_FILES.seating)).toBe(`${server.url}${PREFIX}/members_seating.csv`);
  });

  it('a first fetch imports the 339 members with their seats, naming the URL of the file each came from', async () => {
    const first = await runFetch(database, ourcommonsMembersFetcher, settings);
    expect(first).toMatchObject({ source: 'ourcommons-members', status: 'succeeded', rejected: 0, error: null });
    // The same counts as the import of the shared folder (test/ingest/ourcommons-members.test.ts).
    expect(first.inserted).toBe(6 + 338 + 339 + 339 + 341);
    expect(server.requests.map((r) => [r.target, r.status])).toEqual(Object.values(MEMBER_FILES).map((f) => [`${PREFIX}/${f}`, 200]));
    expect(await count(sql`SELECT count(*)::int AS n FROM memberships WHERE organization_id = ${HOUSE_OF_COMMONS}`)).toBe(339);
    expect(await count(sql`SELECT count(*)::int AS n FROM fetched_documents WHERE source = 'ourcommons-members' AND run_id = ${first.runId}`)).toBe(4);
    const [anandasangaree] = await database.rows<{ sources: { url?: string; file?: string }[] }>(sql`
      SELECT sources FROM people WHERE name = 'Gary Anandasangaree'`);
    expect(anandasangaree!.sources).toContainEqual(expect.objectContaining({ source: 'ourcommons-members', url: memberFileUrl(settings, MEMBER_FILES.constituency) }));
    expect(anandasangaree!.sources.some((s) => s.file)).toBe(false);
  });

  it('a second fetch gets four 304s and writes nothing', async () => {
    const seen = server.requests.length;
    const documents = await count(sql`SELECT count(*)::int AS n FROM fetched_documents`);
    const updatedAt = await database.rows(sql`SELECT max(updated_at)::text AS at FROM people`);
    const second = await runFetch(database, ourcommonsMembersFetcher, settings);
    expect(second).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: 0, rejected: 0 });
    expect(server.requests.slice(seen).map((r) => r.status)).toEqual([304, 304, 304, 304]);
    expect(server.requests.slice(seen).every((r) => r.headers['if-none-match'])).toBe(true);
    expect(await count(sql`SELECT count(*)::int AS n FROM fetched_documents`)).toBe(documents);
    expect(await database.rows(sql`SELECT max(updated_at)::text AS at FROM people`)).toEqual(updatedAt);
  });

  it('a host that fails is retried, and the run fails naming the file and the attempts, with nothing written', async () => {
    const seen = server.requests.length;
    server.failing.set('*', 503);
    const failed = await runFetch(database, ourcommonsMembersFetcher, settings);
    server.failing.clear();
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe(`GET ${memberFileUrl(settings, MEMBER_FILES.caucus)} failed after 3 attempts: HTTP 503 Service Unavailable`);
    expect(server.requests.slice(seen).map((r) => r.status)).toEqual([503, 503, 503]);
  });

  it('a file no longer published fails the run rather than import members without it', async () => {
    const seating = server.documents.get(`${PREFIX}/${MEMBER_FILES.seating}`)!;
    server.documents.delete(`${PREFIX}/${MEMBER_FILES.seating}`);
    const failed = await runFetch(database, ourcommonsMembersFetcher, settings);
    server.documents.set(`${PREFIX}/${MEMBER_FILES.seating}`, seating);
    expect(failed).toMatchObject({ status: 'failed', inserted: 0, updated: 0 });
    expect(failed.error).toBe(`GET ${memberFileUrl(settings, MEMBER_FILES.seating)} failed after 1 attempt: HTTP 404: members_seating.csv is no longer published there`);
  });
});
