/**
 * Fetching the House's divisions from a local server that serves, under
 * ourcommons.ca's URL layout, the division list of the shared divisions CSV and
 * vote XML built only from the ballots the shared Hansard sitting of 2023-05-18
 * records (divisions 332 and 333).
 */
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { loadConfig, type FetchConfig } from '../../src/config.js';
import { runFetch } from '../../src/fetch/fetch-run.js';
import { ourcommonsVotesFetcher } from '../../src/fetch/ourcommons-votes.js';
import { hansard } from '../../src/ingest/hansard.js';
import { ourcommonsMembers } from '../../src/ingest/ourcommons-members.js';
import type { RunReport } from '../../src/ingest/runner.js';
import { SHARED_DATA, testDatabase, type TestDatabase } from '../support/db.js';
import { byVoter, divisionListXml, storedBallots, voteParticipantsXml, type StoredBallot } from '../support/division-fixtures.js';
import { importSteps } from '../support/imports.js';
import { publisherServer, type PublisherServer } from '../support/publisher-server.js';

const MEMBERS = join(SHARED_DATA, 'ourcommons-44');
// Two databases loaded with the members and a Hansard sitting: minutes on a busy shared machine.
const SETUP_MS = 600_000;
const LIST = '/members/en/votes/xml?parlSession=44-1';
const CONTACT = 'data-team@openpolicy.test';


describe('fetching ourcommons.ca divisions and their ballots', () => {
  let server: PublisherServer;
  let database: TestDatabase;
  let settings: FetchConfig;
  const hansardBallots: Record<number, StoredBallot[]> = {};
  let first: RunReport;

  const documents = async () => (await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM fetched_documents`))[0]!.n;
  const newestChange = async () => (await database.rows<{ at: string }>(sql`
    SELECT greatest((SELECT max(updated_at) FROM votes), (SELECT max(updated_at) FROM vote_events))::text AS at`))[0]!.at;

  beforeAll(async () => {
    server = await publisherServer();
    const fromHansard = await testDatabase();
    try {
      await importSteps(fromHansard, [[ourcommonsMembers, [MEMBERS]], [hansard, [join(SHARED_DATA, 'hansard', '44-1-200-en.xml')]]]);
      server.documents.set(LIST, Buffer.from(await divisionListXml([332, 333])));
      for (const number of [332, 333]) {
        hansardBallots[number] = await storedBallots(fromHansard, number);
        server.documents.set(`/members/en/votes/44/1/${number}/xml`, Buffer.from(await voteParticipantsXml(fromHansard, number)));
      }
    } finally {
      await fromHansard.drop();
    }
    settings = loadConfig({
      FETCH_CONTACT: CONTACT, FETCH_OURCOMMONS_URL: server.url, FETCH_SESSION: '44-1',
      FETCH_HOST_INTERVAL_MS: '0', FETCH_RETRIES: '2', FETCH_BACKOFF_MS: '1',
    }).fetch;
    database = await testDatabase();
    await importSteps(database, [[ourcommonsMembers, [MEMBERS]]]);
    first = await runFetch(database, ourcommonsVotesFetcher, settings);
  }, SETUP_MS);
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('imports every listed division with each ballot Hansard records, asking politely', async () => {
    expect(first).toMatchObject({ source: 'ourcommons-votes', status: 'succeeded', rejected: 0, inserted: 2 + 323 + 324 });
    for (const number of [332, 333]) expect(byVoter(await storedBallots(database, number))).toEqual(byVoter(hansardBallots[number]!));
    expect(server.requests.map((r) => `${r.status} ${r.target}`)).toEqual([
      `200 ${LIST}`,
      '404 /members/fr/votes/xml?parlSession=44-1',
      '200 /members/en/votes/44/1/332/xml',
      '200 /members/en/votes/44/1/333/xml',
    ]);
    for (const r of server.requests) expect(r.headers['user-agent']).toMatch(new RegExp(`^OpenPolicy/\\S+ \\(\\+${CONTACT};`));
  });

  it('keeps each document raw with its URL before importing, and names the URL in provenance', async () => {
    const rows = await database.rows<{ url: string; run_id: number; bytes: number; etag: string }>(sql`
      SELECT url, run_id::int, octet_length(body)::int AS bytes, etag FROM fetched_documents ORDER BY id`);
    expect(rows.map((r) => r.url)).toEqual([`${server.url}${LIST}`, `${server.url}/members/en/votes/44/1/332/xml`, `${server.url}/members/en/votes/44/1/333/xml`]);
    for (const r of rows) expect(r).toMatchObject({ run_id: first.runId, etag: expect.stringMatching(/^"/) });
    expect(rows[1]!.bytes).toBe(server.documents.get('/members/en/votes/44/1/332/xml')!.length);
    const [event] = await database.rows<{ sources: { url?: string; file?: string; source: string }[] }>(sql`
      SELECT sources FROM vote_events WHERE number = 332`);
    expect(event!.sources).toEqual([expect.objectContaining({ source: 'ourcommons-votes', url: `${server.url}${LIST}`, location: 'Vote[2]' })]);
    expect(event!.sources[0]!.file).toBeUndefined();
    const [run] = await database.rows<{ paths: string[] }>(sql`SELECT paths FROM import_runs WHERE id = ${first.runId}`);
    expect(run!.paths).toEqual([`${server.url}${LIST}`, `${server.url}/members/fr/votes/xml?parlSession=44-1`]);
  });

  it('a second fetch gets a 304 for the list, asks for no ballots it has, and writes nothing', async () => {
    const before = { documents: await documents(), changed: await newestChange() };
    const seen = server.requests.length;
    const second = await runFetch(database, ourcommonsVotesFetcher, settings);
    expect(second).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: 0, rejected: 0 });
    const asked = server.requests.slice(seen);
    expect(asked.map((r) => `${r.status} ${r.target}`)).toEqual([`304 ${LIST}`, '404 /members/fr/votes/xml?parlSession=44-1']);
    expect(asked[0]!.headers['if-none-match']).toMatch(/^"/);
    expect(asked[0]!.headers['if-modified-since']).toBe('Mon, 15 Jan 2024 12:00:00 GMT');
    expect(await documents()).toBe(before.documents);
    expect(await newestChange()).toBe(before.changed);
  });

  describe('when the host fails', () => {
    let app: FastifyInstance;
    let failed: RunReport;
    beforeAll(async () => {
      server.failing.set('*', 503);
      const seen = server.requests.length;
      failed = await runFetch(database, ourcommonsVotesFetcher, settings);
      server.failing.clear();
      expect(server.requests.length - seen).toBe(3);
      app = await buildApp({ database, ops: { staleAfterHours: 48 } });
    });
    afterAll(async () => {
      await app?.close();
    });

    it('retries, then reports the run failed with the URL and the reason', async () => {
      expect(failed).toMatchObject({ source: 'ourcommons-votes', status: 'failed', inserted: 0 });
      expect(failed.error).toBe(`GET ${server.url}${LIST} failed after 3 attempts: HTTP 503 Service Unavailable`);
    });

    it('shows the source stale in /health once its last success is older than DATA_STALE_HOURS', async () => {
      const fresh = (await app.inject({ method: 'GET', url: '/health' })).json();
      expect(fresh.components.importers).toContainEqual(expect.objectContaining({ source: 'ourcommons-votes', stale: false }));
      // Two days pass with the host down: the successful fetches are now 49 hours old, the failure changed nothing.
      await database.db.execute(sql`UPDATE import_runs SET finished_at = finished_at - interval '49 hours'
        WHERE source = 'ourcommons-votes' AND status = 'succeeded'`);
      const later = await buildApp({ database, ops: { staleAfterHours: 48 } });
      try {
        const health = (await later.inject({ method: 'GET', url: '/health' })).json();
        expect(health.status).toBe('degraded');
        expect(health.components.importers).toContainEqual(expect.objectContaining({ source: 'ourcommons-votes', stale: true }));
        expect(health.reason).toMatch(/no successful import within 48 h: .*ourcommons-votes/);
      } finally {
        await later.close();
      }
    });
  });
});
