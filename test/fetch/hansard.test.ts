/**
 * Fetching the House's Hansard from a local server that serves the shared
 * sitting of 2023-05-18 (44-1, No. 200) under ourcommons.ca's URL layout.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type FetchConfig } from '../../src/config.js';
import { replayFetch, runFetch } from '../../src/fetch/fetch-run.js';
import { hansardFetcher } from '../../src/fetch/hansard.js';
import { ourcommonsMembers } from '../../src/ingest/ourcommons-members.js';
import type { RunReport } from '../../src/ingest/runner.js';
import { SHARED_DATA, testDatabase, type TestDatabase } from '../support/db.js';
import { storedBallots } from '../support/division-fixtures.js';
import { importSteps } from '../support/imports.js';
import { publisherServer, type PublisherServer } from '../support/publisher-server.js';

const SITTING = '/Content/House/441/Debates/200/HAN200-E.XML';
const FRENCH = '/Content/House/441/Debates/200/HAN200-F.XML';
const NEXT = '/Content/House/441/Debates/201/HAN201-E.XML';

describe('fetching the Hansard of each sitting', () => {
  let server: PublisherServer;
  let database: TestDatabase;
  let settings: FetchConfig;
  let first: RunReport;

  beforeAll(async () => {
    server = await publisherServer();
    server.documents.set(SITTING, readFileSync(join(SHARED_DATA, 'hansard', '44-1-200-en.xml')));
    settings = loadConfig({
      FETCH_CONTACT: 'data@openpolicy.test', FETCH_OURCOMMONS_URL: server.url, FETCH_SESSION: '44-1', FETCH_HANSARD_FROM: '200', FETCH_HOST_INTERVAL_MS: '0',
    }).fetch;
    database = await testDatabase();
    await importSteps(database, [[ourcommonsMembers, [join(SHARED_DATA, 'ourcommons-44')]]]);
    first = await runFetch(database, hansardFetcher, settings);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('imports the sitting with its speeches and ballots, then stops at the first sitting not published', async () => {
    expect(first).toMatchObject({ source: 'hansard', status: 'succeeded', rejected: 0 });
    expect(server.requests.map((r) => `${r.status} ${r.target}`)).toEqual([`200 ${SITTING}`, `404 ${FRENCH}`, `404 ${NEXT}`]);
    const [debate] = await database.rows<{ date: string; number: number; sources: { url: string }[] }>(sql`SELECT date::text, number, sources FROM debates`);
    expect(debate).toMatchObject({ date: '2023-05-18', number: 200, sources: [expect.objectContaining({ source: 'hansard', url: `${server.url}${SITTING}` })] });
    expect(await storedBallots(database, 332)).toHaveLength(323);
    expect(await storedBallots(database, 333)).toHaveLength(324);
  });

  it('a second fetch asks again for the newest sitting (304) and the next, and writes nothing', async () => {
    const seen = server.requests.length;
    const before = await database.rows(sql`SELECT (SELECT count(*)::int FROM fetched_documents) AS documents, (SELECT max(updated_at)::text FROM speeches) AS changed`);
    const second = await runFetch(database, hansardFetcher, settings);
    expect(second).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: 0 });
    expect(server.requests.slice(seen).map((r) => `${r.status} ${r.target}`)).toEqual([`304 ${SITTING}`, `404 ${FRENCH}`, `404 ${NEXT}`]);
    expect(await database.rows(sql`SELECT (SELECT count(*)::int FROM fetched_documents) AS documents, (SELECT max(updated_at)::text FROM speeches) AS changed`)).toEqual(before);
  });

  it('replays the first run from the documents kept, without asking the server, naming the same URL and fetch time', async () => {
    const seen = server.requests.length;
    await database.db.execute(sql`DELETE FROM debates`);
    const replay = await replayFetch(database, hansardFetcher, first.runId);
    expect(replay).toMatchObject({ source: 'hansard', status: 'succeeded', rejected: 0 });
    expect(replay.inserted).toBeGreaterThan(300);
    expect(server.requests.length).toBe(seen);
    const [kept] = await database.rows<{ name: string; fetched_at: string }>(sql`
      SELECT name, to_char(fetched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS fetched_at FROM fetched_documents WHERE run_id = ${first.runId}`);
    expect(kept!.name).toBe('44-1-200-en.xml');
    const [debate] = await database.rows<{ sources: { url: string; retrieved_at: string }[] }>(sql`SELECT sources FROM debates`);
    expect(debate!.sources).toEqual([expect.objectContaining({ url: `${server.url}${SITTING}`, retrieved_at: kept!.fetched_at })]);
    await expect(replayFetch(database, hansardFetcher, replay.runId)).rejects.toThrow(`run ${replay.runId} of hansard fetched nothing to import: no document of it to replay`);
  });
});
